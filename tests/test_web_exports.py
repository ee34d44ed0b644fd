"""The web app's downloads, review form and URL analysis, on a corpus built by the stand-in model."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from _corpus_helpers import fake_model, relay  # noqa: F401
from _http_helpers import Route, Site, article_page, site, story  # noqa: F401
from fastapi.testclient import TestClient

from claimledger.corpus import Corpus
from claimledger.model import Article, Review
from claimledger.web.app import create_app

FIRST = Article(relay("21,600", "October 2025", "Christoph Vanner"), title="First", url="https://first.example/a",
                outlet="First Outlet", published=date(2025, 11, 5))
SECOND = Article(relay("9,000", "October 2025", "General Staff", extra="Kyiv answers. "), title="Second",
                 outlet="Kyiv Ledger", published=date(2025, 11, 6))


@pytest.fixture
def corpus(tmp_path: Path, fake_model: None) -> Iterator[Corpus]:
    with Corpus(tmp_path / "corpus.db") as found:
        found.add_articles([FIRST, SECOND])
        found.review(Review(FIRST.id, "c1", "", "Unsupported", reviewer="Fact Desk"))
        yield found


@pytest.fixture
def read_only(corpus: Corpus) -> Iterator[TestClient]:
    with TestClient(create_app(corpus)) as client:
        yield client


@pytest.fixture
def writable(corpus: Corpus) -> Iterator[TestClient]:
    with TestClient(create_app(corpus, allow_add=True)) as client:
        yield client


def test_an_article_page_offers_its_downloads(read_only: TestClient) -> None:
    page = read_only.get(f"/articles/{FIRST.id}").text
    for fmt in ("csv", "annotations", "claimreview"):
        assert f'href="/articles/{FIRST.id}/export.{fmt}"' in page
    assert "Review this claim" not in page  # read-only: no form
    assert "Unsupported" in page  # the stored review is shown on its card


def test_article_downloads(read_only: TestClient) -> None:
    response = read_only.get(f"/articles/{FIRST.id}/export.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == f'attachment; filename="article-{FIRST.id[:12]}.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["article_id"], r["figure"]) for r in rows] == [(FIRST.id, "21,600")]
    page = read_only.get(f"/articles/{FIRST.id}/export.annotations").json()
    assert page["type"] == "AnnotationPage" and {i["target"]["source"] for i in page["items"]} == {FIRST.url}
    reviews = read_only.get(f"/articles/{FIRST.id}/export.claimreview").json()
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["Unsupported"]
    assert read_only.get(f"/articles/{SECOND.id}/export.claimreview").json() == []
    assert read_only.get("/articles/nope/export.csv").status_code == 404
    assert read_only.get(f"/articles/{FIRST.id}/export.xlsx").status_code == 422


def test_measure_and_search_downloads(read_only: TestClient) -> None:
    assert 'href="/measures/desertion/export.csv"' in read_only.get("/measures/desertion").text
    rows = list(csv.DictReader(io.StringIO(read_only.get("/measures/desertion/export.csv").text)))
    assert sorted(r["figure"] for r in rows) == ["21,600", "9,000"]
    assert len(read_only.get("/measures/desertion/export.claimreview").json()) == 1
    assert 'href="/search/export.csv?q=Kyiv"' in read_only.get("/search?q=Kyiv").text
    found = list(csv.DictReader(io.StringIO(read_only.get("/search/export.csv?q=Kyiv").text)))
    assert [r["article_id"] for r in found] == [SECOND.id]
    assert json.loads(read_only.get("/search/export.annotations?q=Kyiv").text)["items"]


def _csrf(client: TestClient, fields: dict[str, str]) -> dict[str, str]:
    """The fields with the CSRF token the site gives this client, so that a refusal is the gate's, not the guard's."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/analyze").text)[1]
    return {**fields, "csrf_token": token}


def test_the_review_form_is_behind_the_same_gate_as_adding(read_only: TestClient, writable: TestClient,
                                                           corpus: Corpus) -> None:
    form = {"claim": "c1", "rating": "False", "rating_value": "1", "best": "5", "worst": "1", "reviewer": "Desk",
            "note": "", "url": "https://factcheck.example/x"}
    assert read_only.post(f"/articles/{SECOND.id}/reviews", data=_csrf(read_only, form)).status_code == 403
    assert 'action="/articles/' + SECOND.id + '/reviews"' in writable.get(f"/articles/{SECOND.id}").text
    response = writable.post(f"/articles/{SECOND.id}/reviews", data=_csrf(writable, form), follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/articles/{SECOND.id}#card-c1"
    [stored] = corpus.reviews(SECOND.id)
    assert (stored.rating, stored.rating_value, stored.best_rating, stored.reviewer) == ("False", 1, 5, "Desk")
    bad = writable.post(f"/articles/{SECOND.id}/reviews", data=_csrf(writable, {**form, "rating_value": "lots"}))
    assert bad.status_code == 400 and "[E125]" in bad.text
    assert writable.post(f"/articles/{SECOND.id}/reviews", data=_csrf(writable, {**form, "claim": "c7"})).status_code == 404
    assert writable.post(f"/articles/{SECOND.id}/reviews", data=_csrf(writable, {**form, "url": "javascript:alert(1)"})).status_code == 400
    assert len(corpus.reviews(SECOND.id)) == 1


def test_the_analyze_page_fetches_a_url_only_when_storing_is_allowed(site: Site, read_only: TestClient,
                                                                     writable: TestClient) -> None:
    site.routes["/story"] = Route(article_page("Story", story("4,400")))
    site.routes["/file.pdf"] = Route(b"%PDF-1.7", content_type="application/pdf")
    assert 'name="url"' in writable.get("/analyze").text and 'name="url"' not in read_only.get("/analyze").text
    assert read_only.post("/analyze", data=_csrf(read_only, {"url": site.url("/story")})).status_code == 403
    page = writable.post("/analyze", data=_csrf(writable, {"url": site.url("/story")}))
    assert page.status_code == 200 and "4,400" in page.text
    assert writable.post("/analyze", data=_csrf(writable, {"url": site.url("/file.pdf")})).status_code == 400
    missing = writable.post("/analyze", data=_csrf(writable, {"url": site.url("/gone")}))
    assert missing.status_code == 502 and "[E121] HTTP 404" in missing.text
