"""The ledger as the JSON contract: one document per article, or one line per article.

The contract itself lives in ``model.py``; this module only decides the layout
(indented for a person, one line for JSON Lines) and the shape of an error line.
"""

from __future__ import annotations

import json

from claimledger.model import FORMAT, Ledger

# json.dumps(ensure_ascii=False) keeps these raw, and str.splitlines() breaks a
# line at each of them: escaping them keeps one ledger on one line for every reader.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _one_line(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)
    return text


def render(ledger: Ledger) -> str:
    return ledger.to_json(indent=2)


def render_line(ledger: Ledger) -> str:
    """One ledger as one JSON Lines record."""
    return _one_line(ledger.to_dict())


def error_line(file: str, message: str) -> str:
    """The JSON Lines record that stands in for an article that could not be analysed."""
    return _one_line({"format": FORMAT, "error": {"file": file, "message": message}})
