"""Lineages: one number relayed through five outlets, each hop with its drift, and a near-miss that must not join.

The corpus is built here from short invented articles whose ledgers are written by hand
(what the analysis would give), stored through ``Corpus.add_articles`` with the analysis
replaced; the meaning model is replaced by a word-overlap stand-in so the tests run
without torch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.check import lineage as logic
from claimledger.cli import app
from claimledger.corpus import Corpus
from claimledger.model import Article, Attribution, ChainLink, Claim, Figure, Ledger, Lineage, Period, Source

OCTOBER = Period(date(2025, 10, 1), date(2025, 10, 31), "total", "in October 2025")
SEPTEMBER = Period(date(2025, 9, 1), date(2025, 9, 30), "total", "in September 2025")
YEAR = Period(date(2025, 1, 1), date(2025, 11, 10), "cumulative", "this year")
UNRESOLVED = Period(None, None, "total", "in October")


def word_overlap(a: str, b: str) -> float:
    """A stand-in for MiniLM: shared words over all words (enough to tell deserters from evacuees)."""
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) / len(wa | wb)


def article(
    outlet: str, published: date | None, sentence: str, number: str, low: float, high: float | None, unit: str,
    measure: str, counted: str, period: Period, chain: Iterable[tuple[str, str]], approximate: bool = False,
) -> Ledger:
    """A one-sentence article whose one figure is ``number`` as written in ``sentence``."""
    text = f"{outlet} reports. {sentence}"
    start = text.index(number)
    sources = [Source(f"s{n}", name, kind, mentions=[(text.index(name), text.index(name) + len(name))])
               for n, (name, kind) in enumerate(chain, start=1)]
    links = [Attribution(s.id, "said" if n == 0 else "cited", "according to", s.mentions[0][0], s.mentions[0][1])
             for n, s in enumerate(sources)]
    figure = Figure(start, start + len(number), number, low, high, approximate, unit, measure, counted)
    claim = Claim("c1", "figure", len(outlet) + 10, len(text), sentence, figure, period, links)
    return Ledger(Article(text, outlet=outlet, published=published, title=f"{outlet} on desertions"), sources, [claim])


def relays() -> dict[str, Ledger]:
    """The number's journey (the PGO count of cases → Die Welt → TASS → a content farm …) and a near-miss."""
    return {
        "origin": article(
            "Ukrainska Pravda", date(2025, 11, 3),
            "Prosecutors registered 21,602 criminal proceedings for unauthorized leaving of units in October 2025,"
            " the Prosecutor General's Office said.",
            "21,602", 21602, 21602, "cases", "unauthorized_absence", "criminal proceedings for unauthorized leaving",
            OCTOBER, [("Prosecutor General's Office", "organization")]),
        "welt": article(
            "Die Welt", date(2025, 11, 5),
            "21,600 soldiers deserted in October alone, Christoph Wanner reported, citing the Prosecutor General's Office.",
            "21,600", 21600, 21600, "people", "desertion", "soldiers deserted", OCTOBER,
            [("Christoph Wanner", "person"), ("Prosecutor General's Office", "organization")]),
        "tass": article(
            "TASS", date(2025, 11, 7), "Over 21,600 soldiers deserted in October, according to Christoph Vanner.",
            "Over 21,600", 21600, None, "people", "desertion", "soldiers deserted", OCTOBER,
            [("Christoph Vanner", "person")]),
        "farm": article(
            "Daily Truth Network", date(2025, 11, 10),
            "According to TASS, almost 22,000 soldiers deserted Ukraine's army this year.",
            "almost 22,000", 19800, 22000, "people", "desertion", "soldiers deserted", YEAR, [("TASS", "media")],
            approximate=True),
        "ministry": article(
            "Pravda Digest", date(2025, 11, 12),
            "21,600 soldiers deserted in October 2025, the Russian Defence Ministry said.",
            "21,600", 21600, 21600, "people", "desertion", "soldiers deserted", OCTOBER,
            [("Russian Defence Ministry", "organization")]),
        "undated": article(
            "Frontline Digest", None, "21,600 soldiers deserted in October.",
            "21,600", 21600, 21600, "people", "desertion", "soldiers deserted", UNRESOLVED, []),
        "near_miss": article(
            "Regional Herald", date(2025, 11, 6),
            "21,600 people were evacuated from the border districts in September 2025, the governor said.",
            "21,600", 21600, 21600, "people", "evacuation", "people evacuated from the border districts", SEPTEMBER,
            [("the governor", "person")]),
    }


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Corpus, dict[str, Ledger]]]:
    ledgers = relays()
    by_id = {ledger.article.id: ledger for ledger in ledgers.values()}

    def analyze_many(articles: Iterable[Article], nlp: object = None, batch_size: int = 16) -> Iterator[Ledger]:
        for item in articles:
            yield by_id[item.id]

    monkeypatch.setattr("claimledger.pipeline.analyze_many", analyze_many)
    monkeypatch.setattr("claimledger.minilm.phrase_similarity", word_overlap)
    with Corpus(tmp_path / "corpus.db") as opened:
        opened.add_articles([ledger.article for ledger in ledgers.values()])
        yield opened, ledgers


def _names(lineage: Lineage, ledgers: dict[str, Ledger]) -> dict[str, str]:
    """Node id -> the test's name for its article."""
    names = {ledger.article.id: name for name, ledger in ledgers.items()}
    return {node.id: names[node.article] for node in lineage.nodes}


def _drifts(lineage: Lineage, ledgers: dict[str, Ledger]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    names = _names(lineage, ledgers)
    return {(names[e.parent], names[e.child]): [(d.type, d.severity) for d in e.drifts] for e in lineage.edges}


def test_the_relay_is_one_lineage_rooted_at_the_earliest_article(corpus: tuple[Corpus, dict[str, Ledger]]) -> None:
    opened, ledgers = corpus
    [lineage] = opened.lineages()
    names = _names(lineage, ledgers)
    assert [names[n.id] for n in lineage.nodes] == ["origin", "welt", "tass", "farm", "ministry", "undated"]
    assert lineage.nodes[-1].undated and not lineage.nodes[0].undated
    edges = {(names[e.parent], names[e.child]) for e in lineage.edges}
    assert edges == {("origin", "welt"), ("welt", "tass"), ("tass", "farm"), ("welt", "ministry"), ("welt", "undated")}
    assert "near_miss" not in names.values()


def test_each_hop_carries_its_drift_with_evidence(corpus: tuple[Corpus, dict[str, Ledger]]) -> None:
    opened, ledgers = corpus
    [lineage] = opened.lineages()
    drifts = _drifts(lineage, ledgers)
    assert drifts[("origin", "welt")] == [("meaning_drift", "high"), ("rounding_drift", "low")]
    assert ("source_drift", "low") in drifts[("welt", "tass")] and ("rounding_drift", "low") in drifts[("welt", "tass")]
    assert ("period_drift", "high") in drifts[("tass", "farm")]
    assert drifts[("welt", "ministry")] == [("source_drift", "medium")]
    assert drifts[("welt", "undated")] == [("source_drift", "medium")]
    messages = {d.message for e in lineage.edges for d in e.drifts}
    assert any("(cases) → " in m and "(people)" in m and "not a count of people" in m for m in messages)
    assert any("Christoph Wanner → Christoph Vanner" in m for m in messages)
    assert any("new authority" in m and "Russian Defence Ministry" in m for m in messages)
    assert any("original source dropped" in m for m in messages)
    welt = next(e for e in lineage.edges if _names(lineage, ledgers)[e.child] == "tass")
    assert {m.kind for m in welt.matched} >= {"value", "period", "source"}


def test_trace_finds_the_lineage_from_any_of_its_figures(corpus: tuple[Corpus, dict[str, Ledger]]) -> None:
    opened, ledgers = corpus
    from_leaf = opened.trace(ledgers["farm"].article.id, "c1")
    from_root = opened.trace(ledgers["origin"].article.id, "c1")
    assert from_leaf is not None and from_root is not None
    assert [n.id for n in from_leaf.nodes] == [n.id for n in from_root.nodes] and from_leaf.articles == 6
    alone = opened.trace(ledgers["near_miss"].article.id, "c1")
    assert alone is not None and alone.articles == 1 and not alone.edges
    assert opened.lineage_counts(ledgers["welt"].article.id) == {"c1": (6, len(from_root.drifts))}


def test_an_article_published_earlier_but_added_later_becomes_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledgers = relays()
    by_id = {ledger.article.id: ledger for ledger in ledgers.values()}
    monkeypatch.setattr("claimledger.pipeline.analyze_many", lambda articles, *a, **k: (by_id[x.id] for x in articles))
    monkeypatch.setattr("claimledger.minilm.phrase_similarity", word_overlap)
    with Corpus(tmp_path / "corpus.db") as opened:
        opened.add_articles([ledgers[name].article for name in ("tass", "farm", "welt")])
        [before] = opened.lineages()
        assert before.root.outlet == "Die Welt"
        opened.add_articles([ledgers["origin"].article])
        [after] = opened.lineages()
    assert after.root.outlet == "Ukrainska Pravda" and after.articles == 4
    assert [d.type for d in after.edges[0].drifts] == ["meaning_drift", "rounding_drift"]


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        ((21602, 21602, False), (21600, 21600, False), True),  # rounded to the nearest hundred
        ((21602, 21602, False), (21600, None, False), True),  # "over 21,600"
        ((21602, 21602, False), (19800, 22000, True), True),  # "almost 22,000"
        ((21602, 21602, False), (21000, 21000, False), False),  # 21,000 is not 21,602 rounded
        ((21600, 21600, False), (21700, 21700, False), False),
        ((15000, 18000, False), (15000, 18000, False), True),  # a range restated
        ((15000, 18000, False), (15000, 15000, False), False),  # a range is not its lower end
        ((20000, 20000, False), (21602, 21602, False), False),  # 5% is the most a rounding may move a number
    ],
)
def test_what_counts_as_the_same_number(a: tuple, b: tuple, match: bool) -> None:
    ra, rb = logic.reading(*a), logic.reading(*b)
    assert ra is not None and rb is not None
    assert logic.values_match(ra, rb) is match and logic.values_match(rb, ra) is match


def test_nominal_values_and_their_precision() -> None:
    almost = logic.reading(19800, 22000, True)
    assert almost is not None and almost.nominal == 22000 and almost.step == 1000 and almost.digits == 2
    assert logic.reading(21602, 21602, False).digits == 5  # type: ignore[union-attr]
    assert logic.step_of(2.5) == 0.1 and logic.step_of(230000) == 10000


def _entry(number: float, measure: str, counted: str, period: Period, chain: list[ChainLink], day: int) -> logic.Entry:
    return logic.Entry(f"a{day}", "c1", 0, f"{number:,.0f}", number, number, False, "people", measure, counted, period,
                       "…", f"Outlet {day}", None, date(2025, 11, day), "", chain)


def test_a_shifted_month_joins_only_when_the_relay_names_the_source() -> None:
    cited = [ChainLink("Christoph Wanner", "person", "said", "said")]
    first = _entry(21600, "desertion", "soldiers deserted", OCTOBER, cited, 5)
    shifted = _entry(21600, "desertion", "soldiers deserted", SEPTEMBER, cited, 7)
    found = logic.candidate(first, shifted, None, word_overlap)
    assert found is not None
    assert [d.type for d in logic.drifts(first, shifted, found.meaning)] == ["period_drift"]
    unnamed = _entry(21600, "desertion", "soldiers deserted", SEPTEMBER, [], 7)
    assert logic.candidate(first, unnamed, None, word_overlap) is None


def test_a_round_number_needs_a_tie_that_points_at_its_source() -> None:
    ministry = [ChainLink("Interior Ministry", "organization", "said", "said")]
    person = [ChainLink("Maria Zakharova", "person", "said", "said")]
    first = _entry(230000, "unauthorized_absence", "criminal cases", OCTOBER, ministry + person, 5)
    untied = _entry(230000, "unauthorized_absence", "criminal cases opened", OCTOBER, [], 6)
    by_ministry = _entry(230000, "unauthorized_absence", "criminal cases opened", OCTOBER, ministry, 6)
    by_person = _entry(230000, "unauthorized_absence", "criminal cases opened", OCTOBER, person, 6)
    assert logic.candidate(first, untied, None, word_overlap) is None  # two digits fit too many numbers
    assert logic.candidate(first, by_ministry, None, word_overlap) is None  # many articles name a ministry
    assert logic.candidate(first, by_person, None, word_overlap) is not None
    specific = _entry(231400, "unauthorized_absence", "criminal cases", OCTOBER, [], 5)
    assert logic.candidate(specific, _entry(231400, "unauthorized_absence", "cases", OCTOBER, [], 6), None,
                           word_overlap) is not None
    assert logic.candidate(_entry(12, "deaths", "died", OCTOBER, [], 5), _entry(12, "deaths", "died", OCTOBER, [], 6),
                           None, word_overlap) is None


def test_compare_lineage_and_trace_on_the_command_line(corpus: tuple[Corpus, dict[str, Ledger]]) -> None:
    opened, ledgers = corpus
    db = str(opened.engine.url.database)
    runner = CliRunner()
    table = runner.invoke(app, ["compare", "--lineage", "--db", db])
    assert table.exit_code == 0, table.output
    assert "Ukrainska Pravda" in table.output and "meaning_drift" in table.output and "undated" in table.output
    as_json = runner.invoke(app, ["compare", "--lineage", "--format", "json", "--db", db])
    import json

    groups = json.loads(as_json.output)
    lineages = [lineage for group in groups for lineage in group.get("lineages", [])]
    assert lineages and {d["type"] for e in lineages[0]["edges"] for d in e["drifts"]} >= {
        "meaning_drift", "rounding_drift", "period_drift", "source_drift"}
    traced = runner.invoke(app, ["trace", f"{ledgers['tass'].article.id}:c1", "--db", db])
    assert traced.exit_code == 0 and "Die Welt" in traced.output and "Daily Truth Network" in traced.output
    by_text = runner.invoke(app, ["trace", "Over 21,600", "--measure", "desertion", "--db", db])
    assert by_text.exit_code == 0 and "Frontline Digest" in by_text.output
    missing = runner.invoke(app, ["trace", "nothing:c9", "--db", db])
    assert missing.exit_code == 1


def test_the_web_app_shows_the_journey_and_who_cites_whom(corpus: tuple[Corpus, dict[str, Ledger]]) -> None:
    from fastapi.testclient import TestClient

    from claimledger.web.app import create_app

    opened, ledgers = corpus
    client = TestClient(create_app(opened))
    welt = ledgers["welt"].article.id
    page = client.get(f"/articles/{welt}")
    assert page.status_code == 200
    assert "this number travelled through 6 articles" in page.text and f"/lineage/{welt}/c1" in page.text
    journey = client.get(f"/lineage/{welt}/c1")
    assert journey.status_code == 200
    assert "<svg" in journey.text and "meaning_drift" in journey.text and "undated" in journey.text
    assert "Ukrainska Pravda" in journey.text and "Regional Herald" not in journey.text
    assert client.get(f"/lineage/{welt}/c9").status_code == 404
    near_miss = client.get(f"/articles/{ledgers['near_miss'].article.id}")
    assert "travelled through" not in near_miss.text
    cites = client.get("/measures/desertion/citations")
    assert cites.status_code == 200 and "Christoph Vanner" in cites.text and "TASS" in cites.text
    as_json = client.get(f"/api/lineage/{welt}/c1").json()
    assert as_json["articles"] == 6 and as_json["nodes"][-1]["undated"] is True
    assert {"outlet": "TASS", "source": "Christoph Vanner", "kind": "person", "articles": 1} in client.get(
        "/api/measures/desertion/citations").json()


def test_a_corpus_stored_before_lineages_gets_them_on_first_use(corpus: tuple[Corpus, dict[str, Ledger]]) -> None:
    from claimledger.store import schema as s

    opened, _ = corpus
    with opened.engine.begin() as connection:
        connection.execute(s.lineage_figures.delete())
    [lineage] = opened.lineages()
    assert lineage.articles == 6 and lineage.root.outlet == "Ukrainska Pravda"


def test_replacing_the_root_article_relinks_its_children(
    corpus: tuple[Corpus, dict[str, Ledger]], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened, ledgers = corpus
    monkeypatch.setattr("claimledger.corpus.program_version", lambda: "999.0")
    opened.add_articles([ledgers["origin"].article])  # re-analysed by a newer version: its rows are replaced
    [lineage] = opened.lineages()
    assert lineage.root.outlet == "Ukrainska Pravda" and lineage.articles == 6


def _copy(article: str, day: int, text: str, low: float, high: float | None, wording: str, claim: str = "c1",
          approximate: bool = False) -> logic.Entry:
    chain = [ChainLink("Maria Zakharova", "person", "said", "said")]
    return logic.Entry(article, claim, 0, text, low, high, approximate, "people", "deaths", "people killed", OCTOBER,
                       wording, f"Outlet {article}", None, date(2025, 11, day), "", chain)


def test_among_copies_of_one_story_the_closer_sentence_is_the_parent() -> None:
    wire = _copy("wire", 3, "372,307", 372307, 372307, "372,307 people were killed in October 2025.")
    rounded = _copy("farm", 5, "about 372,000", 334800, 409200, "About 372,000 people were killed in October 2025.",
                    approximate=True)
    child = _copy("late", 8, "about 370,000", 333000, 407000, "About 370,000 people were killed in October 2025.",
                  approximate=True)
    as_copies = [logic.candidate(p, child, 0.9, word_overlap) for p in (wire, rounded)]
    assert all(as_copies)
    assert logic.best(as_copies).parent.article == "farm"  # type: ignore[arg-type, union-attr]
    # near-miss: a relay in its own words (no copied text) is not told apart by them: the earliest stays
    own_words = [logic.candidate(p, child, None, word_overlap) for p in (wire, rounded)]
    assert logic.best([c for c in own_words if c]).parent.article == "wire"  # type: ignore[union-attr]


def test_an_unchanged_figure_of_a_copied_story_follows_the_article_its_changed_figure_came_from() -> None:
    def figure(article: str, day: int, number: str, sentence: str, claim: str) -> logic.Entry:
        value = float(number.replace(",", ""))
        return _copy(article, day, number, value, value, sentence, claim)

    unchanged = "48,113 people were killed in October 2025."
    first = [figure("wire", 3, "48,113", unchanged, "c1"), figure("wire", 3, "21,602", "21,602 people fled.", "c2")]
    copy = [figure("copy", 5, "48,113", unchanged, "c1"), figure("copy", 5, "21,600", "21,600 people fled.", "c2")]
    child = [figure("late", 8, "48,113", unchanged, "c1"), figure("late", 8, "21,602", "21,602 people fled.", "c2")]
    offered = [[c for p in (first[n], copy[n]) if (c := logic.candidate(p, child[n], 0.9, word_overlap))] for n in (0, 1)]
    assert logic.best(offered[1]).parent.article == "wire"  # type: ignore[union-attr]  # the unrounded number
    support = logic.article_support(offered)
    assert logic.best(offered[0], support).parent.article == "wire"  # type: ignore[union-attr]
    # near-miss: alone the unchanged figure cannot tell the copies apart, and takes the latest copy
    assert logic.best(offered[0]).parent.article == "copy"  # type: ignore[union-attr]


def test_a_source_named_even_misspelled_outweighs_counting_the_same_thing() -> None:
    def relay(article: str, day: int, number: str, unit: str, measure: str, chain: list[ChainLink]) -> logic.Entry:
        value = float(number.replace(",", ""))
        return logic.Entry(article, "c1", 0, number, value, value, False, unit, measure, measure, OCTOBER, "…",
                           f"Outlet {article}", None, date(2025, 11, day), "", chain)

    post = relay("post", 7, "21,602", "cases", "criminal_cases", [ChainLink("Ihor Lutsenko", "person", "said", "wrote")])
    agency = relay("agency", 7, "21,602", "people", "desertion", [])
    misspelled = relay("farm", 9, "21,600", "people", "desertion", [ChainLink("Igor Lutsenko", "person", "said", "said")])
    offers = [c for p in (agency, post) if (c := logic.candidate(p, misspelled, None, word_overlap))]
    assert logic.best(offers).parent.article == "post"  # type: ignore[union-attr]
    unnamed = relay("farm", 9, "21,600", "people", "desertion", [])  # near-miss: nothing points at the post
    offers = [c for p in (post, agency) if (c := logic.candidate(p, unnamed, None, word_overlap))]
    assert logic.best(offers).parent.article == "agency"  # type: ignore[union-attr]


def test_a_misspelled_name_hangs_from_the_closest_spelling() -> None:
    def relay(article: str, day: int, name: str) -> logic.Entry:
        return logic.Entry(article, "c1", 0, "106,169", 106169, 106169, False, "people", "deaths", "people killed",
                           OCTOBER, "…", f"Outlet {article}", None, date(2025, 11, day), "",
                           [ChainLink(name, "person", "said", "said")])

    first, second = relay("first", 3, "Roman Lindqvist"), relay("second", 5, "Roman Lirdqvist")
    for spelled, parent in (("Roman Lurdqvist", "second"), ("Roman Lindqvlst", "first")):  # one letter from it
        child = relay("child", 9, spelled)
        offers = [c for p in (first, second) if (c := logic.candidate(p, child, None, word_overlap))]
        assert len(offers) == 2 and logic.best(offers).parent.article == parent  # type: ignore[union-attr]


def test_a_document_named_instead_of_the_source_is_no_new_authority() -> None:
    post = _entry(21602, "desertion", "soldiers deserted", OCTOBER, [ChainLink("Ihor Lutsenko", "person", "said", "wrote")], 7)
    headline = _entry(21600, "desertion", "soldiers deserted", OCTOBER, [ChainLink("Report", "document", "reported", "Shows")], 9)
    found = logic.candidate(post, headline, None, word_overlap)
    assert found is not None
    [source] = [d for d in logic.drifts(post, headline, found.meaning) if d.type == "source_drift"]
    assert source.severity == "low" and "no longer named" in source.message and "new authority" not in source.message
    ministry = _entry(21600, "desertion", "soldiers deserted", OCTOBER,
                      [ChainLink("Russian Defence Ministry", "organization", "said", "said")], 9)  # near-miss
    [source] = [d for d in logic.drifts(post, ministry, found.meaning) if d.type == "source_drift"]
    assert source.severity == "medium" and "new authority" in source.message


def test_a_source_the_article_names_in_another_sentence_is_neither_new_nor_dropped() -> None:
    welt = [ChainLink("Die Welt", "media", "reported", "according to")]
    reporter = [ChainLink("Christoph van der Weiner", "person", "reported", "revealed")]
    parent = _entry(21600, "desertion", "soldiers deserted", OCTOBER, welt, 9)
    child = _entry(21600, "desertion", "soldiers deserted", OCTOBER, reporter, 10)
    headline = _entry(21600, "desertion", "soldiers deserted", OCTOBER, [], 10)
    sense = logic.meaning(parent, child, word_overlap)

    def source_drifts(relay: logic.Entry) -> list[str]:
        return [d.message for d in logic.drifts(parent, relay, sense) if d.type == "source_drift"]

    assert any("new authority" in m for m in source_drifts(child))  # near-miss: nothing else ties them
    assert any("dropped" in m for m in source_drifts(headline))
    parent.article_names = logic.names_of(["Die Welt", "Christoph van der Weiner"])  # he is named in another sentence
    headline.article_names = logic.names_of(["Die Welt"])  # the headline's article credits Die Welt elsewhere
    assert not any("new authority" in m for m in source_drifts(child)) and source_drifts(headline) == []
    assert source_drifts(child) == [  # true: the relay's article never names the outlet
        "the original source dropped: Die Welt is no longer named (there: Die Welt; here: Christoph van der Weiner)"
    ]


def test_names_an_article_text_gives_beyond_its_extracted_sources() -> None:
    chain = [ChainLink("Christoph van der Weiner", "person", "reported", "noted"),
             ChainLink("Die Welt am Sonntag", "media", "reported", "in"), ChainLink("the report", "document", "", "")]
    text = "The scale of it, as noted by journalist Christoph van der Weiner, is new. Die Welt’s report said so."
    assert logic.names_in(chain, text) == logic.names_of(["Christoph van der Weiner"])  # not a longer name, nor a document
    cyrillic = [ChainLink("Игорь Луценко", "person", "said", "wrote")]
    assert logic.names_in(cyrillic, "The source cited Igor Lutsenko, a commander.") == logic.names_of(["Игорь Луценко"])
    assert logic.names_in(cyrillic, "The source cited Igor Lutsenkov, a commander.") == frozenset()


def test_so_far_this_year_repeated_days_later_is_the_same_period() -> None:
    def relay(day: int, end: date) -> logic.Entry:
        return logic.Entry(f"a{day}", "c1", 0, "343,927", 343927, 343927, False, "people", "desertion", "deserted",
                           Period(date(2024, 1, 1), end, "cumulative", "so far this year"), "…", f"Outlet {day}", None,
                           date(2024, 12, day), "", [])

    first, repeat = relay(3, date(2024, 12, 3)), relay(6, date(2024, 12, 6))
    assert logic.period_relation(first, repeat) == "same"
    found = logic.candidate(first, repeat, None, word_overlap)
    assert found is not None and not [d for d in logic.drifts(first, repeat, found.meaning) if d.type == "period_drift"]
    months = relay(6, date(2024, 11, 30))  # near-miss: January–November, published in December
    assert logic.period_relation(first, months) == "overlap"
    assert [d.type for d in logic.drifts(first, months, found.meaning)] == ["period_drift"]
