"""Downloads: the CSV, W3C annotations and ClaimReview of an article, a measure or a search result.

The same selections and renderers as ``claimledger export`` (``Corpus.selections``,
``Corpus.reviewed_claims``, ``report.export`` / ``annotations`` / ``claimreview``), so a
file downloaded here and one exported on the command line agree. Each is sent as an
attachment named after what it holds.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from claimledger.model import LedgerSelection, ReviewedClaim
from claimledger.report import annotations, claimreview, export

if TYPE_CHECKING:
    from claimledger.corpus import Corpus

router = APIRouter(include_in_schema=False)


class DownloadFormat(str, Enum):
    csv = "csv"
    annotations = "annotations"
    claimreview = "claimreview"


MEDIA_TYPES = {
    DownloadFormat.csv: "text/csv; charset=utf-8",
    DownloadFormat.annotations: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    DownloadFormat.claimreview: "application/ld+json",
}
SUFFIXES = {DownloadFormat.csv: "csv", DownloadFormat.annotations: "annotations.jsonld",
            DownloadFormat.claimreview: "claimreview.jsonld"}
_UNSAFE = re.compile(r"[^\w.-]+")


def _corpus(request: Request) -> Corpus:
    return request.app.state.corpus


def _attachment(
    fmt: DownloadFormat, name: str, selections: Iterable[LedgerSelection], reviewed: list[ReviewedClaim] | None,
) -> Response:
    if fmt is DownloadFormat.csv:
        handle = io.StringIO()
        export.write_csv(export.rows(selections), handle)
        body = handle.getvalue()
    elif fmt is DownloadFormat.annotations:
        body = annotations.render(selections, page_id=f"urn:claimledger:annotations:{name}")
    else:
        body = claimreview.render(reviewed or [])
    filename = f"{_UNSAFE.sub('-', name).strip('-') or 'export'}.{SUFFIXES[fmt]}"
    return Response(body, media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/articles/{article_id}/export.{fmt}")
def article_download(request: Request, article_id: str, fmt: DownloadFormat) -> Response:
    corpus = _corpus(request)
    if corpus.ledger(article_id) is None:
        raise HTTPException(404, f"No article with id {article_id} in this corpus.")
    reviewed = corpus.reviewed_claims(article_ids=[article_id]) if fmt is DownloadFormat.claimreview else None
    return _attachment(fmt, f"article-{article_id[:12]}", corpus.selections(article_ids=[article_id]), reviewed)


@router.get("/measures/{measure}/export.{fmt}")
def measure_download(request: Request, measure: str, fmt: DownloadFormat) -> Response:
    corpus = _corpus(request)
    reviewed = corpus.reviewed_claims(measure=measure) if fmt is DownloadFormat.claimreview else None
    return _attachment(fmt, f"measure-{measure}", corpus.selections(measure=measure), reviewed)


@router.get("/search/export.{fmt}")
def search_download(
    request: Request, fmt: DownloadFormat, q: Annotated[str, Query(min_length=1, max_length=200)]
) -> Response:
    """The articles the search page lists for ``q``."""
    corpus = _corpus(request)
    ids = [hit.id for hit in corpus.search(q).articles]
    reviewed = corpus.reviewed_claims(article_ids=ids) if fmt is DownloadFormat.claimreview else None
    return _attachment(fmt, f"search-{q}", corpus.selections(article_ids=ids), reviewed)
