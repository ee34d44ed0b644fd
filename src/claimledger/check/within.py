"""Within-article figure checks: do the article's own numbers agree with each other?

A finding is raised only between figures that are the same quantity as far as the
ledger says (``_comparable``): the same measure and unit (money only in one currency),
the same qualifiers (place, group, subject), the same kind of number (a level with a
level, a change with a change, a share with a share) and what happened (reported or
estimated; a forecast, an expectation or a target is never set against anything), and
periods the text makes comparable:

- dated figures by their dates (one period, a part inside a whole, a total against a rate);
  a level given for one day ("the toll rose to 5,894 on Tuesday") against another for that day;
- a figure without dates never conflicts: two undated values, even in one sentence, are as
  likely this year's and last year's as two readings of one number. The exception is a rate
  stated without dates ("15,000 to 18,000 each month"): it speaks of the time of the article
  and is set against a dated total of the year before publication, saying so, unless its own
  sentence gives the total it is the average of;
- percentages, magnitudes and changes only for one and the same time: they do not add up
  over parts, and money may be net (a month's deficit can exceed its year's); a percentage
  change over a year is never set against one over a month, and one whose base the text leaves
  unsaid only against another in its own sentence.

A figure under a condition or counterfactual ("If those deaths were included, the toll fell by
1.1 percent"; "would have brought the rate down to 2.3%") is set against nothing, and a variant
of a measure its words name ("core CPI") is another quantity (data/within_words.json).

A conflict is between two voices (two named sources; the author and a source only side by side
in one sentence or naming what they count): one voice whose two figures disagree is far
likelier misread than self-contradictory ("rose from 5,894 to 7,108",
a party's or a city's figure whose qualifier was not caught), and a sentence listing three or
more values of one quantity lists different things. The arithmetic the text lays out itself
is judged whoever states it: parts against their stated total ("19,136 in Pakistan and 360 in
India, about 19,500 in all"), a change against the two levels it runs between, a change restated
in percent against the level beside it ("$486 billion, up $140 billion, or 4%").

A one-off event's magnitude or turnout (data/related_measures.json, ``event_measures``) given
without dates, or dated days before publication, is the event the article reports: two voices
giving two values of it disagree (the USGS's 6.1 against Chinese state media's 6.5).

Comparable figures are grouped first (``_groups``) and reasoned about per group, so the
number of findings grows with the groups and their periods, not with the pairs: the figures
of one period are judged by their extremes, a rate by its strongest disagreement and the
total it explains best, a subgroup ("children") against its total only where it exceeds it,
a remainder only where the text sets part and whole side by side. At most one finding per
pair of claims and kind; conflicts of one family (one period, one whole, one rate) become
the strongest, naming the others.

Every finding's message shows the arithmetic and names any assumption it rests on; a
conflict also says what makes the figures the same quantity ("Both count deaths (people,
in Turkey) as of 7 February 2023."), so a reader can redo the check by hand and see where it
could be wrong.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from itertools import combinations

from claimledger import datafiles
from claimledger.check import intervals as iv
from claimledger.check.intervals import Interval
from claimledger.check.registry import severity
from claimledger.model import Claim, Finding, FindingType, Ledger, Period, Severity

APPROX_TOLERANCE = 0.10
"""How far an approximate figure ("about 20,000") may stray before it disagrees."""

HIGH_SEVERITY_EXCESS = 0.10
"""A clean conflict is high severity once it misses the other figure's bound by 10%."""

PRESENT_DAYS = 366
"""An undated rate ("each month") speaks of the article's present: the year before publication."""

ORDER_OF_MAGNITUDE = 10
"""Two values for one time this many times apart are read as two quantities, not as a dispute over one."""

LIST_VALUES = 3
"""A sentence with this many values of one quantity lists different things; it never conflicts with itself."""

EXTREMES = 3
"""Figures kept from each end of a same-period bucket: conflicts and bounds live at the extremes."""

NAMED_OTHERS = 3
"""Further conflicting figures a conflict names by id before it only counts them."""

NOT_COUNTS = ("percent", "ratio")
"""Units that are not counts: a figure in them is compared only when its role says what it is."""
NOT_ADDITIVE_UNITS = ("percent", "percentage_points", "magnitude", "degrees_celsius")
"""Units whose figures do not add up over time or over parts: compared only for one time."""
KNOWN_ROLES = ("level", "change", "rate", "share")
REPORTED_STATUSES = ("actual", "estimate")
"""What happened, as reported or estimated; forecasts, expectations and targets differ from it by design."""
PER_WORD = {"per_day": "day", "per_week": "week", "per_month": "month", "per_year": "year"}
OPEN_END = date.max
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n+")
"""Where a sentence ends; an abbreviation read as an end only splits, so ties are never invented."""


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
    kind: str
    """'level' (counts and time rates), 'change', or 'rate per X' for a rate with another denominator."""
    status: str
    currency: str | None
    place: str | None
    group: str | None
    subject: str | None
    base: str | None
    """For a percentage change, the time it is measured over ('year' of 'annual inflation', 'month' of '9.09%
    monthly'), None when the text does not say; None for everything else."""
    variant: str | None
    """The narrower variant of the measure its counted words name ('core' of 'core CPI'), or None."""
    voice: str
    """Who states it: the nearest source's id, '' for the author."""
    sentence: int | None
    """The sentence the figure stands in, when the article text is known."""

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
        """A count per day, week, month or year; 'annual inflation' is a percentage, not a count per year."""
        return self.aggregation in iv.RATES and self.additive

    @property
    def as_of(self) -> date | None:
        """The date a level with no start is given for ("the toll rose to 5,894 on Tuesday")."""
        period = self.claim.period
        return period.end if self.span is None and period is not None else None

    @property
    def closed(self) -> bool:
        return self.span is not None and self.span[1] != OPEN_END

    @property
    def quantity(self) -> tuple[object, ...]:
        """What must be equal for two figures to be one quantity (the group qualifier aside)."""
        return (self.measure, self.unit, self.currency, self.kind, self.place, self.subject, self.variant)

    @property
    def additive(self) -> bool:
        """Counts add up over parts of a time or a whole; percentages, magnitudes and changes do not."""
        return self.kind == "level" and self.unit not in NOT_ADDITIVE_UNITS

    @property
    def monotone(self) -> bool:
        """A part of it can never exceed the whole: counts of people or things, not money that may be net."""
        return self.additive and self.unit != "money"

    @property
    def signature(self) -> tuple[object, ...]:
        """Figures with the same signature restate one another (one voice, one value): one of them stands for all."""
        return (*self.quantity, self.group, self.span, self.aggregation, self.stated, self.approximate, self.voice)


@dataclass(frozen=True)
class _Link:
    """How two figures may be compared: fully (same count) or for implications only."""

    same_count: bool
    why_different: str = ""


@dataclass(frozen=True)
class _Found:
    """A finding and how strongly it holds (a conflict's relative miss), to pick the strongest."""

    finding: Finding
    strength: float = 0.0
    family: tuple[object, ...] | None = None
    """Conflicts of one family (the figures of one period) become one finding, the strongest."""


@dataclass(frozen=True)
class _Context:
    """What the ledger says beyond the figures: the article's date and which figures the text ties."""

    published: date | None = None
    linked: frozenset[frozenset[str]] = frozenset()
    """Pairs of claims a change links (the levels it runs between hold at different times)."""
    across: bool = False
    """Figures of different articles or a reference row: comparability was decided by the caller."""
    lists: frozenset[tuple[int, tuple[object, ...]]] = frozenset()
    """(sentence, quantity) of sentences that list three or more values of one quantity."""
    explained: frozenset[str] = frozenset()
    """Undated rates whose own sentence gives a count of their quantity: the rate is that count's average."""


def check_ledger_figures(ledger: Ledger) -> list[Finding]:
    """``check_figures`` over one ledger: its claims, its text and its date (the form ``run_checks`` calls)."""
    return check_figures(ledger.claims, ledger.article.text, ledger.article.published)


def check_figures(claims: list[Claim], text: str | None = None, published: date | None = None) -> list[Finding]:
    """Findings about figures of the article that agree, disagree or imply more together.

    ``text`` is the article (it tells which figures share a sentence; without it, figures
    share one only when their clauses overlap) and ``published`` its date (the present an
    undated rate speaks of).
    """
    sentences = _sentence_starts(text) if text is not None else None
    items = [item for index, claim in enumerate(claims) if (item := _prepare(claim, index, sentences)) is not None]
    if text is not None and any(item.claim.figure.end > len(text) for item in items):  # type: ignore[union-attr]
        items = [replace(item, sentence=None) for item in items]  # offsets not into this text: clauses decide
    elif text is not None and sentences is not None:
        items = [item for item in items if not _hypothetical(item, text, sentences)]
    context = _Context(published, _linked_pairs(claims), lists=_lists(items), explained=_explained(items))
    found: list[_Found] = []
    for group in _groups(items):
        found.extend(_reason(group, context))
    found.extend(_qualified_sums(items, "place", context))
    found.extend(_qualified_sums(items, "group", context))
    found.extend(_related(items, context))
    found.extend(_changes(items))
    found.extend(_event_values(items, context))
    if text is not None:
        found.extend(_restated_changes(items, text))
    selected = sorted(_select(found), key=lambda f: (_key(f), f.finding.type))
    return [f.finding for f in selected]


def compare_pair(a: Claim, b: Claim) -> Finding | None:
    """The finding two figures give when set against each other, or None when they cannot be compared.

    The same reconciliation as within an article, for figures that do not share one:
    two articles of a corpus (check/across.py) or an article and a reference series
    (check/reference.py). The caller has grouped them, so no sentence needs to tie them;
    they must still be the same quantity. The claims' ids are the labels the message uses.
    """
    first, second = _prepare(a, 0, None), _prepare(b, 1, None)
    if first is None or second is None:
        return None
    context = _Context(across=True)
    link = _link(first, second, context)
    found = None if link is None else _compare(first, second, link, [first, second], context)
    return None if found is None else found.finding


def span_text(start: date, end: date | None) -> str:
    """A period in words: 'October 2025', 'January–October 2025', 'February 2022 onwards'."""
    return _span_text((start, end or OPEN_END))


# Preparing ---------------------------------------------------------------------------------


def _prepare(claim: Claim, index: int, sentences: list[int] | None) -> _Item | None:
    """A comparable figure, or None for ratios, figures without a measure and percentages of unknown role."""
    figure = claim.figure
    if figure is None or figure.measure is None or figure.role == "ratio":
        return None
    if (figure.status or "actual") not in REPORTED_STATUSES:
        return None
    if figure.unit in NOT_COUNTS and figure.role not in KNOWN_ROLES:
        return None
    if figure.low is None and figure.high is None:
        return None
    low, high = figure.low, figure.high
    if figure.role == "change":  # "fell 2.3%" and "a 2.3% drop" are written with and without a sign
        low, high = _magnitudes(low, high)
    if (low or 0) < 0 or (high is not None and high < (low or 0)):
        return None
    stated = Interval(float(low or 0), None if high is None else float(high))
    loose = _rounded(stated, figure.text)
    if figure.approximate:
        loose = iv.widen(loose, APPROX_TOLERANCE)
    aggregation = claim.period.aggregation if claim.period else "unknown"
    qualifiers = figure.qualifiers
    return _Item(
        claim, index, stated, loose, figure.approximate, aggregation, _span(claim), figure.measure, figure.unit,
        kind=_kind(figure.role, figure.per, figure.unit),
        base=_base(figure.role, figure.per, figure.unit, aggregation),
        status=figure.status or "actual",
        currency=(figure.currency or "").upper() or None,
        place=_norm(qualifiers.place if qualifiers else None),
        group=_norm(qualifiers.group if qualifiers else None),
        subject=_norm(qualifiers.subject if qualifiers else None),
        variant=_variant(figure.counted, qualifiers.subject if qualifiers else None),
        voice=claim.attribution[0].source if claim.attribution else "",
        sentence=None if sentences is None else bisect.bisect_right(sentences, figure.start),
    )


def _hypothetical(item: _Item, text: str, sentences: list[int]) -> bool:
    """A figure of a condition or its consequence ("If those deaths were included, the toll fell by 1.1
    percent"), or counterfactual ("a 0.1% rise would have brought the rate down to 2.3%"): what would hold,
    not what was reported, so it is set against nothing."""
    figure = item.claim.figure
    assert figure is not None and item.sentence is not None
    start = sentences[item.sentence - 1] if item.sentence > 0 else 0
    head = text[start:figure.start].lower()
    opening = re.match(r"[\W_]*(\w+)", head)
    if opening is not None and opening.group(1) in _word_list("conditional_openers"):
        return True
    return any(re.search(rf"\b{re.escape(cue)}\b", head) for cue in _word_list("counterfactual_cues"))


def _variant(counted: str | None, subject: str | None) -> str | None:
    """The narrower variant of a measure its words name ('core' in 'Core CPI'), or None for the measure itself."""
    words = set(re.findall(r"\w+", f"{counted or ''} {subject or ''}".lower()))
    return " ".join(sorted(words & set(_word_list("measure_variants")))) or None


def _within_words() -> dict[str, object]:
    """data/within_words.json, read once per process."""
    return datafiles.load("within_words")


@cache
def _word_list(key: str) -> tuple[str, ...]:
    """The words of ``key`` in every language the data file lists (the check does not know the article's)."""
    per_language: dict[str, list[str]] = _within_words()[key]  # type: ignore[assignment]
    return tuple(word for words in per_language.values() for word in words)


def _magnitudes(low: float | None, high: float | None) -> tuple[float | None, float | None]:
    if low is not None and high is not None:
        first, second = sorted((abs(low), abs(high)))
        return first, second
    if low is not None and low < 0:
        return None, abs(low)
    return low, high


WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _rounded(stated: Interval, text: str) -> Interval:
    """What a written number covers once its rounding is allowed for: '55 percent' is 54.5–55.5.

    A figure written with decimals or a scale word ('4.2 billion', '55.18%') is rounded to its last
    digit; a whole count written in full ('5,894') is exact.
    """
    written = WRITTEN_NUMBER.search(text)
    if written is None or stated.high is None or not stated.low:
        return stated
    number = float(written.group(0).replace(",", ""))
    decimals = len(written.group(1) or "")
    scale = stated.low / number if number else 1.0
    if decimals == 0 and abs(scale - 1) < 1e-9 and "%" not in text and "percent" not in text.lower():
        return stated
    half = 0.5 * 10 ** -decimals * scale
    return Interval(max(0.0, stated.low - half), stated.high + half)


def _kind(role: str | None, per: str | None, unit: str | None) -> str:
    """Counts and time rates ('a month') are levels; a percentage a month is a change; 'per 100,000 people' is
    its own kind."""
    if role in ("change", "share"):
        return role
    if role == "rate" and per and _per_time(per) not in PER_WORD.values():
        return f"rate per {' '.join(per.lower().split())}"
    if role == "rate" and per and unit in NOT_COUNTS:
        return "change"  # '9.09% monthly': prices rose by that much in a month
    return "level"


def _per_time(per: str) -> str:
    return per.strip().lower().removeprefix("a ").removeprefix("per ")


def _base(role: str | None, per: str | None, unit: str | None, aggregation: str) -> str | None:
    """The time a percentage change is measured over: 'year' ('annual inflation of 58.94%'), 'month' ('9.09%
    monthly'), or None when the text does not say (or the figure is no percentage change)."""
    if unit not in NOT_COUNTS or role not in ("change", "rate"):
        return None
    if role == "rate" and per and _per_time(per) in PER_WORD.values():
        return _per_time(per)
    return PER_WORD.get(aggregation)


def _norm(phrase: str | None) -> str | None:
    """'the Gaza Strip' and 'Gaza Strip' are one place; case and spacing say nothing."""
    if not phrase:
        return None
    words = phrase.lower().replace("’", "'").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words) or None


def _span(claim: Claim) -> tuple[date, date] | None:
    """The dates a figure covers; a start with no end runs to publication."""
    period = claim.period
    if period is None or period.start is None:
        return None
    if period.end is None:
        return (period.start, OPEN_END)
    return (period.start, period.end) if period.start <= period.end else None


def _lists(items: list[_Item]) -> frozenset[tuple[int, tuple[object, ...]]]:
    """Sentences giving three or more values of one quantity: a list of parties, places or years."""
    values: dict[tuple[int, tuple[object, ...]], set[Interval]] = defaultdict(set)
    for item in items:
        if item.sentence is not None:
            values[(item.sentence, item.quantity)].add(item.stated)
    return frozenset(key for key, found in values.items() if len(found) >= LIST_VALUES)


def _explained(items: list[_Item]) -> frozenset[str]:
    """'7,477 people have crossed since July, an average of 131 a day': that rate is not today's rate."""
    counts = {(item.sentence, item.quantity) for item in items if not item.is_rate and item.sentence is not None}
    return frozenset(item.id for item in items
                     if item.is_rate and item.span is None and (item.sentence, item.quantity) in counts)


def _sentence_starts(text: str) -> list[int]:
    return [match.end() for match in SENTENCE_END.finditer(text)]


def _linked_pairs(claims: list[Claim]) -> frozenset[frozenset[str]]:
    """Claims a change ties together ("from 79,000 to 72,000"): the change and its two levels."""
    pairs = set()
    for claim in claims:
        ends = [link.claim for link in claim.links]
        pairs.update(frozenset((claim.id, end)) for end in ends)
        pairs.update(frozenset(pair) for pair in combinations(ends, 2))
    return frozenset(pairs)


def _related_data() -> dict[str, object]:
    """data/related_measures.json, read once per process."""
    return datafiles.load("related_measures")


def _families() -> tuple[frozenset[str], ...]:
    """Families of measures that count related but different things."""
    return tuple(frozenset(family) for family in _related_data()["families"])  # type: ignore[union-attr]


def _related_measures(a: str, b: str) -> bool:
    return any(a in family and b in family for family in _families())


# Comparability -----------------------------------------------------------------------------


def _tied(a: _Item, b: _Item) -> bool:
    """The text ties two figures: they stand in one sentence (or, without the text, one clause)."""
    if a.sentence is not None and b.sentence is not None:
        return a.sentence == b.sentence
    return a.claim.start < b.claim.end and b.claim.start < a.claim.end


def _same_time(a: _Item, b: _Item) -> bool:
    """One period: the same dates, the same 'as of' day, or no dates in one sentence."""
    if a.span is not None or b.span is not None:
        return a.span == b.span
    if a.as_of is not None or b.as_of is not None:
        return (a.as_of, a.aggregation) == (b.as_of, b.aggregation)
    return _tied(a, b)


def _may_conflict(a: _Item, b: _Item, context: _Context) -> bool:
    """Whether a disagreement of the two can be a conflict rather than two quantities the ledger cannot tell apart.

    A conflict is between two voices (sources, or the author and a source). One voice whose two
    figures disagree is far likelier misread than self-contradictory: "rose from 5,894 to 7,108",
    a party's or a city's figure whose qualifier was not caught, an average read as a total.
    The author against a source counts only when one sentence sets the two side by side ("TÜİK
    reported 55.18 percent, whereas ENAG put the figure at 126.91") or both name what they count
    (a party, a place, a group): an author's figure paragraphs away from a source's, with nothing
    named, is far likelier a city, a sector or a subgroup whose qualifier was missed ("Las Vegas
    reported 141 homicides" … "at 343 murders, the city tallied"). The
    arithmetic the text itself lays out, parts against their stated total, is judged apart
    (``_sum_finding``, ``_qualified_sum``). Across articles the caller has decided.
    """
    if _vague_measure(a):
        return False
    if _tied(a, b) and a.sentence is not None and (a.sentence, a.quantity) in context.lists:
        return False
    if context.across:
        return True
    if a.voice == b.voice:
        return False
    named = any((a.place, a.group, a.subject))  # comparable figures share their qualifiers
    return bool(a.voice and b.voice) or _tied(a, b) or named


def _vague_measure(item: _Item) -> bool:
    """A measure that only repeats the unit's noun ('case' of cases, 'people' of people) says nothing of what is
    counted: it is the extractor's fallback, not a measure ('seats' of seats and 'jobs' of jobs are measures)."""
    unit = item.unit or ""
    singular = unit.removesuffix("s")
    return (singular != unit and item.measure == singular) or (unit == "people" and item.measure in ("people", "person"))


def _periods_comparable(a: _Item, b: _Item, context: _Context) -> bool:
    """Dated figures always (the arithmetic decides); an undated one only when the text ties it or it is a rate."""
    if a.as_of is not None and b.as_of is not None:
        return (a.as_of, a.aggregation) == (b.as_of, b.aggregation)  # a running toll on two days is two numbers
    if context.across or (a.span is not None and b.span is not None) or _tied(a, b):
        return True
    undated, dated = (a, b) if a.span is None else (b, a)
    if not undated.is_rate or undated.id in context.explained:
        return False
    return dated.span is None and dated.is_rate or _in_present(dated, context)


def _in_present(item: _Item, context: _Context) -> bool:
    """A dated figure of the year before publication (any, when the date is unknown)."""
    if item.span is None:
        return False
    if context.published is None:
        return True
    end = min(item.dates[1], context.published)
    return context.published - end <= timedelta(days=PRESENT_DAYS)


def _comparable(a: _Item, b: _Item, context: _Context) -> bool:
    """The same quantity as far as the ledger says, periods aside; linked levels never are."""
    if frozenset((a.id, b.id)) in context.linked:
        return False
    if a.unit == "money" or b.unit == "money":
        return a.unit == b.unit and a.currency is not None and a.currency == b.currency
    return a.kind == b.kind and (a.place, a.subject) == (b.place, b.subject)


def _bases_comparable(a: _Item, b: _Item, context: _Context) -> bool:
    """Percentage changes over a year and over a month are two quantities (58.94% annual inflation in August
    against 9.09% that month). One whose base the text leaves unsaid ("prices rose 9.09% in August") is set
    against one whose base it says only when one sentence ties the two ("an annual rate of 58.94 percent,
    whereas ENAG put the figure at 128.05 percent"), or across articles where the caller decided."""
    if a.base == b.base:
        return True
    if a.base is not None and b.base is not None:
        return False
    return context.across or _tied(a, b)


def _link(a: _Item, b: _Item, context: _Context) -> _Link | None:
    """Same quantity: full comparison; related things (cases and deserters): implications only."""
    if not _comparable(a, b, context) or not _periods_comparable(a, b, context) or a.group != b.group:
        return None
    if not _bases_comparable(a, b, context):
        return None
    if a.measure != b.measure and not _related_measures(a.measure, b.measure):
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


def _same_quantity(a: _Item, b: _Item) -> str:
    """What makes two figures one quantity, for a conflict's message: ' Both count deaths (people, in Turkey) …'."""
    when = ""
    if a.span is not None and a.span == b.span:
        when = f" {_when(a.dates)}"
    elif a.as_of is not None and a.as_of == b.as_of:
        when = f" as of {_span_text((a.as_of, a.as_of))}"
    return f" Both count {_counted(a, [a, b], a.kind)}{when}."


def _levels_and_changes(level: _Item, *changes: _Item) -> str:
    """What makes levels and the changes between them one quantity: ' The levels and the change count homicides
    (people).'"""
    return f" {'The level and both changes' if len(changes) > 1 else 'The levels and the change'} count " \
           f"{_counted(level, [level, *changes], 'level')}."


def _counted(item: _Item, together: list[_Item], kind: str) -> str:
    """The measure with what the text says of it: 'deaths (people, in Turkey, change, estimated)'."""
    qualifiers = item.claim.figure.qualifiers if item.claim.figure else None  # the text's own words, not the keys
    place = qualifiers.place if qualifiers and qualifiers.place else None
    group = qualifiers.group if qualifiers and qualifiers.group else None
    subject = qualifiers.subject if qualifiers and qualifiers.subject else None
    variant = item.variant if item.variant and item.variant not in (subject or "").lower() else None
    details = [item.unit if item.unit != "money" else item.currency, f"in {place}" if place else None, group,
               f"of {subject}" if subject else None, variant, kind if kind != "level" else None,
               "estimated" if any(i.status == "estimate" for i in together) else None]
    shown = ", ".join(d for d in details if d)
    return f"{_words(item.measure)}{f' ({shown})' if shown else ''}"


# Grouping and reasoning per group -----------------------------------------------------------


def _groups(items: list[_Item]) -> list[list[_Item]]:
    """Figures of one quantity (any group qualifier), restatements folded into their first statement."""
    by_quantity: dict[tuple[object, ...], dict[tuple[object, ...], _Item]] = defaultdict(dict)
    for item in items:
        by_quantity[item.quantity].setdefault(item.signature, item)
    return [list(members.values()) for members in by_quantity.values()]


def _reason(group: list[_Item], context: _Context) -> Iterable[_Found]:
    """The findings of one group: per period, rates, nested periods, sums, subgroups."""
    by_group: dict[str | None, list[_Item]] = defaultdict(list)
    for item in group:
        by_group[item.group].append(item)
    for members in by_group.values():
        yield from _reason_one(members, context)
    if group[0].monotone:
        yield from _subgroups(by_group, context)


def _reason_one(members: list[_Item], context: _Context) -> Iterable[_Found]:
    """Figures that are one quantity with one group qualifier."""
    counts = [m for m in members if not m.is_rate]
    rates = [m for m in members if m.is_rate]
    dated = [m for m in counts if m.span is not None]
    buckets: dict[tuple[date, date], list[_Item]] = defaultdict(list)
    for item in dated:
        buckets[item.dates].append(item)
    as_of: dict[tuple[date, str], list[_Item]] = defaultdict(list)
    for item in counts:
        if item.as_of is not None:
            as_of[(item.as_of, item.aggregation)].append(item)
    for when, bucket in [*buckets.items(), *as_of.items()]:
        family = ("period", members[0].quantity, members[0].group, when)
        yield from (replace(found, family=family) for found in _pairs(_extremes(bucket), context))
    if not members[0].additive:
        return
    representatives = [r for bucket in buckets.values() for r in _extremes(bucket)]
    tiled, covered = _sums_of_parts(representatives, context)
    yield from (replace(found, family=("sum", *_family(found, members))) for found in tiled)
    yield from _nested(representatives, covered, context)
    by_rate: dict[tuple[object, str], list[_Item]] = defaultdict(list)
    for rate in rates:
        by_rate[(rate.span, rate.aggregation)].append(rate)
    rate_representatives = [r for bucket in by_rate.values() for r in _extremes(bucket)]
    for rate in rate_representatives:
        family = ("rate", rate.quantity, rate.group, rate.span, rate.aggregation)
        yield from (replace(found, family=family) for found in _rate_findings(rate, members, context))
    yield from (replace(found, family=("rates", members[0].quantity, members[0].group))
                for found in _pairs(rate_representatives, context))


def _extremes(bucket: list[_Item]) -> list[_Item]:
    """The figures with the highest lower bounds and the lowest upper bounds: every conflict's strongest pair."""
    if len(bucket) <= 2 * EXTREMES:
        return sorted(bucket, key=lambda item: item.index)
    by_low = sorted(bucket, key=lambda item: -item.loose.low)[:EXTREMES]
    by_high = sorted(bucket, key=lambda item: float("inf") if item.loose.high is None else item.loose.high)[:EXTREMES]
    return sorted({item.index: item for item in [*by_low, *by_high]}.values(), key=lambda item: item.index)


def _pairs(items: list[_Item], context: _Context) -> Iterable[_Found]:
    """Every comparison among a few figures (the extremes of a period, the rates)."""
    for a, b in combinations(items, 2):
        link = _link(a, b, context)
        if link is not None and link.same_count:
            found = _compare(a, b, link, items, context)
            if found is not None:
                yield found


def _nested(items: list[_Item], covered: set[tuple[int, int]], context: _Context) -> Iterable[_Found]:
    """A part of a period that exceeds its whole; what a part leaves of the closest whole its sentence names.

    A remainder is worth telling when the text sets part and whole side by side ("21,600 in
    October alone, bringing the year-to-date total to 180,000"); one per whole, the tightest.
    """
    remainders: dict[int, _Found] = {}
    for a, b in combinations(items, 2):
        nested = _nesting(a, b)
        if nested is None or (min(a.index, b.index), max(a.index, b.index)) in covered:
            continue
        part, whole = nested
        exceeds = not iv.fits(part.loose, whole.loose)
        if not exceeds and not _tied(part, whole):
            continue
        link = _link(part, whole, context)
        found = None if link is None else _compare(part, whole, link, items, context)
        if found is None:
            continue
        if found.finding.type != "figure_implication":
            yield replace(found, family=("part of", whole.quantity, whole.group, whole.span))
        elif whole.index not in remainders or part.stated.low > _part_low(remainders[whole.index], items):
            remainders[whole.index] = found
    yield from remainders.values()


def _family(found: _Found, members: list[_Item]) -> tuple[object, ...]:
    """A sum's family: its quantity and the period of its whole (the claim with the longest period)."""
    by_id = {item.id: item for item in members}
    spans = [by_id[claim].dates for claim in found.finding.claims if claim in by_id]
    return (members[0].quantity, members[0].group, max(spans, key=lambda span: span[1] - span[0]))


def _part_low(found: _Found, items: list[_Item]) -> float:
    by_id = {item.id: item for item in items}
    return min(by_id[claim].stated.low for claim in found.finding.claims)


def _rate_findings(rate: _Item, members: list[_Item], context: _Context) -> Iterable[_Found]:
    """A rate's disagreements with dated totals (``_select`` keeps one), and the total it explains over the longest time."""
    conflicts, agreements = [], []
    for count in members:
        if count.is_rate or not count.closed:
            continue
        link = _link(rate, count, context)
        if link is None or not link.same_count:
            continue
        found = _compare(rate, count, link, members, context)
        if found is None:
            continue
        (conflicts if found.finding.type == "figure_conflict" else agreements).append((found, count))
    yield from (found for found, _ in conflicts)
    if agreements:
        yield max(agreements, key=lambda entry: iv.days(_as_period(entry[1])))[0]


def _as_period(item: _Item) -> Period:
    return Period(item.dates[0], item.dates[1], "total")


def _subgroups(by_group: dict[str | None, list[_Item]], context: _Context) -> Iterable[_Found]:
    """A subgroup ("children") cannot outnumber its total for the same period: only that is a finding."""
    wholes = by_group.get(None, [])
    for group, parts in by_group.items():
        if group is None:
            continue
        found = []
        for part in parts:
            for whole in wholes:
                if part.is_rate != whole.is_rate or part.aggregation != whole.aggregation:
                    continue
                if not _same_time(part, whole):
                    continue
                if _may_conflict(part, whole, context) and not iv.fits(part.loose, whole.loose):
                    found.append(_subgroup_exceeds(part, whole))
        if found:
            yield max(found, key=lambda f: f.strength)


def _subgroup_exceeds(part: _Item, whole: _Item) -> _Found:
    body, excess, bound = _miss(part.stated, whole.stated)
    text = (
        f"{_said(part)} {part.group} ({part.id}) is more than the {_said(whole)} in all ({whole.id}), "
        f"though they are part of them ({body}){_approx_note(part, whole)}.{_same_quantity(part, whole)}"
    )
    return _conflict_found([part, whole], excess, bound, part.span is None, text)


def _qualified_sums(items: list[_Item], qualifier: str, context: _Context) -> Iterable[_Found]:
    """Parts named by place or group ("19,136 in Pakistan and 360 in India") against the total they make.

    The parts must be of one quantity with the total (for the same dates, or undated in its
    sentence), one figure per place or group, and at least two of them. Their sum agreeing with
    the total is shown; places that add up to more than it are a conflict. Groups adding up to
    more are not: "women" and "mothers" may count the same people twice.
    """
    by_whole: dict[tuple[object, ...], list[_Item]] = defaultdict(list)
    for item in items:
        if item.additive and not item.is_rate:
            by_whole[_quantity_without(item, qualifier)].append(item)
    for members in by_whole.values():
        for whole in (m for m in members if getattr(m, qualifier) is None):
            parts = _named_parts(whole, members, qualifier, context)
            if parts is not None:
                found = _qualified_sum(parts, whole, qualifier)
                if found is not None:
                    yield found


def _quantity_without(item: _Item, qualifier: str) -> tuple[object, ...]:
    other = "group" if qualifier == "place" else "place"
    return (item.measure, item.unit, item.currency, item.kind, item.subject, getattr(item, other),
            item.aggregation)


def _named_parts(whole: _Item, members: list[_Item], qualifier: str, context: _Context) -> list[_Item] | None:
    """One figure per name for the whole's time, or None when a name has two values or fewer than two names."""
    by_name: dict[str, set[tuple[float, float | None]]] = defaultdict(set)
    chosen: dict[str, _Item] = {}
    for part in members:
        name = getattr(part, qualifier)
        if name is None or not _same_time(part, whole) or frozenset((part.id, whole.id)) in context.linked:
            continue
        by_name[name].add((part.stated.low, part.stated.high))
        chosen.setdefault(name, part)
    names = sorted(by_name)
    if len(names) < 2 or any(len(values) > 1 for values in by_name.values()):
        return None
    if any(a in b or b in a for a, b in combinations(names, 2)):
        return None  # "Gaza" and "Gaza City": one may hold the other
    return sorted(chosen.values(), key=lambda item: item.index)


def _qualified_sum(parts: list[_Item], whole: _Item, qualifier: str) -> _Found | None:
    total = iv.total([p.loose for p in parts])
    shown = iv.total([p.stated for p in parts])
    terms = " + ".join(f"{_interval_text(p.stated)} ({getattr(p, qualifier)}, {p.id})" for p in parts)
    members = sorted([*parts, whole], key=lambda item: item.index)
    when = f" {_when(whole.dates)}" if whole.span is not None else ""
    target = f"{_describe(whole)}{when} in all ({whole.id})"
    if iv.overlaps(total, whole.loose):
        message = f"{terms} = {_interval_text(shown)}, which agrees with {target}."
        return _Found(_finding("figure_consistent", members, message))
    if qualifier != "place" or not whole.monotone or not iv.excess_above(total, whole.loose):
        return None
    body, excess, bound = _miss(shown, whole.stated)
    message = (
        f"The parts add up to more than the whole: {terms} = {_interval_text(shown)}, above {target} "
        f"({body}){_approx_note(*members)}.{_same_quantity(whole, whole)}"
    )
    return _conflict_found(members, excess, bound, whole.span is None, message)


def _of_the_event(item: _Item, context: _Context) -> bool:
    """A figure of a one-off event (a quake's magnitude, a vote's turnout) with no dates of its own, or
    dated within days before publication: the event the article reports."""
    event_units: dict[str, str] = _related_data()["event_measures"]  # type: ignore[assignment]
    if item.measure not in event_units or event_units[item.measure] != item.unit:
        return False
    if item.span is None:
        return item.as_of is None or context.published is None or _recent(item.as_of, context)
    return context.published is not None and _recent(item.dates[0], context) and item.dates[1] <= context.published


def _recent(day: date, context: _Context) -> bool:
    assert context.published is not None
    return timedelta(0) <= context.published - day <= timedelta(days=_related_data()["event_days"])  # type: ignore[arg-type]


def _event_values(items: list[_Item], context: _Context) -> Iterable[_Found]:
    """Two voices giving two values of the reported event's magnitude or turnout: one event has one value.

    Figures the period buckets already compare (both dated alike) are left to them; the strongest
    disagreement of each quantity is kept (one family).
    """
    events = [item for item in items if _of_the_event(item, context)]
    for a, b in combinations(events, 2):
        if a.quantity != b.quantity or a.group != b.group or _same_time(a, b) and a.span is not None:
            continue
        if iv.overlaps(a.loose, b.loose) or _orders_apart(a, b) or not _may_conflict(a, b, context):
            continue
        note = "if both describe the one event the article reports (an event has one magnitude, one turnout)"
        found = _conflict(a, b, "", assumed=True, note=note)
        yield replace(found, family=("event", a.quantity, a.group))


def _select(found: Iterable[_Found]) -> list[_Found]:
    """At most one finding per pair and kind; the conflicts of one family become one, naming the rest.

    The one kept is the narrowest miss: between figures that are the same quantity as far as the
    ledger says, the closest disagreement is the likeliest a dispute over one number, while the
    widest is the likeliest a quantity whose qualifier or period was misread.
    """
    unique: dict[tuple[tuple[int, ...], str], _Found] = {}
    for item in found:
        unique.setdefault((_key(item), item.finding.type), item)
    conflicts = sorted((f for f in unique.values() if f.finding.type == "figure_conflict"),
                       key=lambda f: f.strength)
    kept: list[_Found] = []
    others: dict[int, list[_Found]] = defaultdict(list)
    for conflict in conflicts:
        home = next((i for i, k in enumerate(kept) if k.family is not None and k.family == conflict.family), None)
        if home is None:
            kept.append(conflict)
        else:
            others[home].append(conflict)
    kept = [_naming_others(k, others.get(i, [])) for i, k in enumerate(kept)]
    return [*kept, *(f for f in unique.values() if f.finding.type != "figure_conflict")]


def _naming_others(found: _Found, others: list[_Found]) -> _Found:
    """The kept conflict naming the rest of its family, widest first ('as widely' when one restates its miss)."""
    names = list(dict.fromkeys("–".join(other.finding.claims) for other in reversed(others)))
    if not names:
        return found
    shown = ", ".join(names[:NAMED_OTHERS])
    if len(names) > NAMED_OTHERS:
        shown += f" and {len(names) - NAMED_OTHERS} more"
    wider = all(other.strength > found.strength + 1e-9 for other in others)
    message = f"{found.finding.message} The same figures disagree {'more widely' if wider else 'as widely or more'} in {shown}."
    return _Found(replace(found.finding, message=message), found.strength)


def _key(found: _Found) -> tuple[int, ...]:
    return tuple(int(claim[1:]) if claim[1:].isdigit() else 0 for claim in found.finding.claims)


def _changes(items: list[_Item]) -> Iterable[_Found]:
    """A change against the two levels the text says it runs between ("a 2.3% drop, from 5,863 to 5,738").

    The text lays this arithmetic out itself, so one voice's figures are judged too. A change in
    the levels' unit is their difference; a change in percent of counts is the difference over the
    first level; in percentage points of percentages, the difference. Agreement is not reported.
    """
    by_id = {item.id: item for item in items}
    for change in items:
        ends = {link.relation: by_id.get(link.claim) for link in change.claim.links}
        first, last = ends.get("change_from"), ends.get("change_to")
        if change.kind == "change" and first is not None and last is not None:
            found = _change_against(first, last, change)
            if found is not None:
                yield found
    for first, last, change in _compared_periods(items):
        found = _change_against(first, last, change)
        if found is not None:
            yield found


def _compared_periods(items: list[_Item]) -> Iterable[tuple[_Item, _Item, _Item]]:
    """"5,738 homicides in 2017 compared with 5,863 in 2016, a 2.3 percent drop": a sentence giving one
    quantity for two periods of equal length and one change of it, with no links of its own, sets the
    change between them, the earlier period first."""
    by_sentence: dict[tuple[object, ...], list[_Item]] = defaultdict(list)
    for item in items:
        if item.sentence is not None:
            by_sentence[(item.sentence, item.measure, item.place, item.subject, item.group)].append(item)
    for members in by_sentence.values():
        levels = [m for m in members if m.kind == "level" and m.closed and not m.is_rate]
        changes = [m for m in members if m.kind == "change" and not m.claim.links]
        if len(levels) != 2 or len(changes) != 1 or levels[0].unit != levels[1].unit:
            continue
        earlier, later = sorted(levels, key=lambda item: item.dates[0])
        lengths = {(item.dates[1] - item.dates[0]).days // 28 for item in levels}
        if len(lengths) == 1 and earlier.dates[1] < later.dates[0]:
            yield earlier, later, changes[0]


def _change_against(first: _Item, last: _Item, change: _Item) -> _Found | None:
    if first.unit != last.unit:
        return None
    implied, words = _implied_change(first, last, change)
    if implied is None or iv.overlaps(implied.loose, change.loose):
        return None
    body, excess, bound = _miss(implied.stated, change.stated)
    side = "above" if iv.excess_above(implied.loose, change.loose) else "below"
    text = (
        f"From {_describe(first)} ({first.id}) to {_describe(last)} ({last.id}) is a change of {words}: {side} "
        f"the {_describe(change)} that {change.id} gives ({body}){_approx_note(first, last, change)}."
        f"{_levels_and_changes(first, change)}"
    )
    return _conflict_found([first, last, change], excess, bound, False, text)


def _restated_changes(items: list[_Item], text: str) -> Iterable[_Found]:
    """A level with its change given twice, in its unit and in percent: "outlays were $486 billion, up $140
    billion, or 4%, from a year earlier". The change over the earlier level (the level less the change if
    it rose, plus it if it fell; either is allowed, so the direction need not be read) must give the percent.

    Only a sentence with exactly one level, one change in its unit and one percent change of one quantity,
    the percent restating the change ("…, or 4%", "(4%)"), is read so; the text lays the arithmetic out
    itself, so one voice's figures are judged too.
    """
    by_sentence: dict[tuple[object, ...], list[_Item]] = defaultdict(list)
    for item in items:
        if item.sentence is not None:
            by_sentence[(item.sentence, item.measure, item.place, item.subject, item.group)].append(item)
    for members in by_sentence.values():
        levels = [m for m in members if m.kind == "level" and not m.is_rate and m.unit not in NOT_ADDITIVE_UNITS]
        changes = [m for m in members if m.kind == "change" and m.unit not in ("percent", "percentage_points")]
        percents = [m for m in members if m.kind == "change" and m.unit == "percent"]
        if len(levels) != 1 or len(changes) != 1 or len(percents) != 1:
            continue
        (level,), (change,), (percent,) = levels, changes, percents
        if (level.unit, level.currency) != (change.unit, change.currency) or level.loose.high is None:
            continue
        if not _restates(change, percent, text):
            continue
        found = _restated_change(level, change, percent)
        if found is not None:
            yield found


def _restates(change: _Item, percent: _Item, text: str) -> bool:
    """The percent right after the change, joined by 'or' or a bracket: the same change said twice."""
    first, second = change.claim.figure, percent.claim.figure
    assert first is not None and second is not None
    between = text[first.end:second.start].strip(" ,").lower()
    return first.end <= second.start and between in _related_data()["restatement_connectors"]  # type: ignore[operator]


def _restated_change(level: _Item, change: _Item, percent: _Item) -> _Found | None:
    assert level.loose.high is not None and level.stated.high is not None
    if change.loose.high is None or change.stated.high is None:
        return None
    implied = [_change_percent(level.loose, change.loose, sign) for sign in (-1, 1)]
    if any(i is not None and iv.overlaps(i, percent.loose) for i in implied):
        return None
    rose, fell = (_change_percent(level.stated, change.stated, sign) for sign in (-1, 1))
    if rose is None or fell is None:
        return None
    nearest = min((rose, fell), key=lambda value: abs(value.low - percent.stated.low))
    body, excess, bound = _miss(nearest, percent.stated)
    text = (
        f"{_describe(level)} ({level.id}) after a change of {_describe(change)} ({change.id}) is a change of "
        f"{_interval_text(rose)}% on the earlier level if it rose, {_interval_text(fell)}% if it fell: neither is "
        f"the {_describe(percent)} that {percent.id} gives ({body}){_approx_note(level, change, percent)}."
        f"{_levels_and_changes(level, change, percent)}"
    )
    return _conflict_found([level, change, percent], excess, bound, False, text)


def _change_percent(level: Interval, change: Interval, sign: int) -> Interval | None:
    """The change as a percent of the earlier level, ``level + sign * change``, over every value the bounds allow."""
    assert level.high is not None and change.high is not None
    ratios = [c / (l + sign * c) * 100 for l in (level.low, level.high) for c in (change.low, change.high)
              if l + sign * c > 0]
    return Interval(min(ratios), max(ratios)) if len(ratios) == 4 else None


@dataclass(frozen=True)
class _Implied:
    stated: Interval
    loose: Interval


def _implied_change(first: _Item, last: _Item, change: _Item) -> tuple[_Implied | None, str]:
    """The change the two levels imply, in the change's unit, with its words; None when the units do not fit."""
    if first.stated.high is None or last.stated.high is None:
        return None, ""
    if change.unit == first.unit and change.unit not in ("percent",):
        stated, loose = _difference(first.stated, last.stated), _difference(first.loose, last.loose)
        return _Implied(stated, loose), _interval_text(stated)
    if change.unit == "percent" and first.unit != "percent" and first.stated.low > 0:
        stated, loose = _relative(first.stated, last.stated), _relative(first.loose, last.loose)
        return _Implied(stated, loose), f"{_interval_text(_difference(first.stated, last.stated))}, {_interval_text(stated)}%"
    if change.unit == "percentage_points" and first.unit == "percent":
        stated, loose = _difference(first.stated, last.stated), _difference(first.loose, last.loose)
        return _Implied(stated, loose), f"{_interval_text(stated)} points"
    return None, ""


def _difference(first: Interval, last: Interval) -> Interval:
    """How far apart two bounded levels lie, as a magnitude (the direction is the text's to say)."""
    assert first.high is not None and last.high is not None
    return _magnitude(last.low - first.high, last.high - first.low)


def _relative(first: Interval, last: Interval) -> Interval:
    """The percentage change from the first level to the last, over every value the bounds allow."""
    assert first.high is not None and last.high is not None
    ratios = [(b - a) / a * 100 for a in (first.low, first.high) for b in (last.low, last.high) if a > 0]
    return _magnitude(min(ratios), max(ratios))


def _magnitude(low: float, high: float) -> Interval:
    if low <= 0 <= high:
        return Interval(0.0, max(-low, high))
    first, second = sorted((abs(low), abs(high)))
    return Interval(first, second)


def _related(items: list[_Item], context: _Context) -> Iterable[_Found]:
    """Related counts (deserters and absence cases) in one sentence: what they would imply if one count."""
    by_sentence: dict[object, list[_Item]] = defaultdict(list)
    for item in items:
        if item.additive:
            by_sentence[item.sentence if item.sentence is not None else "?"].append(item)
    for members in by_sentence.values():
        for a, b in combinations(members, 2):
            if not _tied(a, b):
                continue
            link = _link(a, b, context)
            if link is not None and not link.same_count:
                found = _related_implication(a, b, link, items)
                if found is not None:
                    yield found


def _compare(a: _Item, b: _Item, link: _Link, items: list[_Item], context: _Context) -> _Found | None:
    if not link.same_count:
        return _related_implication(a, b, link, items)
    if a.is_rate and b.is_rate:
        found = _rates(a, b)
    elif a.is_rate or b.is_rate:
        rate, count = (a, b) if a.is_rate else (b, a)
        found = _rate_and_count(rate, count, context)
    else:
        found = _counts(a, b, items)
    if found is not None and found.finding.type == "figure_conflict" and not _may_conflict(a, b, context):
        return None
    return found


# Counts against counts ---------------------------------------------------------------


def _counts(a: _Item, b: _Item, items: list[_Item]) -> _Found | None:
    if a.span is not None and b.span is not None:
        if a.span == b.span:
            return _same_period(a, b)
        nested = _nesting(a, b)
        return _part_of_whole(*nested, items) if nested else None
    return _unknown_period(a, b)


def _same_period(a: _Item, b: _Item) -> _Found | None:
    """Two figures for one period: a conflict when they share no value; agreeing tells the reader nothing."""
    if iv.overlaps(a.loose, b.loose) or _orders_apart(a, b):
        return None
    return _conflict(a, b, _when(a.dates), assumed=False)


def _orders_apart(a: _Item, b: _Item) -> bool:
    """Two values for one time an order of magnitude apart count different things far more often than they
    dispute one (a city's homicides and the country's, core and headline inflation, a month's and a year's rate)."""
    low, high = (a, b) if iv.excess_above(b.loose, a.loose) else (b, a)
    return low.loose.high is not None and high.loose.low >= ORDER_OF_MAGNITUDE * low.loose.high


def _unknown_period(a: _Item, b: _Item) -> _Found | None:
    """Levels given for one day with no start ("the toll rose to 5,894 on Tuesday"), saying so.

    Without a date on both sides nothing is flagged: a dated figure outside an undated range may
    cover a shorter or longer time, and two undated values, even in one sentence, are as likely
    this year's and last year's as two readings of one number. An agreement is not a finding:
    a figure inside a range tells the reader nothing.
    """
    if iv.overlaps(a.loose, b.loose) or a.as_of is None or a.as_of != b.as_of or _orders_apart(a, b):
        return None
    note = f"if both count from the same start: {a.id} and {b.id} give only the day they stand at"
    return _conflict(a, b, f"on {_span_text((a.as_of, a.as_of))}", assumed=True, note=note)


def _nesting(a: _Item, b: _Item) -> tuple[_Item, _Item] | None:
    """(part, whole) when one dated period lies inside the other."""
    for part, whole in ((a, b), (b, a)):
        if _inside(part.dates, whole.dates):
            return part, whole
    return None


def _inside(inner: tuple[date, date], outer: tuple[date, date]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def _part_of_whole(part: _Item, whole: _Item, items: list[_Item]) -> _Found | None:
    """A part cannot exceed its whole; what it leaves for the rest is an implication.

    Only for counts that cannot fall (``monotone``): a month's net income or deficit may exceed its year's.
    """
    if not whole.monotone:
        return None
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
    return _Found(_finding("figure_implication", [part, whole], text))


def _part_exceeds(part: _Item, whole: _Item) -> _Found:
    body, excess, bound = _miss(part.stated, whole.stated)
    text = (
        f"{_said(part)} is more than the {_said(whole)} that {whole.id} gives, "
        f"though {_span_text(part.dates)} is part of that time ({body}){_approx_note(part, whole)}."
        f"{_same_quantity(part, whole)}"
    )
    return _conflict_found([part, whole], excess, bound, False, text)


def _has_closer_whole(part: _Item, whole: _Item, items: list[_Item]) -> bool:
    """Skip an implication when a figure in between (a year between a month and a decade) gives a tighter one."""
    return any(
        other.quantity == part.quantity
        and other.group == part.group
        and other.span is not None
        and other.index not in (part.index, whole.index)
        and not other.is_rate
        and _inside(part.dates, other.dates)
        and _inside(other.dates, whole.dates)
        for other in items
    )


def _related_implication(a: _Item, b: _Item, link: _Link, items: list[_Item]) -> _Found | None:
    """Different things never conflict; if they were the same count, a part/whole bound follows.

    A part exceeding its whole says the two are not one count; what a part would leave of its whole is told
    only for related measures (criminal cases and deserters), never for one measure read in two units.
    """
    if not (a.monotone and b.monotone) or a.is_rate or b.is_rate or a.span is None or b.span is None:
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
        return _Found(_finding("figure_implication", [a, b], text))
    if a.measure == b.measure:
        return None  # one measure in two units ('nine boats', '1,758 people'): one unit is misread, nothing is left
    left = iv.remainder(whole.stated, part.stated)
    if left.low == 0 and left.high is None:
        return None
    text = (
        f"{link.why_different} If they were the same count, {_said(whole)} ({whole.id}) and "
        f"{_said(part)} ({part.id}) would leave {_interval_text(left)} for {_rest_text(part, whole)}"
        f"{_direction_note(left, whole)}."
    )
    return _Found(_finding("figure_implication", [a, b], text))


# Rates ----------------------------------------------------------------------------------------


def _rate_and_count(rate: _Item, count: _Item, context: _Context) -> _Found | None:
    """A total over dated months becomes a monthly average to set against a monthly rate.

    A running total ("cumulative", a toll on a day) is not the count of its days: it is never averaged.
    """
    if not count.closed or count.aggregation == "cumulative":
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
    text = (
        f"{lead} the {stated_rate} that {rate.id} gives ({body}){note}{_approx_note(rate, count)}."
        f"{_same_quantity(rate, count)}"
    )
    return _conflict_found([rate, count], excess, bound, False, text)


def _rates(a: _Item, b: _Item) -> _Found | None:
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
    text = f"{said_second}: {above} the {target} ({body}){assumption}{_approx_note(a, b)}.{_same_quantity(a, b)}"
    return _conflict_found([a, b], excess, bound, assumed, text)


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


def _sums_of_parts(items: list[_Item], context: _Context) -> tuple[list[_Found], set[tuple[int, int]]]:
    """Disjoint sub-period totals that exactly tile a whole must add up to it."""
    found: list[_Found] = []
    covered: set[tuple[int, int]] = set()
    for whole in items:
        if whole.is_rate or not whole.closed:
            continue
        candidates = [
            p for p in items if p is not whole and not p.is_rate and p.closed and _inside(p.dates, whole.dates)
            and _link(p, whole, context) == _Link(True)
        ]
        parts = _tiling(candidates, whole.dates[0], whole.dates[1], set())
        if parts is None or len(parts) < 2:
            continue
        found.append(_sum_finding(parts, whole))
        covered.update((min(p.index, whole.index), max(p.index, whole.index)) for p in parts)
    return found, covered


def _tiling(candidates: list[_Item], start: date, end: date, dead_ends: set[date]) -> list[_Item] | None:
    """The first run of parts (in claim order) that covers start..end with no gap or overlap.

    ``dead_ends`` remembers the days from which no run reaches the end, so each is tried once.
    """
    for part in candidates:
        if part.dates[0] != start:
            continue
        if part.dates[1] == end:
            return [part]
        following = part.dates[1] + timedelta(days=1)
        if following in dead_ends:
            continue
        rest = _tiling(candidates, following, end, dead_ends)
        if rest is not None:
            return [part, *rest]
        dead_ends.add(following)
    return None


def _sum_finding(parts: list[_Item], whole: _Item) -> _Found:
    total = iv.total([p.loose for p in parts])
    shown = iv.total([p.stated for p in parts])
    terms = " + ".join(f"{_interval_text(p.stated)} ({_span_text(p.dates)}, {p.id})" for p in parts)
    lead = f"{terms} = {_interval_text(shown)}"
    members = sorted([*parts, whole], key=lambda item: item.index)
    target = f"{_describe(whole)} {_when(whole.dates)} ({whole.id})"
    if iv.overlaps(total, whole.loose):
        message = f"{lead}, which agrees with {target}."
        return _Found(_finding("figure_consistent", members, message))
    above = "above" if iv.excess_above(total, whole.loose) else "below"
    body, excess, bound = _miss(shown, whole.stated)
    message = (
        f"The parts do not add up to the whole: {lead}, {above} {target} ({body}){_approx_note(*members)}."
        f"{_same_quantity(parts[0], whole)}"
    )
    return _conflict_found(members, excess, bound, False, message)


# Building findings ------------------------------------------------------------------------------------


def _consistent(a: _Item, b: _Item, message: str) -> _Found:
    return _Found(_finding("figure_consistent", [a, b], message))


def _conflict_found(items: list[_Item], excess: float, bound: float, assumed: bool, message: str) -> _Found:
    """A conflict with its severity and strength: the relative miss (any miss of a zero bound counts fully)."""
    strength = excess / bound if bound else 1.0
    return _Found(_finding("figure_conflict", items, message, _severity(items, excess, bound, assumed)), strength)


def _conflict(a: _Item, b: _Item, when: str, assumed: bool, note: str = "") -> _Found:
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
    text += f"{_approx_note(a, b)}.{_same_quantity(a, b)}"
    return _conflict_found([a, b], excess, bound, assumed, text)


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
    if any(item.approximate or item.status == "estimate" for item in items) or assumed or not bound:
        return "medium"
    return "high" if excess / bound >= HIGH_SEVERITY_EXCESS else "medium"


def _approx_note(*items: _Item) -> str:
    vague = [item.id for item in items if item.approximate]
    if not vague:
        return ""
    return f" (even allowing 10% either way for the approximate {', '.join(vague)})"


def _finding(kind: FindingType, items: list[_Item], message: str, graded: Severity | None = None) -> Finding:
    """A finding of the items in claim order; its severity the registry's unless ``graded`` (conflicts, see _severity)."""
    ordered = sorted(items, key=lambda item: item.index)
    return Finding(id="", type=kind, severity=graded or severity(kind), message=message, claims=[i.id for i in ordered])


# Words -----------------------------------------------------------------------------------------------


def _said(item: _Item) -> str:
    """A figure with its period, as a reader would say it: '180,000 over January–October 2025'."""
    return f"{_describe(item)} {_when(item.span)}" if item.span else _describe(item)


def _describe(item: _Item) -> str:
    """The stated value with its unit sign: exact, range, open bound or vague words with their bounds."""
    return _bare(item) + ("%" if item.unit == "percent" else "")


def _bare(item: _Item) -> str:
    figure = item.claim.figure
    assert figure is not None
    value = _interval_text(item.stated)
    if item.approximate and not item.stated.exact and figure.text and not any(ch.isdigit() for ch in figure.text):
        return f"{figure.text} ({value})"
    if item.stated.high is None:
        lowered = figure.text.strip().lower()
        word = next((w for w in _word_list("open_bound_words") if lowered.startswith(f"{w} ")), "at least")
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
    """Thousands separators; whole numbers and small two-decimal values (55.18) plain, others rounded, 'about'."""
    if abs(value - round(value)) < 1e-6:
        return f"{round(value):,}"
    if abs(value) < 1000 and abs(value * 100 - round(value * 100)) < 1e-6:
        return f"{value:.2f}".rstrip("0")
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
