"""The web app in a real browser: Debian's chromium, headless, driven by Playwright for Python.

A server on a free loopback port serves a small corpus (tests/_web_helpers.py).
Each test fails on any Content-Security-Policy violation or uncaught page error,
so a script or style the policy blocks is caught here, not by a user. Screenshots
of every page go to test-artifacts/web/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimledger.web.app import create_app
from _web_helpers import SCRIPT_TEXT, build_corpus, serving

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "web"
# The machine has no network: keep chromium from trying to reach one.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (scripts/test.sh installs it)", allow_module_level=True)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    corpus = build_corpus(tmp_path_factory.mktemp("web") / "corpus.db")
    with serving(create_app(corpus, allow_add=True)) as url:
        yield url


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[playwright_api.BrowserContext]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        browser_context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1000},
        )
        yield browser_context
        browser_context.close()


class Watched:
    """A page that records CSP violations, page errors and dialogs, which every test requires to stay empty."""

    def __init__(self, context: playwright_api.BrowserContext) -> None:
        self.page = context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("dialog", self._dialog)

    def _console(self, message: playwright_api.ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or message.type == "error":
            self.problems.append(f"console {message.type}: {message.text}")

    def _dialog(self, dialog: playwright_api.Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.page.close()
        assert self.dialogs == [], f"a script ran: {self.dialogs}"
        assert self.problems == []


@pytest.fixture
def watched(context: playwright_api.BrowserContext) -> Iterator[Watched]:
    page = Watched(context)
    yield page
    page.close()


def _article_url(page: playwright_api.Page, base_url: str, title: str) -> str:
    page.goto(f"{base_url}/articles")
    href = page.get_by_role("link", name=title).get_attribute("href")
    assert href and href.startswith("/articles/")
    return base_url + href


def test_e2e_pages_cards_findings_and_chart(base_url: str, watched: Watched) -> None:
    page = watched.page
    expect = playwright_api.expect

    page.goto(base_url + "/")
    expect(page.locator(".stats")).to_contain_text("4")
    expect(page.get_by_role("link", name="desertion").first).to_be_visible()
    watched.shot("overview")

    page.goto(_article_url(page, base_url, "Desertion report"))
    watched.shot("article")
    figure = page.locator("#text .fig", has_text="21,600").first
    figure.click()
    card = page.locator("#popover")
    expect(card).to_be_visible()
    for text in ("21,600", "2025-10-01 – 2025-10-31", "total", "attribution"):
        expect(card).to_contain_text(text)
    watched.shot("article-card")
    page.keyboard.press("Escape")

    conflict = page.locator("#findings .finding", has_text="figure_conflict").first
    link = conflict.locator("a[data-flash]").first
    target = link.get_attribute("data-flash")
    assert target and target.startswith("claim:")
    link.click()
    span = page.locator(f'#text [data-claim~="{target.split(":", 1)[1]}"]').first
    expect(span).to_have_class(re.compile(r"\bflash\b"))
    expect(span).to_be_in_viewport()

    page.goto(f"{base_url}/measures/desertion")
    chart = page.locator("#chart-0")
    expect(chart).to_have_attribute("data-ready", "true")
    assert chart.locator("path.point").count() >= 3, "a point for each dated desertion figure"
    october = page.locator("table.figures", has_text="Kyiv Ledger")
    expect(october).to_contain_text("Weekly Review")
    expect(october).to_contain_text("21,600")
    watched.shot("measure")

    page.goto(f"{base_url}/sources/Christoph%20Vanner")
    expect(page.locator("main")).to_contain_text("21,600")
    watched.shot("source")

    page.goto(f"{base_url}/search?q=deserted")
    expect(page.locator("main")).to_contain_text("General Staff gives October desertion figure")
    watched.shot("search")


def test_e2e_analyze_the_example(base_url: str, watched: Watched, example_text: str) -> None:
    page = watched.page
    page.goto(base_url + "/analyze")
    watched.shot("analyze")
    page.locator("#text-input").fill(example_text)
    page.locator("input[name=published]").fill("2025-11-28")
    page.get_by_role("button", name="Analyze").click()
    expect = playwright_api.expect
    expect(page.locator(".notice")).to_contain_text("not stored")
    expect(page.locator("#findings")).to_contain_text("figure_conflict")
    expect(page.locator("#text .fig").first).to_be_visible()
    watched.shot("analyze-result")


def test_e2e_script_in_an_article_is_text_and_never_runs(base_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(_article_url(page, base_url, "Script test <b>bold</b>"))
    expect = playwright_api.expect
    expect(page.locator("#text")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator("h1").first).to_have_text("Script test <b>bold</b>")
    assert SCRIPT_TEXT in page.locator("#text").inner_text()
    page.wait_for_timeout(300)  # a script that ran would have opened its dialog by now
    watched.shot("script-article")


def _download(page: playwright_api.Page, link_text: str) -> str:
    with page.expect_download() as info:
        page.locator(".downloads").get_by_role("link", name=link_text).click()
    path = info.value.path()
    assert path is not None
    return Path(path).read_text(encoding="utf-8")


def test_e2e_review_a_claim_and_download_every_export(base_url: str, watched: Watched) -> None:
    page = watched.page
    expect = playwright_api.expect
    article_url = _article_url(page, base_url, "Desertion report")
    page.goto(article_url)
    card = page.locator("#claims #card-c3")
    card.locator("details.review-form summary").click()
    card.locator("input[name=rating]").fill("Unsupported")
    card.locator("input[name=reviewer]").fill("Example Fact Desk")
    card.locator("input[name=url]").fill("https://factcheck.example/desertions")
    card.get_by_role("button", name="Save review").click()
    expect(page.locator("#claims #card-c3")).to_contain_text("Unsupported")
    watched.shot("article-reviewed")

    rows = _download(page, "CSV").splitlines()
    assert rows[0].startswith("article_id,url,outlet") and any(",c3,\"21,600\"," in row for row in rows)
    annotations = json.loads(_download(page, "annotations (W3C JSON-LD)"))
    assert annotations["type"] == "AnnotationPage" and len(annotations["items"]) > 8
    reviews = json.loads(_download(page, "ClaimReview (JSON-LD)"))
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["Unsupported"]
    assert reviews[0]["itemReviewed"]["author"] == [{"@type": "Person", "name": "Christoph Vanner"}]

    page.goto(f"{base_url}/measures/desertion")
    figures = _download(page, "CSV")
    assert "Kyiv Ledger" in figures and "Weekly Review" in figures
    assert json.loads(_download(page, "ClaimReview (JSON-LD)"))[0]["url"] == "https://factcheck.example/desertions"
    assert json.loads(_download(page, "annotations (W3C JSON-LD)"))["items"]

    page.goto(f"{base_url}/search?q=General%20Staff")
    found = _download(page, "CSV")
    assert "9,000" in found and "21,600" not in found
    assert json.loads(_download(page, "annotations (W3C JSON-LD)"))["items"]
    assert json.loads(_download(page, "ClaimReview (JSON-LD)")) == []
