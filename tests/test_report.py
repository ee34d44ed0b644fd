"""The four renderers, on a ledger built by hand from the example article.

The ledger is made here, not by the pipeline, so these tests say what the
reports must show whatever the extractors find today.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from importlib import resources

import pytest
from rich.console import Console

from claimledger.model import Article, Attribution, Claim, Figure, Finding, Ledger, Period, Quote, Source
from claimledger.report import html, json_report, markdown, table
from claimledger.report.format import format_bounds, format_period

TEXT = resources.files("claimledger").joinpath("examples/desertion-report.txt").read_text(encoding="utf-8")


def _span(text: str, needle: str, after: str = "") -> tuple[int, int]:
    """Offsets of ``needle``, searched from the first ``after`` on, as the extractors would give them."""
    start = text.index(needle, text.index(after) if after else 0)
    return start, start + len(needle)


def _sentence(text: str, needle: str) -> tuple[int, int]:
    start, end = _span(text, needle)
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, line_end if line_end != -1 else len(text)


def _figure_claim(
    text: str,
    claim_id: str,
    figure_text: str,
    low: float | None,
    high: float | None,
    *,
    after: str = "",
    approximate: bool = False,
    unit: str | None = "people",
    measure: str | None = None,
    counted: str | None = None,
    period: Period | None = None,
    attribution: list[Attribution] | None = None,
    hedges: list[str] | None = None,
) -> Claim:
    fstart, fend = _span(text, figure_text, after)
    cstart, cend = _sentence(text, figure_text)
    return Claim(
        id=claim_id,
        kind="figure",
        start=cstart,
        end=cend,
        text=text[cstart:cend],
        figure=Figure(fstart, fend, figure_text, low, high, approximate, unit, measure, counted),
        period=period,
        attribution=attribution or [],
        hedges=hedges or [],
    )


def _link(text: str, source: str, relation: str, cue: str, after: str = "") -> Attribution:
    start, end = _span(text, cue, after)
    return Attribution(source=source, relation=relation, cue=cue, start=start, end=end)  # type: ignore[arg-type]


def _spoken(
    text: str, claim_id: str, content: str, kind: str, attribution: list[Attribution], setting: str | None = None
) -> Claim:
    start, end = _span(text, content)
    quote = Quote(direct=True, setting=setting) if kind == "quote" else None
    return Claim(claim_id, kind, start, end, content, attribution=attribution, quote=quote)  # type: ignore[arg-type]


def example_ledger(text: str = TEXT) -> Ledger:
    """The expected ledger of the example article, in part: enough to exercise every column and style."""
    mentions = {
        "s1": [_span(text, "Christoph Vanner")],
        "s2": [_span(text, "Maria Zakharova"), _span(text, "Zakharova", "Zakharova stated")],
        "s3": [_span(text, "Ukraine’s Prosecutor General’s Office")],
        "s4": [_span(text, "sources close to the Russian administration")],
        "s5": [_span(text, "Ukrainian officials")],
        "s6": [_span(text, "Putin", "In a recent"), _span(text, "Putin", "conquest,’")],
    }
    sources = [
        Source("s1", "Christoph Vanner", "person", "correspondent", "Die Welt", mentions["s1"]),
        Source("s2", "Maria Zakharova", "person", "official spokesperson", "Russian Foreign Ministry", mentions["s2"]),
        Source("s3", "Ukraine’s Prosecutor General’s Office", "organization", None, None, mentions["s3"]),
        Source("s4", "sources close to the Russian administration", "anonymous", None, None, mentions["s4"]),
        Source("s5", "Ukrainian officials", "organization", None, None, mentions["s5"]),
        Source("s6", "Vladimir Putin", "person", "President", "Russia", mentions["s6"]),
    ]
    vanner = [_link(text, "s1", "reported", "reported")]
    zakharova = [_link(text, "s2", "said", "stated"), _link(text, "s3", "cited", "citing data from")]
    claims = [
        _figure_claim(
            text, "c1", "between 100,000 and 200,000", 100_000, 200_000,
            measure="desertion", counted="soldiers have abandoned their posts", hedges=["reports indicating"],
        ),
        _figure_claim(
            text, "c2", "21,600", 21_600, 21_600, measure="desertion", counted="soldiers deserted",
            period=Period(date(2025, 10, 1), date(2025, 10, 31), "total", "in October alone"), attribution=vanner,
        ),
        _figure_claim(
            text, "c3", "180,000", 180_000, 180_000, measure="desertion", counted="year-to-date total",
            period=Period(date(2025, 1, 1), date(2025, 10, 31), "total", "year-to-date"), attribution=vanner,
        ),
        _figure_claim(
            text, "c4", "15,000 to 18,000", 15_000, 18_000, measure="desertion",
            counted="deserters leave Ukrainian military units",
            period=Period(None, None, "per_month", "each month"), attribution=zakharova,
        ),
        _figure_claim(
            text, "c5", "over 230,000", 230_000, None, unit="cases", measure="awol_cases",
            counted="criminal cases opened for unauthorized absences",
            period=Period(date(2022, 2, 1), None, "cumulative", "since February 2022"), attribution=zakharova,
        ),
        _figure_claim(
            text, "c6", "tens of thousands", 10_000, 99_999, approximate=True, measure="casualties",
            counted="casualties", attribution=[_link(text, "s4", "suggested", "suggest", "administration")],
        ),
        _figure_claim(
            text, "c7", "millions", 1_000_000, None, approximate=True, measure="displaced", counted="displaced",
        ),
        _spoken(text, "c8", "systemic collapse", "quote", [_link(text, "s5", "said", "described by")]),
        _spoken(
            text, "c9", "We are not fighting for conquest", "quote",
            [_link(text, "s6", "said", "stated", "conquest,’")], setting="closed-door meeting",
        ),
        _spoken(
            text, "c10", "Putin revealed the Ukrainian military’s losses in October", "statement",
            [_link(text, "s6", "said", "revealed")],
        ),
    ]
    staggering = _span(text, "staggering")
    conflict = "21,600 in October 2025 lies above the 15,000–18,000 per month that c4 gives (+20% over the upper bound)"
    findings = [
        Finding("f1", "figure_conflict", "high", conflict, ["c2", "c4"]),
        Finding("f2", "figure_consistent", "info", "18,000 a month, c4's upper bound", ["c3", "c4"]),
        Finding("f3", "secondhand", "medium", "Zakharova cites the Prosecutor General, not linked", ["c4", "c5"]),
        Finding("f4", "unattributed", "medium", "no source for “reports indicating”", ["c1"]),
        Finding("f5", "anonymous_source", "medium", "“sources close to the Russian administration”", ["c6"]),
        Finding("f6", "unverifiable_setting", "low", "quote from a closed-door meeting", ["c9"]),
        Finding("f7", "loaded_language", "low", "“staggering” in the author's own voice", [], *staggering),
    ]
    article = Article(text=text, published=date(2025, 11, 28), outlet="Example Outlet")
    return Ledger(article=article, sources=sources, claims=claims, findings=findings)


@pytest.fixture
def ledger() -> Ledger:
    return example_ledger()


def test_example_ledger_offsets_point_at_their_text(ledger: Ledger) -> None:
    text = ledger.article.text
    for claim in ledger.claims:
        assert text[claim.start : claim.end] == claim.text
        if claim.figure:
            assert text[claim.figure.start : claim.figure.end] == claim.figure.text
        for link in claim.attribution:
            assert text[link.start : link.end] == link.cue


def overlapping_ledger() -> Ledger:
    """Spans that cross one another, run past the text, or name ids that do not exist."""
    text = "Officials said 'over 5,000 <b>men</b> & women left' in 2024, per a report."
    q_start, q_end = _span(text, "over 5,000 <b>men</b> & women left")
    f_start, f_end = _span(text, "over 5,000")
    return Ledger(
        article=Article(text=text, title="Crossing <spans> & co"),
        sources=[Source("s1", "Officials", "organization", mentions=[(0, 9), (5, 20), (70, 500)])],
        claims=[
            Claim("c1", "figure", 0, 60, text[0:60],
                  figure=Figure(f_start, f_end, "over 5,000", 5000, None, unit="people"),
                  attribution=[Attribution("s1", "said", "said", 10, 14), Attribution("s9", "cited", "per", 61, 64)]),
            Claim("c2", "quote", q_start, q_end, text[q_start:q_end], quote=Quote(True, None)),
            Claim("c3", "statement", 8, 30, text[8:30]),
            Claim("c4", "statement", 40, 30, "backwards span"),
        ],
        findings=[
            Finding("f1", "hedging", "high", "crosses <everything>", ["c1", "c2", "c404"], 3, 25),
            Finding("f2", "loaded_language", "info", "past the end", [], 70, 9999),
            Finding("f3", "unattributed", "medium", "refers to a claim with no span", ["c4"]),
        ],
    )


@pytest.mark.parametrize(
    ("low", "high", "approximate", "expected"),
    [
        (21_600, 21_600, False, "21,600"),
        (15_000, 18_000, False, "15,000–18,000"),
        (230_000, None, False, "≥ 230,000"),
        (None, 500, False, "≤ 500"),
        (10_000, 99_999, True, "≈ 10,000–99,999"),
        (2.5, 2.5, False, "2.5"),
        (None, None, False, "unknown"),
    ],
)
def test_format_bounds(low: float | None, high: float | None, approximate: bool, expected: str) -> None:
    assert format_bounds(Figure(0, 1, "x", low, high, approximate)) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (None, "not stated"),
        (Period(date(2025, 10, 1), date(2025, 10, 31), "total"), "2025-10-01 – 2025-10-31"),
        (Period(date(2022, 2, 1), None, "cumulative"), "2022-02-01 – (open)"),
        (Period(None, None, "total", "in October"), "“in October” (no dates)"),
        (Period(None, None, "unknown"), "not stated"),
    ],
)
def test_format_period(period: Period | None, expected: str) -> None:
    assert format_period(period) == expected


# --- table -------------------------------------------------------------------


def _table_text(ledger: Ledger) -> str:
    console = Console(record=True, width=100, color_system=None)
    table.render(ledger, console)
    return console.export_text()


def test_table_shows_bounds_periods_and_sources(ledger: Ledger) -> None:
    out = _table_text(ledger)
    for expected in ("15,000–18,000", "≥ 230,000", "≈ 10,000–99,999", "21,600", "2025-10-01", "not stated",
                     "per_month", "Christoph Vanner", "figure_conflict", "unverifiable_setting", "closed-door"):
        assert expected in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_table_shows_attribution_chain_with_arrow() -> None:
    text = "Zakharova stated that 15,000 deserters left, citing the Office."
    chain = [Attribution("s1", "said", "stated", 10, 16), Attribution("s2", "cited", "citing", 45, 51)]
    claim = Claim("c1", "figure", 0, len(text), text, figure=Figure(22, 28, "15,000", 15000, 15000), attribution=chain)
    sources = [Source("s1", "Zakharova", "person"), Source("s2", "Office", "organization")]
    ledger = Ledger(Article(text), sources, [claim])
    assert "Zakharova → Office" in _table_text(ledger)


def test_table_takes_article_text_literally_not_as_rich_markup() -> None:
    text = "[bold]Officials[/i] said [citation needed] 12 left."
    claim = Claim("c1", "quote", 0, 19, text[:19], quote=Quote())
    ledger = Ledger(Article(text, title="[red]x[/blue]"), [Source("s1", "[/]", "person")], [claim],
                    [Finding("f1", "hedging", "low", "[link=x]y[/link]", ["c1"])])
    out = _table_text(ledger)
    assert "[bold]Officials[/i]" in out and "[red]x[/blue]" in out and "[link=x]y[/link]" in out


def test_table_renders_empty_ledger() -> None:
    out = _table_text(Ledger(Article("")))
    assert "(empty article)" in out and "0 figures" in out


# --- JSON --------------------------------------------------------------------


def test_json_round_trip(ledger: Ledger) -> None:
    assert Ledger.from_json(json_report.render(ledger)) == ledger
    assert json.loads(json_report.render(ledger)) == ledger.to_dict()


def test_json_line_is_one_line_for_every_reader(ledger: Ledger) -> None:
    ledger.article.text += "\u2028next\u2029para\x85end"
    line = json_report.render_line(ledger)
    assert len(line.splitlines()) == 1
    assert Ledger.from_json(line) == ledger


def test_error_line_shape() -> None:
    line = json_report.error_line("B.txt", "[E101] cannot decode\nline two")
    assert len(line.splitlines()) == 1
    error = {"file": "B.txt", "message": "[E101] cannot decode\nline two"}
    assert json.loads(line) == {"format": "claimledger/1", "error": error}


# --- Markdown ----------------------------------------------------------------


def test_markdown_lists_figures_quotes_sources_findings(ledger: Ledger) -> None:
    out = markdown.render(ledger)
    assert "| c4 | 15,000 to 18,000 | 15,000–18,000 |" in out
    assert "Maria Zakharova → Ukraine’s Prosecutor General’s Office" in out
    assert "2022-02-01 – (open)" in out
    assert "setting: closed-door meeting" in out
    for finding in ledger.findings:
        assert f"**{finding.type}** ({finding.severity}" in out
    assert out.index("figure_conflict") < out.index("figure_consistent"), "high before info"


def test_markdown_escapes_article_text() -> None:
    out = markdown.render(overlapping_ledger())
    assert "<b>" not in out and "\\<b\\>" in out
    table_rows = [line for line in out.splitlines() if line.startswith("| c1 |")]
    assert len(table_rows) == 1 and table_rows[0].count(" | ") == 7


def test_markdown_renders_empty_ledger() -> None:
    out = markdown.render(Ledger(Article("")))
    assert "No figures." in out and "No findings." in out


# --- HTML --------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Page(HTMLParser):
    """Checks that tags balance and collects what the tests look at: ids, links, and the text of #text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.claim_text: dict[str, str] = {}
        self.article_text: list[str] = []
        self.open_attrs: list[dict[str, str]] = []
        self.in_text_at: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.elements.append((tag, values))
        if "id" in values:
            self.ids.append(values["id"])
        if "href" in values:
            self.hrefs.append(values["href"])
        if tag in VOID:
            return
        if values.get("id") == "text":
            self.in_text_at = len(self.stack)
        self.stack.append(tag)
        self.open_attrs.append(values)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        self.open_attrs.pop()
        if self.in_text_at is not None and len(self.stack) == self.in_text_at:
            self.in_text_at = None

    def handle_data(self, data: str) -> None:
        if self.in_text_at is None:
            return
        self.article_text.append(data)
        for attrs in self.open_attrs[self.in_text_at + 1 :]:
            for claim_id in attrs.get("data-claim", "").split():
                self.claim_text[claim_id] = self.claim_text.get(claim_id, "") + data


def _page(ledger: Ledger) -> tuple[str, _Page]:
    out = html.render(ledger)
    page = _Page()
    page.feed(out)
    page.close()
    assert page.errors == [] and page.stack == [], "tags must balance"
    assert len(page.ids) == len(set(page.ids)), "ids must be unique"
    return out, page


def test_html_is_self_contained(ledger: Ledger) -> None:
    ledger.article.url = "https://example.com/article"
    out, page = _page(ledger)
    for tag, attrs in page.elements:
        for name in ("src", "href"):
            assert not re.match(r"\s*(https?:)?//", attrs.get(name, "")), (tag, attrs)
        assert not (tag == "link" and "stylesheet" in attrs.get("rel", ""))
    assert "@import" not in out and "url(" not in out
    assert "<style>" in out and out.count("<script>") == 1


def test_html_keeps_the_article_text_whole(ledger: Ledger) -> None:
    _, page = _page(ledger)
    assert "".join(page.article_text) == ledger.article.text


def test_html_wraps_each_figure_with_its_claim_id_and_card(ledger: Ledger) -> None:
    out, page = _page(ledger)
    for claim in ledger.figures:
        assert claim.figure is not None
        assert page.claim_text[claim.id] == claim.figure.text
        assert claim.id in page.ids and f"card-{claim.id}" in page.ids
        assert f'aria-describedby="card-{claim.id}"' in out
    card = out[out.index('id="card-c5"') : out.index('id="card-c6"')]
    for expected in ("≥ 230,000", "2022-02-01 – (open)", "cumulative", "awol_cases", "cases",
                     "Maria Zakharova", "Ukraine’s Prosecutor General’s Office", "cited", "citing data from"):
        assert expected in card


def test_html_findings_link_to_anchors_that_exist(ledger: Ledger) -> None:
    _, page = _page(ledger)
    local = [href[1:] for href in page.hrefs if href.startswith("#")]
    assert {"c2", "c4", "span-f7", "finding-f1", "source-s2"} <= set(local)
    assert set(local) <= set(page.ids)
    for finding in ledger.findings:
        assert f"finding-{finding.id}" in page.ids


def test_html_escapes_article_text() -> None:
    text = "Officials said <script>alert(1)</script> 12 soldiers left & \"more\"."
    start, end = _span(text, "12")
    ledger = Ledger(
        Article(text, title="<img src=x onerror=alert(2)>"),
        [Source("s1", "<b>Officials</b>", "organization", "<i>role</i>", mentions=[(0, 9)])],
        [Claim("c1", "figure", 0, len(text), text, figure=Figure(start, end, "12", 12, 12, counted="<u>soldiers</u>"))],
        [Finding("f1", "hedging", "low", "<script>alert(3)</script>", ["c1"], 15, 40)],
    )
    out, page = _page(ledger)
    assert "<script>alert" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<img" not in out and "<b>Officials" not in out and "<u>" not in out and "<i>role" not in out
    assert out.count("<script>") == 1
    assert "".join(page.article_text) == text


def test_html_survives_overlapping_and_broken_spans() -> None:
    ledger = overlapping_ledger()
    out, page = _page(ledger)
    assert "".join(page.article_text) == ledger.article.text
    assert page.claim_text["c1"] == "over 5,000"
    assert page.claim_text["c2"] == "over 5,000 <b>men</b> & women left"
    local = {href[1:] for href in page.hrefs if href.startswith("#")}
    assert local <= set(page.ids)
    assert "c4" not in page.ids and "c404" not in local, "no anchor and no link for spans that are not in the text"
    assert "span-f2" in page.ids, "a span running past the end is cut at the end"


def test_html_pieces_give_the_text_back() -> None:
    ledger = overlapping_ledger()
    assert "".join(piece.text for piece in html.pieces(ledger)) == ledger.article.text


def test_html_renders_empty_ledger() -> None:
    out, page = _page(Ledger(Article("")))
    assert "(The article is empty.)" in out and "No findings." in out and "No sources." in out
