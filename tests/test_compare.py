"""compare: grouping by measure and overlapping period, spread, lineage, and the cross-article findings.

The unit tests build stored figures by hand; the corpus tests add small articles
(the stand-in model of _corpus_helpers); ``test_e2e_*`` runs the real model on
tests/fixtures/corpus, where several outlets relay the same figures with different
attributions and spellings.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from _corpus_helpers import fake_model, fresh_db, relay  # noqa: F401
from typer.testing import CliRunner

from claimledger.check import across
from claimledger.cli import app
from claimledger.corpus import Corpus
from claimledger.model import Article, ChainLink, GroupFigure, Period

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "corpus"
AWOL = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "examples" / "ukraine-awol-cases.csv"
OCTOBER = (date(2025, 10, 1), date(2025, 10, 31))


def stored(article: str, low: float, high: float | None, span: tuple[date, date] | None = OCTOBER,
           published: date | None = date(2025, 11, 5), aggregation: str = "total", by: str = "Someone",
           text: str | None = None) -> across.StoredFigure:
    period = Period(span[0], span[1], aggregation) if span else Period(None, None, aggregation, "each month")  # type: ignore[arg-type]
    figure = GroupFigure(article, "c1", "", f"outlet {article}", None, published, text or f"{low:,.0f}", low, high,
                         False, period, [ChainLink(by, "person", "said", "said")])
    return across.StoredFigure(figure, "desertion", "people", aggregation, "2025-01-01 00:00:00")


def test_periods_that_overlap_by_half_share_a_group_and_a_month_stays_apart_from_its_year() -> None:
    groups = across.compare([
        stored("a", 21_600, 21_600),
        stored("b", 19_000, 19_000, (date(2025, 10, 1), date(2025, 10, 30))),
        stored("c", 180_000, 180_000, (date(2025, 1, 1), date(2025, 10, 31))),
    ])
    assert [sorted(f.article for f in g.figures) for g in groups] == [["c"], ["a", "b"]]
    october = groups[1]
    assert (october.period.start, october.period.end, october.period.text) == (*OCTOBER, "October 2025")


def test_spread_lineage_and_conflict_within_a_group() -> None:
    [group] = across.compare([
        stored("tass", 21_600, 21_600, published=date(2025, 11, 7), by="Christoph Wanner"),
        stored("welt", 21_600, 21_600, published=date(2025, 11, 5), by="Christoph Vanner"),
        stored("undated", 21_600, 21_600, published=None, by="Die Welt am Sonntag"),
        stored("kyiv", 15_000, 16_000, published=date(2025, 11, 12)),
    ])
    assert group.spread.to_dict() == {"min": 15000, "max": 21600, "median": 21600, "figures": 4, "articles": 4}
    first, second = group.lineage
    assert (first.text, first.first.article) == ("21,600", "welt")
    assert [(f.article, f.attribution[0].name) for f in first.repeated_by] == [
        ("tass", "Christoph Wanner"), ("undated", "Die Welt am Sonntag")]
    assert second.first.article == "kyiv" and second.repeated_by == []
    [finding] = group.findings
    assert (finding.type, finding.severity, finding.values) == ("figure_conflict", "high", [first.id, second.id])
    assert "cannot both hold" in finding.message and "+5,600" in finding.message


def test_values_carried_by_the_same_articles_are_left_to_their_ledgers() -> None:
    [group] = across.compare([stored("a", 100, 100), stored("a", 200, 200)])
    assert group.findings == []


def test_a_rate_meets_a_dated_total_of_another_group() -> None:
    groups = across.compare([
        stored("welt", 21_600, 21_600),
        stored("ria", 15_000, 18_000, span=None, aggregation="per_month", published=date(2025, 11, 27)),
    ])
    rate, month = groups
    [finding] = rate.findings
    assert finding in month.findings
    assert finding.type == "figure_conflict" and "taken to hold in October 2025" in finding.message


def test_undated_totals_are_not_set_against_dated_groups() -> None:
    groups = across.compare([stored("a", 21_600, 21_600), stored("b", 180_000, 180_000, span=None)])
    assert [g.findings for g in groups] == [[], []]


@pytest.fixture
def relays(fresh_db: str, fake_model: None) -> Corpus:
    """One figure relayed by four outlets under four attributions, and a fifth that disagrees."""
    corpus = Corpus(fresh_db)
    corpus.add_articles([
        Article(relay("21,600", "October 2025", "Christoph Vanner"), outlet="Die Welt", published=date(2025, 11, 5)),
        Article(relay("21,600", "October 2025", "Christoph Wanner", "Moscow. "), outlet="TASS",
                published=date(2025, 11, 7)),
        Article(relay("21,600", "October 2025", "Die Welt am Sonntag", "Berlin. "), outlet="Berliner Rundschau",
                published=date(2025, 11, 9)),
        Article(relay("21,600", "October 2025", "Maria Zakharova", "Moscow again. ", cited="Die Welt"),
                outlet="RIA Novosti", published=date(2025, 11, 27)),
        Article(relay("18,909", "October 2025", "Ukrainska Pravda", "Kyiv. "), outlet="Kyiv Independent",
                published=date(2025, 11, 12)),
        Article(relay("9,000", "March 2024", "Someone", "Old news. "), outlet="Archive", published=date(2024, 4, 1)),
    ])
    return corpus


def test_compare_on_a_corpus_of_relays(relays: Corpus) -> None:
    october = [g for g in relays.compare(measure="desertion") if g.period.start == OCTOBER[0]]
    [group] = october
    value = group.lineage[0]
    assert (value.text, value.first.outlet, value.first.published) == ("21,600", "Die Welt", date(2025, 11, 5))
    assert [(f.outlet, [link.name for link in f.attribution]) for f in value.repeated_by] == [
        ("TASS", ["Christoph Wanner"]),
        ("Berliner Rundschau", ["Die Welt am Sonntag"]),
        ("RIA Novosti", ["Maria Zakharova", "Die Welt"]),
    ]
    assert [f.type for f in group.findings] == ["figure_conflict"]
    assert relays.compare(measure="nothing") == []


def test_since_and_until_keep_figures_whose_periods_reach_the_window(relays: Corpus) -> None:
    assert {g.period.start for g in relays.compare(since=date(2025, 1, 1))} == {OCTOBER[0]}
    assert {g.period.start for g in relays.compare(until=date(2024, 12, 31))} == {date(2024, 3, 1)}
    assert relays.compare(since=date(2025, 10, 15), until=date(2025, 10, 20))[0].spread.articles == 5


def test_the_compare_command_prints_json_csv_and_a_table(relays: Corpus) -> None:
    runner = CliRunner()
    db = str(relays.url)
    groups = json.loads(runner.invoke(app, ["compare", "--db", db, "--measure", "desertion", "--format", "json"]).stdout)
    october = next(g for g in groups if g["period"]["start"] == "2025-10-01")
    assert set(october) == {"id", "measure", "unit", "period", "spread", "figures", "findings", "lineage"}
    assert october["lineage"][0]["articles"] == 4
    assert october["lineage"][0]["repeated_by"][0]["attribution"][0]["name"] == "Christoph Wanner"
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["compare", "--db", db, "--format", "csv"]).stdout)))
    assert sum(row["first"] == "True" for row in rows) == 3 and len(rows) == 6
    table = runner.invoke(app, ["compare", "--db", db, "--since", "2025-01-01"]).stdout
    assert "21,600" in table and "TASS, 2025-11-07 (Christoph Wanner)" in table
    assert runner.invoke(app, ["compare", "--db", db, "--until", "tomorrow"]).exit_code == 1


@pytest.mark.slow
def test_e2e_compare_the_fixture_corpus(tmp_path: Path) -> None:
    """The real model on articles relaying 21,600 in October under different names, one copying the example."""
    corpus = Corpus(tmp_path / "c.db")
    summary = corpus.add([FIXTURES])
    assert (summary.added, summary.failed) == (8, 0)
    october = next(g for g in corpus.compare(measure="desertion")
                   if g.period and g.period.start == OCTOBER[0] and g.period.aggregation == "total")
    relayed = next(v for v in october.lineage if v.text == "21,600")
    assert (relayed.first.outlet, relayed.first.published) == ("Die Welt", date(2025, 11, 5))
    assert [link.name for link in relayed.first.attribution] == ["Christoph Vanner"]
    assert [(f.outlet, f.attribution[0].name) for f in relayed.repeated_by] == [
        ("TASS", "Christoph Wanner"), ("Berliner Rundschau", "Die Welt am Sonntag")]
    assert any(f.type == "figure_conflict" and "15,000–18,000 per month" in f.message for f in october.findings)

    by_outlet = {a.outlet: a for a in corpus.articles(limit=20)}
    tass = corpus.corpus_findings(by_outlet["TASS"].id)
    assert [f.type for f in tass] == ["name_variant"] and "“Christoph Vanner”" in tass[0].message
    copies = [f for a in corpus.articles(limit=20) if a.outlet is None for f in corpus.corpus_findings(a.id)
              if f.type == "copied_text"]
    assert len(copies) == 2

    assert corpus.reference_add(AWOL) == 21
    pravda = corpus.corpus_findings(by_outlet["Ukrainska Pravda"].id)
    [mismatch] = [f for f in pravda if f.type == "figure_mismatch_reference"]
    assert "18,909" in mismatch.message and "Prosecutor General's Office of Ukraine" in mismatch.message
    welt = corpus.corpus_findings(by_outlet["Die Welt"].id)
    assert any(f.type == "reference_different_unit" and "2,276" in f.message for f in welt)
    assert not any(f.type == "figure_mismatch_reference" for f in welt)
