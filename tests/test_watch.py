"""watch: RSS and Atom feeds from a local server become articles in the corpus, each page fetched once,
feeds asked conditionally, a failing feed or page reported and skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import fake_model  # noqa: F401
from _http_helpers import Route, Site, article_page, site, story  # noqa: F401
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.corpus import Corpus
from claimledger.errors import NotAFeed
from claimledger.watch import Pacer, Watcher, feed_list, feeds_from_opml, watch

LAST_MODIFIED = "Wed, 05 Nov 2025 10:00:00 GMT"


def rss(items: list[str]) -> bytes:
    entries = "".join(
        f"<item><title>Item {n}</title><link>{link}</link><pubDate>Wed, 05 Nov 2025 0{n}:00:00 GMT</pubDate></item>"
        for n, link in enumerate(items)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example World</title>'
            f"<link>http://example.org/</link><description>News</description>{entries}</channel></rss>").encode()


def atom(items: list[str]) -> bytes:
    entries = "".join(
        f'<entry><title>Entry {n}</title><link href="{link}"/><id>urn:entry:{n}</id>'
        f"<updated>2025-11-0{n + 1}T10:00:00Z</updated></entry>"
        for n, link in enumerate(items)
    )
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>'
            f"<id>urn:feed</id><updated>2025-11-05T10:00:00Z</updated>{entries}</feed>").encode()


class Recorded:
    def __init__(self) -> None:
        self.events: list[tuple[str, ...]] = []

    def feed(self, url: str, new: int, seen: int) -> None:
        self.events.append(("feed", url, str(new), str(seen)))

    def unchanged(self, url: str) -> None:
        self.events.append(("unchanged", url))

    def item(self, url: str, error: str | None) -> None:
        self.events.append(("item", url, error or ""))

    def failed(self, url: str, error: str) -> None:
        self.events.append(("failed", url, error))

    def stored(self, url: str, added: int, unchanged: int) -> None:
        self.events.append(("stored", url, str(added), str(unchanged)))


@pytest.fixture
def feeds(site: Site) -> Site:
    site.routes["/a"] = Route(article_page("A", story("21,600")))
    site.routes["/b"] = Route(article_page("B", story("4,000", "September 2025")))
    site.routes["/c"] = Route(article_page("C", story("7,100", "August 2025")))
    site.routes["/report.pdf"] = Route(b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    site.routes["/rss.xml"] = Route(rss(["/a", "/report.pdf"]), content_type="application/rss+xml", etag='"rss-1"')
    site.routes["/atom.xml"] = Route(atom(["/b", "/a"]), content_type="application/atom+xml",
                                     last_modified=LAST_MODIFIED)
    site.routes["/down.xml"] = Route(b"<html>Internal error</html>", status=500)
    site.routes["/page.xml"] = Route(article_page("Not a feed", story("1,000")))
    return site


def _watcher(corpus: Corpus, progress: Recorded) -> Watcher:
    return Watcher(corpus, progress, delay=0)


def test_a_pass_adds_the_new_articles_and_the_next_asks_conditionally(feeds: Site, fake_model: None,
                                                                        tmp_path: Path) -> None:
    urls = [feeds.url("/down.xml"), feeds.url("/rss.xml"), feeds.url("/atom.xml"), feeds.url("/page.xml")]
    progress = Recorded()
    with Corpus(tmp_path / "corpus.db") as corpus:
        watcher = _watcher(corpus, progress)
        first = watcher.run_pass(urls)
        assert [f.error is not None for f in first.feeds] == [True, False, False, True]
        assert "[E121] HTTP 500" in first.feeds[0].error and "[E126]" in first.feeds[3].error
        assert first.added == 2 and corpus.stats().articles == 2  # /a and /b; /a listed twice, fetched once
        assert len(feeds.requested("/a")) == 1
        assert first.feeds[1].failed_items == 1  # the PDF
        assert any(e[0] == "item" and e[1].endswith("/report.pdf") and "[E122]" in e[2] for e in progress.events)
        urls_stored = sorted(a.url for a in corpus.articles())
        assert urls_stored == [feeds.url("/a"), feeds.url("/b")]

        second = watcher.run_pass(urls)
        assert second.added == 0
        assert [f.not_modified for f in second.feeds] == [False, True, True, False]
        assert feeds.requested("/rss.xml")[-1].headers["if-none-match"] == '"rss-1"'
        assert feeds.requested("/atom.xml")[-1].headers["if-modified-since"] == LAST_MODIFIED
        assert len(feeds.requested("/report.pdf")) == 1  # a lasting failure is remembered

        feeds.routes["/atom.xml"] = Route(atom(["/c", "/b", "/a"]), content_type="application/atom+xml",
                                          last_modified="Thu, 06 Nov 2025 10:00:00 GMT")
        third = watcher.run_pass(urls)
        watcher.close()
        assert third.added == 1 and corpus.stats().articles == 3
        assert ("feed", feeds.url("/atom.xml"), "1", "2") in progress.events
        assert [len(feeds.requested(p)) for p in ("/a", "/b", "/c")] == [1, 1, 1]


def test_a_page_that_fails_for_a_while_is_tried_again(feeds: Site, fake_model: None, tmp_path: Path) -> None:
    feeds.routes["/b"] = Route(b"busy", status=503)
    feeds.routes["/atom.xml"] = Route(atom(["/b"]), content_type="application/atom+xml")
    with Corpus(tmp_path / "corpus.db") as corpus:
        watcher = _watcher(corpus, Recorded())
        assert watcher.run_pass([feeds.url("/atom.xml")]).added == 0
        feeds.routes["/b"] = Route(article_page("B", story("4,000", "September 2025")))
        assert watcher.run_pass([feeds.url("/atom.xml")]).added == 1
        watcher.close()


def test_the_pacer_spaces_requests_to_one_host_only() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(2.0, clock=lambda: now[0], sleep=sleep)
    pacer.wait("http://a.example/feed")
    pacer.wait("http://b.example/feed")
    now[0] += 0.5
    pacer.wait("http://a.example/page")
    assert slept == [1.5]
    now[0] += 5
    pacer.wait("http://a.example/other")
    assert slept == [1.5]


def test_opml_lists_its_feeds_nested_folders_included(tmp_path: Path) -> None:
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Subs</title></head><body>'
        '<outline text="World"><outline type="rss" text="A" xmlUrl="https://a.example/rss"/>'
        '<outline type="rss" text="B" xmlUrl="https://b.example/atom"/></outline>'
        '<outline type="rss" text="C" xmlUrl="https://c.example/feed"/></body></opml>', encoding="utf-8")
    assert feeds_from_opml(opml) == ["https://a.example/rss", "https://b.example/atom", "https://c.example/feed"]
    assert feed_list(["https://c.example/feed", str(opml)])[0] == "https://c.example/feed"
    assert len(feed_list(["https://c.example/feed", str(opml)])) == 3
    not_opml = tmp_path / "feed.xml"
    not_opml.write_text("<rss version='2.0'/>", encoding="utf-8")
    with pytest.raises(NotAFeed, match="root element is <rss>"):
        feeds_from_opml(not_opml)


def test_watch_runs_again_until_once(feeds: Site, fake_model: None, tmp_path: Path) -> None:
    naps: list[float] = []

    class Stop(Exception):
        pass

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 2:
            raise Stop

    with Corpus(tmp_path / "corpus.db") as corpus:
        watcher = _watcher(corpus, Recorded())
        with pytest.raises(Stop):
            watch(watcher, [feeds.url("/rss.xml")], once=False, every_minutes=15, sleep=sleep)
        watcher.close()
    assert naps == [900, 900] and len(feeds.requested("/rss.xml")) == 2


def test_cli_watch_once(feeds: Site, fake_model: None, tmp_path: Path) -> None:
    db = str(tmp_path / "corpus.db")
    runner = CliRunner()
    result = runner.invoke(app, ["watch", "--once", "--delay", "0", "--db", db, feeds.url("/rss.xml"),
                                 feeds.url("/down.xml")])
    assert result.exit_code == 1  # a feed failed; the other was read
    assert "feed " + feeds.url("/down.xml") + " skipped" in " ".join(result.stderr.split())
    assert "pass done: 1 article added, 1 of 2 feeds failed" in " ".join(result.stderr.split())
    with Corpus(db) as corpus:
        assert corpus.stats().articles == 1
