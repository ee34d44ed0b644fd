"""Within-article figure checks: do the article's own numbers agree with each other?

Two figures for the same measure are reconciled only after their periods and
aggregations are made comparable (a monthly rate against a ten-month total, a
month against the year it belongs to, parts against the whole they tile). Every
finding's message shows the arithmetic and names any assumption it rests on, so a
reader can redo the check by hand and see where it could be wrong.

What is *not* compared is as deliberate as what is: shares against counts, a
one-month total against a total of unknown period when they disagree (the unknown
period may simply be longer), and figures that count different things (cases vs
people), which at most yield a hedged implication.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from itertools import combinations

from claimledger.check import intervals as iv
from claimledger.check.intervals import Interval
from claimledger.model import Claim, Finding, Period, Severity

APPROX_TOLERANCE = 0.10
"""How far an approximate figure ("about 20,000") may stray before it disagrees."""

HIGH_SEVERITY_EXCESS = 0.10
"""A clean conflict is high severity once it misses the other figure's bound by 10%."""

NOT_COUNTS = ("percent", "ratio")
OPEN_WORDS = ("more than", "over", "above")
PER_WORD = {"per_day": "day", "per_week": "week", "per_month": "month", "per_year": "year"}
OPEN_END = date.max


@dataclass(frozen=True)
class _Item:
    """A figure claim prepared for comparison."""

    claim: Claim
    index: int
    stated: Interval
    loose: Interval
    approximate: bool
    aggregation: str
    span: tuple[date, date] | None
    """Inclusive dates covered; an open end (to publication) is ``OPEN_END``; None when undated."""
    measure: str
    unit: str | None

    @property
    def id(self) -> str:
        return self.claim.id

    @property
    def dates(self) -> tuple[date, date]:
        """The span of an item already known to be dated."""
        assert self.span is not None
        return self.span

    @property
    def is_rate(self) -> bool:
        return self.aggregation in iv.RATES

    @property
    def closed(self) -> bool:
        return self.span is not None and self.span[1] != OPEN_END


@dataclass(frozen=True)
class _Link:
    """How two figures may be compared: fully (same count) or for implications only."""

    same_count: bool
    why_different: str = ""


def check_figures(claims: list[Claim]) -> list[Finding]:
    """Findings about figures of the article that agree, disagree or imply more together."""
    items = [item for index, claim in enumerate(claims) if (item := _prepare(claim, index)) is not None]
    tiled, covered = _sums_of_parts(items)
    keyed = list(tiled)
    for a, b in combinations(items, 2):
        if (a.index, b.index) in covered:
            continue
        link = _link(a, b)
        if link is None:
            continue
        finding = _compare(a, b, link, items)
        if finding is not None:
            keyed.append((tuple(sorted((a.index, b.index))), finding))
    keyed.sort(key=lambda pair: pair[0])
    return [finding for _, finding in keyed]


def compare_pair(a: Claim, b: Claim) -> Finding | None:
    """The finding two figures give when set against each other, or None when they cannot be compared.

    The same reconciliation as within an article, for figures that do not share one:
    two articles of a corpus (check/across.py) or an article and a reference series
    (check/reference.py). The claims' ids are the labels the message uses.
    """
    first, second = _prepare(a, 0), _prepare(b, 1)
    if first is None or second is None:
        return None
    link = _link(first, second)
    return None if link is None else _compare(first, second, link, [first, second])


def span_text(start: date, end: date | None) -> str:
    """A period in words: 'October 2025', 'January–October 2025', 'February 2022 onwards'."""
    return _span_text((start, end or OPEN_END))


# Preparing and pairing -----------------------------------------------------------


def _prepare(claim: Claim, index: int) -> _Item | None:
    """A comparable count, or None for shares, ratios and figures without a measure."""
    figure = claim.figure
    if figure is None or figure.measure is None or figure.unit in NOT_COUNTS:
        return None
    if figure.low is None and figure.high is None:
        return None
    if (figure.low or 0) < 0 or (figure.high is not None and figure.high < (figure.low or 0)):
        return None
    stated = Interval(float(figure.low or 0), None if figure.high is None else float(figure.high))
    loose = iv.widen(stated, APPROX_TOLERANCE) if figure.approximate else stated
    aggregation = claim.period.aggregation if claim.period else "unknown"
    approximate = figure.approximate
    return _Item(claim, index, stated, loose, approximate, aggregation, _span(claim), figure.measure, figure.unit)


def _span(claim: Claim) -> tuple[date, date] | None:
    """The dates a figure covers; a start with no end runs to publication."""
    period = claim.period
    if period is None or period.start is None:
        return None
    if period.end is None:
        return (period.start, OPEN_END)
    return (period.start, period.end) if period.start <= period.end else None


@cache
def _families() -> tuple[frozenset[str], ...]:
    """Measure families from data/related_measures.json, read once per process."""
    text = resources.files("claimledger.data").joinpath("related_measures.json").read_text(encoding="utf-8")
    return tuple(frozenset(family) for family in json.loads(text)["families"])


def _related(a: str, b: str) -> bool:
    return any(a in family and b in family for family in _families())


def _link(a: _Item, b: _Item) -> _Link | None:
    """Same measure and unit: full comparison; otherwise related things: implications only."""
    if a.measure != b.measure and not _related(a.measure, b.measure):
        return None
    units_differ = a.unit is not None and b.unit is not None and a.unit != b.unit
    if a.measure == b.measure and not units_differ:
        return _Link(same_count=True)
    return _Link(same_count=False, why_different=_different_things(a, b, units_differ))


def _different_things(a: _Item, b: _Item, units_differ: bool) -> str:
    if a.measure == b.measure:
        return f"{a.id} counts {a.unit}, {b.id} counts {b.unit}: they count different things."
    what_a, what_b = (_what(a), _what(b)) if units_differ else (_words(a.measure), _words(b.measure))
    return f"{a.id} counts {what_a}, {b.id} counts {what_b}: they count different things."


def _what(item: _Item) -> str:
    return f"{item.unit} ({_words(item.measure)})" if item.unit else _words(item.measure)


def _words(key: str) -> str:
    return key.replace("_", " ")


def _compare(a: _Item, b: _Item, link: _Link, items: list[_Item]) -> Finding | None:
    if not link.same_count:
        return _related_implication(a, b, link, items)
    if a.is_rate and b.is_rate:
        return _rates(a, b)
    if a.is_rate or b.is_rate:
        rate, count = (a, b) if a.is_rate else (b, a)
        return _rate_and_count(rate, count)
    return _counts(a, b, items)


# Counts against counts ---------------------------------------------------------------


def _counts(a: _Item, b: _Item, items: list[_Item]) -> Finding | None:
    if a.span is not None and b.span is not None:
        if a.span == b.span:
            return _same_period(a, b)
        nested = _nesting(a, b)
        return _part_of_whole(*nested, items) if nested else None
    return _unknown_period(a, b)


def _same_period(a: _Item, b: _Item) -> Finding:
    if iv.overlaps(a.loose, b.loose):
        return _consistent(a, b, f"{_agree(a, b)}.")
    return _conflict(a, b, _when(a.dates), assumed=False)


def _unknown_period(a: _Item, b: _Item) -> Finding | None:
    """Compare figures when at least one period is unknown, saying so.

    A disagreement is flagged only when *both* periods are unknown: a dated figure
    that falls outside an undated range may just cover a shorter or longer time.
    """
    notes = "; ".join(_undated_note(item) for item in (a, b) if item.span is None)
    if iv.overlaps(a.loose, b.loose):
        return _consistent(a, b, f"{_agree(a, b)}, if both count the same thing over the same time: {notes}.")
    if a.span is not None or b.span is not None:
        return None
    return _conflict(a, b, "", assumed=True, note=f"if both count the same thing over the same time: {notes}")


def _agree(a: _Item, b: _Item) -> str:
    """'X (c3) lies within Y (c1)' or 'X (c1) and Y (c2) overlap'."""
    for inner, outer in ((a, b), (b, a)):
        if iv.contains(outer.loose, inner.loose):
            return f"{_said(inner)} ({inner.id}) lies within {_said(outer)} ({outer.id})"
    return f"{_said(a)} ({a.id}) and {_said(b)} ({b.id}) overlap"


def _nesting(a: _Item, b: _Item) -> tuple[_Item, _Item] | None:
    """(part, whole) when one dated period lies inside the other."""
    for part, whole in ((a, b), (b, a)):
        if _inside(part.dates, whole.dates):
            return part, whole
    return None


def _inside(inner: tuple[date, date], outer: tuple[date, date]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def _part_of_whole(part: _Item, whole: _Item, items: list[_Item]) -> Finding | None:
    """A part cannot exceed its whole; what it leaves for the rest is an implication."""
    if not iv.fits(part.loose, whole.loose):
        return _part_exceeds(part, whole)
    if _has_closer_whole(part, whole, items):
        return None
    left = iv.remainder(whole.stated, part.stated)
    if left.low == 0 and left.high is None:
        return None
    text = (
        f"{_said(whole)} ({whole.id}) less {_said(part)} ({part.id}) leaves {_interval_text(left)} "
        f"for {_rest_text(part, whole)}{_rest_rate(part, whole, left)}{_direction_note(left, whole)}."
    )
    return _finding("figure_implication", "info", [part, whole], text)


def _part_exceeds(part: _Item, whole: _Item) -> Finding:
    body, excess, bound = _miss(part.stated, whole.stated)
    text = (
        f"{_said(part)} is more than the {_said(whole)} that {whole.id} gives, "
        f"though {_span_text(part.dates)} is part of that time ({body}){_approx_note(part, whole)}."
    )
    return _finding("figure_conflict", _severity([part, whole], excess, bound, False), [part, whole], text)


def _has_closer_whole(part: _Item, whole: _Item, items: list[_Item]) -> bool:
    """Skip an implication when a figure in between (a year between a month and a decade) gives a tighter one."""
    return any(
        other.measure == part.measure
        and other.unit == part.unit
        and other.span is not None
        and other.index not in (part.index, whole.index)
        and not other.is_rate
        and _inside(part.dates, other.dates)
        and _inside(other.dates, whole.dates)
        for other in items
    )


def _related_implication(a: _Item, b: _Item, link: _Link, items: list[_Item]) -> Finding | None:
    """Different things never conflict; if they were the same count, a part/whole bound follows."""
    if a.is_rate or b.is_rate or a.span is None or b.span is None:
        return None
    nested = _nesting(a, b)
    if nested is None:
        return None
    part, whole = nested
    if _has_closer_whole(part, whole, items):
        return None
    if not iv.fits(part.loose, whole.loose):
        text = (
            f"{link.why_different} If they were the same count, {_said(part)} ({part.id}) would already exceed "
            f"{_said(whole)} ({whole.id}), which suggests they are not."
        )
        return _finding("figure_implication", "info", [a, b], text)
    left = iv.remainder(whole.stated, part.stated)
    if left.low == 0 and left.high is None:
        return None
    text = (
        f"{link.why_different} If they were the same count, {_said(whole)} ({whole.id}) and "
        f"{_said(part)} ({part.id}) would leave {_interval_text(left)} for {_rest_text(part, whole)}"
        f"{_direction_note(left, whole)}."
    )
    return _finding("figure_implication", "info", [a, b], text)


# Rates ----------------------------------------------------------------------------------------


def _rate_and_count(rate: _Item, count: _Item) -> Finding | None:
    """A total over dated months becomes a monthly average to set against a monthly rate."""
    if not count.closed:
        return None
    if rate.span is not None and not _meets(rate.dates, count.dates):
        return None
    period = count.claim.period
    assert period is not None
    derived = iv.total_to_rate(count.loose, period, rate.aggregation)
    shown = iv.total_to_rate(count.stated, period, rate.aggregation)
    per = PER_WORD[rate.aggregation]
    single = iv.length_in(period, rate.aggregation) == 1
    converted = _said(count) if single else f"{_said(count)} is {_interval_text(shown)} a {per}"
    note = _rate_note(rate, count)
    stated_rate = f"{_interval_text(rate.stated)} per {per}"
    if iv.overlaps(derived, rate.loose):
        where = _position(shown, rate.stated)
        return _consistent(rate, count, f"{converted}: {where} {stated_rate} ({rate.id}){note}.")
    direction = "above" if iv.excess_above(derived, rate.loose) else "below"
    lead = f"{converted} lies {direction}" if single else f"{converted}: {direction}"
    body, excess, bound = _miss(shown, rate.stated)
    text = f"{lead} the {stated_rate} that {rate.id} gives ({body}){note}{_approx_note(rate, count)}."
    return _finding("figure_conflict", _severity([rate, count], excess, bound, False), [rate, count], text)


def _rates(a: _Item, b: _Item) -> Finding | None:
    """Two rates, restated in the longer unit with average unit lengths when they differ."""
    if a.span is not None and b.span is not None and not _meets(a.span, b.span):
        return None
    first, second = (a, b) if iv.unit_days(a.aggregation) >= iv.unit_days(b.aggregation) else (b, a)
    per = PER_WORD[first.aggregation]
    converted = iv.convert_rate(second.loose, second.aggregation, first.aggregation)
    shown = iv.convert_rate(second.stated, second.aggregation, first.aggregation)
    said_second = f"{_interval_text(second.stated)} per {PER_WORD[second.aggregation]} ({second.id})"
    if second.aggregation != first.aggregation:
        days = f"{iv.unit_days(first.aggregation):.1f}".removesuffix(".0")
        said_second += f" is {_interval_text(shown)} a {per} (at {days} days a {per})"
    assumed = a.span is None or b.span is None
    assumption = ", if both hold over the same time" if assumed else ""
    target = f"{_interval_text(first.stated)} per {per} ({first.id})"
    if iv.overlaps(converted, first.loose):
        return _consistent(a, b, f"{said_second}: {_position(shown, first.stated)} {target}{assumption}.")
    body, excess, bound = _miss(shown, first.stated)
    above = "above" if iv.excess_above(converted, first.loose) else "below"
    text = f"{said_second}: {above} the {target} ({body}){assumption}{_approx_note(a, b)}."
    return _finding("figure_conflict", _severity([a, b], excess, bound, assumed), [a, b], text)


def _meets(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _rate_note(rate: _Item, count: _Item) -> str:
    if rate.span is not None:
        return ""
    return f"; {rate.id} gives no dates, so its rate is taken to hold {_when(count.dates)}"


def _position(value: Interval, bounds: Interval) -> str:
    """Where a derived value sits in a stated range: 'at the upper bound of', 'within' …"""
    if value.exact and bounds.high is not None and iv.contains(Interval(bounds.high, bounds.high), value):
        return "at the upper bound of" if not bounds.exact else "equal to"
    if value.exact and iv.contains(Interval(bounds.low, bounds.low), value):
        return "at the lower bound of"
    return "within" if iv.contains(bounds, value) else "overlapping"


# Sums of parts -----------------------------------------------------------------------------------


def _sums_of_parts(items: list[_Item]) -> tuple[list[tuple[tuple[int, ...], Finding]], set[tuple[int, int]]]:
    """Disjoint sub-period totals that exactly tile a whole must add up to it."""
    found: list[tuple[tuple[int, ...], Finding]] = []
    covered: set[tuple[int, int]] = set()
    for whole in items:
        if whole.is_rate or not whole.closed:
            continue
        candidates = [
            p for p in items if p is not whole and not p.is_rate and p.closed and _link(p, whole) == _Link(True)
            and _inside(p.dates, whole.dates)
        ]
        parts = _tiling(candidates, whole.dates[0], whole.dates[1])
        if parts is None or len(parts) < 2:
            continue
        found.append(_sum_finding(parts, whole))
        covered.update((min(p.index, whole.index), max(p.index, whole.index)) for p in parts)
    return found, covered


def _tiling(candidates: list[_Item], start: date, end: date) -> list[_Item] | None:
    """The first run of parts (in claim order) that covers start..end with no gap or overlap."""
    for part in candidates:
        if part.dates[0] != start:
            continue
        if part.dates[1] == end:
            return [part]
        rest = _tiling(candidates, part.dates[1] + timedelta(days=1), end)
        if rest is not None:
            return [part, *rest]
    return None


def _sum_finding(parts: list[_Item], whole: _Item) -> tuple[tuple[int, ...], Finding]:
    total = iv.total([p.loose for p in parts])
    shown = iv.total([p.stated for p in parts])
    terms = " + ".join(f"{_interval_text(p.stated)} ({_span_text(p.dates)}, {p.id})" for p in parts)
    lead = f"{terms} = {_interval_text(shown)}"
    members = sorted([*parts, whole], key=lambda item: item.index)
    keys = tuple(item.index for item in members)
    target = f"{_describe(whole)} {_when(whole.dates)} ({whole.id})"
    if iv.overlaps(total, whole.loose):
        message = f"{lead}, which agrees with {target}."
        return keys, _finding("figure_consistent", "info", members, message)
    above = "above" if iv.excess_above(total, whole.loose) else "below"
    body, excess, bound = _miss(shown, whole.stated)
    message = f"The parts do not add up to the whole: {lead}, {above} {target} ({body}){_approx_note(*members)}."
    return keys, _finding("figure_conflict", _severity(members, excess, bound, False), members, message)


# Building findings ------------------------------------------------------------------------------------


def _consistent(a: _Item, b: _Item, message: str) -> Finding:
    return _finding("figure_consistent", "info", [a, b], message)


def _conflict(a: _Item, b: _Item, when: str, assumed: bool, note: str = "") -> Finding:
    """Two figures for the same time that share no value."""
    low, high = (a, b) if iv.excess_above(b.loose, a.loose) else (b, a)
    body, excess, bound = _miss(high.stated, low.stated)
    when_text = f" {when}" if when else ""
    text = (
        f"{_describe(high)} ({high.id}) and {_describe(low)} ({low.id}){when_text} cannot both hold: "
        f"{high.id} lies above {low.id} ({body})"
    )
    if note:
        text += f", {note}"
    text += f"{_approx_note(a, b)}."
    return _finding("figure_conflict", _severity([a, b], excess, bound, assumed), [a, b], text)


def _miss(value: Interval, bounds: Interval) -> tuple[str, float, float]:
    """'+3,600, 20% over the upper bound' and the numbers behind it."""
    above = iv.excess_above(value, bounds)
    if above:
        return _overshoot(above, bounds.high or 0, "over the upper bound"), above, bounds.high or 0
    below = iv.shortfall_below(value, bounds)
    return _overshoot(-below, bounds.low, "under the lower bound"), below, bounds.low


def _overshoot(difference: float, bound: float, words: str) -> str:
    sign = "+" if difference >= 0 else "−"
    text = f"{sign}{_plain(abs(difference))}"
    if bound:
        text += f", {_percent(abs(difference) / bound)} {words}"
    return text


def _severity(items: list[_Item], excess: float, bound: float, assumed: bool) -> Severity:
    """High only for a clear miss between firm figures; approximation or assumption caps it at medium."""
    if any(item.approximate for item in items) or assumed or not bound:
        return "medium"
    return "high" if excess / bound >= HIGH_SEVERITY_EXCESS else "medium"


def _approx_note(*items: _Item) -> str:
    vague = [item.id for item in items if item.approximate]
    if not vague:
        return ""
    return f" (even allowing 10% either way for the approximate {', '.join(vague)})"


def _finding(kind: str, severity: Severity, items: list[_Item], message: str) -> Finding:
    ordered = sorted(items, key=lambda item: item.index)
    return Finding(id="", type=kind, severity=severity, message=message, claims=[i.id for i in ordered])


# Words -----------------------------------------------------------------------------------------------


def _said(item: _Item) -> str:
    """A figure with its period, as a reader would say it: '180,000 over January–October 2025'."""
    return f"{_describe(item)} {_when(item.span)}" if item.span else _describe(item)


def _describe(item: _Item) -> str:
    """The stated value: exact, range, open bound or vague words with their bounds."""
    figure = item.claim.figure
    assert figure is not None
    value = _interval_text(item.stated)
    if item.approximate and not item.stated.exact and figure.text and not any(ch.isdigit() for ch in figure.text):
        return f"{figure.text} ({value})"
    if item.stated.high is None:
        lowered = figure.text.strip().lower()
        word = next((w for w in OPEN_WORDS if lowered.startswith(f"{w} ")), "at least")
        return f"{word} {_number(item.stated.low)}"
    if item.approximate and item.stated.exact:
        return f"about {value}"
    return value


def _interval_text(value: Interval) -> str:
    if value.high is None:
        return f"at least {_number(value.low)}"
    if value.exact:
        return _number(value.low)
    if value.low == 0:
        return f"at most {_number(value.high)}"
    return f"{_number(value.low)}–{_number(value.high)}"


def _number(value: float) -> str:
    """Thousands separators; whole numbers plain, others rounded and marked 'about'."""
    if abs(value - round(value)) < 1e-6:
        return f"{round(value):,}"
    return f"about {_plain(value)}"


def _plain(value: float) -> str:
    """Rounded for reading: whole above 10, one decimal below."""
    return f"{round(value):,}" if value >= 10 or abs(value - round(value)) < 1e-6 else f"{value:,.1f}"


def _percent(fraction: float) -> str:
    percent = fraction * 100
    return f"{percent:.0f}%" if percent >= 1 else f"{percent:.1f}%"


def _direction_note(left: Interval, whole: _Item) -> str:
    """A lower-bound whole leaves at least, not at most: say so, it is the easy thing to get backwards."""
    if left.high is not None:
        return ""
    return f" — at least, not at most, because {_describe(whole)} is only a lower bound"


def _rest_text(part: _Item, whole: _Item) -> str:
    """The time the whole covers outside the part: 'February 2022 – December 2024 and from November 2025'."""
    pieces = []
    if whole.dates[0] < part.dates[0]:
        pieces.append(_span_text((whole.dates[0], part.dates[0] - timedelta(days=1))))
    if part.dates[1] < whole.dates[1]:
        pieces.append(_span_text((part.dates[1] + timedelta(days=1), whole.dates[1])))
    return " and ".join(pieces)


def _rest_rate(part: _Item, whole: _Item, left: Interval) -> str:
    """A monthly average for the rest, when the rest is one stretch of several whole months."""
    rest_start, rest_end = whole.dates[0], whole.dates[1]
    if whole.dates[0] < part.dates[0] and part.dates[1] == whole.dates[1]:
        rest_end = part.dates[0] - timedelta(days=1)
    elif part.dates[0] == whole.dates[0] and part.dates[1] < whole.dates[1]:
        rest_start = part.dates[1] + timedelta(days=1)
    else:
        return ""
    if rest_end == OPEN_END or left.high is None:
        return ""
    rest = Period(rest_start, rest_end, "total")
    months = iv.months(rest)
    if months < 2:
        return ""
    return f" ({_interval_text(iv.total_to_rate(left, rest, 'per_month'))} a month)"


def _when(span: tuple[date, date]) -> str:
    """'in October 2025', 'over January–October 2025', 'since February 2022'."""
    start, end = span
    if end == OPEN_END:
        return f"since {_day_or_month(start)}"
    text = _span_text(span)
    whole_month = start.day == 1 and _month_end(end) and (start.year, start.month) == (end.year, end.month)
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year
    if start == end or whole_month or whole_year:
        return f"on {text}" if start == end else f"in {text}"
    return f"over {text}"


def _span_text(span: tuple[date, date]) -> str:
    """Months named, en dashes between: 'January–October 2025', 'February 2022 – December 2024'."""
    start, end = span
    if end == OPEN_END:
        return f"{_day_or_month(start)} onwards"
    if start.day == 1 and _month_end(end):
        if (start.month, end.month) == (1, 12) and start.year == end.year:
            return f"{start.year}"
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%B %Y}"
        if start.year == end.year:
            return f"{start:%B}–{end:%B %Y}"
        return f"{start:%B %Y} – {end:%B %Y}"
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def _day_or_month(day: date) -> str:
    return f"{day:%B %Y}" if day.day == 1 else f"{day.day} {day:%B %Y}"


def _month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def _undated_note(item: _Item) -> str:
    """Why a figure has no dates: not stated, or a relative date left unresolved."""
    period = item.claim.period
    if period is not None and period.text and period.start is None:
        return f"the period of {item.id} (“{period.text}”) is not resolved, because the publication date is unknown"
    if period is not None and period.start is None and period.aggregation == "cumulative":
        return f"{item.id} gives no start date"
    return f"the period of {item.id} is not stated"
