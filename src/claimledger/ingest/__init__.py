"""Ingest: files, stdin and URLs in, checked ``Article`` objects out.

The kind of input is told by the file's suffix: ``.html``/``.htm`` pages go
through trafilatura, ``.jsonl`` files hold one article per line, anything else
is plain text. Standard input (``-``) is plain text, or HTML when it starts
like an HTML page. An ``http(s)://`` URL is fetched (``ingest.fetch``) and read as
an HTML page. Every failure is a coded ``InputError``: a file that cannot be
read at all raises it, a JSON line that cannot be read gives it in its place.
Every text is cleaned at the door (``clean.clean_text``) before anything reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from claimledger.errors import ClaimledgerError, InputError
from claimledger.ingest.dates import parse_date
from claimledger.ingest.fetch import is_url, read_url
from claimledger.ingest.html import looks_like_html, read_page
from claimledger.ingest.jsonl import articles_from_jsonl
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
    "CONTAINER_FACTOR", "DEFAULT_MAX_CHARS", "STDIN", "Document", "Entry", "is_url", "parse_date", "read_articles",
    "read_documents",
]

Document = tuple[Article, str | None]
"""An article and its author when the input names one (HTML pages do); the corpus keeps the author."""

Entry = tuple[str, Document | InputError]
"""Where an article came from (the input's name, ``name line N`` for a JSON line) and the
article with its author, or the coded error that says why that one could not be read."""

Reader = Callable[[str, str, date | None, int, str | None], list[Entry]]
"""Reads one decoded text (a JSON Lines file is decoded line by line instead, by ``jsonl_entries``)."""


def _text(content: str, name: str, published: date | None, max_chars: int, language: str | None) -> list[Entry]:
    return [(name, (article_from_text(content, name, published, max_chars, language), None))]


def _html(content: str, name: str, published: date | None, max_chars: int, language: str | None) -> list[Entry]:
    return [(name, read_page(content, name, published, max_chars, language=language))]


def jsonl_entries(
    data: bytes, name: str, published: date | None, max_chars: int, first_line: int = 1, language: str | None = None
) -> list[Entry]:
    return [
        (where, found if isinstance(found, InputError) else (found, None))
        for where, found in articles_from_jsonl(data, name, published, max_chars, first_line, language=language)
    ]


_BY_SUFFIX: dict[str, Reader] = {".html": _html, ".htm": _html}
JSONL = ".jsonl"


def read_documents(
    path_or_dash: str | Path,
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    data: bytes | None = None,
    language: str | None = None,
) -> list[Entry]:
    """The articles in one input (a file, stdin ``-`` or a URL) with their authors; ``published`` overrides any
    date they carry, ``language`` (an ISO 639-1 code) the language detected.

    Raises the coded error of an input that cannot be read at all; a JSON line that cannot
    be read is an entry with its error, so that the file's other lines go on.

    ``data`` is the input's bytes when they were read already (standard input read once by
    ``add``, whose workers cannot read it).
    """
    if is_url(str(path_or_dash)):
        return [(str(path_or_dash), read_url(str(path_or_dash), published, max_chars, language=language))]
    name = display_name(path_or_dash)
    suffix = Path(path_or_dash).suffix.lower()
    reader = _BY_SUFFIX.get(suffix, _text)
    factor = CONTAINER_FACTOR if suffix == JSONL or str(path_or_dash) == STDIN else 1
    max_bytes = max_bytes_for(max_chars) * factor
    if data is None:
        data = read_bytes(path_or_dash, max_bytes, max_chars)
    elif len(data) > max_bytes:
        raise too_large(name, f"over {max_bytes:,} bytes", max_chars)
    if suffix == JSONL:
        return jsonl_entries(data, name, published, max_chars, language=language)
    content = decode(data, name)
    if str(path_or_dash) == STDIN and looks_like_html(content):
        reader = _html
        if len(data) > max_bytes_for(max_chars):
            raise too_large(name, f"a page of {len(data):,} bytes", max_chars)
    return reader(content, name, published, max_chars, language)


def read_articles(
    path_or_dash: str | Path, published: date | None = None, max_chars: int = DEFAULT_MAX_CHARS,
    language: str | None = None,
) -> list[Article]:
    """The articles in one input; ``published`` overrides any date the input carries, ``language`` the language
    detected.

    Strict: the first line that cannot be read raises its error (``read_documents`` goes on past it).
    """
    articles = []
    for _, found in read_documents(path_or_dash, published, max_chars, language=language):
        if isinstance(found, ClaimledgerError):
            raise found
        articles.append(found[0])
    return articles
