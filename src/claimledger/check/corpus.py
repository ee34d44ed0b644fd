"""The corpus findings of one article: copied_text, name_variant, figure_mismatch_reference.

A pure function over what store/ reads from the corpus (``store/corpus_checks.py`` runs the
queries and builds a ``CorpusView`` per article): its near-copies, the names it writes, its
dated figures, and for the corpus as a whole the spellings of each name and the reference
series. The findings come in one order: the copies, then the names, then the reference rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from claimledger.check import copies, names, reference
from claimledger.model import Claim, Finding, ReferenceRow

WHAT = {"person": "name", "outlet": "outlet", "organization": "organisation"}
SHOWN = 3
"""Articles a name_variant finding names for each spelling (the earliest)."""


@dataclass(frozen=True)
class Published:
    """An article as a message names it: its id, outlet and date."""

    article: str
    outlet: str | None
    published: date | None

    @property
    def label(self) -> str:
        """Its outlet and date, or its short id."""
        when = self.published.isoformat() if self.published else "(undated)"
        return f"{self.outlet or 'article ' + self.article[:12]} {when}"

    @property
    def order(self) -> tuple[bool, date, str]:
        """Earliest first, undated last."""
        return (self.published is None, self.published or date.max, self.article)


@dataclass(frozen=True)
class WrittenName:
    """A person, organisation or outlet as one article writes it."""

    source: str | None
    """The source id, or None for the article's outlet."""
    text: str
    group: str
    span: tuple[int, int] | None = None
    """The source's first mention."""
    claims: tuple[str, ...] = ()
    """The claims the article attributes to the source, in claim order."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.group, names.normalise(self.text))


@dataclass
class CorpusView:
    """What the corpus checks read about one article."""

    article: str
    published: date | None
    copies: list[copies.Copy] = field(default_factory=list)
    names: list[WrittenName] = field(default_factory=list)
    figures: list[Claim] = field(default_factory=list)
    """Its dated figure claims whose measure has a reference series."""


@dataclass
class CorpusNames:
    """The corpus's spellings: the names that have variants, and the articles that write each spelling."""

    clusters: Mapping[tuple[str, str], names.Variants]
    writers: Mapping[tuple[str, str], list[Published]]


def corpus_findings(
    view: CorpusView, spellings: CorpusNames, series: Mapping[str, list[ReferenceRow]]
) -> list[Finding]:
    """Every corpus finding of one article: a copy, each misspelt name, each figure against its reference rows."""
    found: list[Finding] = []
    copied = copies.copied_text(view.article, view.published, view.copies)
    if copied is not None:
        found.append(copied)
    found += name_findings(view.names, spellings)
    for claim in view.figures:
        found += reference.check(claim, series.get(claim.figure.measure, []) if claim.figure else [])
    return found


def name_findings(written: list[WrittenName], spellings: CorpusNames) -> list[Finding]:
    """One name_variant per name the article spells otherwise than others do (sources first, then the outlet)."""
    where = {
        key[1]: [p.label for p in sorted(articles, key=lambda p: p.order)[:SHOWN]]
        for key, articles in spellings.writers.items()
    }
    found = []
    seen: set[tuple[str, str]] = set()
    for name in sorted(written, key=lambda n: (n.source is None, n.span or (0, 0))):
        cluster = spellings.clusters.get(name.key)
        if cluster is None or name.key in seen or not cluster.misspelt(name.key[1]):
            continue
        seen.add(name.key)
        what = WHAT[name.group] if name.source else "publishing outlet"
        found.append(names.finding(name.text, cluster, what, where, list(name.claims), name.span))
    return found
