"""Ingest: files and stdin in, checked ``Article`` objects out.

The kind of input is told by the file's suffix: ``.html``/``.htm`` pages go
through trafilatura, ``.jsonl`` files hold one article per line, anything else
is plain text. Standard input (``-``) is plain text, or HTML when it starts
like an HTML page. Every failure is a coded ``InputError``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from claimledger.ingest.dates import parse_date
from claimledger.ingest.html import article_from_html, looks_like_html
from claimledger.ingest.jsonl import articles_from_jsonl
from claimledger.ingest.text import (
    DEFAULT_MAX_CHARS,
    STDIN,
    article_from_text,
    decode,
    display_name,
    max_bytes_for,
    read_bytes,
)
from claimledger.model import Article

__all__ = ["DEFAULT_MAX_CHARS", "STDIN", "parse_date", "read_articles"]

# An HTML page or a JSON Lines file holds more than the text it yields (markup,
# several articles), so the raw file may be this many times the text limit.
CONTAINER_FACTOR = 10

Reader = Callable[[str, str, date | None, int], list[Article]]


def _text(content: str, name: str, published: date | None, max_chars: int) -> list[Article]:
    return [article_from_text(content, name, published, max_chars)]


def _html(content: str, name: str, published: date | None, max_chars: int) -> list[Article]:
    return [article_from_html(content, name, published, max_chars)]


_BY_SUFFIX: dict[str, Reader] = {".html": _html, ".htm": _html, ".jsonl": articles_from_jsonl}


def read_articles(
    path_or_dash: str | Path, published: date | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> list[Article]:
    """The articles in one file (or stdin, ``-``); ``published`` overrides any date the input carries."""
    name = display_name(path_or_dash)
    reader = _BY_SUFFIX.get(Path(path_or_dash).suffix.lower(), _text)
    factor = 1 if reader is _text and str(path_or_dash) != STDIN else CONTAINER_FACTOR
    content = decode(read_bytes(path_or_dash, max_bytes_for(max_chars) * factor, max_chars), name)
    if str(path_or_dash) == STDIN and looks_like_html(content):
        reader = _html
    return reader(content, name, published, max_chars)
