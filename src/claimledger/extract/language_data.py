"""The data files of one language: ``data/<lang>/<name>.json``, read once per process.

Every word a ru/uk/de component knows (cues, scales, month stems, measure triggers) is in
these files, so adding a language is adding a folder, not code. A missing or malformed file
is an installation fault, ``DataFileError`` [E201].
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from claimledger.errors import DataFileError


@cache
def language_data(lang: str, name: str) -> dict[str, Any]:
    """The JSON object of ``data/<lang>/<name>.json``."""
    path = resources.files("claimledger.data").joinpath(lang).joinpath(f"{name}.json")
    try:
        return json.loads(path.read_text("utf-8"))
    except (FileNotFoundError, json.JSONDecodeError) as error:
        raise DataFileError(f"data/{lang}/{name}.json cannot be read ({error}); reinstall claimledger") from None
