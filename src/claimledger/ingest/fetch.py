"""URLs in: fetch a page (or a feed) over HTTP, with the limits a tool run on other people's servers needs.

A fact-checker starts from a link, so ``analyze``, ``add``, ``watch`` and the web
app's Analyze page take URLs. Fetching is done with ``httpx`` (already what the test
suite speaks HTTP with): a time limit on every request, a size limit checked while
the body arrives (a huge page is cut off, never held whole), a bounded number of
redirects, and a user agent that says who is asking. Every way it can fail is a coded
error ([E120] host unreachable, [E121] HTTP error status, [E122] not an HTML page,
[E123] too many redirects, [E104] over the size limit), so a run over many URLs
reports each one and goes on.

The page is then read exactly as an ``.html`` file is (``ingest.html.read_page``,
trafilatura); the article's ``url`` is the page's canonical URL when it names one,
else the URL the last redirect landed on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

import httpx

from claimledger import __version__
from claimledger.errors import HostUnreachable, HttpError, InputError, NotHtml, TooManyRedirects
from claimledger.ingest.html import looks_like_html, read_page
from claimledger.ingest.text import CONTAINER_FACTOR, decode, max_bytes_for, too_large
from claimledger.model import Article

USER_AGENT = f"claimledger/{__version__} (news claim ledger; fact-checking; python-httpx)"
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# What a fetch failure's message starts with when trying again later may well succeed.
_TRANSIENT = re.compile(r"\A\[(?:E120|E121\] HTTP (?:5\d\d|429))")


def is_url(text: str) -> bool:
    """Whether an input names a web page rather than a file: only http and https are fetched."""
    return urlsplit(text.strip()).scheme.lower() in ("http", "https") and "://" in text


def worth_retrying(message: str) -> bool:
    """A failure that says the server or the network was down (E120, HTTP 5xx or 429), not the page."""
    return bool(_TRANSIENT.match(message))


@dataclass(frozen=True)
class Fetched:
    """One response: the bytes of a 200, or nothing for a 304 (not modified since the validators given)."""

    url: str
    """Where the redirects ended."""
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        found = _CHARSET.search(self.content_type)
        return found.group(1) if found else None


def client(timeout: float = TIMEOUT_SECONDS) -> httpx.Client:
    """The HTTP client every fetch uses: redirects followed up to ``MAX_REDIRECTS``, our user agent."""
    return httpx.Client(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=timeout,
        headers={"User-Agent": USER_AGENT},
    )


def fetch(
    url: str,
    max_bytes: int,
    max_chars: int,
    accept: str = PAGE_ACCEPT,
    etag: str | None = None,
    last_modified: str | None = None,
    http: httpx.Client | None = None,
) -> Fetched:
    """GET ``url``; with ``etag``/``last_modified`` the request is conditional and may come back 304."""
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = http is None
    http = http or client()
    try:
        with http.stream("GET", url, headers=headers) as response:
            return _read(url, response, max_bytes, max_chars)
    except httpx.TooManyRedirects:
        raise TooManyRedirects(f"{url} redirects more than {MAX_REDIRECTS} times") from None
    except httpx.TimeoutException:
        raise HostUnreachable(f"{url} did not answer within {http.timeout.read or TIMEOUT_SECONDS:g} s") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise InputError(f"{url} is not a URL that can be fetched ({error})") from None
    except httpx.HTTPError as error:  # connection refused, no such host, the connection dropped
        raise HostUnreachable(f"cannot reach {url}: {error or type(error).__name__}") from None
    finally:
        if own:
            http.close()


def _read(url: str, response: httpx.Response, max_bytes: int, max_chars: int) -> Fetched:
    """The body of a 200 (or 304), refusing more than ``max_bytes`` as soon as it arrives."""
    final = str(response.url)
    if response.status_code == 304:
        return Fetched(final, 304, b"", "", response.headers.get("etag"), response.headers.get("last-modified"))
    if response.status_code >= 400:
        reason = response.reason_phrase or ""
        raise HttpError(f"HTTP {response.status_code} {reason}".rstrip() + f" from {final}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large(url, f"{int(declared):,} bytes declared, over {max_bytes:,}", max_chars)
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise too_large(url, f"over {max_bytes:,} bytes", max_chars)
    return Fetched(
        final, response.status_code, bytes(body), response.headers.get("content-type", ""),
        response.headers.get("etag"), response.headers.get("last-modified"),
    )


def page_text(fetched: Fetched, name: str) -> str:
    """The markup of an HTML page: by its Content-Type, or by its first bytes when the server names none."""
    media_type = fetched.content_type.split(";")[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        raise NotHtml(f"{name} is not an HTML page (Content-Type {media_type})")
    charset = fetched.charset
    try:
        markup = fetched.content.decode(charset, errors="replace") if charset else decode(fetched.content, name)
    except LookupError:  # a charset Python does not know: read the bytes as a file would be
        markup = decode(fetched.content, name)
    if not media_type and not looks_like_html(markup):
        raise NotHtml(f"{name} is not an HTML page (the server gives no Content-Type and it does not start like one)")
    return markup


def read_url(
    url: str, published: date | None, max_chars: int, http: httpx.Client | None = None, language: str | None = None
) -> tuple[Article, str | None]:
    """The article on the page at ``url`` with its author, read as an .html file is; ``url`` set to the canonical one.

    ``language`` (an ISO 639-1 code) overrides the language detected."""
    max_bytes = max_bytes_for(max_chars) * CONTAINER_FACTOR
    fetched = fetch(url, max_bytes, max_chars, http=http)
    article, author = read_page(
        page_text(fetched, url), url, published, max_chars, url=fetched.url, language=language
    )
    article.url = urljoin(fetched.url, article.url) if article.url else fetched.url
    return article, author
