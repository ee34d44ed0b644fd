"""The HTML pages: Overview, Article, Measure, Source, Analyze and Search.

Each handler asks the corpus one or two questions and hands the answers to a
template; nothing here re-analyses a stored article. Pages are left out of the
OpenAPI schema, which describes the JSON API only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from claimledger.errors import ClaimledgerError, NotInCorpus
from claimledger.ingest.clean import clean_field
from claimledger.model import SEVERITIES, Severity
from claimledger.web import analysis, charts
from claimledger.web import lineage as lineage_view
from claimledger.web.analysis import REVIEW_FIELDS, review_from_form, reviews_by_claim
from claimledger.web.render import article_context, cached_page, render_page
from claimledger.web.security import CHART_CONTENT_SECURITY_POLICY, require_storing

if TYPE_CHECKING:
    from claimledger.corpus import Corpus

router = APIRouter(include_in_schema=False)

LATEST = 20
TOP_MEASURES = 10
PAGE_SIZE = 50
# Rows of a measure's tables shown per group: a page of thousands of rows helps nobody and
# costs the page its speed; the API gives them all.
MAX_ROWS = 100


def _corpus(request: Request) -> Corpus:
    return request.app.state.corpus


@router.get("/")
def overview(request: Request) -> Response:
    corpus = _corpus(request)
    measures = corpus.measures()[:TOP_MEASURES]
    return render_page(
        request,
        "overview.html.j2",
        title="Overview",
        stats=corpus.stats(),
        latest=corpus.articles(limit=LATEST),
        measures=measures,
    )


@router.get("/articles")
def article_list(request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
    articles = _corpus(request).articles(limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    return render_page(
        request,
        "articles.html.j2",
        title="Articles",
        articles=articles[:PAGE_SIZE],
        page=page,
        more=len(articles) > PAGE_SIZE,
    )


@router.get("/articles/{article_id}")
async def article(request: Request, article_id: str, min_severity: Severity = "info") -> Response:
    corpus = _corpus(request)

    def build() -> dict[str, Any] | None:
        ledger = corpus.ledger(article_id)
        if ledger is None:
            return None
        context = article_context(ledger, corpus.corpus_findings(article_id), min_severity)
        context["card_reviews"] = reviews_by_claim(corpus.reviews(article_id))
        if request.app.state.allow_add:
            context["review_action"] = f"/articles/{article_id}/reviews"
        context["journeys"] = {
            claim: (f"/lineage/{article_id}/{claim}", articles, drifts)
            for claim, (articles, drifts) in corpus.lineage_counts(article_id).items()
        }
        return {"title": context["heading"], "stored": True, **context}

    # Same corpus, same page: rendered once per article, filter and state of the corpus.
    page = await cached_page(request, ("article", article_id, min_severity), build, "article.html.j2")
    if page is None:
        raise HTTPException(404, f"No article with id {article_id} in this corpus.")
    return page


@router.get("/lineage/{article_id}/{claim_id}")
def lineage(request: Request, article_id: str, claim_id: str) -> Response:
    """One number's journey: the lineage that holds this figure, as a timeline and a tree with the drifts."""
    found = _corpus(request).trace(article_id, claim_id)
    if found is None:
        raise HTTPException(404, f"No countable figure {claim_id} in article {article_id}.")
    focus = f"{article_id}:{claim_id}"
    children: dict[str, list[object]] = {}
    for node in found.nodes[1:]:
        children.setdefault(node.parent or "", []).append(node)
    measure = next((n.measure for n in found.nodes if n.id == focus and n.measure), None)
    return render_page(
        request, "lineage.html.j2", title=f"Journey of {found.root.text}", lineage=found, focus=focus,
        edges={edge.child: edge for edge in found.edges}, children=children, measure=measure,
        timeline=lineage_view.timeline(found, focus),
    )


@router.get("/measures/{measure}/citations")
def citations(request: Request, measure: str) -> Response:
    """Who cites whom for a measure: the outlets and the sources they credit."""
    found = _corpus(request).citations(measure)
    return render_page(request, "citations.html.j2", title=f"Who cites whom: {measure}", measure=measure,
                       citations=found)


@router.post("/articles/{article_id}/reviews")
async def review_submit(request: Request, article_id: str) -> Response:
    """Store a review from a claim card's form (behind the same gate as storing articles)."""
    require_storing(request)
    async with request.form() as form:
        fields = {key: value for key, value in form.items()}
    claim = _field(fields, "claim").strip()
    try:
        review = review_from_form({key: _field(fields, key) for key in REVIEW_FIELDS}, article_id, claim)
        await run_in_threadpool(_corpus(request).review, review)
    except ClaimledgerError as error:
        raise HTTPException(404 if isinstance(error, NotInCorpus) else 400, str(error)) from None
    request.app.state.compare_cache.clear()
    return RedirectResponse(f"/articles/{article_id}#card-{quote(claim)}", status_code=303)


@router.get("/measures/{measure}")
async def measure(request: Request, measure: str) -> Response:
    def build() -> dict[str, Any] | None:
        groups = request.app.state.compare_cache.compare(measure)
        reference = _corpus(request).reference(measure)
        if not groups and not reference:
            return None
        return {"title": f"Measure: {measure}", "measure": measure, "groups": groups, "reference": reference,
                "max_rows": MAX_ROWS, "charts": charts.measure_chart(measure, groups, reference)}

    page = await cached_page(request, ("measure", measure), build, "measure.html.j2",
                       headers={"Content-Security-Policy": CHART_CONTENT_SECURITY_POLICY})
    if page is None:
        raise HTTPException(404, f"No figures for the measure {measure!r} in this corpus.")
    return page


@router.get("/sources/{name:path}")
def source(request: Request, name: str) -> Response:
    profile = _corpus(request).source(name)
    if profile is None:
        raise HTTPException(404, f"No source named {name!r} in this corpus.")
    return render_page(request, "source.html.j2", title=f"Source: {name}", name=name, profile=profile)


@router.get("/search")
async def search(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> Response:
    query = q.strip()

    def build() -> dict[str, Any]:
        results = _corpus(request).search(query) if query else None
        return {"title": "Search", "query": query, "results": results}

    return await cached_page(request, ("search", query), build, "search.html.j2")  # type: ignore[return-value]


@router.get("/analyze")
def analyze_form(request: Request) -> Response:
    return render_page(request, "analyze.html.j2", title="Analyze", error=None, form={})


def _field(form: dict[str, object], name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


@router.post("/analyze")
async def analyze_submit(request: Request) -> Response:
    """Analyse a pasted text or an uploaded file; store it only when asked and allowed."""
    state = request.app.state
    # Starlette caps each multipart field at 1 MB by default; the app's own limit is the
    # one that counts, and BodyLimit has already enforced it on the whole request.
    async with request.form(max_part_size=state.max_upload_bytes) as form:
        fields = {key: value for key, value in form.items()}
        upload = fields.get("file")
        data = await upload.read() if isinstance(upload, UploadFile) and upload.filename else b""
        filename = upload.filename if isinstance(upload, UploadFile) and upload.filename else ""
    shown = {key: _field(fields, key) for key in ("text", "published", "title", "outlet", "url", "min_severity")}
    min_severity = shown["min_severity"] if shown["min_severity"] in SEVERITIES else "info"
    store = _field(fields, "store") == "yes"

    pool = state.analysis_pool
    try:
        if store:
            require_storing(request)
        published = analysis.published_date(shown["published"])
        if data:
            article = analysis.article_from_upload(data, filename, published, state.max_chars)
        elif shown["url"].strip():
            require_storing(request)  # fetching for a user must not make an exposed server an open proxy
            article = await run_in_threadpool(analysis.article_from_url, shown["url"], published, state.max_chars)
        else:
            article = analysis.article_from_paste(shown["text"], published, state.max_chars)
        article.title = article.title or clean_field(shown["title"].strip())
        article.outlet = article.outlet or clean_field(shown["outlet"].strip())
        if store:
            await pool.run(lambda: _corpus(request).add_articles([article]))
            state.compare_cache.clear()
            return RedirectResponse(f"/articles/{article.id}", status_code=303)
        ledger = await pool.run(lambda: analysis.run(article))
    except ClaimledgerError as error:
        return render_page(
            request, "analyze.html.j2", status_code=analysis.status_for(error), title="Analyze",
            error=str(error), form=shown,
        )
    context = article_context(ledger, min_severity=min_severity)
    return render_page(request, "article.html.j2", title=context["heading"], stored=False, **context)
