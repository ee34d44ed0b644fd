"""JSON Lines in, one article per line: how a crawl or another tool hands us many articles.

Each line is an object with ``text`` and optionally ``url``, ``title``,
``outlet``, ``published`` (YYYY-MM-DD) and ``language`` (an ISO 639-1 code). Each line stands alone: a line that is
wrong (not JSON, nested too deep, too long, not English, a bad date) gives its own
coded error that names the line, in the line's place, and the other lines go on.
Nothing is skipped silently: every caller reports the error of every bad line.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from claimledger.errors import BadDate, BadFormat, EmptyInput, InputError
from claimledger.ingest.clean import clean_field
from claimledger.ingest.dates import parse_date
from claimledger.ingest.text import UTF16_BOMS, check_text, decode, language_of, too_large
from claimledger.model import Article

JSON_ESCAPE_CHARS = 6
"""A character written as a JSON escape (\\uXXXX) takes six: the most a line may spend on one character."""
LINE_OVERHEAD = 100_000
"""Room on a line for the fields beside the text (title, url, outlet, published)."""

Line = tuple[str, Article | InputError]
"""Where (``name line N``) and the article of that line, or why it could not be read."""


def _optional_string(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise BadFormat(f"{where}: field {key!r} must be a string, not {type(value).__name__}")
    return clean_field(value)


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
    except RecursionError:
        raise BadFormat(f"{where}: the JSON is nested too deeply to be an article") from None
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


def max_line_bytes(max_chars: int) -> int:
    """The longest line that may hold an article of ``max_chars`` characters."""
    return JSON_ESCAPE_CHARS * max_chars + LINE_OVERHEAD


def _line(raw: bytes, where: str, published: date | None, max_chars: int, language: str | None) -> Line:
    """One line, decoded on its own: a line in another encoding or with binary bytes spoils only itself."""
    try:
        limit = max_line_bytes(max_chars)
        if len(raw) > limit:
            raise too_large(where, f"a line of {len(raw):,} bytes, over {limit:,}", max_chars)
        return where, _article(decode(raw, where), where, published, max_chars, language)
    except InputError as error:
        return where, error


def articles_from_jsonl(
    data: bytes, name: str, published: date | None, max_chars: int, first_line: int = 1,
    language: str | None = None,
) -> list[Line]:
    """Every non-blank line's article or coded error, in order; ``first_line`` numbers a chunk's lines as in its file."""
    if data.startswith(UTF16_BOMS):  # the one encoding whose lines cannot be split as bytes
        data = decode(data, name).encode("utf-8", "surrogatepass")
    # Split on "\n" only: str.splitlines() would also split on U+2028, which JSON
    # allows raw inside a string.
    lines = [
        _line(raw, f"{name} line {number}", published, max_chars, language)
        for number, raw in enumerate(data.split(b"\n"), start=first_line)
        if raw.strip()
    ]
    if not lines:
        raise EmptyInput(f"{name} has no JSON lines")
    return lines
