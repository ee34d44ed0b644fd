"""Fixtures shared by the test files: the bundled example, the model, files to read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import json
import os

from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from spacy.language import Language

EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "examples" / "desertion-report.txt"

ArticleFactory = Callable[[str, str | bytes], Path]

# In CI the property tests draw the same examples every run, so a red build always
# reproduces; locally they draw new ones each run and keep finding new cases.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


# Fixtures that load the trained spaCy model (or run it on the example). A test that asks for one
# needs the parser and is marked slow here, so `pytest -m "not slow"` runs the fast part alone;
# tests that reach the model another way (tests/_attrib_helpers.run) carry the mark themselves.
MODEL_FIXTURES = frozenset({"nlp", "parsed", "example_doc", "example_ledger"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_ledger() -> dict:
    """The example's JSON ledger as a user gets it: the real CLI and model, published 2025-11-28.

    The golden tests (test_e2e_golden*.py, test_e2e_framing.py) all read this one run.
    """
    from typer.testing import CliRunner

    from claimledger.cli import app

    result = CliRunner().invoke(app, ["analyze", str(EXAMPLE), "--published", "2025-11-28", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full pipeline, loaded once and only by the tests that ask for it (they are slow)."""
    from claimledger import nlp as nlp_loader

    return nlp_loader.load()


@pytest.fixture
def tmp_article(tmp_path: Path) -> ArticleFactory:
    """Writes ``content`` to ``tmp_path/name`` (text as UTF-8, bytes as they are) and returns the path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
