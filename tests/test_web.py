"""The web app through its ASGI interface: every page and API endpoint, the guards, and schemathesis.

The corpus is the small one of tests/_web_helpers.py, built once for the module.
The browser tests (tests/test_e2e_browser.py) cover what needs a real browser:
cards, scripts that must not run, charts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import plotly.graph_objects as go
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from _web_helpers import SCRIPT_TEXT, articles, build_corpus
from fastapi import FastAPI
from fastapi.testclient import TestClient
from schemathesis.specs.openapi.checks import ensure_resource_availability, positive_data_acceptance

from claimledger.corpus import Corpus
from claimledger.model import Ledger
from claimledger.web import charts
from claimledger.web.app import create_app
from claimledger.web.security import CHART_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.slow  # the corpus is built by analysing its articles with the full model

EXAMPLE_ID, KYIV_ID, WEEKLY_ID, SCRIPT_ID = (a.id for a in articles())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_corpus(tmp_path_factory.mktemp("web") / "corpus.db")


@pytest.fixture(scope="module")
def client(corpus: Corpus) -> Iterator[TestClient]:
    with TestClient(create_app(corpus)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def writable(corpus: Corpus) -> Iterator[TestClient]:
    with TestClient(create_app(corpus, allow_add=True)) as test_client:
        yield test_client


# --- pages ----------------------------------------------------------------------------------


def test_overview_counts_latest_articles_and_conflicting_measures(client: TestClient, corpus: Corpus) -> None:
    page = client.get("/").text
    stats = corpus.stats()
    for count in (stats.articles, stats.outlets, stats.figures, stats.findings):
        assert f"<strong>{count:,}</strong>" in page
    assert "General Staff gives October desertion figure" in page
    assert 'href="/measures/desertion"' in page


def test_article_page_marks_figures_and_links_findings(client: TestClient) -> None:
    page = client.get(f"/articles/{EXAMPLE_ID}").text
    assert re.search(r'<span class="fig[^"]*" data-claim="c\d+"[^>]*>21,600</span>', page)
    assert 'id="findings"' in page and "figure_conflict" in page
    assert 'data-flash="claim:' in page
    assert "Framing" in page and "loaded" in page and 'href="/sources/Christoph%20Vanner"' in page
    assert '<script src="/static/report.js"></script>' in page


def test_article_text_and_title_are_escaped(client: TestClient) -> None:
    page = client.get(f"/articles/{SCRIPT_ID}").text
    assert "<script>alert" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/report.js">']


def test_every_page_sends_the_strict_policy(client: TestClient) -> None:
    for path in ("/", "/articles", f"/articles/{EXAMPLE_ID}", "/analyze", "/search?q=x", "/nowhere", "/api/stats"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY and "unsafe" not in CONTENT_SECURITY_POLICY


def test_measure_page_has_its_chart_data_and_tables(client: TestClient) -> None:
    response = client.get("/measures/desertion")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == CHART_CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in CHART_CONTENT_SECURITY_POLICY and "unsafe-eval" not in CHART_CONTENT_SECURITY_POLICY
    page = response.text
    assert 'data-chart="chart-data-0"' in page and '<script type="application/json" id="chart-data-0">' in page
    assert "Kyiv Ledger" in page and "Weekly Review" in page
    assert '<script src="/static/plotly.min.js"></script>' in page


def test_plotly_is_served_from_the_installed_package(client: TestClient) -> None:
    response = client.get("/static/plotly.min.js")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/javascript")
    assert len(response.content) > 1_000_000 and b"plotly" in response.content[:2000].lower()
    assert not any(Path(__file__).resolve().parents[1].joinpath("src").rglob("plotly*.js")), "no vendored copy"


def test_source_page_lists_claims_and_names(client: TestClient) -> None:
    page = client.get("/sources/Christoph%20Vanner").text
    assert "21,600" in page and f'href="/articles/{EXAMPLE_ID}' in page
    assert client.get("/sources/Nobody%20At%20All").status_code == 404


def test_search_finds_text_sources_and_measures(client: TestClient) -> None:
    page = client.get("/search", params={"q": "deserted"}).text
    assert f'href="/articles/{KYIV_ID}"' in page
    assert 'href="/measures/desertion"' in client.get("/search", params={"q": "desertion"}).text
    assert "Christoph Vanner" in client.get("/search", params={"q": "Vanner"}).text


def test_unknown_things_are_404_pages_and_json(client: TestClient) -> None:
    page = client.get("/articles/0000")
    assert page.status_code == 404 and "No article with id 0000" in page.text
    api = client.get("/api/articles/0000")
    assert api.status_code == 404 and api.json()["error"]["message"].startswith("No article")
    assert client.get("/measures/no_such_measure").status_code == 404


# --- Analyze --------------------------------------------------------------------------------


def _form(client: TestClient, **fields: str) -> dict[str, str]:
    """The fields with the CSRF token that the Analyze page gives this client (its cookie is kept by the client)."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/analyze").text)[1]
    return {**fields, "csrf_token": token}


def test_analyze_shows_the_ledger_and_stores_nothing(client: TestClient, corpus: Corpus, example_text: str) -> None:
    before = corpus.stats().articles
    response = client.post("/analyze", data=_form(client, text=example_text, published="2025-11-28"))
    assert response.status_code == 200
    assert "not stored" in response.text and "figure_conflict" in response.text
    assert corpus.stats().articles == before


def test_analyze_upload_reads_html_like_the_cli(client: TestClient) -> None:
    page = "<html><head><title>Deserters</title></head><body><article><p>Officials said 4,000 soldiers deserted" \
           " in March 2025, according to the General Staff of the armed forces.</p></article></body></html>"
    response = client.post("/analyze", files={"file": ("page.html", page.encode(), "text/html")},
                           data=_form(client, text=""))
    assert response.status_code == 200 and "4,000" in response.text


@pytest.mark.parametrize(
    ("data", "files", "status", "code"),
    [
        ({"text": "   "}, None, 400, "[E101]"),
        ({"text": ""}, {"file": ("x.txt", b"\x00\x01binary\x00")}, 400, "[E102]"),
        ({"text": "Officials said 12 soldiers left.", "published": "2025-13-01"}, None, 400, "[E107]"),
        (
            {"text": "Les soldats ont quitté leurs unités en octobre, a déclaré le ministère de la Défense, qui ajoute"
             " que la situation reste grave dans les régions de l'est du pays."},
            None, 400, "[E105]",
        ),
        ({"text": ""}, {"file": ("x.jsonl", b'{"text": "a"}')}, 400, "[E100]"),
    ],
)
def test_analyze_errors_are_clear_messages(
    client: TestClient, data: dict[str, str], files: dict[str, tuple[str, bytes]] | None, status: int, code: str
) -> None:
    response = client.post("/analyze", data=_form(client, **data), files=files)
    assert response.status_code == status
    assert re.search(rf'role="alert"[^>]*>{re.escape(code)} ', response.text)


def test_uploads_over_the_limit_are_refused_with_413(corpus: Corpus) -> None:
    with TestClient(create_app(corpus, max_upload_bytes=2_000)) as small:
        page = small.post("/analyze", data={"text": "soldiers " * 1_000}, headers={"accept": "text/html"})
        assert page.status_code == 413 and "at most 2,000 bytes" in page.text
        api = small.post("/api/analyze", json={"text": "soldiers " * 1_000})
        assert api.status_code == 413 and api.json()["error"]["code"] == "E104"

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield b'{"text": "'
            for _ in range(100):
                yield b"soldiers " * 10
            yield b'"}'

        streamed = small.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413


def test_text_over_max_chars_is_413(corpus: Corpus) -> None:
    with TestClient(create_app(corpus, max_chars=50)) as small:
        response = small.post("/api/analyze", json={"text": "Officials said 12 soldiers left. " * 5})
        assert response.status_code == 413 and response.json()["error"]["code"] == "E104"


def test_read_only_by_default(client: TestClient, corpus: Corpus) -> None:
    before = corpus.stats().articles
    text = "Officials said 77 soldiers deserted in April 2025, the ministry reported."
    assert client.post("/analyze", data=_form(client, text=text, store="yes")).status_code == 403
    assert client.post("/api/analyze", json={"text": text, "store": True}).status_code == 403
    assert "add it to the corpus" not in client.get("/analyze").text
    assert corpus.stats().articles == before


def test_allow_add_stores_when_asked(writable: TestClient, corpus: Corpus) -> None:
    text = "Officials said 55 soldiers deserted in April 2025, the ministry reported on Friday."
    response = writable.post("/analyze", data=_form(writable, text=text, store="yes", outlet="Test Wire"),
                             follow_redirects=False)
    assert response.status_code == 303
    stored = corpus.ledger(response.headers["location"].rsplit("/", 1)[1])
    assert stored is not None and stored.article.outlet == "Test Wire"
    assert writable.get(response.headers["location"]).status_code == 200


# --- API ------------------------------------------------------------------------------------


def test_api_article_is_the_ledger_format(client: TestClient, corpus: Corpus) -> None:
    data = client.get(f"/api/articles/{EXAMPLE_ID}").json()
    assert data["format"] == "claimledger/1"
    assert Ledger.from_dict(data) == corpus.ledger(EXAMPLE_ID)


def test_api_lists_and_lookups(client: TestClient, corpus: Corpus) -> None:
    assert client.get("/api/stats").json() == corpus.stats().to_dict()
    listed = client.get("/api/articles", params={"limit": 2}).json()
    assert [a["id"] for a in listed] == [a.id for a in corpus.articles(limit=2)] and "text" not in listed[0]
    assert client.get("/api/measures").json() == [m.to_dict() for m in corpus.measures()]
    assert client.get("/api/measures/desertion").json() == [g.to_dict() for g in corpus.compare(measure="desertion")]
    assert client.get("/api/measures/no_such/reference").json() == []
    assert client.get("/api/sources/Christoph Vanner").json() == corpus.source("Christoph Vanner").to_dict()
    assert client.get("/api/search", params={"q": "deserted"}).json() == corpus.search("deserted").to_dict()
    assert client.get(f"/api/articles/{EXAMPLE_ID}/corpus-findings").status_code == 200


def test_api_analyze(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"text": SCRIPT_TEXT, "published": "2025-06-02"})
    assert response.status_code == 200
    ledger = Ledger.from_dict(response.json())
    assert ledger.article.text == SCRIPT_TEXT and any(c.figure and c.figure.low == 1200 for c in ledger.claims)
    bad = client.post("/api/analyze", json={"text": ""})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "E101"


def test_api_analyze_of_a_thousand_figures_stays_small(client: TestClient) -> None:
    """Issue 11: findings grow with groups of comparable figures, not with pairs of them."""
    text = "\n".join(f"Officials in district {n} said {1_000 + 7 * n:,} soldiers deserted in October." for n in range(1000))
    response = client.post("/api/analyze", json={"text": text, "published": "2025-11-28"})
    assert response.status_code == 200
    ledger = Ledger.from_dict(response.json())
    assert len(ledger.figures) >= 900
    assert len([f for f in ledger.findings if f.type.startswith("figure_")]) <= 10
    assert len(response.content) < 3_000_000


def test_min_severity_filters_the_api_and_the_pages(client: TestClient, example_text: str) -> None:
    everything = client.post("/api/analyze", json={"text": example_text, "published": "2025-11-28"}).json()
    graver = client.post("/api/analyze", json={"text": example_text, "published": "2025-11-28",
                                               "min_severity": "medium"}).json()
    assert {f["severity"] for f in graver["findings"]} <= {"high", "medium"}
    assert 0 < len(graver["findings"]) < len(everything["findings"])
    page = client.post("/analyze", data=_form(client, text=example_text, published="2025-11-28", min_severity="high"))
    assert page.status_code == 200 and "sev-info" not in page.text and "sev-high" in page.text
    stored = client.get(f"/articles/{EXAMPLE_ID}?min_severity=high")
    assert stored.status_code == 200 and "sev-low" not in stored.text and 'value="high" selected' in stored.text
    assert client.get(f"/articles/{EXAMPLE_ID}?min_severity=severe").status_code == 422


def test_openapi_schema_describes_the_api_only(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) >= {"/api/articles/{article_id}", "/api/measures/{measure}", "/api/analyze",
                                     "/api/search", "/api/sources/{name}", "/api/stats"}
    assert all(path.startswith("/api/") for path in schema["paths"])


# --- charts ---------------------------------------------------------------------------------


def test_measure_chart_is_valid_plotly_with_one_colour_per_outlet(corpus: Corpus) -> None:
    figures = charts.measure_chart("desertion", corpus.compare(measure="desertion"), corpus.reference("desertion"))
    assert figures
    for figure in figures:
        go.Figure(figure)  # raises on anything plotly does not know
        markers = [t for t in figure["data"] if t.get("mode") == "markers"]
        colours = [t["marker"]["color"] for t in markers]
        assert len(set(colours)) == len(colours) == len({t["name"] for t in markers})
    outlets = {t["name"] for f in figures for t in f["data"]}
    assert {"Example Outlet", "Kyiv Ledger", "Weekly Review"} <= outlets


# --- schemathesis ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api_app(corpus: Corpus) -> FastAPI:
    return create_app(corpus)


# The OpenAPI schema does not depend on the corpus, so it is read at import from an app without one
# (never started); each generated request goes to ``api_app``, which has the test corpus.
SCHEMA = schemathesis.openapi.from_dict(create_app(None).openapi())  # type: ignore[arg-type]


@SCHEMA.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_with_a_server_error(case: schemathesis.Case, api_app: FastAPI) -> None:
    case.call_and_validate(app=api_app, excluded_checks=[ensure_resource_availability, positive_data_acceptance])
