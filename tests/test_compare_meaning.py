"""compare: measures outside the taxonomy grouped by the meaning of their counted phrases.

A stand-in for MiniLM gives the scores the real model gives these phrases (it is not loaded
in the fast tests); one slow test runs the real model on a paraphrase and a near-miss.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from rich.console import Console

from claimledger.check import across, lineage
from claimledger.model import ChainLink, GroupFigure, Period, Qualifiers
from claimledger.report.compare import render_table

OCTOBER = Period(date(2025, 10, 1), date(2025, 10, 31), "total")
THRESHOLD = lineage.settings()["group_meaning_threshold"]

SCORES = {  # what all-MiniLM-L6-v2 gives these phrases
    frozenset({"flights cancelled", "cancelled flights"}): 0.976,
    frozenset({"flights cancelled Kharkiv", "cancelled flights Odesa"}): 0.555,
    frozenset({"soldiers who deserted", "troops who deserted"}): 0.948,
    frozenset({"flights cancelled", "schools closed"}): 0.378,
    frozenset({"flights cancelled", "flights delayed"}): 0.803,
}


def stand_in(a: str, b: str) -> float:
    """The cosine all-MiniLM-L6-v2 gives these phrases (tests/test_compare_meaning.py SCORES); 0 for any other pair."""
    return SCORES.get(frozenset({a, b}), 0.0)


def stored(article: str, low: float, measure: str, counted: str, unit: str = "people",
           place: str | None = None) -> across.StoredFigure:
    figure = GroupFigure(article, "c1", "", f"outlet {article}", None, date(2025, 11, 5), f"{low:,.0f}", low, low,
                         False, OCTOBER, [ChainLink("Someone", "person", "said", "said")])
    qualifiers = Qualifiers(place=place) if place else None
    return across.StoredFigure(figure, measure, unit, "total", "2025-01-01 00:00:00", counted, qualifiers)


def test_two_fallback_keys_whose_phrases_mean_one_thing_are_compared_as_one_measure() -> None:
    groups = across.compare([
        stored("a", 300, "flights", "flights cancelled", unit="items"),
        stored("b", 300, "flights", "flights cancelled", unit="items"),
        stored("c", 120, "cancellations", "cancelled flights", unit="items"),
    ], stand_in)
    [group] = groups
    assert group.measure == "flights" and sorted(f.article for f in group.figures) == ["a", "b", "c"]
    assert group.same_meaning is not None
    assert group.same_meaning.to_dict() == {
        "phrase": "flights cancelled", "threshold": THRESHOLD,
        "measures": [{"measure": "cancellations", "phrase": "cancelled flights", "similarity": 0.976}],
    }
    [finding] = group.findings  # the two keys' values now meet: 300 against 120
    assert finding.type == "figure_conflict"
    assert json.loads(json.dumps(group.to_dict()))["same_meaning"]["measures"][0]["measure"] == "cancellations"
    console = Console(width=200, record=True)
    render_table(groups, console)
    assert (f"also compared as “flights cancelled” by meaning (MiniLM ≥ {THRESHOLD}): "
            "cancellations (“cancelled flights”, 0.98)") in console.export_text()


def test_without_the_model_or_below_the_threshold_the_keys_stay_apart() -> None:
    figures = [stored("a", 300, "flights", "flights cancelled"), stored("b", 300, "schools", "schools closed"),
               stored("c", 250, "flight", "flights delayed"), stored("d", 21_600, "soldiers", "soldiers who deserted"),
               stored("e", 12_000, "troops_fled", "troops who deserted")]
    for similarity in (stand_in, None):
        groups = across.compare(figures, similarity)
        assert sorted(g.measure for g in groups) == ["flight", "flights", "schools", "soldiers", "troops_fled"]
        assert all(g.same_meaning is None and g.findings == [] for g in groups)


def test_units_taxonomy_keys_and_places_keep_measures_apart() -> None:
    other_unit = across.compare([stored("a", 300, "flights", "flights cancelled", unit="items"),
                                 stored("b", 120, "cancellations", "cancelled flights", unit="vehicles")], stand_in)
    assert len(other_unit) == 2
    taxonomy = across.compare([stored("a", 300, "desertion", "flights cancelled"),
                               stored("b", 120, "cancellations", "cancelled flights")], stand_in)
    assert sorted(g.measure for g in taxonomy) == ["cancellations", "desertion"]
    places = across.compare([stored("a", 300, "flights", "flights cancelled", place="Kharkiv"),
                             stored("b", 120, "cancellations", "cancelled flights", place="Odesa")],
                            lambda x, y: 0.99)
    assert len(places) == 2 and all(g.same_meaning is None for g in places)


def test_a_key_joins_only_when_it_means_every_member_of_the_cluster() -> None:
    scores = {frozenset({"flights cancelled", "cancelled flights"}): 0.976,
              frozenset({"cancelled flights", "flights delayed"}): 0.96,
              frozenset({"flights cancelled", "flights delayed"}): 0.803}
    groups = across.compare([
        stored("a", 300, "flights", "flights cancelled"), stored("b", 300, "flights", "flights cancelled"),
        stored("c", 310, "cancellations", "cancelled flights"), stored("d", 250, "delays", "flights delayed"),
    ], lambda x, y: scores.get(frozenset({x, y}), 0.0))
    assert sorted((g.measure, len(g.figures)) for g in groups) == [("delays", 1), ("flights", 3)]


@pytest.mark.slow
def test_the_real_model_joins_a_paraphrase_and_keeps_near_misses_apart() -> None:
    from claimledger.minilm import phrase_similarity

    groups = across.compare([
        stored("a", 300, "flights", "flights cancelled", unit="items"),
        stored("b", 120, "cancellations", "cancelled flights", unit="items"),
        stored("c", 300, "schools", "schools closed", unit="items"),
        stored("d", 21_600, "soldiers", "soldiers who deserted"),
        stored("e", 12_000, "troops_fled", "troops who deserted"),
    ], phrase_similarity)
    found = sorted((g.measure, len(g.figures)) for g in groups)
    # equal numbers of figures: the group takes the first key by name
    assert found == [("cancellations", 2), ("schools", 1), ("soldiers", 1), ("troops_fled", 1)]


def test_the_phrase_adds_only_the_qualifiers_its_words_do_not_say() -> None:
    figure = stored("a", 300, "personnel_station", "personnel stationed in the UK", place="UK")
    assert figure.phrase == "personnel stationed in the UK"
    assert stored("b", 300, "soldiers", "soldiers who deserted", place="Kharkiv").phrase == "soldiers who deserted Kharkiv"
