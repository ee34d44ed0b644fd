"""URLs as input: analyze and add fetch pages from a local server, and say exactly why one cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _corpus_helpers import fake_analyze_many, fake_model  # noqa: F401
from _http_helpers import Route, Site, article_page, site, story  # noqa: F401
from typer.testing import CliRunner

from claimledger import cli
from claimledger.cli import app
from claimledger.corpus import Corpus
from claimledger.errors import HostUnreachable, HttpError, InputTooLarge, NotHtml, TooManyRedirects
from claimledger.ingest import fetch

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"


@pytest.fixture
def news(site: Site) -> Site:
    site.routes["/world/desertions"] = Route(
        article_page("Desertions rise", story("21,600"), canonical="https://news.example.org/world/desertions")
    )
    site.routes["/no-canonical"] = Route(article_page("Cases opened", story("18,000")))
    site.routes["/old-link"] = Route(status=301, headers={"Location": "/world/desertions"})
    site.routes["/report.pdf"] = Route(PDF, content_type="application/pdf")
    site.routes["/huge"] = Route(article_page("Huge", story("9,000") + "\n" + "Padding words here. " * 4000))
    site.routes["/broken"] = Route(b"<!DOCTYPE html><title>Oops</title>", status=500)
    for hop in range(fetch.MAX_REDIRECTS + 1):
        site.routes[f"/loop{hop}"] = Route(status=302, headers={"Location": f"/loop{hop + 1}"})
    return site


def test_a_page_is_read_as_an_html_file_with_its_canonical_url(news: Site) -> None:
    article, _ = fetch.read_url(news.url("/world/desertions"), None, 2_000_000)
    assert "21,600 soldiers deserted in October 2025" in article.text
    assert "Copyright" not in article.text and "Home" not in article.text  # trafilatura kept the story only
    assert article.url == "https://news.example.org/world/desertions"
    assert article.title == "Desertions rise"
    assert str(article.published) == "2025-11-05"
    assert news.requested("/world/desertions")[0].headers["user-agent"] == fetch.USER_AGENT


def test_without_a_canonical_link_the_url_is_where_redirects_ended(news: Site) -> None:
    article, _ = fetch.read_url(news.url("/no-canonical"), None, 2_000_000)
    assert article.url == news.url("/no-canonical")
    fetched = fetch.fetch(news.url("/old-link"), 10_000_000, 2_000_000)
    assert fetched.url == news.url("/world/desertions")


@pytest.mark.parametrize(
    ("path", "error", "words"),
    [
        ("/missing", HttpError, "HTTP 404"),
        ("/broken", HttpError, "HTTP 500"),
        ("/report.pdf", NotHtml, "application/pdf"),
        ("/loop0", TooManyRedirects, "redirects more than"),
    ],
)
def test_each_failure_has_its_code(news: Site, path: str, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        fetch.read_url(news.url(path), None, 2_000_000)


def test_the_size_limit_is_checked_before_and_while_reading(news: Site) -> None:
    body = news.routes["/huge"].body
    with pytest.raises(InputTooLarge, match=r"\[E104\] .*bytes declared"):
        fetch.fetch(news.url("/huge"), len(body) - 1, 1000)
    assert fetch.fetch(news.url("/huge"), len(body), 1000).content == body
    news.routes["/huge"].declare_length = False  # the server does not say: counted as it arrives
    with pytest.raises(InputTooLarge, match=r"\[E104\] .*over 1,000 bytes"):
        fetch.fetch(news.url("/huge"), 1000, 1000)
    assert fetch.fetch(news.url("/huge"), len(body), 1000).content == body


def test_a_host_that_does_not_answer_is_unreachable() -> None:
    with pytest.raises(HostUnreachable, match=r"\[E120\] cannot reach"):
        fetch.read_url("http://127.0.0.1:9/article", None, 2_000_000)  # port 9 (discard): nothing listens


def test_only_http_urls_are_urls() -> None:
    assert fetch.is_url("https://example.org/a") and fetch.is_url("http://127.0.0.1:8000/x")
    assert not fetch.is_url("articles/https.txt") and not fetch.is_url("ftp://example.org/a")
    assert not fetch.is_url("notes:http.txt")


def test_transient_failures_are_told_from_lasting_ones() -> None:
    assert fetch.worth_retrying(str(HostUnreachable("cannot reach x")))
    assert fetch.worth_retrying(str(HttpError("HTTP 503 Service Unavailable from x")))
    assert not fetch.worth_retrying(str(HttpError("HTTP 404 Not Found from x")))
    assert not fetch.worth_retrying(str(NotHtml("x is not an HTML page")))


def test_analyze_takes_urls_and_reports_the_ones_it_cannot_read(news: Site, monkeypatch) -> None:
    monkeypatch.setattr(cli, "analyze_many", fake_analyze_many)
    urls = [news.url("/world/desertions"), news.url("/missing"), news.url("/report.pdf")]
    result = CliRunner().invoke(app, ["analyze", "--format", "json", *urls])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["article"]["url"] == "https://news.example.org/world/desertions"
    assert lines[0]["claims"][0]["figure"]["low"] == 21600
    assert "[E121] HTTP 404" in lines[1]["error"]["message"]
    assert "[E122]" in lines[2]["error"]["message"]
    assert "[E122]" in result.stderr


def test_add_remembers_fetched_urls_and_skips_them_on_a_re_run(news: Site, fake_model: None, tmp_path: Path) -> None:
    urls = [news.url("/world/desertions"), news.url("/old-link"), news.url("/huge"), news.url("/report.pdf")]
    with Corpus(tmp_path / "corpus.db") as corpus:
        first = corpus.add(urls, max_chars=20_000)
        assert (first.added, first.unchanged) == (1, 1)  # the redirect lands on the same article
        assert sorted(f.message[:6] for f in first.failures) == ["[E104]", "[E122]"]
        stored = corpus.articles()
        assert [a.url for a in stored] == ["https://news.example.org/world/desertions"]
        fetched_before = len(news.requests)
        again = corpus.add(urls[:2], max_chars=20_000)
    assert (again.added, again.unchanged, again.failed) == (0, 2, 0)
    assert len(news.requests) == fetched_before  # nothing fetched again
