"""The one reader of the package's data files: ``data/<name>.json`` and ``data/<lang>/<name>.json``.

Every lexicon, taxonomy and pattern table is a data file, so a word is changed (or a language
added) without touching code. Extraction and checks both read them, so this module sits at the
bottom of the layers (next to ``errors``), and it is the only module that opens a file of
``claimledger/data`` (``tests/test_datafiles.py`` holds the others to that). Each file is read
once per process and shared: callers get the same object and must not change it. A missing or
malformed file is a broken install, ``DataFileError`` [E201]; so is a lexicon file a user's
configuration names that cannot be read, with its path in the message.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from claimledger.errors import DataFileError

PACKAGE = "claimledger.data"


@cache
def load(name: str, lang: str | None = None) -> Any:
    """The JSON of ``data/<name>.json``, or of ``data/<lang>/<name>.json`` when ``lang`` is given."""
    folder = resources.files(PACKAGE)
    path = folder.joinpath(lang).joinpath(f"{name}.json") if lang else folder.joinpath(f"{name}.json")
    where = f"data/{lang}/{name}.json" if lang else f"data/{name}.json"
    return _parse(path.read_text, where, "reinstall claimledger")


@cache
def load_file(path: str) -> Any:
    """The JSON of a lexicon file outside the package (a component configured with ``lexicon = "/x/y.json"``)."""
    return _parse(Path(path).read_text, path, "check the component's lexicon setting")


def lexicon(reference: str, lang: str | None = None) -> Any:
    """What a component's ``lexicon`` setting names: a file path (ending in ``.json``) or a data file name."""
    return load_file(str(Path(reference).resolve())) if reference.endswith(".json") else load(reference, lang)


def weights(name: str) -> bytes:
    """The bytes of ``data/<name>.npz`` (trained weights); the caller parses them, once."""
    try:
        return resources.files(PACKAGE).joinpath(f"{name}.npz").read_bytes()
    except OSError as error:
        raise DataFileError(f"data/{name}.npz cannot be read ({error}); reinstall claimledger") from None


def _parse(read: Any, where: str, remedy: str) -> Any:
    try:
        return json.loads(read(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataFileError(f"{where} cannot be read ({error}); {remedy}") from None
