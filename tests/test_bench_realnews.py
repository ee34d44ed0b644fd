"""The real-news scorer's matching and validation, on an invented three-sentence article."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from claimledger.model import Article, Attribution, Claim, Figure, Ledger, Period

BENCH = Path(__file__).resolve().parents[1] / "bench" / "realnews.py"
spec = importlib.util.spec_from_file_location("bench_realnews", BENCH)
realnews = importlib.util.module_from_spec(spec)
sys.modules["bench_realnews"] = realnews
spec.loader.exec_module(realnews)

TEXT = (
    "The ministry said on Monday that 1,200 people died in the floods. "
    "Deaths fell by 5% from last week's 1,263, officials added. "
    "Anna Berg, 52, said rescuers found 40 survivors."
)


def gold_figure(fid, text, context, low, high, role="level", unit="people", measure="deaths", attribution=()):
    return {
        "id": fid, "text": text, "context": context, "low": low, "high": high, "approximate": False,
        "role": role, "status": "actual", "unit": unit, "currency": None, "counted": "people who died in the floods",
        "measure": measure, "qualifiers": {"place": None, "group": None, "subject": None},
        "period": {"start": None, "end": "2024-03-04", "text": "on Monday"},
        "aggregation": "cumulative", "attribution": list(attribution),
    }


def annotation():
    return {
        "id": "invented-2024-03-04-floods", "url": "https://example.org/floods", "outlet": "Example",
        "published": "2024-03-04", "language": "en", "topic": "disasters", "text_sha256": realnews.sha256_of(TEXT),
        "figures": [
            gold_figure("f1", "1,200", "said on Monday that 1,200 people died", 1200, 1200, attribution=["the ministry"]),
            gold_figure("f2", "5%", "Deaths fell by 5% from", -5, -5, role="change", unit="percent"),
            gold_figure("f3", "1,263", "from last week's 1,263, officials added", 1263, 1263, attribution=["officials"]),
            gold_figure("f4", "40", "rescuers found 40 survivors", 40, 40, measure="survivors", attribution=["Anna Berg"]),
        ],
        "not_figures": [{"text": "52", "context": "Anna Berg, 52, said", "why": "age"}],
        "pairs": {"consistent": [["f1", "f3", "a 5% fall from 1,263 is 1,200"]]},
    }


def predicted(text, low, high, role="level", source=None, measure="deaths"):
    start = TEXT.index(text)
    return realnews.Predicted(
        start=start, end=start + len(text), text=text, low=low, high=high, unit="people", role=role,
        status=None, measure=measure, counted="people died in the floods", period_start=None,
        period_end="2024-03-04", aggregation="cumulative", first_source=source,
    )


def test_valid_annotation_has_no_problems():
    assert realnews.validate(annotation(), TEXT) == []


def test_validator_names_a_context_not_in_the_text_and_a_wrong_hash():
    broken = annotation()
    broken["figures"][0]["context"] = "said on Tuesday that 1,200 people died"
    problems = realnews.validate(broken, TEXT + " ")
    assert any("not in the text" in p for p in problems)
    assert any("sha256" in p for p in problems)


def test_matching_scores_bounds_attributes_and_near_misses():
    rows = [
        predicted("1,200", 1200, 1200, source="The Ministry of Emergencies"),
        predicted("by 5%", 5, 5, role="change"),  # a change's sign is not held against it
        predicted("1,263", 1263, 1300),  # wrong upper bound
        predicted("52", 52, 52),  # an age taken for a figure
    ]
    result = realnews.score_article(annotation(), TEXT, rows)
    by_id = {f.gold_id: f for f in result.figures}
    assert by_id["f1"].bounds and by_id["f1"].checks["attribution"]
    assert by_id["f2"].bounds and by_id["f2"].checks["role"] and not by_id["f2"].checks["unit"]
    assert by_id["f3"].predicted_text == "1,263" and not by_id["f3"].bounds
    assert not by_id["f3"].checks["attribution"]  # gold names "officials", nothing predicted
    assert by_id["f4"].predicted is None  # 40 was not predicted: a miss
    assert result.near_miss_hits == ["52"]
    overall, by_topic = realnews.tally([result])
    assert (overall.gold, overall.predicted, overall.right, overall.matched) == (4, 4, 2, 3)
    assert set(by_topic) == {"disasters"}


def test_one_predicted_figure_matches_one_gold_figure_only():
    wide = realnews.Predicted(**{**realnews.asdict(predicted("1,200", 1200, 1200)), "start": 0, "end": len(TEXT)})
    result = realnews.score_article(annotation(), TEXT, [wide])
    assert sum(f.predicted is not None for f in result.figures) == 1


@pytest.mark.parametrize(
    ("predicted_name", "gold", "expected"),
    [("Ms Berg", ["Anna Berg"], True), ("the Home Office", ["Prosecutor General's Office"], False),
     ("Office of the Prosecutor General", ["Prosecutor General's Office"], True), ("the Ministry", ["Health Ministry"], True),
     ("Kyiv Independent", ["Ukrainska Pravda"], False), (None, [], True), ("officials", [], False)],
)
def test_source_names_match_by_a_shared_content_word(predicted_name, gold, expected):
    assert realnews.same_source(predicted_name, gold) is expected


def test_figures_come_from_the_ledger_claims():
    figure = Figure(start=33, end=38, text="1,200", low=1200, high=1200, unit="people", measure="deaths", role="level")
    claim = Claim(
        id="c1", kind="figure", start=0, end=60, text=TEXT[:60], figure=figure,
        period=Period(start=None, end=date(2024, 3, 4), aggregation="cumulative", text="on Monday"),
        attribution=[Attribution(source="The ministry", relation="said", cue="said", start=0, end=12)],
    )
    ledger = Ledger(article=Article(text=TEXT), sources=[], claims=[claim])
    (row,) = realnews.predicted_from_ledger(ledger)
    assert (row.period_end, row.first_source, row.aggregation) == ("2024-03-04", "The ministry", "cumulative")


@pytest.mark.parametrize(
    ("gold_bounds", "approximate", "predicted_bounds", "expected"),
    [((None, 30000), True, (27000, 30000), True),  # "almost 30,000" widened by a convention
     ((60000, 60000), True, (54000, 66000), True),  # "about 60,000"
     ((60000, 60000), True, (30000, 90000), False),  # far wider than "about" means
     ((60000, 60000), False, (54000, 66000), False),  # an exact figure must stay exact
     ((None, 2), False, (0, 2), True),
     ((1, 2), True, (0.9, 2.2), True),  # "about 1-2 percent": each bound widened on its side
     ((1, 2), True, (0.9, 1.1), False)],  # the upper bound lost  # "less than 2%": no lower bound is 0
)
def test_bounds_of_approximate_and_one_sided_figures(gold_bounds, approximate, predicted_bounds, expected):
    gold = {**gold_figure("f1", "x", "x", *gold_bounds), "approximate": approximate}
    assert realnews.bounds_right(gold, predicted("1,200", *predicted_bounds)) is expected


@pytest.mark.parametrize(
    ("predicted_key", "gold", "expected"),
    [
        ("jobless_claim", "jobless_claims", True),  # the same words up to a plural
        ("detentions", "arrests", True),  # a synonym of exactly one taxonomy measure
        ("operating_income", ["ebitda"], True),  # a trigger of exactly one measure
        ("disease_cases", ["measles_cases", "disease_cases"], True),
        ("deaths", "injuries", False),  # two taxonomy keys are never the same measure
        ("casualties", "losses", False),  # "loss" triggers casualties and net income: no synonym
        ("maui_firefighters", "firefighters", False),  # more words say a different thing
        (None, "deaths", False),
    ],
)
def test_measure_keys_match_as_a_reader_would(predicted_key, gold, expected):
    assert realnews.same_measure(predicted_key, gold) is expected


@pytest.mark.parametrize(
    ("predicted_unit", "gold", "expected"),
    [
        ("centres", "items", True),  # a specific count noun refines the generic count
        ("centres", ["outbreaks", "items"], True),
        ("people", "items", False),  # a vocabulary unit other than items is another unit
        ("centres", "people", False),
        (None, "items", False),
    ],
)
def test_units_match_generic_items_by_a_specific_noun(predicted_unit, gold, expected):
    assert realnews.same_unit(predicted_unit, gold) is expected
