"""Interval arithmetic and period lengths for reconciling figures.

Articles rarely give exact numbers: "between 15,000 and 18,000", "over 230,000",
"tens of thousands". Comparing such figures honestly means carrying both bounds
through every step, so a check can only call two figures in conflict when *no*
value allowed by one is allowed by the other. Counts are never negative, so every
interval here lives on [0, +inf); an upper bound of ``None`` is +inf ("over X").

Comparisons use a tiny relative tolerance (``REL_TOL``) so that floating-point
noise from converting rates (x * 10 months / 10 months) never turns "at the upper
bound" into "above the upper bound", and a tiny absolute one (``ABS_TOL``) next to
zero, where a relative tolerance forgives nothing (a rate of 5e-324 a day is 0 a month
and back).
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date, timedelta

from claimledger.model import Period

REL_TOL = 1e-9
ABS_TOL = 1e-12
DAYS_PER_YEAR = 365.2425
DAYS_PER_MONTH = DAYS_PER_YEAR / 12
RATES: tuple[str, ...] = ("per_day", "per_week", "per_month", "per_year")


@dataclass(frozen=True)
class Interval:
    """Closed interval [low, high] of non-negative numbers; ``high`` None means no upper bound."""

    low: float
    high: float | None

    def __post_init__(self) -> None:
        if self.low < 0 or (self.high is not None and self.high < self.low):
            raise ValueError(f"not a count interval: {self.low}..{self.high}")

    @property
    def exact(self) -> bool:
        return self.high is not None and self.low == self.high

    @property
    def bounded(self) -> bool:
        return self.high is not None


def _le(a: float, b: float) -> bool:
    """a <= b, forgiving float noise."""
    return a <= b or math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def _mul(x: float | None, y: float | None) -> float | None:
    """Product where None is +inf; inf * 0 is taken as 0 because a zero count stays zero."""
    if x == 0 or y == 0:
        return 0.0
    if x is None or y is None:
        return None
    return x * y


def add(a: Interval, b: Interval) -> Interval:
    """Sum of two counts: the bounds add, and an open bound stays open."""
    high = None if a.high is None or b.high is None else a.high + b.high
    return Interval(a.low + b.low, high)


def total(parts: list[Interval]) -> Interval:
    """Sum of several counts (the parts of a whole)."""
    result = Interval(0.0, 0.0)
    for part in parts:
        result = add(result, part)
    return result


def scale(a: Interval, factor: Interval) -> Interval:
    """A count times a non-negative factor that is itself uncertain (e.g. a length in months)."""
    return Interval(a.low * factor.low, _mul(a.high, factor.high))


def divide(a: Interval, divisor: Interval) -> Interval:
    """A count divided by a positive uncertain divisor: the widest quotient wins on each side."""
    if divisor.low <= 0:
        raise ValueError("divisor must be positive")
    low = 0.0 if divisor.high is None else a.low / divisor.high
    high = None if a.high is None else a.high / divisor.low
    return Interval(low, high)


def remainder(whole: Interval, part: Interval) -> Interval:
    """What a whole leaves for the rest once a part of it is taken out.

    The least left is the smallest whole minus the largest part; the most is the
    largest whole minus the smallest part. Counts cannot go below zero, so the
    result is clipped there (a negative most-left means the part cannot fit:
    callers check ``fits`` first).
    """
    low = 0.0 if part.high is None else max(0.0, whole.low - part.high)
    high = None if whole.high is None else max(low, whole.high - part.low)
    return Interval(low, high)


def fits(part: Interval, whole: Interval) -> bool:
    """Can some value of the part be no larger than some value of the whole?"""
    return whole.high is None or _le(part.low, whole.high)


def widen(a: Interval, fraction: float) -> Interval:
    """Loosen an approximate figure ("about 20,000") by a relative tolerance on each side."""
    high = None if a.high is None else a.high * (1 + fraction)
    return Interval(a.low * (1 - fraction), high)


def contains(outer: Interval, inner: Interval) -> bool:
    """Every value of ``inner`` is a value of ``outer``."""
    if not _le(outer.low, inner.low):
        return False
    if outer.high is None:
        return True
    return inner.high is not None and _le(inner.high, outer.high)


def overlaps(a: Interval, b: Interval) -> bool:
    """Some value is allowed by both: the two figures can both be true."""
    return (a.high is None or _le(b.low, a.high)) and (b.high is None or _le(a.low, b.high))


def excess_above(a: Interval, bound: Interval) -> float:
    """How far the lowest value of ``a`` lies above the highest of ``bound`` (0 when not above)."""
    if bound.high is None or _le(a.low, bound.high):
        return 0.0
    return a.low - bound.high


def shortfall_below(a: Interval, bound: Interval) -> float:
    """How far the highest value of ``a`` lies below the lowest of ``bound`` (0 when not below)."""
    if a.high is None or _le(bound.low, a.high):
        return 0.0
    return bound.low - a.high


# Periods ------------------------------------------------------------------


def days(period: Period) -> int:
    """Length in days, both ends inclusive (October is 31 days, not 30)."""
    start, end = _ends(period)
    return (end - start).days + 1


def months(period: Period) -> float:
    """Length in calendar months, counting each month's share of its own days.

    Whole calendar months count exactly (January–October = 10, not 304 days / 30.4),
    which is how articles state monthly rates; partial months count by their share.
    """
    start, end = _ends(period)
    count = 0.0
    cursor = start
    while cursor <= end:
        month_days = calendar.monthrange(cursor.year, cursor.month)[1]
        month_last = cursor.replace(day=month_days)
        stop = min(end, month_last)
        count += ((stop - cursor).days + 1) / month_days
        cursor = month_last + timedelta(days=1)
    return count


def years(period: Period) -> float:
    """Length in calendar years, each year's share counted against its own length (leap years)."""
    start, end = _ends(period)
    count = 0.0
    cursor = start
    while cursor <= end:
        year_last = date(cursor.year, 12, 31)
        stop = min(end, year_last)
        count += ((stop - cursor).days + 1) / (366 if calendar.isleap(cursor.year) else 365)
        cursor = year_last + timedelta(days=1)
    return count


def length_in(period: Period, aggregation: str) -> float:
    """How many rate units (days, weeks, months, years) the period spans."""
    if aggregation == "per_day":
        return float(days(period))
    if aggregation == "per_week":
        return days(period) / 7
    if aggregation == "per_month":
        return months(period)
    if aggregation == "per_year":
        return years(period)
    raise ValueError(f"not a rate: {aggregation}")


def total_to_rate(count: Interval, period: Period, aggregation: str) -> Interval:
    """The average rate a total over a dated period implies."""
    length = length_in(period, aggregation)
    return divide(count, Interval(length, length))


def rate_to_total(rate: Interval, period: Period, aggregation: str) -> Interval:
    """The total a rate implies over a dated period."""
    length = length_in(period, aggregation)
    return scale(rate, Interval(length, length))


def unit_days(aggregation: str) -> float:
    """Average length of a rate unit, for converting between undated rates (a month is 30.44 days)."""
    return {"per_day": 1.0, "per_week": 7.0, "per_month": DAYS_PER_MONTH, "per_year": DAYS_PER_YEAR}[aggregation]


def convert_rate(rate: Interval, source: str, target: str) -> Interval:
    """A rate restated in another unit using average unit lengths (500 a day ≈ 15,218 a month)."""
    factor = unit_days(target) / unit_days(source)
    return scale(rate, Interval(factor, factor))


def _ends(period: Period) -> tuple[date, date]:
    if period.start is None or period.end is None:
        raise ValueError("period has no dates")
    if period.end < period.start:
        raise ValueError("period ends before it starts")
    return period.start, period.end
