"""Interval arithmetic and period lengths: the ground the figure checks stand on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from claimledger.check import intervals as iv
from claimledger.check.intervals import Interval
from claimledger.model import Period

# Unit tests ----------------------------------------------------------------------------------


def test_interval_rejects_negative_and_reversed_bounds() -> None:
    with pytest.raises(ValueError):
        Interval(-1, 5)
    with pytest.raises(ValueError):
        Interval(10, 5)


def test_add_keeps_an_open_bound_open() -> None:
    assert iv.add(Interval(1, 2), Interval(10, 20)) == Interval(11, 22)
    assert iv.add(Interval(1, None), Interval(10, 20)) == Interval(11, None)


def test_total_of_parts() -> None:
    assert iv.total([Interval(100, 100), Interval(200, 250), Interval(300, 300)]) == Interval(600, 650)
    assert iv.total([]) == Interval(0, 0)


def test_scale_by_uncertain_factor() -> None:
    assert iv.scale(Interval(15_000, 18_000), Interval(10, 10)) == Interval(150_000, 180_000)
    assert iv.scale(Interval(2, None), Interval(3, 4)) == Interval(6, None)
    assert iv.scale(Interval(2, None), Interval(0, 0)) == Interval(0, 0)


def test_divide_takes_widest_quotient() -> None:
    assert iv.divide(Interval(100, 200), Interval(2, 4)) == Interval(25, 100)
    assert iv.divide(Interval(100, None), Interval(2, 2)) == Interval(50, None)
    assert iv.divide(Interval(100, 100), Interval(2, None)) == Interval(0, 50)
    with pytest.raises(ValueError):
        iv.divide(Interval(1, 1), Interval(0, 1))


def test_remainder_of_lower_bound_whole_is_at_least() -> None:
    # over 230,000 since February 2022, less 180,000: at least 50,000, no upper bound
    assert iv.remainder(Interval(230_000, None), Interval(180_000, 180_000)) == Interval(50_000, None)


def test_remainder_of_bounded_whole() -> None:
    assert iv.remainder(Interval(180_000, 180_000), Interval(21_600, 21_600)) == Interval(158_400, 158_400)
    assert iv.remainder(Interval(100, 200), Interval(150, 160)) == Interval(0, 50)
    assert iv.remainder(Interval(100, 200), Interval(10, None)) == Interval(0, 190)


def test_fits() -> None:
    assert iv.fits(Interval(21_600, 21_600), Interval(180_000, 180_000))
    assert not iv.fits(Interval(200, 200), Interval(100, 150))
    assert iv.fits(Interval(10**9, None), Interval(1, None))


def test_widen() -> None:
    widened = iv.widen(Interval(100, 200), 0.1)
    assert (widened.low, widened.high) == (90, pytest.approx(220))
    assert iv.widen(Interval(100, None), 0.1) == Interval(90, None)


def test_containment_and_overlap() -> None:
    assert iv.contains(Interval(100_000, 200_000), Interval(180_000, 180_000))
    assert not iv.contains(Interval(100_000, 200_000), Interval(21_600, 21_600))
    assert iv.contains(Interval(1, None), Interval(5, None))
    assert not iv.contains(Interval(1, 10), Interval(5, None))
    assert iv.overlaps(Interval(15_000, 18_000), Interval(18_000, 18_000))
    assert not iv.overlaps(Interval(15_000, 18_000), Interval(21_600, 21_600))
    assert iv.overlaps(Interval(50_000, None), Interval(0, 60_000))
    assert not iv.overlaps(Interval(50_000, None), Interval(0, 40_000))


def test_containment_forgives_float_noise() -> None:
    noisy = 18_000 * (1 + 1e-13)
    assert iv.contains(Interval(15_000, 18_000), Interval(noisy, noisy))


def test_distance_above_and_below() -> None:
    assert iv.excess_above(Interval(21_600, 21_600), Interval(15_000, 18_000)) == 3_600
    assert iv.excess_above(Interval(17_000, 17_000), Interval(15_000, 18_000)) == 0
    assert iv.excess_above(Interval(1, 1), Interval(0, None)) == 0
    assert iv.shortfall_below(Interval(10_000, 12_000), Interval(15_000, 18_000)) == 3_000
    assert iv.shortfall_below(Interval(10_000, None), Interval(15_000, 18_000)) == 0


def _period(start: date, end: date) -> Period:
    return Period(start, end, "total")


def test_days_are_inclusive() -> None:
    assert iv.days(_period(date(2025, 10, 1), date(2025, 10, 31))) == 31
    assert iv.days(_period(date(2025, 10, 1), date(2025, 10, 1))) == 1


def test_whole_months_count_exactly() -> None:
    assert iv.months(_period(date(2025, 1, 1), date(2025, 10, 31))) == 10
    assert iv.months(_period(date(2025, 10, 1), date(2025, 10, 31))) == 1
    assert iv.months(_period(date(2024, 2, 1), date(2024, 2, 29))) == 1
    assert iv.months(_period(date(2022, 2, 1), date(2024, 12, 31))) == 35


def test_partial_months_count_by_share() -> None:
    assert iv.months(_period(date(2025, 10, 1), date(2025, 10, 15))) == pytest.approx(15 / 31)
    assert iv.months(_period(date(2025, 1, 16), date(2025, 2, 14))) == pytest.approx(16 / 31 + 14 / 28)


def test_years() -> None:
    assert iv.years(_period(date(2024, 1, 1), date(2024, 12, 31))) == 1
    assert iv.years(_period(date(2023, 7, 1), date(2024, 6, 30))) == pytest.approx(184 / 365 + 182 / 366)


def test_period_without_dates_is_refused() -> None:
    with pytest.raises(ValueError):
        iv.days(Period(None, None, "per_month"))
    with pytest.raises(ValueError):
        iv.months(Period(date(2025, 1, 1), None, "cumulative"))
    with pytest.raises(ValueError):
        iv.years(_period(date(2025, 2, 1), date(2025, 1, 1)))


def test_total_to_rate_and_back() -> None:
    jan_oct = _period(date(2025, 1, 1), date(2025, 10, 31))
    assert iv.total_to_rate(Interval(180_000, 180_000), jan_oct, "per_month") == Interval(18_000, 18_000)
    assert iv.rate_to_total(Interval(15_000, 18_000), jan_oct, "per_month") == Interval(150_000, 180_000)
    october = _period(date(2025, 10, 1), date(2025, 10, 31))
    assert iv.total_to_rate(Interval(3_100, 3_100), october, "per_day") == Interval(100, 100)
    assert iv.total_to_rate(Interval(700, 700), _period(date(2025, 3, 3), date(2025, 3, 16)), "per_week") == Interval(
        350, 350
    )
    assert iv.rate_to_total(Interval(36_500, 36_500), _period(date(2025, 1, 1), date(2025, 12, 31)), "per_year") == (
        Interval(36_500, 36_500)
    )


def test_length_in_refuses_non_rates() -> None:
    with pytest.raises(ValueError):
        iv.length_in(_period(date(2025, 1, 1), date(2025, 1, 2)), "total")


def test_convert_rate_uses_average_unit_lengths() -> None:
    per_month = iv.convert_rate(Interval(500, 500), "per_day", "per_month")
    assert per_month.low == pytest.approx(500 * 365.2425 / 12)
    assert iv.convert_rate(Interval(70, 70), "per_week", "per_day") == Interval(10, 10)


# Properties -----------------------------------------------------------------------------------

counts = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
factors = st.floats(min_value=0.01, max_value=1e3, allow_nan=False, allow_infinity=False)


@st.composite
def intervals(draw: st.DrawFn, open_allowed: bool = True) -> Interval:
    low = draw(counts)
    if open_allowed and draw(st.booleans()):
        return Interval(low, None)
    return Interval(low, low + draw(counts))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 1, 1)))
    return Period(start, start + timedelta(days=draw(st.integers(0, 3_000))), "total")


@given(intervals(), intervals(), counts, counts)
def test_containment_is_kept_by_addition(inner: Interval, other: Interval, down: float, up: float) -> None:
    outer = Interval(max(0.0, inner.low - down), None if inner.high is None else inner.high + up)
    assert iv.contains(outer, inner)
    assert iv.contains(iv.add(outer, other), iv.add(inner, other))


@given(intervals(open_allowed=False), factors, factors)
def test_containment_is_kept_by_scaling(value: Interval, f1: float, f2: float) -> None:
    factor = Interval(min(f1, f2), max(f1, f2))
    point = Interval(min(f1, f2), min(f1, f2))
    assert iv.contains(iv.scale(value, factor), iv.scale(value, point))


@given(intervals(), intervals())
def test_overlap_is_symmetric_and_implied_by_containment(a: Interval, b: Interval) -> None:
    assert iv.overlaps(a, b) == iv.overlaps(b, a)
    if iv.contains(a, b):
        assert iv.overlaps(a, b)


@given(intervals(), intervals())
def test_disjoint_means_a_positive_distance(a: Interval, b: Interval) -> None:
    apart = iv.excess_above(a, b) > 0 or iv.shortfall_below(a, b) > 0
    assert apart == (not iv.overlaps(a, b))


@given(intervals(), periods(), st.sampled_from(iv.RATES))
@example(Interval(0.0, 5e-324), Period(date(2000, 1, 1), date(2000, 1, 1), "total"), "per_month")  # underflows to 0
def test_rate_to_total_and_back_contains_the_rate(rate: Interval, period: Period, unit: str) -> None:
    back = iv.total_to_rate(iv.rate_to_total(rate, period, unit), period, unit)
    assert iv.contains(back, rate)


@given(intervals(), intervals(open_allowed=False))
def test_remainder_plus_part_covers_the_whole(whole: Interval, part: Interval) -> None:
    assume(part.high is not None and part.high <= whole.low)
    assert iv.contains(iv.add(iv.remainder(whole, part), part), whole)


@given(periods())
def test_month_length_is_between_day_bounds(period: Period) -> None:
    length = iv.days(period)
    assert length / 31 - 1e-9 <= iv.months(period) <= length / 28 + 1e-9
    assert length / 366 - 1e-9 <= iv.years(period) <= length / 365 + 1e-9
