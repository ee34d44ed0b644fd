"""Templates for the web pages, and the view of one ledger that the article page draws.

The web templates and the report's templates share one Jinja2 environment, so the
article page includes ``ledger-head.html.j2`` and ``ledger-body.html.j2`` exactly
as the HTML report does. Autoescape is on for every template: article text,
names and messages are always text, never markup.
"""

from __future__ import annotations

import gzip
import json
import secrets
from collections.abc import Callable, Hashable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from claimledger.model import SEVERITIES, Figure, Finding, GroupFigure, Ledger
from claimledger.report import html as report_html
from claimledger.report.format import article_heading, at_least, format_bounds, format_number, format_period
from claimledger.web.security import csrf_token, set_csrf_cookie

TEMPLATES = Path(__file__).parent / "templates"

def url_part(value: object) -> str:
    """One path segment: a source named "A/B" or "50% club" still makes one working link."""
    return quote(str(value), safe="")


def json_script(value: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">``: "</script>" and "<!--" cannot end the block."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _bounds(figure: GroupFigure) -> str:
    """A compared figure's bounds in the same words as the article page's cards."""
    return format_bounds(Figure(0, 0, figure.text, figure.low, figure.high, figure.approximate))


@cache
def environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(TEMPLATES), FileSystemLoader(report_html.TEMPLATES)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["url_part"] = url_part
    env.filters["number"] = lambda value: "—" if value is None else format_number(value)
    env.filters["json_script"] = json_script
    env.filters["heading"] = article_heading
    env.filters["period"] = format_period
    env.filters["bounds"] = _bounds
    return env


def render_page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A full page; every page gets the request (for the nav), whether storing is allowed and needs the
    server's token, and the CSRF token its forms carry (set as a cookie with the page)."""
    state = request.app.state
    html = environment().get_template(template).render(
        request=request, allow_add=state.allow_add, token_required=bool(state.token),
        csrf_token=context.pop("csrf_token", None) or csrf_token(request), **context
    )
    response = HTMLResponse(html, status_code=status_code)
    set_csrf_cookie(request, response.headers)
    return response


# Stands for the CSRF token in a page kept by the cache, and is replaced by each visitor's own:
# random per process, so that no article text can contain it.
_TOKEN_PLACEHOLDER = f"csrf-{secrets.token_hex(16)}"


async def cached_page(
    request: Request, key: Hashable, build: Callable[[], dict[str, Any] | None], template: str,
    headers: dict[str, str] | None = None,
) -> Response | None:
    """A page kept by the app's cache per state of the corpus (None when ``build`` finds nothing to show).

    ``build`` asks the corpus and gives the template's context; it runs only when the page is not
    kept. The page is rendered once, with a placeholder where its forms carry the CSRF token, and
    each visitor gets it with their own token (and its cookie). A page without a form is also kept
    gzip-compressed, and sent so to a client that accepts it: a measure page of a large corpus is
    megabytes of chart data and tables, which under load cost more to send than to look up.
    """

    def render() -> tuple[bytes, bytes | None] | None:
        context = build()
        if context is None:
            return None
        body = render_page(request, template, csrf_token=_TOKEN_PLACEHOLDER, **context).body
        return body, None if _TOKEN_PLACEHOLDER.encode() in body else gzip.compress(body, compresslevel=6)

    state = request.app.state
    cache, full_key = state.compare_cache, (key, state.allow_add, bool(state.token))
    # A kept page is answered on the event loop; building one (queries, rendering) goes to a worker thread.
    kept = cache.peek(full_key) or await run_in_threadpool(cache.page, full_key, render)
    if kept is None:
        return None
    body, compressed = kept
    headers = {**(headers or {}), "Vary": "Accept-Encoding"}
    if compressed is not None and "gzip" in request.headers.get("accept-encoding", ""):
        return Response(compressed, media_type="text/html; charset=utf-8",
                        headers={**headers, "Content-Encoding": "gzip"})
    response = Response(body.replace(_TOKEN_PLACEHOLDER.encode(), csrf_token(request).encode()),
                        media_type="text/html; charset=utf-8", headers=headers)
    set_csrf_cookie(request, response.headers)
    return response


def article_context(
    ledger: Ledger, corpus_findings: list[Finding] | None = None, min_severity: str = "info"
) -> dict[str, Any]:
    """The report's context (its framing summary included), with the corpus's findings on this article added,
    keeping the findings of ``min_severity`` or graver."""
    if corpus_findings:
        taken = {f.id for f in ledger.findings}
        extra = [f for f in corpus_findings if f.id not in taken]
        ledger = replace(ledger, findings=[*ledger.findings, *extra])
    return {**report_html.context(at_least(ledger, min_severity)), "min_severity": min_severity,
            "severities": SEVERITIES}
