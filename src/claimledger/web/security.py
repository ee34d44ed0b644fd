"""The web app's guards: security headers on every response and a cap on request bodies.

Both are plain ASGI middleware so that they hold for every route, static files
and error pages included, and so that an oversized upload is refused before its
body is read into memory rather than after.
"""

from __future__ import annotations

import json

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The strictest policy under which every page works. Scripts come only from this
# server's /static files (no inline script, no eval); page data reaches them in
# <script type="application/json"> blocks, which are data and never executed.
# img-src allows data: for the PNG that plotly's "download plot" button makes.
_POLICY = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
}
CONTENT_SECURITY_POLICY = "; ".join(f"{name} {value}" for name, value in _POLICY.items())
# The measure page only: plotly.js writes <style> rules and style attributes as it
# draws a chart, which a style-src without 'unsafe-inline' blocks (tests/test_e2e_browser.py
# fails on any CSP violation). Inline styles cannot run code; scripts stay as strict.
CHART_CONTENT_SECURITY_POLICY = "; ".join(
    f"{name} {value} 'unsafe-inline'" if name == "style-src" else f"{name} {value}" for name, value in _POLICY.items()
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every HTTP response, whatever route or error produced it.

    A header a route set itself is kept: that is how the measure page gets ``CHART_CONTENT_SECURITY_POLICY``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


READ_ONLY_MESSAGE = "This server is read-only: start it with --allow-add to store articles."


def require_write_access(request: Request) -> None:
    """The one gate of every request that changes the corpus or fetches on a user's behalf.

    Storing an analysed article, storing a review and fetching a URL from the Analyze
    page all pass here, so whatever the gate asks (today: a server started with
    ``--allow-add``) holds for each of them alike.
    """
    if not request.app.state.allow_add:
        raise HTTPException(403, READ_ONLY_MESSAGE)


def too_large_message(limit: int) -> str:
    size = f"{limit / 1_000_000:g} MB" if limit >= 1_000_000 else f"{limit:,} bytes"
    return f"The upload is too large: this server accepts at most {size} per request."


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413 and a message that says the limit.

    A declared Content-Length is checked before anything is read; a chunked body
    is counted as it arrives and cut off as soon as it passes the limit, so a
    client cannot make the server hold more than ``limit`` bytes of one request.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = too_large_message(self.limit)
        accepts_html = b"text/html" in dict(scope.get("headers", [])).get(b"accept", b"")
        if accepts_html:
            body = f"<!DOCTYPE html><title>Upload too large</title><h1>413 · Upload too large</h1><p>{message}</p>"
            content_type = b"text/html; charset=utf-8"
        else:
            body = json.dumps({"error": {"status": 413, "code": "E104", "message": message}})
            content_type = b"application/json"
        data = body.encode("utf-8")
        headers = [(b"content-type", content_type), (b"content-length", str(len(data)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": data})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, send)
            return
        received = 0

        async def counting_receive() -> Message:
            # Raised while a route reads its body, so the app's own 413 handler answers.
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise HTTPException(413, too_large_message(self.limit))
            return message

        await self.app(scope, counting_receive, send)
