"""Ingest: files and stdin in, checked ``Article`` objects out.

The kind of input is told by the file's suffix: ``.html``/``.htm`` pages go
through trafilatura, ``.jsonl`` files hold one article per line, anything else
is plain text. Standard input (``-``) is plain text, or HTML when it starts
like an HTML page. An ``http(s)://`` URL is fetched (``ingest.fetch``) and read as
an HTML page. Every failure is a coded ``InputError``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from claimledger.ingest.dates import parse_date
from claimledger.ingest.html import looks_like_html, read_page
from claimledger.ingest.jsonl import articles_from_jsonl
from claimledger.ingest.fetch import is_url, read_url
from claimledger.ingest.text import (
    CONTAINER_FACTOR,
    DEFAULT_MAX_CHARS,
    STDIN,
    article_from_text,
    decode,
    display_name,
    max_bytes_for,
    read_bytes,
    too_large,
)
from claimledger.model import Article

__all__ = [
    "CONTAINER_FACTOR", "DEFAULT_MAX_CHARS", "STDIN", "Document", "is_url", "parse_date", "read_articles",
    "read_documents",
]

Document = tuple[Article, str | None]
"""An article and its author when the input names one (HTML pages do); the corpus keeps the author."""

Reader = Callable[[str, str, date | None, int, str | None], list[Document]]


def _text(content: str, name: str, published: date | None, max_chars: int, language: str | None) -> list[Document]:
    return [(article_from_text(content, name, published, max_chars, language), None)]


def _html(content: str, name: str, published: date | None, max_chars: int, language: str | None) -> list[Document]:
    return [read_page(content, name, published, max_chars, language=language)]


def _jsonl(content: str, name: str, published: date | None, max_chars: int, language: str | None) -> list[Document]:
    return [(article, None) for article in articles_from_jsonl(content, name, published, max_chars, language=language)]


_BY_SUFFIX: dict[str, Reader] = {".html": _html, ".htm": _html, ".jsonl": _jsonl}


def read_documents(
    path_or_dash: str | Path,
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    data: bytes | None = None,
    language: str | None = None,
) -> list[Document]:
    """The articles in one file (or stdin, ``-``) with their authors; ``published`` overrides any date they carry,
    ``language`` (an ISO 639-1 code) the language detected.

    ``data`` is the input's bytes when they were read already (standard input read once by
    ``add``, whose workers cannot read it).
    """
    if is_url(str(path_or_dash)):
        return [read_url(str(path_or_dash), published, max_chars)]
    name = display_name(path_or_dash)
    reader = _BY_SUFFIX.get(Path(path_or_dash).suffix.lower(), _text)
    factor = 1 if reader is _text and str(path_or_dash) != STDIN else CONTAINER_FACTOR
    max_bytes = max_bytes_for(max_chars) * factor
    if data is None:
        data = read_bytes(path_or_dash, max_bytes, max_chars)
    elif len(data) > max_bytes:
        raise too_large(name, f"over {max_bytes:,} bytes", max_chars)
    content = decode(data, name)
    if str(path_or_dash) == STDIN and looks_like_html(content):
        reader = _html
    return reader(content, name, published, max_chars, language)


def read_articles(
    path_or_dash: str | Path, published: date | None = None, max_chars: int = DEFAULT_MAX_CHARS,
    language: str | None = None,
) -> list[Article]:
    """The articles in one file (or stdin, ``-``); ``published`` overrides any date the input carries, ``language``
    the language detected."""
    return [article for article, _ in read_documents(path_or_dash, published, max_chars, language=language)]
