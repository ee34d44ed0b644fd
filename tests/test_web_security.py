"""The web app when exposed: the write gate (origin, CSRF, token), coded error bodies, and analyses off the loop.

The analysis is a stand-in (no model): these tests are about who may do what and
what the server answers, not about ledgers.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from _corpus_helpers import fake_model, relay  # noqa: F401
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from claimledger import cli
from claimledger.corpus import Corpus
from claimledger.model import Article, Ledger
from claimledger.store import db as database
from claimledger.web import analysis
from claimledger.web.app import create_app

TEXT = relay("5,000", "May 2025", "Christoph Vanner")
BASE = "http://testserver"


@pytest.fixture
def corpus(tmp_path: Path, fake_model: None, monkeypatch: pytest.MonkeyPatch) -> Corpus:
    monkeypatch.setattr(analysis, "run", lambda article: Ledger(article=article))
    return Corpus(tmp_path / "corpus.db")


def _client(corpus: Corpus, **options: object) -> TestClient:
    return TestClient(create_app(corpus, **options), base_url=BASE)


def _token(client: TestClient) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/analyze").text)[1]


def _post_form(client: TestClient, headers: dict[str, str] | None = None, **fields: str) -> httpx.Response:
    return client.post("/analyze", data=fields, headers=headers or {}, follow_redirects=False)


# --- origin and CSRF ------------------------------------------------------------------------


def test_a_form_from_another_site_stores_nothing(corpus: Corpus) -> None:
    with _client(corpus, allow_add=True) as client:
        token = _token(client)
        response = _post_form(client, {"origin": "http://evil.example"}, text=TEXT, store="yes", csrf_token=token)
        assert response.status_code == 403 and "[E403]" in response.text
        api = client.post("/api/analyze", json={"text": TEXT, "store": True}, headers={"origin": "http://evil.example"})
        assert api.status_code == 403 and api.json()["error"]["code"] == "E403"
        referred = client.post("/api/analyze", json={"text": TEXT, "store": True},
                               headers={"referer": "http://evil.example/page"})
        assert referred.status_code == 403
    assert corpus.stats().articles == 0


def test_a_form_without_its_csrf_token_is_refused_even_from_this_site(corpus: Corpus) -> None:
    with _client(corpus, allow_add=True) as client:
        _token(client)
        missing = _post_form(client, {"origin": BASE}, text=TEXT, store="yes")
        forged = _post_form(client, {"origin": BASE}, text=TEXT, store="yes", csrf_token="x" * 43)
        assert missing.status_code == forged.status_code == 403 and "[E403]" in forged.text
        stored = _post_form(client, {"origin": BASE}, text=TEXT, store="yes", csrf_token=_token(client))
        assert stored.status_code == 303
    assert corpus.stats().articles == 1


def test_the_page_sets_its_csrf_cookie_for_this_site_only(corpus: Corpus) -> None:
    with _client(corpus) as client:
        cookie = client.get("/analyze").headers["set-cookie"]
        assert "SameSite=Strict" in cookie and "HttpOnly" in cookie
        assert client.get("/analyze").headers.get("set-cookie") is None, "the same token is kept"


# --- the token --------------------------------------------------------------------------------


def test_with_a_token_storing_needs_it(corpus: Corpus) -> None:
    with _client(corpus, allow_add=True, token="s3cret-token") as client:
        page = client.get("/analyze").text
        assert 'name="token"' in page
        without = _post_form(client, text=TEXT, store="yes", csrf_token=_token(client))
        wrong = _post_form(client, text=TEXT, store="yes", csrf_token=_token(client), token="guess")
        assert without.status_code == wrong.status_code == 401 and "[E402]" in wrong.text
        analysed = _post_form(client, text=TEXT, csrf_token=_token(client))
        assert analysed.status_code == 200, "analysing without storing needs no token"
        assert corpus.stats().articles == 0
        right = _post_form(client, text=TEXT, store="yes", csrf_token=_token(client), token="s3cret-token")
        assert right.status_code == 303 and right.headers["location"].startswith("/articles/")
        api = client.post("/api/analyze", json={"text": TEXT + " More.", "store": True},
                          headers={"authorization": "Bearer s3cret-token"})
        assert api.status_code == 200
        refused = client.post("/api/analyze", json={"text": TEXT + " Other.", "store": True})
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "E402"
    assert corpus.stats().articles == 2


def test_storing_on_a_read_only_server_is_a_coded_403(corpus: Corpus) -> None:
    with _client(corpus) as client:
        response = client.post("/api/analyze", json={"text": TEXT, "store": True})
    assert response.status_code == 403
    assert response.json() == {"error": {"status": 403, "code": "E401", "message": response.json()["error"]["message"]}}


# --- error bodies -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ('{"text": NaN}', 422, "E405"),
        ('{"text": "x", "store": "maybe"}', 422, "E405"),
        ('{"text": ', 422, "E405"),
        ('{"text": "Officials said 5 soldiers left.", "published": "0001-01-01"}', 400, "E107"),
    ],
    ids=["nan", "bad-field", "not-json", "year-0001"],
)
def test_hostile_bodies_give_coded_4xx_in_the_error_shape(corpus: Corpus, body: str, status: int, code: str) -> None:
    with _client(corpus) as client:
        response = client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    assert response.status_code == status
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message"} and error["status"] == status
    assert error["code"] == code


def test_lone_surrogates_are_cleaned_not_a_500(corpus: Corpus) -> None:
    body = '{"text": "' + TEXT + ' \\udfff\\ud800", "title": "A \\ud800 title"}'
    with _client(corpus) as client:
        response = client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert response.json()["article"]["text"] == TEXT + " \ufffd\ufffd"
    assert response.json()["article"]["title"] == "A \ufffd title"


def test_not_found_is_coded(corpus: Corpus) -> None:
    with _client(corpus) as client:
        response = client.get("/api/articles/nope")
    assert response.status_code == 404 and response.json()["error"]["code"] == "E404"


def test_a_bug_is_a_coded_500_in_the_error_shape(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Corpus, "stats", lambda self: 1 / 0)
    with TestClient(create_app(corpus), raise_server_exceptions=False) as client:
        response = client.get("/api/stats")
    assert response.status_code == 500 and response.json()["error"]["code"] == "E500"


def test_redirects_never_carry_the_host_header(corpus: Corpus) -> None:
    with _client(corpus) as client:
        response = client.get("/articles/", headers={"host": "evil.example"}, follow_redirects=False)
    assert response.status_code in (301, 302, 307, 308)
    assert response.headers["location"] == "/articles"


# --- analyses off the event loop ------------------------------------------------------------------


def _blocking_analysis(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """An analysis that signals when it starts and then waits until the test lets it finish."""
    started, finish = threading.Event(), threading.Event()

    def run(article: Article) -> Ledger:
        started.set()
        finish.wait(10)
        return Ledger(article=article)

    monkeypatch.setattr(analysis, "run", run)
    return started, finish


def test_a_long_analysis_does_not_hold_up_other_requests(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    started, finish = _blocking_analysis(monkeypatch)
    app = create_app(corpus)

    async def scenario() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as client:
            slow = asyncio.create_task(client.post("/api/analyze", json={"text": TEXT}))
            while not started.is_set():
                await asyncio.sleep(0.01)
            other = await asyncio.wait_for(client.get("/api/stats"), 5)  # would hang if the loop were blocked
            assert other.status_code == 200 and not slow.done()
            finish.set()
            assert (await slow).status_code == 200

    asyncio.run(scenario())


def test_an_analysis_over_the_time_limit_is_a_coded_503(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    _, finish = _blocking_analysis(monkeypatch)
    try:
        with _client(corpus, analysis_seconds=0.2) as client:
            response = client.post("/api/analyze", json={"text": TEXT})
    finally:
        finish.set()
    assert response.status_code == 503 and response.json()["error"]["code"] == "E407"


def test_analyses_beyond_the_queue_are_refused_at_once(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    started, finish = _blocking_analysis(monkeypatch)
    app = create_app(corpus, analysis_queue=0)

    async def scenario() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as client:
            first = asyncio.create_task(client.post("/api/analyze", json={"text": TEXT}))
            while not started.is_set():
                await asyncio.sleep(0.01)
            second = await client.post("/api/analyze", json={"text": TEXT})
            assert second.status_code == 503 and second.json()["error"]["code"] == "E406"
            finish.set()
            assert (await first).status_code == 200

    asyncio.run(scenario())


# --- serve ----------------------------------------------------------------------------------------


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict]]:
    """Records what ``serve`` would run instead of starting a server."""
    import uvicorn

    runs: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: runs.append({"app": app, **options}))
    monkeypatch.delenv("CLAIMLEDGER_TOKEN", raising=False)
    yield runs


def test_serve_refuses_open_storing_beyond_loopback(served: list, tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(cli.app, ["serve", "--db", db, "--host", "0.0.0.0", "--allow-add"])
    assert result.exit_code == 2 and "--token" in result.stderr and served == []
    tokened = CliRunner().invoke(cli.app, ["serve", "--db", db, "--host", "0.0.0.0", "--allow-add"],
                                 env={"CLAIMLEDGER_TOKEN": "from-the-environment"})
    assert tokened.exit_code == 0 and "warning:" in tokened.stderr
    assert served[0]["app"].state.token == "from-the-environment"
    local = CliRunner().invoke(cli.app, ["serve", "--db", db, "--allow-add"])
    assert local.exit_code == 0 and "warning:" not in local.stderr


def test_serve_opens_a_corpus_it_cannot_write_read_only(served: list, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "c.db")
    Corpus(db).close()

    def cannot_write(engine: object) -> None:
        raise OperationalError("PRAGMA journal_mode=WAL", {}, Exception("attempt to write a readonly database"))

    monkeypatch.setattr(database, "migrate", cannot_write)
    result = CliRunner().invoke(cli.app, ["serve", "--db", db])
    assert result.exit_code == 0, result.output
    assert served[0]["app"].state.corpus.stats().articles == 0
    refused = CliRunner().invoke(cli.app, ["add", str(tmp_path), "--db", db])
    assert refused.exit_code == 1 and refused.stderr.startswith("error: [E303]")


# --- pages kept per state of the corpus ---------------------------------------------------------


def test_an_article_page_is_built_once_until_another_process_writes(corpus: Corpus, monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    corpus.add_articles([Article(TEXT, title="First")])
    [stored] = corpus.articles()
    reads: list[str] = []
    real = Corpus.ledger

    def counted(self: Corpus, article_id: str) -> Ledger | None:
        reads.append(article_id)
        return real(self, article_id)

    monkeypatch.setattr(Corpus, "ledger", counted)
    with _client(corpus) as client:
        first, second = client.get(f"/articles/{stored.id}"), client.get(f"/articles/{stored.id}")
        assert first.status_code == second.status_code == 200 and first.text == second.text
        assert reads == [stored.id]
        other_process = Corpus(tmp_path / "corpus.db")  # another connection: as another process writes
        other_process.add_articles([Article(relay("7,000", "June 2025", "A B"), title="Second")])
        assert client.get(f"/articles/{stored.id}").status_code == 200
        assert reads == [stored.id, stored.id], "a commit elsewhere makes the page be built again"


def test_a_kept_page_is_sent_compressed_and_its_forms_get_each_visitors_token(corpus: Corpus) -> None:
    corpus.add_articles([Article(TEXT, title="First")])
    [stored] = corpus.articles()
    with _client(corpus) as client:
        response = client.get(f"/articles/{stored.id}", headers={"accept-encoding": "gzip"})
        assert response.headers["content-encoding"] == "gzip" and "First" in response.text
        plain = client.get(f"/articles/{stored.id}", headers={"accept-encoding": "identity"})
        assert "content-encoding" not in plain.headers and plain.text == response.text
    from claimledger.web import render

    with _client(corpus) as one, _client(corpus) as two:
        request_a, request_b = (_page_with_form(c, stored.id) for c in (one, two))
        assert request_a != request_b and render._TOKEN_PLACEHOLDER not in request_a + request_b


def _page_with_form(client: TestClient, article_id: str) -> str:
    """A kept page that has a form: the token in it is this visitor's own (its cookie's)."""
    from claimledger.web import render

    state = client.app.state
    state.compare_cache.page((("article", article_id, "info"), state.allow_add, False),
                             lambda: (f'<input name="csrf_token" value="{render._TOKEN_PLACEHOLDER}">'.encode(), None))
    page = client.get(f"/articles/{article_id}").text
    token = re.search(r'value="([^"]+)"', page)[1]
    assert token == client.cookies.get("claimledger_csrf")
    return token


def test_any_commit_elsewhere_drops_the_kept_pages_even_when_no_count_changes(corpus: Corpus, tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import insert

    from claimledger.store import schema

    corpus.add_articles([Article(TEXT, title="First")])
    [stored] = corpus.articles()
    reads: list[str] = []
    real = Corpus.ledger
    monkeypatch.setattr(Corpus, "ledger", lambda self, article_id: reads.append(article_id) or real(self, article_id))
    with _client(corpus) as client:
        client.get(f"/articles/{stored.id}")
        before = corpus.stats()
        other = Corpus(tmp_path / "corpus.db")  # e.g. a table of reviews, which no count of stats() follows
        with other.engine.begin() as connection:
            connection.execute(insert(schema.inputs).values(key="x", fingerprint="1:1", version="0", articles=0))
        assert corpus.stats() == before
        client.get(f"/articles/{stored.id}")
    assert reads == [stored.id, stored.id]
