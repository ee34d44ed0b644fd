"""JSON Lines in, one article per line: how a crawl or another tool hands us many articles.

Each line is an object with ``text`` and optionally ``url``, ``title``,
``outlet`` and ``published`` (YYYY-MM-DD). A line that is wrong stops the whole
file with an error that names the line, because skipping it silently would make
the ledgers look complete when they are not.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from claimledger.errors import BadDate, BadFormat, EmptyInput
from claimledger.ingest.dates import parse_date
from claimledger.ingest.text import check_text, language_of
from claimledger.model import Article

def _optional_string(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise BadFormat(f"{where}: field {key!r} must be a string, not {type(value).__name__}")
    return value or None


def _published(record: dict[str, Any], where: str) -> date | None:
    value = _optional_string(record, "published", where)
    try:
        return parse_date(value) if value else None
    except BadDate as error:
        raise BadDate(f"{where}: {error.detail}") from None


def _record(line: str, where: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadFormat(f"{where}: not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise BadFormat(f"{where}: expected a JSON object with a \"text\" field")
    if not isinstance(record.get("text"), str):
        raise BadFormat(f"{where}: the \"text\" field is missing or not a string")
    return record


def _article(line: str, where: str, published: date | None, max_chars: int, language: str | None) -> Article:
    record = _record(line, where)
    text = check_text(record["text"], where, max_chars)
    return Article(
        text=text,
        language=language_of(text, where, language or _optional_string(record, "language", where)),
        title=_optional_string(record, "title", where),
        url=_optional_string(record, "url", where),
        outlet=_optional_string(record, "outlet", where),
        published=published or _published(record, where),
    )


def articles_from_jsonl(
    content: str, name: str, published: date | None, max_chars: int, first_line: int = 1,
    language: str | None = None,
) -> list[Article]:
    """The articles of every non-blank line, in order; ``first_line`` numbers a chunk's lines as in its file."""
    # Split on "\n" only: str.splitlines() would also split on U+2028, which JSON
    # allows raw inside a string.
    articles = [
        _article(line, f"{name} line {number}", published, max_chars, language)
        for number, line in enumerate(content.split("\n"), start=first_line)
        if line.strip()
    ]
    if not articles:
        raise EmptyInput(f"{name} has no JSON lines")
    return articles
