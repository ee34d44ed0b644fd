"""Pasted text, an uploaded file or a URL in, a checked ledger out: the Analyze page and POST /api/analyze.

Input goes through the same ingest checks as ``claimledger analyze`` (decoding,
binary and size checks, the language test), so the web app refuses exactly what
the CLI refuses and says why with the same coded messages ([E101] …). Only the
HTTP status is added: 413 for an input over the size limit, 400 for the rest.

Analyses run in ``AnalysisPool``, off the event loop: one worker thread (spaCy
pipelines are not documented as thread-safe), a short queue, and a time limit per
request, so that a long analysis never holds up the other pages and too many at once
get a coded 503 instead of an ever longer wait.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import PurePath
from typing import TypeVar

from claimledger.errors import (
    AnalysisTimeout,
    BadReview,
    ClaimledgerError,
    HostUnreachable,
    HttpError,
    InputError,
    InputTooLarge,
    ServerBusy,
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

ANALYSIS_SECONDS = 60.0
"""The time limit of one request's analysis (an article of news length takes well under a second)."""
ANALYSIS_QUEUE = 8
"""Analyses that may wait for the worker; one more gets 503 at once."""

T = TypeVar("T")


class AnalysisPool:
    """Runs analyses on one worker thread, at most ``queue`` waiting, each awaited for at most ``seconds``."""

    def __init__(self, seconds: float = ANALYSIS_SECONDS, queue: int = ANALYSIS_QUEUE) -> None:
        self.seconds = seconds
        self._executor: ThreadPoolExecutor | None = None
        # Released when the work ends, not when the request gives up: an analysis that outlived
        # its request still holds the worker, and its slot, until it is done.
        self._slots = threading.BoundedSemaphore(1 + queue)

    async def run(self, work: Callable[[], T]) -> T:
        """``work()``'s result, computed on the worker; [E406] when the queue is full, [E407] when it takes too long."""
        if not self._slots.acquire(blocking=False):
            raise ServerBusy("the server is busy analysing other articles: try again in a minute")
        if self._executor is None:  # started on first use, and again after the app stopped and restarted
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimledger-analysis")
        try:
            future = self._executor.submit(work)
        except RuntimeError:  # the app is shutting down
            self._slots.release()
            raise ServerBusy("the server is shutting down") from None
        future.add_done_callback(lambda _: self._slots.release())
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.seconds)
        except TimeoutError:
            raise AnalysisTimeout(
                f"the analysis took longer than this server's limit of {self.seconds:g} s: try a shorter text,"
                " or analyse it with `claimledger analyze`"
            ) from None

    def close(self) -> None:
        """Drops the waiting analyses; the running one ends on its own (a thread cannot be stopped)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


REVIEW_FIELDS = ("rating", "rating_value", "best", "worst", "note", "reviewer", "url")


def status_for(error: ClaimledgerError) -> int:
    """The HTTP status of a coded error: a web error carries its own, 413 for an input over the size limit, 502
    when the page of a URL could not be had from its server, else 400."""
    status = getattr(error, "status", None)
    if isinstance(status, int):
        return status
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
    """The checked ledger of one article; the model loads on the first call and stays loaded.

    Call it through ``AnalysisPool.run``, which keeps analyses on one thread.
    """
    return analyze(article)
