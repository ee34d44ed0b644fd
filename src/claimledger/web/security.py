"""The web app's guards: security headers, a cap on request bodies, relative redirects, and the write gate.

The first three are plain ASGI middleware so that they hold for every route, static
files and error pages included, and so that an oversized upload is refused before its
body is read into memory rather than after.

The write gate is the one place that decides whether a request may change anything:

* ``guard_writes`` is a dependency of the whole app, so it runs before every route,
  present and future: a request with a method other than GET/HEAD/OPTIONS must come from
  this server's own pages (its Origin, else its Referer, names this host; a browser
  always sends Origin on such a request) and, when it is a form, carry the CSRF token
  the page put in it, equal to the one in its cookie (double submit: another site can
  make a browser post a form, but can neither read nor set this site's cookie);
* ``require_storing`` is what a route that stores calls: storing must be enabled
  (``--allow-add``) and, when the server has a token (``--token`` or
  ``CLAIMLEDGER_TOKEN``; required beyond loopback), the request must carry it, as
  ``Authorization: Bearer …`` or a form field ``token``, compared in constant time.
"""

from __future__ import annotations

import hmac
import json
import secrets
from urllib.parse import urlsplit

from fastapi import Request
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimledger.errors import BadToken, CrossSiteRequest, StoringDisabled

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
    # same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with the
    # app's own form posts, and the write gate could no longer tell them from another site's.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class ResponseHeaders:
    """Middleware that edits the headers of every HTTP response, whatever route or error produced it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def edit(self, headers: MutableHeaders) -> None:
        raise NotImplementedError

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.edit(MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, send_with_headers)


class SecurityHeaders(ResponseHeaders):
    """Adds ``SECURITY_HEADERS`` to every HTTP response.

    A header a route set itself is kept: that is how the measure page gets ``CHART_CONTENT_SECURITY_POLICY``.
    """

    def edit(self, headers: MutableHeaders) -> None:
        for name, value in SECURITY_HEADERS.items():
            headers.setdefault(name, value)


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


class RelativeRedirects(ResponseHeaders):
    """Makes every redirect relative (the app never sends anyone to another site), so that a forged Host
    header never reaches a Location: Starlette builds absolute URLs from it (e.g. the trailing-slash
    redirect), and a cache in front of the app would hand such a redirect to everyone.
    """

    def edit(self, headers: MutableHeaders) -> None:
        location = headers.get("location")
        if location is not None:
            headers["location"] = relative_location(location)


def relative_location(location: str) -> str:
    """``http://any.host/path?q`` -> ``/path?q``; a relative location stays as it is."""
    parts = urlsplit(location)
    if not parts.scheme and not parts.netloc:
        return location
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


# --- the write gate ---------------------------------------------------------------------------

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
CSRF_COOKIE = "claimledger_csrf"
CSRF_FIELD = "csrf_token"
TOKEN_FIELD = "token"
TOKEN_ENV = "CLAIMLEDGER_TOKEN"


def same(supplied: object, expected: str | None) -> bool:
    """Constant-time equality of a supplied secret and the expected one (False when either is missing)."""
    if not isinstance(supplied, str) or not supplied or not expected:
        return False
    return hmac.compare_digest(supplied.encode("utf-8", "surrogatepass"), expected.encode("utf-8"))


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser: the one in its cookie, or a new one that the response will set."""
    token = getattr(request.state, "csrf_token", None) or request.cookies.get(CSRF_COOKIE)
    if not token or len(token) < 32:
        token = secrets.token_urlsafe(32)
    request.state.csrf_token = token
    return token


def set_csrf_cookie(request: Request, headers: MutableHeaders) -> None:
    """Sends the token of ``csrf_token`` as a cookie the browser keeps for this site only."""
    token = getattr(request.state, "csrf_token", None)
    if token and token != request.cookies.get(CSRF_COOKIE):
        headers.append("set-cookie", f"{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict")


def _check_origin(request: Request) -> None:
    """The request comes from a page of this host (Origin first, then Referer); none of them: not a browser."""
    host = request.headers.get("host", "")
    origin = request.headers.get("origin")
    source = origin if origin is not None else request.headers.get("referer")
    if source is None:
        return  # curl, scripts: browsers always send Origin with a state-changing request
    if urlsplit(source).netloc != host or source == "null":
        raise CrossSiteRequest(f"this request comes from another site ({source}), not from this server's pages")


async def guard_writes(request: Request) -> None:
    """The app-wide dependency: a state-changing request must come from this site, a form with its CSRF token."""
    supplied = _bearer(request)
    if request.method not in SAFE_METHODS:
        _check_origin(request)
        if request.headers.get("content-type", "").split(";")[0].strip().lower() in FORM_TYPES:
            form = await request.form(max_part_size=request.app.state.max_upload_bytes)
            if not same(form.get(CSRF_FIELD), request.cookies.get(CSRF_COOKIE)):
                raise CrossSiteRequest(
                    "the form's security token is missing or stale: reload the page and send the form again"
                )
            supplied = supplied or form.get(TOKEN_FIELD)
    request.state.token_ok = same(supplied, request.app.state.token)


def _bearer(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def require_storing(request: Request) -> None:
    """The one gate of every request that changes the corpus or fetches on a user's behalf: storing enabled,
    and the server's token when it has one.

    Storing an analysed article, storing a review and fetching a URL from the Analyze page all
    pass here, so whatever the gate asks holds for each of them alike.
    """
    state = request.app.state
    if not state.allow_add:
        raise StoringDisabled("this server is read-only: start it with --allow-add to store articles")
    if state.token and not getattr(request.state, "token_ok", False):
        raise BadToken("storing on this server needs its access token (the form's token field, or Authorization: Bearer)")


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host`` (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
