"""The web app: server-rendered pages and a JSON API over one corpus.

``create_app`` wires a ``Corpus`` into a FastAPI app. The pages (``pages.py``)
and the API (``api.py``) are thin: every question is answered by the corpus,
every article is drawn by the report's own partial templates, so the web page
of an article and ``claimledger analyze --format html`` cannot drift apart.

Read-only unless ``allow_add``: the Analyze page analyses without storing, and
only an app made with ``allow_add=True`` lets a user add what they analysed (with
``token`` set, only a request that carries it). Every request that could change
anything passes the write gate of ``security.py`` first.

Every error is ``{"error": {"status", "code", "message"}}`` for the API (a page for
people), whatever raised it: a coded error, a 404, an invalid request (422), a bug (500).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import plotly
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from claimledger import __version__
from claimledger.errors import ClaimledgerError, InternalError, InvalidRequest, mask_password
from claimledger.ingest import DEFAULT_MAX_CHARS
from claimledger.report.html import TEMPLATES as REPORT_TEMPLATES
from claimledger.web import api, downloads, pages
from claimledger.web.analysis import ANALYSIS_QUEUE, ANALYSIS_SECONDS, AnalysisPool, status_for
from claimledger.web.cache import CompareCache
from claimledger.web.render import render_page
from claimledger.web.security import BodyLimit, RelativeRedirects, SecurityHeaders, guard_writes

if TYPE_CHECKING:
    from claimledger.corpus import Corpus

STATIC = Path(__file__).parent / "static"
# plotly.js as the installed plotly package ships it: no CDN, no copy in this repository.
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
# An article is at most DEFAULT_MAX_CHARS characters; its file may take up to 4 bytes a
# character, plus the form's own bytes. Anything bigger is refused before it is read.
DEFAULT_MAX_UPLOAD_BYTES = 10_000_000
# Static files change only with the installed version: a day in the browser cache
# spares the measure page from fetching plotly.js (4.8 MB) on every visit.
STATIC_CACHE = "public, max-age=86400"


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


# The code of an HTTP error that no coded error raised (a route's 404, Starlette's 405, …).
_HTTP_CODES = {404: "E404", 413: "E104", 422: "E405"}


def _error_response(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None, code: str | None = None
) -> Response:
    """API callers get ``{"error": {...}}``; people get a page that says what went wrong."""
    code = code or _HTTP_CODES.get(status, "E400" if status < 500 else "E500")
    if _is_api(request):
        response: Response = JSONResponse({"error": {"status": status, "code": code, "message": message}}, status)
    else:
        response = render_page(request, "error.html.j2", status_code=status, status=status, message=message,
                               title="Error")
    response.headers.update(headers or {})  # e.g. Allow on a 405
    return response


def _static_file(path: Path, media_type: str) -> FileResponse:
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": STATIC_CACHE})


def create_app(
    corpus: Corpus,
    allow_add: bool = False,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    token: str | None = None,
    analysis_seconds: float = ANALYSIS_SECONDS,
    analysis_queue: int = ANALYSIS_QUEUE,
) -> FastAPI:
    """The app over ``corpus``; ``allow_add`` lets the Analyze page and the API store articles.

    ``token``: storing also needs this secret (the CLI requires one beyond loopback).
    ``analysis_seconds`` and ``analysis_queue``: the time limit of one analysis and how many may wait.
    """
    compare_cache = CompareCache(corpus)
    analysis_pool = AnalysisPool(analysis_seconds, analysis_queue)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        compare_cache.warm()
        yield
        analysis_pool.close()

    app = FastAPI(
        lifespan=lifespan,
        title="claimledger",
        version=__version__,
        description="Ledgers of claims from news articles: figures, periods, sources and findings."
        " Articles are given in the ledger format (claimledger/1), measures in the compare format.",
        docs_url=None,  # the interactive docs load their scripts from a CDN, which the CSP forbids
        redoc_url=None,
        dependencies=[Depends(guard_writes)],  # the write gate, before every route
    )
    app.state.corpus = corpus
    app.state.compare_cache = compare_cache
    app.state.analysis_pool = analysis_pool
    app.state.allow_add = allow_add
    app.state.token = token or None
    app.state.max_upload_bytes = max_upload_bytes
    app.state.max_chars = max_chars

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        return _error_response(request, error.status_code, str(error.detail), error.headers)

    @app.exception_handler(ClaimledgerError)
    async def coded_error(request: Request, error: ClaimledgerError) -> Response:
        return _error_response(request, status_for(error), mask_password(str(error)), code=type(error).code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        # The offending input is not echoed: it may be anything (NaN, bytes, a lone surrogate).
        problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:])) or 'body'}: {e['msg']}" for e in error.errors())
        invalid = InvalidRequest(f"the request is not valid: {problems}")
        return _error_response(request, invalid.status, str(invalid), code=invalid.code)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        coded = InternalError.of(error, "the server failed")
        return _error_response(request, 500, mask_password(str(coded)), code=coded.code)

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return _static_file(PLOTLY_JS, "text/javascript")

    @app.get("/static/report.js", include_in_schema=False)
    def report_js() -> FileResponse:
        return _static_file(REPORT_TEMPLATES / "report.js", "text/javascript")

    @app.get("/static/report.css", include_in_schema=False)
    def report_css() -> FileResponse:
        return _static_file(REPORT_TEMPLATES / "report.css", "text/css")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(downloads.router)
    # Outermost last: the headers go on every response, the body limit acts before any route.
    app.add_middleware(BodyLimit, limit=max_upload_bytes)
    app.add_middleware(RelativeRedirects)
    app.add_middleware(SecurityHeaders)
    return app
