"""The one data loader (``claimledger/datafiles.py``): every module reads ``data/`` through it."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from claimledger import datafiles
from claimledger.errors import DataFileError

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimledger"
DATA_SUFFIXES = (".json", ".npz")


def data_file_readers(path: Path) -> list[str]:
    """What in ``path`` reads a data file past the loader: importlib.resources, ``__file__`` paths, a data file's name."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "importlib" and any(a.name == "resources" for a in node.names):
            found.append(f"line {node.lineno}: imports importlib.resources")
        elif isinstance(node, ast.Import) and any(a.name == "importlib.resources" for a in node.names):
            found.append(f"line {node.lineno}: imports importlib.resources")
        elif isinstance(node, ast.Attribute) and node.attr == "files" and isinstance(node.value, ast.Name) and node.value.id == "resources":
            found.append(f"line {node.lineno}: resources.files")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.endswith(DATA_SUFFIXES):
            found.append(f"line {node.lineno}: names the file {node.value!r}")
        elif isinstance(node, ast.Name) and node.id == "__file__" and '"data"' in path.read_text("utf-8"):
            found.append(f"line {node.lineno}: a path from __file__ to data/")
    return found


def test_no_module_but_the_loader_reads_data_files() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): found
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "datafiles.py" and (found := data_file_readers(path))
    }
    assert offenders == {}


@pytest.mark.parametrize(
    "source",
    [
        'from importlib import resources\nresources.files("claimledger.data")\n',
        "import importlib.resources\n",
        'WORDS = "periods_words.json"\n',
        'from pathlib import Path\nDATA = Path(__file__).parent / "data"\n',
    ],
)
def test_the_scan_catches_a_module_that_reads_data_itself(tmp_path: Path, source: str) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text(source, encoding="utf-8")
    assert data_file_readers(planted)


def test_the_scan_lets_a_module_that_uses_the_loader_pass(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text('from claimledger import datafiles\nWORDS = datafiles.load("periods_words")\n', encoding="utf-8")
    assert data_file_readers(planted) == []


def test_a_data_file_is_read_once_and_shared() -> None:
    assert datafiles.load("periods_words") is datafiles.load("periods_words")
    assert "months" in datafiles.load("periods_words")


def test_a_language_file_is_read_from_its_folder() -> None:
    assert datafiles.load("periods", "de") is not datafiles.load("periods", "ru")
    assert datafiles.load("periods", "de") == json.loads((PACKAGE / "data" / "de" / "periods.json").read_text("utf-8"))


def test_a_missing_data_file_is_a_coded_error() -> None:
    with pytest.raises(DataFileError, match=r"\[E201\] data/xx/periods.json cannot be read"):
        datafiles.load("periods", "xx")
    with pytest.raises(DataFileError, match=r"\[E201\] data/no_such_file.npz"):
        datafiles.weights("no_such_file")


def test_a_broken_lexicon_file_is_a_coded_error_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError, match="broken.json cannot be read"):
        datafiles.lexicon(str(broken))


def test_a_lexicon_setting_names_a_data_file_or_a_path(tmp_path: Path) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text('{"words": ["x"]}', encoding="utf-8")
    assert datafiles.lexicon(str(mine)) == {"words": ["x"]}
    assert datafiles.lexicon("measures", "uk") is datafiles.load("measures", "uk")
