"""The JSON API under /api/: the ledger format for articles, the compare format for measures.

Every response body is what the library's ``to_dict`` gives, so the API, the
CLI's ``--format json`` and the documents in docs/ describe one shape. Errors
are ``{"error": {"status", "code", "message"}}`` with the coded ingest messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from claimledger.ingest.clean import clean_field
from claimledger.model import Severity
from claimledger.report.format import at_least
from claimledger.web import analysis
from claimledger.web.security import require_storing

if TYPE_CHECKING:
    from claimledger.corpus import Corpus
    from claimledger.model import Article, Ledger

Json = dict[str, Any]


class ErrorBody(BaseModel):
    status: int
    code: str | None = None
    message: str


class Error(BaseModel):
    error: ErrorBody


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Documented error responses, so a client (and schemathesis) knows which statuses to expect."""
    meaning = {
        400: "The input cannot be analysed (coded message: [E101] empty, [E105] not English, …)",
        401: "Storing on this server needs its token ([E402])",
        403: "Storing is disabled ([E401]), or the request comes from another site ([E403])",
        404: "Not in this corpus",
        413: "The input is over the size limit",
        422: "The request is not valid ([E405])",
        503: "The server is busy ([E406]) or the analysis took too long ([E407])",
    }
    return {status: {"model": Error, "description": meaning[status]} for status in statuses}


router = APIRouter(prefix="/api", tags=["api"])


class AnalyzeRequest(BaseModel):
    text: str = Field(description="The article text (plain text).")
    published: str | None = Field(
        None, description="Publication date YYYY-MM-DD, the reference for relative periods.", examples=["2025-11-28"]
    )
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    store: bool = Field(False, description="Also add the article to the corpus (only with --allow-add).")
    min_severity: Severity = Field(
        "info", description="Return only the findings of this severity or graver (high > medium > low > info)."
    )


def _corpus(request: Request) -> Corpus:
    return request.app.state.corpus


@router.get("/stats", summary="Counts of articles, outlets, figures and findings")
def stats(request: Request) -> Json:
    return _corpus(request).stats().to_dict()


@router.get("/articles", summary="Stored articles, newest first (without their text)")
def articles(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    outlet: Annotated[str | None, Query(max_length=500)] = None,
) -> list[Json]:
    found = _corpus(request).articles(limit=limit, offset=offset, outlet=outlet)
    return [{key: value for key, value in a.to_dict().items() if key != "text"} for a in found]


@router.get("/articles/{article_id}", summary="The ledger of one article (claimledger/1)", responses=_errors(404))
def article(request: Request, article_id: str) -> Json:
    corpus = _corpus(request)
    ledger = corpus.ledger(article_id)
    if ledger is None:
        raise HTTPException(404, f"No article with id {article_id} in this corpus.")
    return ledger.to_dict()


@router.get("/articles/{article_id}/corpus-findings", summary="Findings the corpus adds to one article",
            responses=_errors(404))
def corpus_findings(request: Request, article_id: str) -> list[Json]:
    corpus = _corpus(request)
    if corpus.ledger(article_id) is None:
        raise HTTPException(404, f"No article with id {article_id} in this corpus.")
    return [f.to_dict() for f in corpus.corpus_findings(article_id)]


@router.get("/measures", summary="Measures with their counts, most conflicts first")
def measures(request: Request) -> list[Json]:
    return [m.to_dict() for m in _corpus(request).measures()]


@router.get("/measures/{measure}", summary="Every figure for one measure (the compare format)", responses=_errors(404))
def measure(request: Request, measure: str) -> list[Json]:
    groups = request.app.state.compare_cache.compare(measure)
    if not groups:
        raise HTTPException(404, f"No figures for the measure {measure!r} in this corpus.")
    return [g.to_dict() for g in groups]


@router.get("/measures/{measure}/reference", summary="The reference series loaded for one measure")
def reference(request: Request, measure: str) -> list[Json]:
    return [row.to_dict() for row in _corpus(request).reference(measure)]


@router.get("/measures/{measure}/citations", summary="Who cites whom: outlets and the sources they credit for a measure")
def citations(request: Request, measure: str) -> list[Json]:
    return [row.to_dict() for row in _corpus(request).citations(measure)]


@router.get(
    "/lineage/{article_id}/{claim_id}", summary="The lineage that holds one figure (docs/compare-format.md)",
    responses=_errors(404),
)
def lineage(request: Request, article_id: str, claim_id: str) -> Json:
    found = _corpus(request).trace(article_id, claim_id)
    if found is None:
        raise HTTPException(404, f"No countable figure {claim_id} in article {article_id}.")
    return found.to_dict()


@router.get("/sources/{name:path}", summary="Everything attributed to one source", responses=_errors(404))
def source(request: Request, name: str) -> Json:
    profile = _corpus(request).source(name)
    if profile is None:
        raise HTTPException(404, f"No source named {name!r} in this corpus.")
    return profile.to_dict()


@router.get("/search", summary="Search article text, sources and measures")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Json:
    return _corpus(request).search(q, limit=limit).to_dict()


@router.post(
    "/analyze",
    summary="Analyse one article; store it only when asked and allowed",
    responses=_errors(400, 401, 403, 413, 422, 503),
)
async def analyze(request: Request, body: AnalyzeRequest) -> JSONResponse:
    """Coded errors ([E1xx] input, [E4xx] refused) become ``{"error": …}`` through the app's handler."""
    state = request.app.state
    if body.store:
        require_storing(request)
    published = analysis.published_date(body.published)
    article = analysis.article_from_paste(body.text, published, state.max_chars)
    article.title, article.outlet, article.url = (clean_field(v) for v in (body.title, body.outlet, body.url))
    pool = state.analysis_pool
    ledger = await pool.run(lambda: _store(_corpus(request), article)) if body.store else None
    if body.store:
        state.compare_cache.clear()
    return JSONResponse(at_least(ledger or await pool.run(lambda: analysis.run(article)), body.min_severity).to_dict())


def _store(corpus: Corpus, article: Article) -> Ledger | None:
    """Analyse and store one article, and read back its ledger as stored."""
    corpus.add_articles([article])
    return corpus.ledger(article.id)
