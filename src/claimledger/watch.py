"""Watching feeds: read RSS and Atom feeds, fetch each new item's page, add it to the corpus.

A fact-checker follows outlets, not files. ``watch`` reads each feed with
``feedparser`` (RSS 0.9x–2.0, RSS 1.0, Atom), fetches the pages of the items it has
not handled before (``ingest.fetch``, read as HTML files are) and stores them with
``Corpus.add_documents``. What it has seen lives in the corpus: each feed's ETag and
Last-Modified, sent back so an unchanged feed costs a 304, and every item handled (a
page that cannot be read for a lasting reason, a PDF or a 404, is remembered with its
error and not fetched again; a server or network failure is tried again next pass).

It is polite: requests to one host are spaced by ``delay`` seconds. A feed that fails
is reported and skipped; the others go on. A feed list can come from OPML files (the
subscription lists feed readers export).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx
from lxml import etree

from claimledger.errors import ClaimledgerError, MissingFile, NotAFeed
from claimledger.ingest import fetch
from claimledger.ingest.text import DEFAULT_MAX_CHARS
from claimledger.model import FeedState, HandledItem

if TYPE_CHECKING:
    from claimledger.corpus import Corpus

DEFAULT_DELAY = 2.0
"""Seconds between two requests to one host."""
DEFAULT_EVERY = 30.0
"""Minutes between passes when ``watch`` keeps running."""
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
FEED_MAX_BYTES = 20_000_000


class Progress(Protocol):
    """What ``watch`` reports as it goes (the CLI prints it)."""

    def feed(self, url: str, new: int, seen: int) -> None:
        """A feed was read: ``new`` items to fetch, ``seen`` handled before."""

    def unchanged(self, url: str) -> None:
        """The feed answered 304: nothing new since the last pass."""

    def item(self, url: str, error: str | None) -> None:
        """An item's page was fetched and read (``error`` None) or could not be."""

    def failed(self, url: str, error: str) -> None:
        """The feed itself failed; it is skipped this pass."""

    def stored(self, url: str, added: int, unchanged: int) -> None:
        """The feed's new articles are in the corpus."""


@dataclass
class FeedResult:
    url: str
    added: int = 0
    unchanged: int = 0
    """Items whose text was in the corpus already (the same story under another link)."""
    failed_items: int = 0
    error: str | None = None
    not_modified: bool = False


@dataclass
class Pass:
    feeds: list[FeedResult] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(f.added for f in self.feeds)

    @property
    def failed_feeds(self) -> int:
        return sum(1 for f in self.feeds if f.error is not None)


class Pacer:
    """Spaces requests to one host by ``delay`` seconds (other hosts do not wait for it)."""

    def __init__(self, delay: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay = delay
        self.clock = clock
        self.sleep = sleep
        self.last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        if host in self.last:
            left = self.last[host] + self.delay - self.clock()
            if left > 0:
                self.sleep(left)
        self.last[host] = self.clock()


def feeds_from_opml(path: Path) -> list[str]:
    """The ``xmlUrl`` of every outline of an OPML file, nested folders included, in document order."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise MissingFile(f"no such file: {path}") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise NotAFeed(f"{path} is not an OPML file ({error})") from None
    if root.tag.lower() != "opml":
        raise NotAFeed(f"{path} is not an OPML file (its root element is <{root.tag}>)")
    return [url for url in (o.get("xmlUrl") for o in root.iter("outline")) if url]


def feed_list(arguments: Iterable[str]) -> list[str]:
    """Feed URLs as given, with each OPML file (any argument that is not a URL) replaced by its feeds."""
    found: list[str] = []
    for argument in arguments:
        found += [argument] if fetch.is_url(argument) else feeds_from_opml(Path(argument))
    return list(dict.fromkeys(found))


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _parse(fetched: fetch.Fetched) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(
        fetched.content, response_headers={"content-location": fetched.url, "content-type": fetched.content_type}
    )
    if not parsed.version:
        reason = parsed.get("bozo_exception") or "neither RSS nor Atom"
        raise NotAFeed(f"{fetched.url} is not a feed ({reason})")
    return parsed


class Watcher:
    """One corpus, one HTTP client, one pacer: what a ``watch`` run keeps between feeds and passes."""

    def __init__(self, corpus: Corpus, progress: Progress, delay: float = DEFAULT_DELAY,
                 max_chars: int = DEFAULT_MAX_CHARS, http: httpx.Client | None = None,
                 pacer: Pacer | None = None) -> None:
        self.corpus = corpus
        self.progress = progress
        self.max_chars = max_chars
        self.http = http or fetch.client()
        self.pacer = pacer or Pacer(delay)

    def close(self) -> None:
        self.http.close()

    def run_pass(self, feeds: Iterable[str]) -> Pass:
        """Every feed once; a failing one is reported and the others go on."""
        return Pass([self.check(url) for url in feeds])

    def check(self, url: str) -> FeedResult:
        state = self.corpus.feed_state(url)
        self.pacer.wait(url)
        try:
            fetched = fetch.fetch(url, FEED_MAX_BYTES, self.max_chars, accept=FEED_ACCEPT, etag=state.etag,
                                  last_modified=state.last_modified, http=self.http)
            parsed = None if fetched.not_modified else _parse(fetched)
        except ClaimledgerError as error:
            state.error = str(error)
            self.corpus.save_feed_state(state)
            self.progress.failed(url, str(error))
            return FeedResult(url, error=str(error))
        if parsed is None:
            state.error = None
            self.corpus.save_feed_state(state)
            self.progress.unchanged(url)
            return FeedResult(url, not_modified=True)
        result = self._items(url, parsed)
        self.corpus.save_feed_state(
            FeedState(url, parsed.feed.get("title") or state.title, fetched.etag, fetched.last_modified)
        )
        return result

    def _items(self, feed_url: str, parsed: feedparser.FeedParserDict) -> FeedResult:
        """Fetch and store the items not handled before; remember them once stored."""
        dated = {}
        for entry in parsed.entries:
            link = entry.get("link")
            if link:
                dated.setdefault(urljoin(feed_url, link), _entry_date(entry))
        seen = self.corpus.handled_items(dated)
        new = [link for link in dated if link not in seen]
        self.progress.feed(feed_url, len(new), len(dated) - len(new))
        documents, handled, failed = [], [], 0
        for link in new:
            self.pacer.wait(link)
            try:
                article, author = fetch.read_url(link, None, self.max_chars, http=self.http)
            except ClaimledgerError as error:
                failed += 1
                self.progress.item(link, str(error))
                if not fetch.worth_retrying(str(error)):
                    handled.append(HandledItem(link, feed_url, error=str(error)))
                continue
            article.published = article.published or dated[link]
            documents.append((article, author))
            handled.append(HandledItem(link, feed_url, article.id))
            self.progress.item(link, None)
        summary = self.corpus.add_documents(documents) if documents else None
        self.corpus.record_items(handled)  # only after storing: a crash in between fetches them again
        added = summary.added + summary.replaced if summary else 0
        unchanged = summary.unchanged if summary else 0
        self.progress.stored(feed_url, added, unchanged)
        return FeedResult(feed_url, added, unchanged, failed)


def watch(
    watcher: Watcher, feeds: list[str], once: bool, every_minutes: float,
    on_pass: Callable[[Pass], None] = lambda _: None, sleep: Callable[[float], None] = time.sleep,
) -> Pass:
    """Pass over the feeds, then again every ``every_minutes`` until interrupted (or once); the last pass."""
    while True:
        done = watcher.run_pass(feeds)
        on_pass(done)
        if once:
            return done
        sleep(every_minutes * 60)
