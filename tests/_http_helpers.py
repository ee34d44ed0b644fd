"""A web site on 127.0.0.1 for the tests that fetch URLs: pages, redirects, errors and feeds, never the internet.

``site`` serves whatever a test puts in ``site.routes`` (path -> ``Route``) from
``http.server`` in a thread, and records every request (path and headers), so a test
can check what was asked for as well as what came back. A route with an ``etag``
or ``last_modified`` answers 304 to a request that sends them back.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from _corpus_helpers import relay


@dataclass
class Route:
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    declare_length: bool = True
    """False: no Content-Length, the body ends when the connection closes (what a streaming server does)."""


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def requested(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:  # quiet: the test output is the report
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                site.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    self.wfile.write(b"<!DOCTYPE html><title>Not found</title>")
                    return
                fresh = (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                    route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
                )
                self.send_response(304 if fresh else route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                body = b"" if fresh else route.body
                if route.declare_length:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    served.thread.start()
    try:
        yield served
    finally:
        served.server.shutdown()
        served.server.server_close()


def article_page(title: str, text: str, canonical: str | None = None, published: str = "2025-11-05") -> bytes:
    """A news page as outlets publish them: navigation around the story, metadata in the head."""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in text.split("\n") if sentence)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title>{link}"
        f"<meta property='og:site_name' content='Example News'>"
        f"<meta property='article:published_time' content='{published}T10:00:00Z'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright Example News</footer></body></html>"
    ).encode()


def story(value: str, month: str = "October 2025", source: str = "Christoph Vanner") -> str:
    """An article text the stand-in model reads as one figure claim, long enough to be a story."""
    return (
        f"{relay(value, month, source)}\n"
        "The ministry did not comment on the figures when it was asked about them on Tuesday.\n"
        "Analysts said that the numbers were in line with what had been reported in the previous months."
    )
