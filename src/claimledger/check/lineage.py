"""Lineage: one reported number followed from article to article, and what happened to it on the way.

A figure joins the lineage of an earlier one when it carries **the same reported number**
(exactly, rounded — 21,602 → 21,600 → "over 21,600" → "almost 22,000" — or restated with
other bounds) for **periods that meet**, whatever its wording, measure key or unit. A
value alone is weak evidence (two "20,000"s in one month need not be one number), so how
much else must agree depends on how specific the value is:

- the same period, and three significant digits in the coarser of the two numbers (21,600)
  for the same measure or across count units — that is how "criminal cases" becomes
  "soldiers" —, four when nothing tells whether the two count the same thing;
- periods that overlap without being the same (October inside January–October): the same
  measure and four digits, or a tie;
- otherwise, or when the periods only lie near each other (a month shifted) or give no
  dates: a **tie** is needed — the later article copies the earlier one's text, credits its
  outlet or author, names a person or outlet it names (a misspelling counts) or, for a
  number of three digits or more, an organisation it names.

Each figure has at most one parent, the earlier figure it most plausibly came from (copied
text, then credited outlet, shared sources, the same value as written), so a lineage is a
tree rooted at its earliest article; articles without a date come after dated ones.

On every edge, the **drifts**: ``meaning_drift`` (the counted thing changed: cases → people
is high), ``rounding_drift`` (precision lost or a bound added), ``period_drift`` (a month
relayed as a year-to-date figure, or shifted), ``source_drift`` (the original source dropped,
a name misspelled, a new authority credited).

All of it is pure functions over :class:`Entry` (a stored figure with its article's
metadata); ``store/lineage.py`` finds the candidates with an index and keeps the parents.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property

from rapidfuzz.distance import Levenshtein

from claimledger import datafiles
from claimledger.check import names
from claimledger.check.registry import drift_severity
from claimledger.check.within import NOT_COUNTS, span_text
from claimledger.model import ChainLink, Drift, Ledger, LineageEdge, Match, Period, Qualifiers

Similarity = Callable[[str, str], float]
"""Cosine similarity of two counted phrases (all-MiniLM-L6-v2 in production, a stand-in in tests)."""


def settings() -> dict:
    """Thresholds of data/lineage.json (the meaning threshold was chosen on dev pairs: tools/lineage_threshold.py)."""
    return datafiles.load("lineage")


# A figure as the lineage sees it -----------------------------------------------------------


@dataclass
class Entry:
    """A stored figure with what its article says about it: when, where, on whose authority."""

    article: str
    claim: str
    position: int
    text: str
    low: float | None
    high: float | None
    approximate: bool
    unit: str | None
    measure: str | None
    counted: str | None
    period: Period | None
    wording: str
    """The claim's sentence as written: what a reader of the lineage compares."""
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    added_at: str = ""
    chain: list[ChainLink] = field(default_factory=list)
    currency: str | None = None
    status: str | None = None
    qualifiers: Qualifiers | None = None
    title: str | None = None
    article_names: frozenset[str] = frozenset()
    """Every source the article names in any sentence, folded: a relay that names the source elsewhere kept it."""

    @property
    def key(self) -> str:
        return f"{self.article}:{self.claim}"

    @cached_property
    def order(self) -> tuple[bool, date, str, str, int]:
        """Earliest publication first; undated articles after all dated ones, then by when they were stored."""
        return (self.published is None, self.published or date.max, self.added_at, self.article, self.position)

    @cached_property
    def reading(self) -> Reading | None:
        return reading(self.low, self.high, self.approximate)

    @cached_property
    def month(self) -> int | None:
        return month(self)

    @cached_property
    def bucket(self) -> int | None:
        return bucket(self.reading.nominal) if self.reading is not None else None

    def phrase(self) -> str:
        """The counted thing with its qualifiers, as the meaning model reads it."""
        return counted_phrase(self.counted, self.measure, self.qualifiers)


def counted_phrase(counted: str | None, measure: str | None, qualifiers: Qualifiers | None) -> str:
    """The counted words (else the measure key) with the qualifiers they do not already say: what MiniLM compares
    (lineages, compare). "personnel stationed in the UK" with the place "UK" stays as it is."""
    parts = [counted or measure or ""]
    if qualifiers:
        said = f" {names.normalise(parts[0])} "
        parts += [q for q in (qualifiers.group, qualifiers.subject, qualifiers.place)
                  if q and f" {names.normalise(q)} " not in said]
    return " ".join(p for p in parts if p).strip()


# Values -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """The number a figure reports and the true values its words allow, for matching.

    ``nominal`` is the number as written (the roundest of its bounds: "almost 22,000" is
    22,000); ``step`` the place of its last significant digit (100 for 21,600); ``below`` and
    ``above`` how far the words let the truth lie (half a step either way for a plain or an
    "about" number, a step on the open side of "over" and "almost"; never more than 5%). A stated range
    ("15,000 to 18,000") keeps its upper end in ``range_high`` and only meets other ranges.
    """

    nominal: float
    step: float
    below: float
    above: float
    range_high: float | None = None
    exact: bool = True
    """A plain number: no bound word, not approximate."""

    @property
    def digits(self) -> int:
        """Significant digits of the nominal value: 3 for 21,600, 5 for 21,602, 2 for 230,000."""
        return len(str(int(round(self.nominal / self.step)))) if self.nominal >= self.step else 1


def step_of(value: float) -> float:
    """The place of the last significant digit: 100 for 21,600, 1 for 21,602, 0.1 for 2.5."""
    if value <= 0:
        return 1.0
    decimals = 0
    while not math.isclose(value * 10**decimals, round(value * 10**decimals), rel_tol=0, abs_tol=1e-6) and decimals < 6:
        decimals += 1
    if decimals:
        return 10.0**-decimals
    whole, step = int(round(value)), 1
    while whole % (step * 10) == 0:
        step *= 10
    return float(step)


def reading(low: float | None, high: float | None, approximate: bool) -> Reading | None:
    """What a figure's bounds say about the number it reports (None: nothing to match on)."""
    limit = settings()["max_relative_tolerance"]
    if low is not None and high is not None and not approximate and 0 < low < high:
        step = min(step_of(low), step_of(high))
        return Reading(low, step, low - step / 2, low + step / 2, high, exact=False)
    candidates = [v for v in (low, high, (low + high) / 2 if low is not None and high is not None else None) if v]
    candidates = [v for v in candidates if v > 0]
    if not candidates:
        return None
    nominal = max(candidates, key=lambda v: (step_of(v) / v, -candidates.index(v)))
    step = step_of(nominal)
    exact = not approximate and low == high
    allows_below = exact or low is None or low < nominal
    allows_above = exact or high is None or high > nominal
    # A number is rounded at its last digit: half a step either way, or a whole step on the one open side
    # of "over" / "almost" (21,602 is "over 21,600" and "almost 22,000").
    one_sided = allows_below != allows_above
    tolerance = min(step if one_sided else step / 2, limit * nominal)
    return Reading(
        nominal, step, nominal - tolerance if allows_below else nominal,
        nominal + tolerance if allows_above else nominal, exact=exact,
    )


def values_match(a: Reading, b: Reading) -> bool:
    """One number, exactly or rounded: each nominal value within what the other's words allow."""
    if (a.range_high is None) != (b.range_high is None):
        return False
    if a.range_high is not None and b.range_high is not None:
        return _close(a.nominal, b.nominal, a, b) and _close(a.range_high, b.range_high, a, b)
    return b.below <= a.nominal <= b.above or a.below <= b.nominal <= a.above


def _close(x: float, y: float, a: Reading, b: Reading) -> bool:
    return abs(x - y) <= max(a.step, b.step) / 2


def bucket(nominal: float) -> int:
    """The index key of a value: buckets 10% wide, so a match is always in the same or a neighbouring one."""
    return int(math.floor(math.log(max(nominal, 1e-9)) / math.log(1 + settings()["bucket_width"])))


def month(entry: Entry) -> int | None:
    """The month a figure is about (its period's end, else its publication), as year*12+month; None: no date at all."""
    period = entry.period
    when = None
    if period is not None:
        when = period.end or entry.published or period.start
    when = when or entry.published
    return when.year * 12 + when.month - 1 if when is not None else None


COUNT_EXCLUDED = frozenset(NOT_COUNTS) | {"percentage_point", "permille"}


def units_compatible(a: Entry, b: Entry) -> bool:
    """The same unit, or two counts of things (people, cases, none stated); money only in one currency."""
    if a.unit in COUNT_EXCLUDED or b.unit in COUNT_EXCLUDED:
        return False
    if a.unit == "money" or b.unit == "money":
        return a.unit == b.unit and (a.currency is None or b.currency is None or a.currency == b.currency)
    physical = _physical_units()
    if a.unit in physical or b.unit in physical:
        return a.unit == b.unit
    return True


@cache
def _physical_units() -> frozenset[str]:
    data = datafiles.load("figures_units")
    return frozenset(data["unit_words"].values()) | frozenset(data.get("unit_symbols", {}).values())


def eligible(entry: Entry) -> bool:
    """A figure that can carry a lineage: a positive reported number that is not a share or ratio."""
    return entry.reading is not None and entry.unit not in COUNT_EXCLUDED


# Periods --------------------------------------------------------------------------------------


def _span(entry: Entry) -> tuple[date, date] | None:
    period = entry.period
    if period is None or period.start is None:
        return None
    end = period.end or entry.published or period.start
    return (period.start, max(end, period.start))


def _to_date(entry: Entry) -> bool:
    """The period runs to the day the article was published ("so far this year", "since February 2022").

    Two such periods from one start are the same period in the words of their day: a relay
    that repeats "so far this year" three days later did not change it.
    """
    period = entry.period
    return period is not None and entry.published is not None and period.end in (None, entry.published)


def period_relation(a: Entry, b: Entry) -> str:
    """same | overlap | near | unknown | apart: how the two figures' periods stand to one another."""
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return "unknown"
    if sa == sb or (sa[0] == sb[0] and _to_date(a) and _to_date(b)):
        return "same"
    common = (min(sa[1], sb[1]) - max(sa[0], sb[0])).days + 1
    if common > 0:
        return "overlap"
    shorter = min((sa[1] - sa[0]).days, (sb[1] - sb[0]).days) + 1
    gap = (max(sa[0], sb[0]) - min(sa[1], sb[1])).days
    return "near" if gap <= max(settings()["near_days"], shorter) else "apart"


# Meaning and sources ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Meaning:
    """Whether two figures count the same thing, and how that was decided."""

    same: bool | None
    """None: neither the measure nor the counted words tell."""
    how: str
    similarity: float | None = None

    @property
    def by_model_different(self) -> bool:
        """Told apart by the meaning of the words alone (not by their units)."""
        return self.same is False and self.similarity is not None


def meaning(a: Entry, b: Entry, similarity: Similarity | None) -> Meaning:
    """Same measure key and unit; else different count units (cases, people) differ; else the counted phrases by meaning.

    MiniLM over two short phrases tells paraphrases from other measures only at its extremes
    (tools/lineage_threshold.py: "refugees returned" / "refugees left" score 0.84), so the
    middle of the scale decides nothing.
    """
    if a.unit != b.unit and a.unit and b.unit:
        return Meaning(False, f"counts {a.unit} → {b.unit}")
    if a.measure and a.measure == b.measure:
        return Meaning(True, f"same measure ({a.measure})")
    pa, pb = a.phrase(), b.phrase()
    if not pa or not pb or similarity is None:
        return Meaning(None, "counted thing not stated")
    if same_words(pa, pb):
        return Meaning(True, f"same counted words (“{pa}”)", 1.0)
    score = similarity(pa, pb)
    same, different = settings()["meaning_threshold"], settings()["different_below"]
    if score >= same:
        return Meaning(True, f"same meaning: “{pa}” / “{pb}” (MiniLM {score:.2f} ≥ {same})", score)
    if score < different:
        return Meaning(False, f"different meaning: “{pa}” / “{pb}” (MiniLM {score:.2f} < {different})", score)
    return Meaning(None, f"meaning undecided: “{pa}” / “{pb}” (MiniLM {score:.2f})", score)


def same_words(a: str, b: str) -> bool:
    """Two counted phrases that are the same words once folded (case, accents, punctuation): no model needed."""
    return names.normalise(a) == names.normalise(b)


def names_in(chain: Iterable[ChainLink], text: str) -> frozenset[str]:
    """The chain's names (people, organisations, outlets) that an article's text contains, folded.

    Compared as heard (``names.spoken``), so a text in Latin letters contains "Игорь Луценко" as "Igor Lutsenko".
    """
    heard = f" {_heard(text)} "
    return names_of(
        link.name for link in chain if link.kind in AUTHORITIES and (key := _heard(link.name)) and f" {key} " in heard
    )


def _heard(text: str) -> str:
    """Folded and transliterated word by word (the per-word cache stays small, whatever the texts)."""
    return " ".join(names.spoken(word) for word in names.normalise(text).split())


def names_of(source_names: Iterable[str]) -> frozenset[str]:
    """An article's source names, folded, as ``Entry.article_names`` holds them."""
    return frozenset(_folded(source_names))


def _folded(link_names: Iterable[str]) -> set[str]:
    return {key for name in link_names if name and (key := names.normalise(name))}


def _named(entry: Entry) -> list[ChainLink]:
    """The chain's links that name someone (not "reports", not an anonymous official)."""
    return [link for link in entry.chain if link.kind not in ("anonymous", "unattributed")]


def _credits(parent: Entry) -> set[str]:
    """Who a relay of ``parent`` may credit without changing the chain: its sources, outlet and author."""
    return _folded([link.name for link in parent.chain] + [parent.outlet or "", parent.author or ""])


def _variant_pairs(parent: Entry, child: Entry) -> list[tuple[str, str]]:
    """Names of the child's chain spelled one letter off a name the parent gives (Wanner → Vanner)."""
    theirs = {names.normalise(n): n for n in [link.name for link in parent.chain] + [parent.author or ""] if n}
    found = []
    for link in child.chain:
        mine = names.normalise(link.name)
        for key, written in theirs.items():
            if mine and key != mine and names.is_variant(key, mine):
                found.append((written, link.name))
    return found


def _variant_distances(parent: Entry, child: Entry) -> list[int]:
    """For each misspelled name of the child's chain: how many letters it lies from the parent's spelling."""
    return [max(1, Levenshtein.distance(names.normalise(a), names.normalise(b))) for a, b in _variant_pairs(parent, child)]


def tie(parent: Entry, child: Entry, copied: float | None) -> list[Match]:
    """What links the child to the parent beyond the number: copied text, credited outlet or author, shared sources."""
    found = []
    if copied is not None:
        found.append(Match("copied_text", f"{round(copied * 100)}% of five-word sequences in common"))
    mine = _folded(link.name for link in child.chain)
    outlet = names.normalise(parent.outlet) if parent.outlet else None
    if outlet and outlet in mine:
        found.append(Match("source", f"credits {parent.outlet}"))
    shared = sorted(mine & (_folded(link.name for link in _named(parent)) | _folded([parent.author or ""])))
    if shared:
        given = {names.normalise(link.name): link.name for link in child.chain}
        found.append(Match("source", "names " + ", ".join(given[key] for key in shared)))
    for written, variant in _variant_pairs(parent, child):
        found.append(Match("source", f"names {variant} (spelled {written} there)"))
    return found


# Joining and choosing the parent -------------------------------------------------------------------


@dataclass
class Candidate:
    """An earlier figure the child could come from, with what matched and how strongly."""

    parent: Entry
    matched: list[Match]
    meaning: Meaning
    score: float
    copied: bool = False
    """The child copies the parent's text."""


def candidate(
    parent: Entry, child: Entry, copied: float | None, similarity: Similarity | None
) -> Candidate | None:
    """The parent as a candidate for the child, or None when the evidence does not reach the bar (module docstring)."""
    if parent.article == child.article or not parent.order < child.order or not units_compatible(parent, child):
        return None
    ra, rb = parent.reading, child.reading
    if ra is None or rb is None or not values_match(ra, rb):
        return None
    if qualifiers_conflict(parent.qualifiers, child.qualifiers):
        return None
    relation = period_relation(parent, child)
    if relation == "apart":
        return None
    ties = tie(parent, child, copied)
    sense = meaning(parent, child, similarity)
    digits = min(ra.digits, rb.digits)  # a match is as specific as the coarser of the two numbers
    big = min(ra.nominal, rb.nominal) >= settings()["min_untied_value"]
    tied = _strongly_tied(parent, child, copied) or (bool(ties) and digits >= 3)
    if relation == "same":  # other words for another thing (MiniLM) need a tie; other units are the drift sought
        enough = tied or (big and not sense.by_model_different and _specific(digits, sense))
    elif copied is not None:  # a copy of the text: its number is the relay, whatever else it changed
        enough = True
    elif relation == "overlap":  # a month inside a year: only one thing may change at a time
        enough = (tied and sense.same is not False) or (big and digits >= 4 and sense.same is True)
    elif relation == "near":
        enough = tied and sense.same is not False
    else:  # a figure without dates: only the value, the meaning and a tie can tell
        enough = (tied and sense.same is not False) or (big and digits >= 3 and sense.same is True)
    if not enough:
        return None
    matched = [Match("value", _value_words(parent, child, ra, rb)), Match("period", _period_words(parent, child, relation))]
    matched.append(Match("meaning", sense.how))
    matched += ties
    return Candidate(parent, matched, sense, _score(parent, child, copied, sense, relation), copied is not None)


def _score(parent: Entry, child: Entry, copied: float | None, sense: Meaning, relation: str) -> float:
    """How plausibly the child comes from this parent rather than another carrier of the number.

    Copied text counts most (the closer copy wins: a copy of a copy hangs from the copy), then
    the child crediting the parent's outlet, then each source name they share exactly, then
    one misspelled (less than an exact name, more than agreeing in what is counted: a named
    source, even misspelled, points at where the number was read, while every relay of a
    number counts the same thing; the closer spelling more: a relay of "Lirdqvist" that
    writes "Lurdqvist" read "Lirdqvist", not the "Lindqvist" two letters away), then
    agreement in value, wording, meaning and period.
    """
    ra, rb = parent.reading, child.reading
    assert ra is not None and rb is not None
    mine = _folded(link.name for link in child.chain)
    outlet = names.normalise(parent.outlet) if parent.outlet else None
    shared = mine & (_folded(link.name for link in _named(parent)) | _folded([parent.author or ""]))
    return (
        (4.0 + copied if copied is not None else 0.0)
        + 4.0 * (outlet is not None and outlet in mine)
        + 2.0 * len(shared)
        + sum(1.5 / distance for distance in _variant_distances(parent, child))
        + 1.0 * (ra.nominal == rb.nominal and ra.range_high == rb.range_high)
        + 0.5 * (parent.text == child.text)
        + 1.0 * (sense.same is True)
        + 1.0 * (relation == "same")
        + (1.0 * wording_overlap(parent, child) if copied is not None else 0.0)
    )


def wording_overlap(parent: Entry, child: Entry) -> float:
    """Shared words over all words of the two sentences that carry the figure (Jaccard, 0–1).

    Counted only between copies: copies of one story share the rest of their text alike
    (MinHash cannot order them); what a copy changed on the way — a bound word, another
    period, a source dropped or swapped — is in the sentence, and a later copy keeps it. So
    the closer sentence is the likelier parent: "about 370,000 …" copies "about 372,000 …",
    not the "372,307 …" that came before. A relay in its own words tells nothing by them.
    """
    mine, theirs = _words(child.wording), _words(parent.wording)
    return len(mine & theirs) / len(mine | theirs) if mine and theirs else 0.0


def _words(sentence: str) -> frozenset[str]:
    return frozenset(WORD.findall(sentence.lower()))


WORD = re.compile(r"\w+(?:[.,]\d+)*")
"""A word, or a number with its separators (21,602 stays one token, unlike 21 and 602)."""


def _specific(digits: int, sense: Meaning) -> bool:
    """Enough digits for the value and period alone: three for one measure or across units (cases → people), four
    when nothing tells what the two count. Two ("over 230,000", "almost 330,000") fit too many numbers of a month."""
    return digits >= (4 if sense.same is None else 3)


def _strongly_tied(parent: Entry, child: Entry, copied: float | None) -> bool:
    """A tie that points at this parent: copied text, its outlet or author credited, a person it names (or misspells).

    A ministry or an agency that both name is a weaker tie: many articles that never read each other name it.
    """
    if copied is not None or _variant_pairs(parent, child):
        return True
    mine = _folded(link.name for link in child.chain)
    own = _folded([parent.outlet or "", parent.author or ""])
    people = _folded(link.name for link in _named(parent) if link.kind in ("person", "media"))
    return bool(mine & (own | people))


def qualifiers_conflict(a: Qualifiers | None, b: Qualifiers | None) -> bool:
    """Both name a place (or a group) and the names differ: Turkey's deaths are not Syria's."""
    if not a or not b:
        return False
    for x, y in ((a.place, b.place), (a.group, b.group)):
        if x and y and names.normalise(x) != names.normalise(y):
            return True
    return False


def best(candidates: Sequence[Candidate], support: Mapping[str, float] | None = None) -> Candidate | None:
    """The strongest candidate; among equals the one whose article the child's other figures point to.

    Scores within ``SCORE_MARGIN`` of the best count as equal: less than that apart, two
    copies' shares of a later copy's text are MinHash noise. An article that copies another
    copies all its figures, so when one figure cannot tell two earlier copies apart (an
    unchanged figure of a copied story) the article its other figures came from decides
    (``support``: the summed scores of the child article's figures by parent article,
    ``article_support``). Among equal copies left the latest (a copy is made from the copies
    that circulate, and a copy of a copy hangs from the copy); among other equals the
    earliest, so plain repeats hang from the first article.
    """
    if not candidates:
        return None
    top = max(c.score for c in candidates)
    backing = support or {}
    equals = [c for c in candidates if c.score >= top - SCORE_MARGIN]
    if any(c.copied for c in equals):  # a copy is made from what circulates: the latest of equal copies
        return max((c for c in equals if c.copied), key=lambda c: (backing.get(c.parent.article, 0.0), c.parent.order))
    return max(equals, key=lambda c: (backing.get(c.parent.article, 0.0), _negated(c.parent.order)))


def article_support(candidates_by_figure: Iterable[Sequence[Candidate]]) -> dict[str, float]:
    """For one child article: each earlier article with the summed scores of its best candidate for each child figure."""
    support: dict[str, float] = {}
    for candidates in candidates_by_figure:
        top_by_article: dict[str, float] = {}
        for c in candidates:
            top_by_article[c.parent.article] = max(top_by_article.get(c.parent.article, 0.0), c.score)
        for article, score in top_by_article.items():
            support[article] = support.get(article, 0.0) + score
    return support


SCORE_MARGIN = 0.02


def _negated(order: tuple[bool, date, str, str, int]) -> tuple[int, int, str, str, int]:
    """An order key that sorts the other way (earliest = largest)."""
    undated, when, added, article, position = order
    return (-int(undated), -when.toordinal(), _invert(added), _invert(article), -position)


def _invert(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(ch)) for ch in text)


def _value_words(parent: Entry, child: Entry, ra: Reading, rb: Reading) -> str:
    if parent.text == child.text:
        return f"“{child.text}” as written"
    if rb.step > ra.step:
        return f"“{child.text}” is {_number(ra.nominal)} to the nearest {_number(rb.step)}"
    return f"“{child.text}” restates “{parent.text}”"


def _period_words(parent: Entry, child: Entry, relation: str) -> str:
    a, b = _period_text(parent), _period_text(child)
    return {"same": f"both {a}", "overlap": f"{a} / {b} overlap", "near": f"{a} / {b} lie next to each other"}.get(
        relation, f"{a} / {b}: no dates on one side"
    )


def _period_text(entry: Entry) -> str:
    span = _span(entry)
    if span is None:
        return f"“{entry.period.text}”" if entry.period and entry.period.text else "no period"
    return span_text(*span)


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


# Drifts ------------------------------------------------------------------------------------------

MONTHLY = 40
"""A period this many days or fewer is a month's (or a week's) figure."""


def drifts(parent: Entry, child: Entry, sense: Meaning) -> list[Drift]:
    """What changed on the way from ``parent`` to ``child``, each with its evidence, most misleading first."""
    found = [d for d in (_meaning_drift(parent, child, sense), _rounding_drift(parent, child), _period_drift(parent, child)) if d]
    found += _source_drifts(parent, child)
    order = {"high": 0, "medium": 1, "low": 2, "info": 3}
    return sorted(found, key=lambda d: order[d.severity])


def _meaning_drift(parent: Entry, child: Entry, sense: Meaning) -> Drift | None:
    if sense.same is not False:
        return None
    was = f"“{parent.phrase() or parent.measure}” ({parent.unit or 'no unit'})"
    now = f"“{child.phrase() or child.measure}” ({child.unit or 'no unit'})"
    people = {parent.unit, child.unit} == {"cases", "people"}
    severity = "high" if people or (parent.unit and child.unit and parent.unit != child.unit) else drift_severity("meaning_drift")
    why = " — a count of cases is not a count of people" if people else ""
    how = "" if sense.how.startswith("counts ") else f"; {sense.how}"
    return Drift("meaning_drift", severity, f"the counted thing changed: {was} → {now}{why}{how}")


def _rounding_drift(parent: Entry, child: Entry) -> Drift | None:
    ra, rb = parent.reading, child.reading
    if ra is None or rb is None:
        return None
    changes = []
    if rb.step > ra.step and ra.nominal != rb.nominal:
        changes.append(f"precision lost ({_number(ra.nominal)} to the nearest {_number(rb.step)})")
    if ra.exact and not rb.exact:
        changes.append("a bound added" if not child.approximate else "made approximate")
    elif ra.range_high is None and rb.range_high is None and (parent.low, parent.high) != (child.low, child.high) and not changes:
        changes.append("bounds restated")
    if not changes:
        return None
    outside = not rb.exact and (
        (child.low is not None and ra.nominal < child.low) or (child.high is not None and ra.nominal > child.high)
    )
    tail = f"; the bounds “{child.text}” gives exclude the {_number(ra.nominal)} it relays" if outside else ""
    return Drift(
        "rounding_drift", "medium" if outside else drift_severity("rounding_drift"), f"“{parent.text}” → “{child.text}”: {', '.join(changes)}{tail}"
    )


def _period_drift(parent: Entry, child: Entry) -> Drift | None:
    sa, sb = _span(parent), _span(child)
    pa, pb = parent.period, child.period
    if sa is None or sb is None or pa is None or pb is None:
        return None
    relation = period_relation(parent, child)
    was, now = f"{span_text(*sa)} ({pa.aggregation})", f"{span_text(*sb)} ({pb.aggregation})"
    known = "unknown" not in (pa.aggregation, pb.aggregation)
    if relation == "near":
        return Drift("period_drift", drift_severity("period_drift"), f"the period shifted: {was} → {now}")
    if relation == "overlap":
        days_a, days_b = (sa[1] - sa[0]).days + 1, (sb[1] - sb[0]).days + 1
        if days_a <= MONTHLY < days_b:
            return Drift("period_drift", "high", f"a figure for {span_text(*sa)} relayed as one for {span_text(*sb)}: {was} → {now}")
        return Drift("period_drift", drift_severity("period_drift"), f"the period changed: {was} → {now}")
    if known and pa.aggregation != pb.aggregation:
        return Drift("period_drift", drift_severity("period_drift"), f"the aggregation changed: {was} → {now}")
    return None


def _source_drifts(parent: Entry, child: Entry) -> list[Drift]:
    found = []
    theirs, mine = _named(parent), _named(child)
    credits = _credits(parent)
    variants = _variant_pairs(parent, child)
    for written, variant in variants:
        found.append(Drift("source_drift", "low", f"a name misspelled on the way: {written} → {variant}"))
    spelled = {names.normalise(variant) for _, variant in variants}
    wording = f" {names.normalise(parent.wording)} "
    kept = [
        link for link in mine
        if (key := names.normalise(link.name)) in credits | parent.article_names or key in spelled
        or f" {key} " in wording
    ]  # a name the parent's sentence or article gives (as the one who counted, say) is no new authority
    if theirs and child.article_names & _folded(link.name for link in theirs):
        pass  # the article names the parent's source in another sentence: nothing was dropped or replaced
    elif theirs and not mine:
        found.append(Drift(
            "source_drift", drift_severity("source_drift"),
            f"the original source dropped: {_chain(parent.chain)} becomes no source at all",
        ))
    elif theirs and mine and not kept and any(link.kind in AUTHORITIES for link in mine):
        found.append(Drift(
            "source_drift", drift_severity("source_drift"),
            f"a new authority credited: {_chain(child.chain)} instead of {_chain(parent.chain)}",
        ))
    elif theirs and mine and not kept:  # only a document ("the report", "official data"): no authority named
        found.append(Drift(
            "source_drift", "low",
            f"the original source dropped: {_chain(parent.chain)} is no longer named (here only {_chain(child.chain)})",
        ))
    elif theirs and kept and _dropped_origin(parent, child, spelled):
        found.append(Drift(
            "source_drift", "low",
            f"the original source dropped: {theirs[-1].name} is no longer named (there: {_chain(parent.chain)}; here: "
            f"{_chain(child.chain)})",
        ))
    return found


AUTHORITIES = ("person", "organization", "media")
"""Source kinds that are someone a number can be credited to; a ``document`` ("the report") describes where it stood."""


def _dropped_origin(parent: Entry, child: Entry, spelled: set[str]) -> bool:
    """The parent's furthest named source is gone from the child, which does not credit the parent's outlet either."""
    furthest = _named(parent)[-1]
    if furthest.kind not in AUTHORITIES:
        return False  # "data published on its website" is a description, not a source a relay could keep
    mine = _folded(link.name for link in child.chain) | spelled | child.article_names
    origin = names.normalise(furthest.name)
    outlet = names.normalise(parent.outlet) if parent.outlet else None
    return origin not in mine and (outlet is None or outlet not in mine)


def _chain(chain: list[ChainLink]) -> str:
    return " → ".join(link.name for link in chain) or "no source"


def edge(candidate: Candidate, child: Entry) -> LineageEdge:
    """The edge from the candidate's parent to the child, with what matched and what drifted."""
    return LineageEdge(
        parent=candidate.parent.key, child=child.key, matched=list(candidate.matched),
        drifts=drifts(candidate.parent, child, candidate.meaning),
    )


def entries(ledger: Ledger, author: str | None, added_at: str) -> list[Entry]:
    """The figures of a ledger that can carry a lineage, as entries (the chain as names, nearest first)."""
    article = ledger.article
    by_id = {source.id: source for source in ledger.sources}
    found = []
    for position, claim in enumerate(ledger.claims):
        figure = claim.figure
        if figure is None:
            continue
        chain = [
            ChainLink(by_id[link.source].name, by_id[link.source].kind, link.relation, link.cue)
            for link in claim.attribution
            if link.source in by_id
        ]
        entry = Entry(
            article.id, claim.id, position, figure.text, figure.low, figure.high, figure.approximate, figure.unit,
            figure.measure, figure.counted, claim.period, claim.text, article.outlet, author, article.published,
            added_at, chain, figure.currency, figure.status, figure.qualifiers, article.title,
            names_of(source.name for source in ledger.sources if source.kind in AUTHORITIES),
        )
        if eligible(entry):
            found.append(entry)
    return found
