"""The seed golden test: the example article against desertion-report.expected.md.

It runs the real CLI and the real model (slow), and checks the substance of the
expected analysis: the eight figures with their bounds, periods and aggregations,
and the arithmetic findings between them.
"""

from __future__ import annotations

import pytest

# figure text -> (low, high, approximate, period start, period end, aggregation); a running total
# ("since February 2022", "has claimed") ends at publication (docs/ledger-format.md)
EXPECTED_FIGURES = {
    "between 100,000 and 200,000": (100_000, 200_000, False, None, None, "unknown"),
    "21,600": (21_600, 21_600, False, "2025-10-01", "2025-10-31", "total"),
    "180,000": (180_000, 180_000, False, "2025-01-01", "2025-10-31", "total"),
    "15,000 to 18,000": (15_000, 18_000, False, None, None, "per_month"),
    "over 230,000": (230_000, None, False, "2022-02-01", "2025-11-28", "cumulative"),
    "tens of thousands": (10_000, 99_999, True, None, None, None),
    "hundreds of thousands": (100_000, 999_999, True, None, "2025-11-28", "cumulative"),
    "millions": (1_000_000, None, True, None, "2025-11-28", "cumulative"),
}


@pytest.fixture(scope="module")
def ledger(example_ledger: dict) -> dict:
    return example_ledger


def _figure_claims(ledger: dict) -> dict[str, dict]:
    return {c["figure"]["text"]: c for c in ledger["claims"] if c["kind"] == "figure"}


@pytest.mark.slow
def test_e2e_the_eight_figures_and_no_others(ledger: dict) -> None:
    assert sorted(_figure_claims(ledger)) == sorted(EXPECTED_FIGURES)


@pytest.mark.slow
@pytest.mark.parametrize("text", sorted(EXPECTED_FIGURES))
def test_e2e_figure_bounds_and_period(ledger: dict, text: str) -> None:
    low, high, approximate, start, end, aggregation = EXPECTED_FIGURES[text]
    claim = _figure_claims(ledger)[text]
    figure, period = claim["figure"], claim["period"]
    assert (figure["low"], figure["high"], figure["approximate"]) == (low, high, approximate)
    assert period is not None
    assert (period["start"], period["end"]) == (start, end) or (start is None and text == "tens of thousands")
    if aggregation is not None:
        assert period["aggregation"] == aggregation


@pytest.mark.slow
def test_e2e_units_and_measures_separate_people_from_cases(ledger: dict) -> None:
    figures = _figure_claims(ledger)
    deserters = {figures[t]["figure"]["measure"] for t in ("21,600", "180,000", "15,000 to 18,000")}
    assert len(deserters) == 1 and None not in deserters
    assert figures["21,600"]["figure"]["unit"] == "people"
    assert figures["over 230,000"]["figure"]["unit"] == "cases"


def _finding_between(ledger: dict, kind: str, a: str, b: str) -> dict:
    ids = {_figure_claims(ledger)[a]["id"], _figure_claims(ledger)[b]["id"]}
    matches = [f for f in ledger["findings"] if f["type"] == kind and set(f["claims"]) == ids]
    assert len(matches) == 1, (kind, a, b, ledger["findings"])
    return matches[0]


@pytest.mark.slow
def test_e2e_october_conflicts_with_the_monthly_range(ledger: dict) -> None:
    finding = _finding_between(ledger, "figure_conflict", "21,600", "15,000 to 18,000")
    assert "3,600" in finding["message"] and "20%" in finding["message"]


@pytest.mark.slow
def test_e2e_year_to_date_is_consistent_with_the_monthly_range(ledger: dict) -> None:
    finding = _finding_between(ledger, "figure_consistent", "180,000", "15,000 to 18,000")
    assert "18,000" in finding["message"]
    assert finding["severity"] == "info"


@pytest.mark.slow
def test_e2e_undated_range_is_not_set_against_the_dated_total_of_another_sentence(ledger: dict) -> None:
    """Issue 11: an undated figure is compared only with the figures its own sentence ties it to."""
    ids = {_figure_claims(ledger)[t]["id"] for t in ("180,000", "between 100,000 and 200,000")}
    assert not [f for f in ledger["findings"] if ids <= set(f["claims"])]


@pytest.mark.slow
def test_e2e_no_conflict_across_units(ledger: dict) -> None:
    cases_id = _figure_claims(ledger)["over 230,000"]["id"]
    assert not [f for f in ledger["findings"] if f["type"] == "figure_conflict" and cases_id in f["claims"]]
