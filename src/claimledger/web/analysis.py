"""Pasted text, an uploaded file or a URL in, a checked ledger out: the Analyze page and POST /api/analyze.

Input goes through the same ingest checks as ``claimledger analyze`` (decoding,
binary and size checks, the language test), so the web app refuses exactly what
the CLI refuses and says why with the same coded messages ([E101] …). Only the
HTTP status is added: 413 for an input over the size limit, 400 for the rest.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import PurePath

from claimledger.errors import (
    BadReview,
    ClaimledgerError,
    HostUnreachable,
    HttpError,
    InputError,
    InputTooLarge,
    TooManyRedirects,
)
from claimledger.ingest import is_url, parse_date
from claimledger.ingest.fetch import read_url
from claimledger.ingest.html import article_from_html, looks_like_html
from claimledger.ingest.text import article_from_text, decode
from claimledger.model import Article, Ledger, Review
from claimledger.pipeline import analyze

PASTED = "the pasted text"
HTML_SUFFIXES = (".html", ".htm")
# The Analyze page takes one article; a JSON Lines file is the corpus command's job.
TEXT_SUFFIXES = ("", ".txt", ".text", ".md", *HTML_SUFFIXES)

# spaCy pipelines are not documented as thread-safe, and the app serves sync
# routes from a thread pool: analyses take turns (each one takes milliseconds).
_ANALYSIS_LOCK = threading.Lock()


REVIEW_FIELDS = ("rating", "rating_value", "best", "worst", "note", "reviewer", "url")


def status_for(error: ClaimledgerError) -> int:
    """The HTTP status of a coded input error: 502 when the page of a URL could not be had from its server."""
    if isinstance(error, InputTooLarge):
        return 413
    return 502 if isinstance(error, (HostUnreachable, HttpError, TooManyRedirects)) else 400


def published_date(value: str | None) -> date | None:
    """An empty date field means no date; anything else must be a valid YYYY-MM-DD ([E107] otherwise)."""
    value = (value or "").strip()
    return parse_date(value) if value else None


def article_from_upload(data: bytes, filename: str, published: date | None, max_chars: int) -> Article:
    """An uploaded .txt or .html file as the CLI would read it from disk."""
    name = PurePath(filename).name or "the uploaded file"
    suffix = PurePath(name).suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise InputError(
            f"{name}: upload a text (.txt) or HTML (.html, .htm) file; for JSON Lines use `claimledger add`"
        )
    content = decode(data, name)
    if suffix in HTML_SUFFIXES or looks_like_html(content):
        return article_from_html(content, name, published, max_chars)
    return article_from_text(content, name, published, max_chars)


def article_from_url(url: str, published: date | None, max_chars: int) -> Article:
    """The page at ``url``, fetched and read as ``claimledger analyze URL`` reads it."""
    url = url.strip()
    if not is_url(url):
        raise InputError(f"{url!r} is not an http:// or https:// URL")
    return read_url(url, published, max_chars)[0]


def _optional_number(value: str, name: str) -> float | None:
    try:
        return float(value) if value.strip() else None
    except ValueError:
        raise BadReview(f"{name} must be a number, not {value!r}") from None


def review_from_form(fields: dict[str, str], article_id: str, claim_id: str) -> Review:
    """A review as a claim card's form gives it (empty fields are not given)."""
    return Review(
        article=article_id,
        claim=claim_id,
        claim_text="",
        rating=fields["rating"].strip(),
        rating_value=_optional_number(fields["rating_value"], "the rating value"),
        best_rating=_optional_number(fields["best"], "the best rating"),
        worst_rating=_optional_number(fields["worst"], "the worst rating"),
        note=fields["note"].strip() or None,
        reviewer=fields["reviewer"].strip() or None,
        url=fields["url"].strip() or None,
    )


def reviews_by_claim(reviews: list[Review]) -> dict[str, list[Review]]:
    """An article's reviews for its claim cards, oldest first under each claim."""
    found: dict[str, list[Review]] = {}
    for review in reviews:
        found.setdefault(review.claim, []).append(review)
    return found


def article_from_paste(text: str, published: date | None, max_chars: int) -> Article:
    """Pasted text, with browsers' CRLF line ends made LF so offsets match the text as a file would give it."""
    return article_from_text(text.replace("\r\n", "\n"), PASTED, published, max_chars)


def run(article: Article) -> Ledger:
    """The checked ledger of one article; the model loads on the first call and stays loaded."""
    with _ANALYSIS_LOCK:
        return analyze(article)
