"""Within-article figure checks, on claims built by hand (no spaCy)."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date

import pytest

from claimledger.check import run_checks
from claimledger.check.within import _families, check_figures
from claimledger.model import Article, Attribution, Claim, Figure, Finding, Ledger, Period


def claim(
    number: int,
    low: float | None,
    high: float | None,
    *,
    measure: str | None = "desertion",
    unit: str | None = "people",
    aggregation: str = "total",
    start: date | None = None,
    end: date | None = None,
    text: str | None = None,
    approximate: bool = False,
    period_text: str | None = None,
    no_period: bool = False,
    at: int | None = None,
    source: str | None = None,
) -> Claim:
    """A figure claim; each stands in its own sentence unless ``at`` puts claims in one clause, and each has its
    own source unless ``source`` is given ("" for the author)."""
    figure_text = text if text is not None else _figure_text(low, high)
    period = None if no_period else Period(start, end, aggregation, period_text)  # type: ignore[arg-type]
    offset = number * 1000 if at is None else at
    figure = Figure(offset, offset + len(figure_text), figure_text, low, high, approximate, unit, measure)
    source = f"s{number}" if source is None else source
    attribution = [Attribution(source, "said", "said", offset, offset + 4)] if source else []
    return Claim(id=f"c{number}", kind="figure", start=offset, end=offset + 100, text=figure_text, figure=figure,
                 period=period, attribution=attribution)


def _figure_text(low: float | None, high: float | None) -> str:
    if high is None:
        return f"at least {low:,}"
    return f"{low:,}" if low == high else f"{low:,} to {high:,}"


def month(year: int, number: int) -> tuple[date, date]:
    following = date(year + number // 12, number % 12 + 1, 1)
    return date(year, number, 1), date.fromordinal(following.toordinal() - 1)


def found(findings: list[Finding]) -> set[tuple[str, tuple[str, ...]]]:
    return {(f.type, tuple(f.claims)) for f in findings}


def only(findings: list[Finding], kind: str, *ids: str) -> Finding:
    matches = [f for f in findings if f.type == kind and f.claims == list(ids)]
    assert len(matches) == 1, findings
    return matches[0]


# The example article -------------------------------------------------------------------------------


def example_claims() -> list[Claim]:
    """desertion-report.txt, published 2025-11-28, as the extractors should give it.

    c2 and c3 share a sentence (Vanner's), as do c4 and c5 (Zakharova's); the others stand alone.
    """
    return [
        claim(1, 100_000, 200_000, aggregation="unknown", text="between 100,000 and 200,000", no_period=True),
        claim(2, 21_600, 21_600, start=date(2025, 10, 1), end=date(2025, 10, 31), period_text="in October",
              at=2000, source="s3"),
        claim(3, 180_000, 180_000, start=date(2025, 1, 1), end=date(2025, 10, 31), period_text="year-to-date",
              at=2000, source="s3"),
        claim(4, 15_000, 18_000, aggregation="per_month", period_text="each month", at=4000, source="s5"),
        claim(5, 230_000, None, measure="unauthorized_absence", unit="cases", aggregation="cumulative",
              start=date(2022, 2, 1), text="over 230,000", period_text="since February 2022", at=4000, source="s5"),
        claim(6, 10_000, 99_999, measure="casualties", start=date(2025, 10, 1), end=date(2025, 10, 31),
              text="tens of thousands", approximate=True, period_text="in October"),
        claim(7, 100_000, 999_999, measure="deaths", unit="lives", aggregation="cumulative",
              text="hundreds of thousands", approximate=True),
        claim(8, 1_000_000, None, measure="displacement", aggregation="cumulative", text="millions",
              approximate=True),
    ]


@pytest.fixture
def example() -> list[Finding]:
    return check_figures(example_claims())


def test_example_finds_what_the_analyst_found(example: list[Finding]) -> None:
    assert found(example) == {
        ("figure_implication", ("c2", "c3")),
        ("figure_conflict", ("c2", "c4")),
        ("figure_consistent", ("c3", "c4")),
    }


def test_example_october_is_above_the_monthly_rate(example: list[Finding]) -> None:
    conflict = only(example, "figure_conflict", "c2", "c4")
    assert conflict.severity == "high"
    assert conflict.message.startswith(
        "21,600 in October 2025 lies above the 15,000–18,000 per month that c4 gives "
        "(+3,600, 20% over the upper bound)"
    )
    assert "c4 gives no dates" in conflict.message


def test_example_year_to_date_is_at_the_upper_bound(example: list[Finding]) -> None:
    consistent = only(example, "figure_consistent", "c3", "c4")
    assert consistent.severity == "info"
    assert consistent.message.startswith(
        "180,000 over January–October 2025 is 18,000 a month: at the upper bound of 15,000–18,000 per month (c4)"
    )


def test_example_undated_range_is_not_set_against_a_dated_total_of_another_sentence(example: list[Finding]) -> None:
    assert not [f for f in example if {"c1", "c3"} <= set(f.claims)]


def test_example_one_month_is_not_set_against_an_undated_range(example: list[Finding]) -> None:
    assert not [f for f in example if {"c1", "c2"} <= set(f.claims)]


def test_example_cases_and_deserters_of_different_sentences_are_left_alone(example: list[Finding]) -> None:
    assert not [f for f in example if "c5" in f.claims]


def test_cases_and_deserters_in_one_sentence_only_imply() -> None:
    claims = example_claims()
    claims[4] = claim(5, 230_000, None, measure="unauthorized_absence", unit="cases", aggregation="cumulative",
                      start=date(2022, 2, 1), text="over 230,000", at=2000, source="s3")
    findings = check_figures(claims)
    assert not [f for f in findings if "c5" in f.claims and f.type != "figure_implication"]
    implication = only(findings, "figure_implication", "c3", "c5")
    assert implication.severity == "info"
    assert "count different things" in implication.message
    assert "at least 50,000 for February 2022 – December 2024 and November 2025 onwards" in implication.message
    assert "not at most, because over 230,000 is only a lower bound" in implication.message


def test_example_leaves_the_vague_unrelated_figures_alone(example: list[Finding]) -> None:
    assert not [f for f in example if {"c6", "c7", "c8"} & set(f.claims)]


def test_example_remainder_of_the_year(example: list[Finding]) -> None:
    message = only(example, "figure_implication", "c2", "c3").message
    assert message == (
        "180,000 over January–October 2025 (c3) less 21,600 in October 2025 (c2) leaves 158,400 "
        "for January–September 2025 (17,600 a month)."
    )


def test_example_findings_are_ordered_and_unnumbered(example: list[Finding]) -> None:
    keys = [[int(c[1:]) for c in f.claims] for f in example]
    assert keys == sorted(keys)
    assert all(f.id == "" for f in example)


def test_findings_never_edit_claims() -> None:
    claims = example_claims()
    before = copy.deepcopy(claims)
    check_figures(claims)
    assert claims == before


def test_run_checks_numbers_the_findings() -> None:
    ledger = Ledger(article=Article(text="…"), claims=example_claims())
    assert [f.id for f in run_checks(ledger)] == ["f1", "f2", "f3"]


def test_no_pair_is_both_consistent_and_in_conflict(example: list[Finding]) -> None:
    pairs = [tuple(f.claims) for f in example if f.type in ("figure_conflict", "figure_consistent")]
    assert len(pairs) == len(set(pairs))


# Rates against totals ------------------------------------------------------------------------------------


def test_daily_rate_matches_a_month_total() -> None:
    claims = [claim(1, 100, 100, aggregation="per_day"), claim(2, 3_100, 3_100, start=date(2025, 10, 1),
                                                                end=date(2025, 10, 31))]
    finding = only(check_figures(claims), "figure_consistent", "c1", "c2")
    assert finding.message.startswith("3,100 in October 2025 is 100 a day: equal to 100 per day (c1)")


def test_daily_rate_against_a_month_total_that_doubles_it() -> None:
    claims = [claim(1, 100, 100, aggregation="per_day"), claim(2, 6_200, 6_200, start=date(2025, 10, 1),
                                                                end=date(2025, 10, 31))]
    finding = only(check_figures(claims), "figure_conflict", "c1", "c2")
    assert finding.severity == "high"
    assert "6,200 in October 2025 is 200 a day: above the 100 per day that c1 gives (+100, 100% over" in finding.message


def test_weekly_rate_within_range() -> None:
    claims = [claim(1, 300, 400, aggregation="per_week"), claim(2, 700, 700, start=date(2025, 3, 3),
                                                                 end=date(2025, 3, 16))]
    finding = only(check_figures(claims), "figure_consistent", "c1", "c2")
    assert "700 over 3–16 March 2025 is 350 a week: within 300–400 per week (c1)" in finding.message


def test_yearly_rate_against_a_year_total() -> None:
    claims = [claim(1, 36_600, 36_600, start=date(2024, 1, 1), end=date(2024, 12, 31)),
              claim(2, 10_000, 10_000, aggregation="per_year")]
    finding = only(check_figures(claims), "figure_conflict", "c1", "c2")
    assert finding.message.startswith("36,600 in 2024 lies above the 10,000 per year that c2 gives (+26,600, 266%")


def test_month_total_below_the_monthly_rate() -> None:
    claims = [claim(1, 15_000, 18_000, aggregation="per_month"),
              claim(2, 5_000, 5_000, start=date(2025, 10, 1), end=date(2025, 10, 31))]
    finding = only(check_figures(claims), "figure_conflict", "c1", "c2")
    assert "5,000 in October 2025 lies below the 15,000–18,000 per month" in finding.message
    assert "(−10,000, 67% under the lower bound)" in finding.message


def test_dated_rate_is_not_set_against_another_time() -> None:
    claims = [claim(1, 100, 100, aggregation="per_day", start=date(2023, 1, 1), end=date(2023, 12, 31)),
              claim(2, 6_200, 6_200, start=date(2025, 10, 1), end=date(2025, 10, 31))]
    assert check_figures(claims) == []


def test_dated_rate_overlapping_the_total_needs_no_assumption() -> None:
    claims = [claim(1, 100, 100, aggregation="per_day", start=date(2025, 1, 1), end=date(2025, 12, 31)),
              claim(2, 3_100, 3_100, start=date(2025, 10, 1), end=date(2025, 10, 31))]
    finding = only(check_figures(claims), "figure_consistent", "c1", "c2")
    assert "gives no dates" not in finding.message


def test_rate_is_not_set_against_an_open_cumulative() -> None:
    claims = [claim(1, 15_000, 18_000, aggregation="per_month"),
              claim(2, 230_000, None, aggregation="cumulative", start=date(2022, 2, 1))]
    assert check_figures(claims) == []


def test_daily_and_monthly_rates_are_converted() -> None:
    claims = [claim(1, 500, 500, aggregation="per_day"), claim(2, 15_000, 16_000, aggregation="per_month")]
    finding = only(check_figures(claims), "figure_consistent", "c1", "c2")
    assert "500 per day (c1) is about 15,218 a month (at 30.4 days a month): within 15,000–16,000 per month (c2)" in (
        finding.message
    )
    assert "if both hold over the same time" in finding.message


def test_undated_rates_in_conflict_are_medium() -> None:
    claims = [claim(1, 1_000, 1_000, aggregation="per_day"), claim(2, 15_000, 18_000, aggregation="per_month")]
    finding = only(check_figures(claims), "figure_conflict", "c1", "c2")
    assert finding.severity == "medium"
    assert "about 30,437 a month" in finding.message


# Sums of parts, wholes and remainders ----------------------------------------------------------------


def quarter_parts(first: float, second: float, third: float, number: int = 1) -> list[Claim]:
    return [claim(number + i, value, value, start=month(2025, i + 1)[0], end=month(2025, i + 1)[1])
            for i, value in enumerate((first, second, third))]


def q1(number: int, low: float, high: float) -> Claim:
    return claim(number, low, high, start=date(2025, 1, 1), end=date(2025, 3, 31))


def test_monthly_parts_add_up_to_the_quarter() -> None:
    findings = check_figures([*quarter_parts(100, 200, 300), q1(4, 600, 600)])
    assert found(findings) == {("figure_consistent", ("c1", "c2", "c3", "c4"))}
    assert findings[0].message == (
        "100 (January 2025, c1) + 200 (February 2025, c2) + 300 (March 2025, c3) = 600, "
        "which agrees with 600 over January–March 2025 (c4)."
    )


def test_monthly_parts_exceed_the_quarter() -> None:
    findings = check_figures([*quarter_parts(100, 200, 300), q1(4, 500, 500)])
    assert found(findings) == {("figure_conflict", ("c1", "c2", "c3", "c4"))}
    assert findings[0].severity == "high"
    assert "do not add up" in findings[0].message
    assert "= 600, above 500 over January–March 2025 (c4) (+100, 20% over the upper bound)" in findings[0].message


def test_monthly_parts_fall_short_of_the_quarter() -> None:
    findings = check_figures([q1(1, 1_000, 1_000), *quarter_parts(100, 200, 300, number=2)])
    assert found(findings) == {("figure_conflict", ("c1", "c2", "c3", "c4"))}
    assert "below 1,000 over January–March 2025 (c1) (−400, 40% under the lower bound)" in findings[0].message


def test_parts_that_do_not_tile_give_one_remainder_the_tightest() -> None:
    parts = quarter_parts(100, 200, 300)
    findings = check_figures([replace(c, start=0) for c in (parts[0], parts[2], q1(4, 600, 600))])
    assert found(findings) == {("figure_implication", ("c3", "c4"))}
    assert "leaves 300 for January–February 2025" in only(findings, "figure_implication", "c3", "c4").message


def test_a_part_larger_than_its_whole() -> None:
    claims = [claim(1, 30_000, 30_000, start=date(2025, 10, 1), end=date(2025, 10, 31)),
              claim(2, 20_000, 20_000, start=date(2025, 1, 1), end=date(2025, 10, 31))]
    finding = only(check_figures(claims), "figure_conflict", "c1", "c2")
    assert finding.severity == "high"
    assert finding.message.startswith(
        "30,000 in October 2025 is more than the 20,000 over January–October 2025 that c2 gives, "
        "though October 2025 is part of that time (+10,000, 50% over the upper bound)"
    )


def test_bounded_cumulative_leaves_a_range() -> None:
    claims = [claim(1, 100_000, 120_000, aggregation="cumulative", start=date(2022, 2, 1), at=0),
              claim(2, 80_000, 80_000, start=date(2025, 1, 1), end=date(2025, 10, 31), at=0)]
    finding = only(check_figures(claims), "figure_implication", "c1", "c2")
    assert "leaves 20,000–40,000 for February 2022 – December 2024 and November 2025 onwards" in finding.message
    assert "lower bound" not in finding.message


def test_up_to_cumulative_leaves_at_most() -> None:
    claims = [claim(1, 0, 120_000, aggregation="cumulative", start=date(2022, 2, 1), text="up to 120,000", at=0),
              claim(2, 80_000, 80_000, start=date(2022, 2, 1), end=date(2024, 12, 31), at=0)]
    finding = only(check_figures(claims), "figure_implication", "c1", "c2")
    assert "leaves at most 40,000 for January 2025 onwards" in finding.message


def test_later_cumulative_inside_earlier_one() -> None:
    claims = [claim(1, 200_000, None, aggregation="cumulative", start=date(2022, 2, 1), text="over 200,000", at=0),
              claim(2, 50_000, 50_000, aggregation="cumulative", start=date(2025, 1, 1), at=0)]
    finding = only(check_figures(claims), "figure_implication", "c1", "c2")
    assert "leaves at least 150,000 for February 2022 – December 2024" in finding.message
    assert "because over 200,000 is only a lower bound" in finding.message


def test_open_part_of_open_whole_implies_nothing() -> None:
    claims = [claim(1, 100_000, None, aggregation="cumulative", start=date(2022, 2, 1)),
              claim(2, 50_000, None, start=date(2025, 1, 1), end=date(2025, 10, 31))]
    assert check_figures(claims) == []


def test_a_part_and_a_whole_of_different_sentences_give_no_remainder() -> None:
    claims = [claim(1, 100_000, 120_000, aggregation="cumulative", start=date(2022, 2, 1)),
              claim(2, 80_000, 80_000, start=date(2025, 1, 1), end=date(2025, 10, 31))]
    assert check_figures(claims) == []


def test_implication_uses_the_closest_whole() -> None:
    claims = [claim(1, 1_000, 1_000, start=date(2025, 1, 1), end=date(2025, 1, 31), at=0),
              replace(q1(2, 3_000, 3_000), start=0),
              claim(3, 12_000, 12_000, start=date(2025, 1, 1), end=date(2025, 12, 31), at=0)]
    assert found(check_figures(claims)) == {("figure_implication", ("c1", "c2")), ("figure_implication", ("c2", "c3"))}


# Same period, unknown periods, approximate and open figures ---------------------------------------------


def test_a_figure_inside_a_range_for_the_same_period_is_not_a_finding() -> None:
    claims = [claim(1, 20_000, 25_000, start=date(2025, 10, 1), end=date(2025, 10, 31)),
              claim(2, 21_600, 21_600, start=date(2025, 10, 1), end=date(2025, 10, 31))]
    assert check_figures(claims) == []


def test_approximate_figure_is_given_room() -> None:
    claims = [claim(1, 20_000, 20_000, start=date(2025, 10, 1), end=date(2025, 10, 31), approximate=True),
              claim(2, 15_000, 18_000, aggregation="per_month")]
    assert found(check_figures(claims)) == {("figure_consistent", ("c1", "c2"))}


def test_approximate_conflict_is_at_most_medium() -> None:
    claims = [claim(1, 25_000, 25_000, start=date(2025, 10, 1), end=date(2025, 10, 31), approximate=True),
              claim(2, 15_000, 18_000, aggregation="per_month")]
    finding = only(check_figures(claims), "figure_conflict", "c1", "c2")
    assert finding.severity == "medium"
    assert "about 25,000 in October 2025 lies above" in finding.message
    assert "allowing 10% either way for the approximate c1" in finding.message


def test_vague_magnitude_never_gives_a_high_conflict() -> None:
    claims = [claim(1, 10_000, 99_999, start=date(2025, 10, 1), end=date(2025, 10, 31), text="tens of thousands",
                    approximate=True, source="s1"),
              claim(2, 5_000, 5_000, start=date(2025, 10, 1), end=date(2025, 10, 31), source="s2")]
    finding = only(check_figures(claims), "figure_conflict", "c1", "c2")
    assert finding.severity == "medium"
    assert finding.message.startswith("tens of thousands (10,000–99,999) (c1) and 5,000 (c2) in October 2025")


def test_vague_magnitude_containing_an_exact_figure() -> None:
    claims = [claim(1, 10_000, 99_999, start=date(2025, 10, 1), end=date(2025, 10, 31), text="tens of thousands",
                    approximate=True),
              claim(2, 21_600, 21_600, start=date(2025, 10, 1), end=date(2025, 10, 31))]
    assert check_figures(claims) == []


def test_over_against_up_to() -> None:
    claims = [claim(1, 50_000, None, start=date(2025, 1, 1), end=date(2025, 12, 31), text="over 50,000", source="s1"),
              claim(2, 0, 40_000, start=date(2025, 1, 1), end=date(2025, 12, 31), text="up to 40,000", source="s2")]
    finding = only(check_figures(claims), "figure_conflict", "c1", "c2")
    assert finding.severity == "high"
    assert finding.message == (
        "over 50,000 (c1) and at most 40,000 (c2) in 2025 cannot both hold: c1 lies above c2 "
        "(+10,000, 25% over the upper bound). Both count desertion (people) in 2025."
    )


def test_one_voice_giving_two_values_for_one_period_is_not_a_conflict() -> None:
    """'Labour won 411 seats' and 'the Conservatives won 121' with the parties not caught: two quantities."""
    claims = [claim(1, 411, 411, measure="seats", unit="seats", start=date(2024, 7, 4), end=date(2024, 7, 4),
                    source=""),
              claim(2, 121, 121, measure="seats", unit="seats", start=date(2024, 7, 4), end=date(2024, 7, 4),
                    source="")]
    assert check_figures(claims) == []


def test_one_voice_whose_month_exceeds_its_monthly_rate_is_read_as_a_misreading_not_a_conflict() -> None:
    """'Employers added 204,000 jobs in October … an average of 150,000 a month': one author, two quantities."""
    claims = [claim(1, 100, 100, aggregation="per_day", source="s1"),
              claim(2, 6_200, 6_200, start=date(2025, 10, 1), end=date(2025, 10, 31), source="s1")]
    assert check_figures(claims) == []
    nested = [claim(1, 30_000, 30_000, start=date(2025, 10, 1), end=date(2025, 10, 31), source=""),
              claim(2, 20_000, 20_000, start=date(2025, 1, 1), end=date(2025, 10, 31), source="")]
    assert check_figures(nested) == []


def test_one_voices_parts_that_do_not_add_up_stay_a_finding() -> None:
    parts = [claim(n, value, value, start=month(2025, n)[0], end=month(2025, n)[1], source="s1")
             for n, value in ((1, 100), (2, 200), (3, 300))]
    findings = check_figures([*parts, claim(4, 500, 500, start=date(2025, 1, 1), end=date(2025, 3, 31), source="s1")])
    assert found(findings) == {("figure_conflict", ("c1", "c2", "c3", "c4"))}


def test_over_against_up_to_that_overlap() -> None:
    claims = [claim(1, 50_000, None, start=date(2025, 1, 1), end=date(2025, 12, 31), text="more than 50,000"),
              claim(2, 0, 60_000, start=date(2025, 1, 1), end=date(2025, 12, 31), text="up to 60,000")]
    assert check_figures(claims) == []


def test_two_undated_values_in_one_sentence_are_not_a_conflict_even_from_two_sources() -> None:
    """'Net income was $20.1 billion, against $16.7 billion last year': undated values are two times as often."""
    claims = [claim(1, 100_000, 200_000, aggregation="unknown", no_period=True, at=0, source="s1"),
              claim(2, 300_000, 300_000, aggregation="unknown", no_period=True, at=0, source="s2")]
    assert check_figures(claims) == []


def test_one_voice_giving_two_undated_values_in_one_sentence_is_not_a_conflict() -> None:
    """'The toll rose from 5,894 to 7,108': the sentence itself tells the two apart."""
    claims = [claim(1, 5_894, 5_894, measure="deaths", no_period=True, at=0, source="s1"),
              claim(2, 7_108, 7_108, measure="deaths", no_period=True, at=0, source="s1")]
    assert check_figures(claims) == []


def test_undated_figures_of_different_sentences_are_not_compared() -> None:
    claims = [claim(1, 100_000, 200_000, aggregation="unknown", no_period=True, source="s1"),
              claim(2, 300_000, 300_000, aggregation="unknown", no_period=True, source="s2")]
    assert check_figures(claims) == []


def test_two_sources_for_a_toll_on_one_day_conflict_saying_what_is_assumed() -> None:
    day = date(2023, 2, 7)
    claims = [claim(1, 5_894, 5_894, measure="deaths", aggregation="cumulative", end=day, source="s1"),
              claim(2, 7_108, 7_108, measure="deaths", aggregation="cumulative", end=day, source="s2")]
    finding = only(check_figures(claims), "figure_conflict", "c1", "c2")
    assert finding.severity == "medium"
    assert "7,108 (c2) and 5,894 (c1) on 7 February 2023 cannot both hold" in finding.message
    assert "if both count from the same start: c1 and c2 give only the day they stand at" in finding.message


def test_unresolved_period_total_is_not_turned_into_a_rate() -> None:
    claims = [claim(1, 21_600, 21_600, period_text="in October"), claim(2, 15_000, 18_000, aggregation="per_month")]
    assert check_figures(claims) == []


def test_dated_figure_outside_an_undated_range_is_not_flagged() -> None:
    claims = [claim(1, 500_000, 500_000, start=date(2022, 2, 1), end=date(2025, 10, 31)),
              claim(2, 100_000, 200_000, aggregation="unknown", no_period=True)]
    assert check_figures(claims) == []


def test_different_times_are_not_compared() -> None:
    claims = [claim(1, 21_600, 21_600, start=date(2025, 10, 1), end=date(2025, 10, 31)),
              claim(2, 5_000, 5_000, start=date(2025, 9, 1), end=date(2025, 9, 30)),
              claim(3, 50_000, 50_000, start=date(2025, 9, 15), end=date(2025, 10, 15))]
    assert check_figures(claims) == []


# What is not compared ------------------------------------------------------------------------------------


def test_different_units_of_one_measure_never_conflict() -> None:
    claims = [claim(1, 21_600, 21_600, start=date(2025, 10, 1), end=date(2025, 10, 31)),
              claim(2, 5_000, 5_000, unit="cases", start=date(2025, 10, 1), end=date(2025, 10, 31))]
    assert check_figures(claims) == []


def test_different_units_nested_give_an_implication() -> None:
    claims = [claim(1, 21_600, 21_600, unit="cases", start=date(2025, 10, 1), end=date(2025, 10, 31), at=0),
              claim(2, 20_000, 20_000, start=date(2025, 1, 1), end=date(2025, 10, 31), at=0)]
    finding = only(check_figures(claims), "figure_implication", "c1", "c2")
    assert finding.severity == "info"
    assert finding.message.startswith("c1 counts cases, c2 counts people: they count different things.")
    assert "would already exceed" in finding.message


def test_unrelated_measures_are_not_compared() -> None:
    claims = [claim(1, 21_600, 21_600, start=date(2025, 10, 1), end=date(2025, 10, 31)),
              claim(2, 5_000, 5_000, measure="displacement", start=date(2025, 10, 1), end=date(2025, 10, 31))]
    assert check_figures(claims) == []


def test_shares_and_ratios_are_ignored() -> None:
    claims = [claim(1, 20, 20, unit="percent", start=date(2025, 10, 1), end=date(2025, 10, 31)),
              claim(2, 21_600, 21_600, start=date(2025, 10, 1), end=date(2025, 10, 31)),
              claim(3, 4, 4, unit="ratio", start=date(2025, 10, 1), end=date(2025, 10, 31)),
              claim(4, 30, 30, unit="percent", start=date(2025, 10, 1), end=date(2025, 10, 31))]
    assert check_figures(claims) == []


def test_figures_without_a_measure_are_ignored() -> None:
    claims = [claim(1, 21_600, 21_600, measure=None, start=date(2025, 10, 1), end=date(2025, 10, 31)),
              claim(2, 5_000, 5_000, measure=None, start=date(2025, 10, 1), end=date(2025, 10, 31))]
    assert check_figures(claims) == []


def test_non_figure_claims_are_ignored() -> None:
    quote = Claim(id="c1", kind="quote", start=0, end=5, text="hello")
    assert found(check_figures([quote, *example_claims()[1:4]])) == {
        ("figure_implication", ("c2", "c3")),
        ("figure_conflict", ("c2", "c4")),
        ("figure_consistent", ("c3", "c4")),
    }


def test_related_measure_families_are_read() -> None:
    assert any({"desertion", "unauthorized_absence"} <= family for family in _families())


def test_malformed_figures_and_periods_are_skipped_not_fatal() -> None:
    claims = [claim(1, 200, 100, start=date(2025, 10, 1), end=date(2025, 10, 31)),
              claim(2, 100, 100, start=date(2025, 10, 31), end=date(2025, 10, 1)),
              claim(3, 15_000, 18_000, aggregation="per_month")]
    assert check_figures(claims) == []


def test_rate_since_a_date_is_dated() -> None:
    claims = [claim(1, 15_000, 18_000, aggregation="per_month", start=date(2025, 1, 1)),
              claim(2, 21_600, 21_600, start=date(2025, 10, 1), end=date(2025, 10, 31)),
              claim(3, 5_000, 5_000, start=date(2024, 10, 1), end=date(2024, 10, 31))]
    findings = check_figures(claims)
    assert found(findings) == {("figure_conflict", ("c1", "c2"))}
    assert "gives no dates" not in findings[0].message
