"""Compare across articles: figures of many articles for the same measure over overlapping periods.

A group holds the figures that count one measure in one unit with one aggregation
(totals with totals, monthly rates with monthly rates) over periods that overlap by
at least half of each (so "October 2025" and "the month to 30 October" meet, while
October and January–October stay apart: a month's total and a ten-month total are
not one quantity with a spread). Figures that give no dates form one group per
measure, unit and aggregation.

For each group: the spread of its figures; its distinct values (``v1``…), each with
its lineage (the earliest article that carries it, the later ones that repeat it,
and the attribution chain each gives); and findings that set each value against the
group's most repeated one, and the most repeated values of groups whose periods meet
(a monthly rate against a ten-month total), with the same reconciliation as within an
article (check/within.py), so the message shows the arithmetic.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from claimledger import datafiles
from claimledger.check import intervals as iv
from claimledger.check import lineage
from claimledger.check.within import compare_pair, span_text
from claimledger.model import (
    Claim,
    Figure,
    FigureGroup,
    GroupFigure,
    GroupFinding,
    MeaningMatch,
    Period,
    Qualifiers,
    SameMeaning,
    Spread,
    ValueLineage,
)

MIN_OVERLAP = 0.5
"""Share of each period two figures' periods must have in common to stand in one group."""


@dataclass
class StoredFigure:
    """A figure as stored, with where it appeared and the chain its article gives it.

    The corpus reads them from the store (``store/compare.py``); this module only groups them.
    """

    figure: GroupFigure
    measure: str
    unit: str | None
    aggregation: str
    added_at: str
    """When it was stored, as the database writes it (ISO text sorts in time order; it only breaks ties)."""
    counted: str | None = None
    qualifiers: Qualifiers | None = None

    @property
    def phrase(self) -> str:
        """The counted words with their qualifiers (empty when the analysis named no counted thing)."""
        return lineage.counted_phrase(self.counted, None, self.qualifiers)

    @property
    def span(self) -> tuple[date, date] | None:
        """The dates it covers; an open end runs to publication (or is taken as its start when undated)."""
        period = self.figure.period
        if period is None or period.start is None:
            return None
        end = period.end or self.figure.published or period.start
        return (period.start, max(end, period.start))

    @property
    def appearance(self) -> tuple[bool, date, str, str, str]:
        """Earliest publication first; undated articles after dated ones, then by when they were added."""
        published = self.figure.published
        return (published is None, published or date.max, self.added_at, self.figure.article, self.figure.claim)


# Grouping --------------------------------------------------------------------------------------


def _days(span: tuple[date, date]) -> int:
    return (span[1] - span[0]).days + 1


def _meet(a: tuple[date, date], b: tuple[date, date]) -> bool:
    """Each period shares at least ``MIN_OVERLAP`` of its days with the other."""
    common = (min(a[1], b[1]) - max(a[0], b[0])).days + 1
    return common > 0 and common >= MIN_OVERLAP * _days(a) and common >= MIN_OVERLAP * _days(b)


def _clusters(figures: list[StoredFigure]) -> list[list[StoredFigure]]:
    """Figures of one measure, unit and aggregation, clustered by overlapping periods (undated ones together)."""
    undated = [f for f in figures if f.span is None]
    by_span: dict[tuple[date, date], list[StoredFigure]] = defaultdict(list)
    for figure in figures:
        if figure.span is not None:
            by_span[figure.span].append(figure)
    clusters: list[tuple[tuple[date, date], list[StoredFigure]]] = []
    for span in sorted(by_span, key=lambda sp: (sp[0], -_days(sp))):
        home = next((members for anchor, members in clusters if _meet(anchor, span)), None)
        if home is None:
            clusters.append((span, list(by_span[span])))
        else:
            home.extend(by_span[span])
    result = [members for _, members in clusters]
    return result + [undated] if undated else result


@dataclass
class _Value:
    id: str
    figures: list[StoredFigure]
    measure: str
    """The group's measure (a figure of another key that means it is compared as it)."""

    @property
    def articles(self) -> set[str]:
        return {f.figure.article for f in self.figures}

    def claim(self) -> Claim:
        """The value as a figure claim labelled with its id, for the within-article reconciliation."""
        first = self.figures[0]
        g = first.figure
        figure = Figure(0, len(g.text), g.text, g.low, g.high, g.approximate, first.unit, self.measure)
        return Claim(self.id, "figure", 0, len(g.text), g.text, figure=figure, period=g.period)


@dataclass
class _Draft:
    group: FigureGroup
    values: list[_Value]


class _Counter:
    def __init__(self, prefix: str) -> None:
        self.prefix, self.count = prefix, 0

    def __call__(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count}"


def compare(figures: Iterable[StoredFigure], similarity: lineage.Similarity | None = None) -> list[FigureGroup]:
    """The groups of these figures with spread, lineage and cross-article findings (docs/compare-format.md).

    With ``similarity`` (MiniLM in production), measures outside the taxonomy whose counted
    phrases mean the same are compared as one (``_by_meaning``).
    """
    figures = list(figures)
    meanings = _by_meaning(figures, similarity) if similarity is not None else {}
    by_key: dict[tuple[str, str, str], list[StoredFigure]] = defaultdict(list)
    for figure in figures:
        anchor = meanings.get((figure.measure, figure.unit or ""))
        measure = anchor.measure if anchor is not None else figure.measure
        by_key[(measure, figure.unit or "", figure.aggregation)].append(figure)
    group_ids, value_ids, finding_ids = _Counter("g"), _Counter("v"), _Counter("x")
    drafts: dict[tuple[str, str], list[_Draft]] = defaultdict(list)
    for key in sorted(by_key):
        for members in _clusters(by_key[key]):
            draft = _draft(members, key[0], group_ids, value_ids, finding_ids)
            draft.group.same_meaning = _same_meaning(key[0], key[1], members, meanings)
            drafts[key[:2]].append(draft)
    for related in drafts.values():
        _across_groups(related, finding_ids)
    return [draft.group for key in sorted(drafts) for draft in drafts[key]]


def _draft(
    members: list[StoredFigure], measure: str, group_ids: _Counter, value_ids: _Counter, finding_ids: _Counter
) -> _Draft:
    members.sort(key=lambda f: f.appearance)
    by_value: dict[tuple[float | None, float | None], list[StoredFigure]] = defaultdict(list)
    for member in members:
        by_value[(member.figure.low, member.figure.high)].append(member)
    ordered = sorted(by_value.values(), key=lambda fs: (-len({f.figure.article for f in fs}), fs[0].appearance))
    values = [_Value(value_ids(), figures, measure) for figures in ordered]
    for value in values:
        for member in value.figures:
            member.figure.value = value.id
    first = members[0]
    group = FigureGroup(
        id=group_ids(),
        measure=measure,
        unit=first.unit,
        period=_group_period(members),
        figures=[m.figure for m in members],
        spread=_spread(members),
        lineage=[_lineage(value) for value in values],
    )
    modal = values[0]
    for other in values[1:]:
        if modal.articles == other.articles:
            continue  # the same articles carry both: each one's ledger has this finding already
        _add(compare_pair(modal.claim(), other.claim()), [group], finding_ids)
    return _Draft(group, values)


def _group_period(members: list[StoredFigure]) -> Period | None:
    spans = [m.span for m in members if m.span is not None]
    aggregation = members[0].aggregation
    if not spans:
        texts = sorted({m.figure.period.text for m in members if m.figure.period and m.figure.period.text})
        return Period(None, None, aggregation, texts[0] if len(texts) == 1 else None)  # type: ignore[arg-type]
    start = min(span[0] for span in spans)
    open_end = any(m.figure.period is not None and m.figure.period.end is None for m in members if m.span)
    end = None if open_end else max(span[1] for span in spans)
    return Period(start, end, aggregation, span_text(start, end))  # type: ignore[arg-type]


def _spread(members: list[StoredFigure]) -> Spread:
    lows = [m.figure.low for m in members if m.figure.low is not None]
    highs = [m.figure.high for m in members]
    middles = [(m.figure.low + m.figure.high) / 2 if m.figure.high is not None else m.figure.low for m in members
               if m.figure.low is not None]
    return Spread(
        min=min(lows) if lows else None,
        max=None if any(h is None for h in highs) else max(h for h in highs if h is not None),
        median=statistics.median(middles) if middles else None,
        figures=len(members),
        articles=len({m.figure.article for m in members}),
    )


def _lineage(value: _Value) -> ValueLineage:
    """The first appearance, then the first figure of each later article that repeats the value."""
    first = value.figures[0].figure
    seen = {first.article}
    repeats = []
    for member in value.figures[1:]:
        if member.figure.article not in seen:
            seen.add(member.figure.article)
            repeats.append(member.figure)
    texts = [m.figure.text for m in value.figures]
    text = max(sorted(set(texts)), key=texts.count)
    return ValueLineage(value.id, text, first.low, first.high, first, repeats)


def _add(finding: object, groups: list[FigureGroup], finding_ids: _Counter) -> None:
    if finding is None:
        return
    made = GroupFinding(finding_ids(), finding.type, finding.severity, list(finding.claims), finding.message)  # type: ignore[attr-defined]
    for group in groups:
        group.findings.append(made)


def _across_groups(drafts: list[_Draft], finding_ids: _Counter) -> None:
    """Set the most repeated values of groups of one measure and unit against each other when their periods meet."""
    for a, b in combinations(drafts, 2):
        if _comparable(a.group, b.group):
            _add(compare_pair(a.values[0].claim(), b.values[0].claim()), [a.group, b.group], finding_ids)


def _comparable(a: FigureGroup, b: FigureGroup) -> bool:
    """Dated periods that meet, or a rate (dated or not) against a dated group; never undated totals."""
    pa, pb = a.period, b.period
    if pa is None or pb is None:
        return False
    rate_a, rate_b = pa.aggregation in iv.RATES, pb.aggregation in iv.RATES
    if pa.start is None or pb.start is None:
        return (rate_a and (rate_b or pb.start is not None)) or (rate_b and pa.start is not None)
    end_a, end_b = pa.end or date.max, pb.end or date.max
    return pa.start <= end_b and pb.start <= end_a


# Measures outside the taxonomy, by meaning -------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    """A measure key of one unit as the meaning model reads it: its most frequent counted phrase."""

    measure: str
    phrase: str
    qualifiers: Qualifiers | None
    figures: int


@dataclass(frozen=True)
class _Anchor:
    """The measure a key is compared as, and how close its phrase lies to the anchor's."""

    measure: str
    phrase: str
    similarity: float
    own_phrase: str


def taxonomy_keys() -> frozenset[str]:
    """The measure keys of the built-in taxonomy (data/measures_lexicon.json): a key not among them is a fallback."""
    return frozenset(str(m["key"]) for m in datafiles.load("measures_lexicon")["measures"])


def _by_meaning(figures: list[StoredFigure], similarity: lineage.Similarity) -> dict[tuple[str, str], _Anchor]:
    """Each fallback measure key (of one unit) that means another one, mapped to the key it is compared as.

    Only keys outside the taxonomy (the extractor built them from the counted noun:
    "people_escape", "soldiers") and only within one unit (money is left out: its currency
    is not compared here). A key is read as its most frequent counted phrase with its
    qualifiers; keys join a cluster only when their phrase lies at or above the threshold
    from every member's (no chains of near neighbours) and no two name different places or
    groups. Each distinct phrase is embedded once (``minilm.phrase_similarity`` caches).
    """
    known, threshold = taxonomy_keys(), lineage.settings()["group_meaning_threshold"]
    readings: dict[str, list[_Reading]] = defaultdict(list)
    by_key: dict[tuple[str, str], list[StoredFigure]] = defaultdict(list)
    for figure in figures:
        if figure.measure not in known and figure.unit and figure.unit != "money" and figure.phrase:
            by_key[(figure.measure, figure.unit)].append(figure)
    for (measure, unit), members in sorted(by_key.items()):
        members.sort(key=lambda f: f.appearance)
        phrases = [m.phrase for m in members]
        phrase = max(dict.fromkeys(phrases), key=phrases.count)  # most frequent, the first seen among equals
        qualifiers = next(m.qualifiers for m in members if m.phrase == phrase)
        readings[unit].append(_Reading(measure, phrase, qualifiers, len(members)))
    anchors: dict[tuple[str, str], _Anchor] = {}
    for unit, measures in readings.items():
        clusters: list[list[tuple[_Reading, float]]] = []
        for reading in sorted(measures, key=lambda r: (-r.figures, r.measure)):
            for cluster in clusters:
                scores = [_score(reading, member, similarity) for member, _ in cluster]
                if all(score is not None and score >= threshold for score in scores):
                    cluster.append((reading, scores[0]))  # type: ignore[arg-type]
                    break
            else:
                clusters.append([(reading, 1.0)])
        for cluster in clusters:
            head = cluster[0][0]
            for reading, score in cluster[1:]:
                anchors[(reading.measure, unit)] = _Anchor(head.measure, head.phrase, score, reading.phrase)
    return anchors


def _score(a: _Reading, b: _Reading, similarity: lineage.Similarity) -> float | None:
    """How close two keys' phrases mean; None when their qualifiers name different places or groups."""
    if lineage.qualifiers_conflict(a.qualifiers, b.qualifiers):
        return None
    return 1.0 if lineage.same_words(a.phrase, b.phrase) else similarity(a.phrase, b.phrase)


def _same_meaning(
    measure: str, unit: str, members: list[StoredFigure], anchors: dict[tuple[str, str], _Anchor]
) -> SameMeaning | None:
    """Why figures of other keys stand in this group (None when all count the group's own key)."""
    joined = sorted({m.measure for m in members if m.measure != measure})
    if not joined:
        return None
    found = [anchors[(key, unit)] for key in joined]
    matches = [MeaningMatch(key, a.own_phrase, a.similarity) for key, a in zip(joined, found, strict=True)]
    return SameMeaning(found[0].phrase, lineage.settings()["group_meaning_threshold"], matches)
