"""Text made safe at the door: one normal form, no invisible characters, nothing a database refuses.

Every later stage reads the text this module returns, and the ledger's offsets index
into it (docs/ledger-format.md, "Offsets"). Three kinds of change are made, the same for
every input (file, HTML page, JSON line, pasted text) and so for SQLite and PostgreSQL alike:

* invisible format characters are removed: zero-width space, joiners and non-joiners,
  the word joiner, the byte-order mark used as a zero-width no-break space, the soft
  hyphen, and the bidirectional controls (marks, embeddings, overrides, isolates).
  They change nothing a reader sees, but inside a figure ("2\u200d1,6\u200c00") they
  split it in pieces, and bidi overrides can make the shown text differ from the read one;
* the text is put in Unicode normal form C, so that "é" typed two ways is one string;
* a NUL character (which PostgreSQL cannot store in text) and a lone surrogate (which is
  not a character and cannot be encoded as UTF-8, e.g. a JSON "\\ud800") become U+FFFD,
  the replacement character, one for one.
"""

from __future__ import annotations

import re
import unicodedata

INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u2064"  # word joiner and the invisible operators
    "\u2066-\u2069"  # bidi isolates
    "\ufeff"  # zero-width no-break space (a byte-order mark inside the text)
)
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean_text(text: str) -> str:
    """``text`` without invisible format characters, in NFC, with NUL and lone surrogates replaced."""
    text = _UNSTORABLE.sub(REPLACEMENT, text)
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def clean_field(value: str | None) -> str | None:
    """A metadata field (title, outlet, url) cleaned like the text; empty becomes None."""
    return clean_text(value) or None if value is not None else None
