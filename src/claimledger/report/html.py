"""The ledger as one self-contained HTML page: the article with its claims marked in place.

Spans in a ledger nest and overlap (a figure inside its clause, a quote around a
figure, a source name inside a finding's span), so the text is not wrapped
span by span, which could not always give balanced tags. It is cut at every
span boundary instead, and each piece becomes one flat ``<span>`` carrying the
classes and ids of every span that covers it. The page script joins the pieces
of one claim again through their ``data-*`` attributes.

All text goes through the Jinja2 template with autoescape on; this module
builds plain data and never writes markup itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from claimledger.model import SEVERITIES, Claim, Ledger
from claimledger.report.format import (
    article_heading,
    by_severity,
    card_rows,
    claim_label,
    claims_by_source,
    counts,
    framing_headline,
    framing_rows,
    framing_spans,
    plural,
    severity_counts,
    short_id,
    source_name,
)

TEMPLATES = Path(__file__).parent / "templates"

# Span kinds whose span is "the claim" in the text: a figure claim is shown by
# its figure, a quote or statement by its content. Their first piece gets the
# claim's anchor (id="c3") and opens the claim's card.
_CLAIM_KINDS = ("fig", "quote", "stmt")
# The data-* attribute that lists, on each piece, the ids of the spans of each kind.
_DATA_ATTRIBUTE = {
    "fig": "data-claim",
    "quote": "data-claim",
    "stmt": "data-claim",
    "clause": "data-clause",
    "cue": "data-cue",
    "src": "data-source",
    "fspan": "data-finding",
}


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str
    key: str


@dataclass
class Piece:
    """A run of text covered by the same spans; ``anchors`` are the ids that start here."""

    text: str
    classes: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str]] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)


@dataclass
class ChainLink:
    source_id: str
    name: str
    relation: str
    cue: str
    known: bool


@dataclass
class Card:
    """What a reader needs to judge one claim without reading the JSON."""

    claim: Claim
    title: str
    rows: list[tuple[str, str]]
    chain: list[ChainLink]
    findings: list[tuple[str, str, str]]
    in_text: bool


@dataclass
class Target:
    """A place a finding points to; ``anchor`` is None when its span is not in the text."""

    label: str
    anchor: str | None
    flash: str


@dataclass
class FindingView:
    id: str
    type: str
    severity: str
    message: str
    targets: list[Target]


@dataclass
class SourceView:
    id: str
    name: str
    details: str
    mentions: int
    claims: list[Target]


def _spans(ledger: Ledger) -> list[_Span]:
    """Every span of the ledger, clamped to the text; spans with nothing left in them are dropped."""
    raw: list[_Span] = []
    for claim in ledger.claims:
        if claim.figure is not None:
            raw.append(_Span(claim.figure.start, claim.figure.end, "fig", claim.id))
            raw.append(_Span(claim.start, claim.end, "clause", claim.id))
        else:
            raw.append(_Span(claim.start, claim.end, "quote" if claim.kind == "quote" else "stmt", claim.id))
        raw.extend(_Span(link.start, link.end, "cue", claim.id) for link in claim.attribution)
    for source in ledger.sources:
        raw.extend(_Span(start, end, "src", source.id) for start, end in source.mentions)
    for finding in ledger.findings:
        if finding.start is not None and finding.end is not None:
            raw.append(_Span(finding.start, finding.end, "fspan", finding.id))
    size = len(ledger.article.text)
    clamped = (_Span(max(0, s.start), min(size, s.end), s.kind, s.key) for s in raw)
    return [s for s in clamped if s.start < s.end]


def _piece(text: str, start: int, covering: list[_Span], ranks: dict[str, int], names: dict[str, str]) -> Piece:
    piece = Piece(text)
    if not covering:
        return piece
    data: dict[str, list[str]] = {}
    for span in covering:
        if span.kind != "clause" and span.kind not in piece.classes:
            piece.classes.append(span.kind)
        keys = data.setdefault(_DATA_ATTRIBUTE[span.kind], [])
        if span.key not in keys:
            keys.append(span.key)
        if span.start == start and span.kind in _CLAIM_KINDS:
            piece.anchors.append(span.key)
        elif span.start == start and span.kind == "fspan":
            piece.anchors.append(f"span-{span.key}")
    piece.attrs = [(name, " ".join(keys)) for name, keys in data.items()]

    findings = [s for s in covering if s.kind == "fspan"]
    if findings:
        # Where finding spans overlap, the most severe one colours the text.
        worst = min(ranks[s.key] for s in findings)
        piece.classes.append(f"sev-{SEVERITIES[worst]}")

    claims = [s for s in covering if s.kind in _CLAIM_KINDS]
    if claims:
        # The innermost claim opens its card: a figure inside a quote shows the figure.
        inner = min(claims, key=lambda s: s.end - s.start)
        piece.attrs.append(("data-card", inner.key))
        if inner.start == start:
            piece.attrs += [("tabindex", "0"), ("aria-describedby", f"card-{inner.key}")]
    sources = [s.key for s in covering if s.kind == "src"]
    if sources:
        piece.attrs.append(("title", "; ".join(names.get(key, key) for key in sources)))
    return piece


def pieces(ledger: Ledger) -> list[Piece]:
    """The article text cut at every span boundary; joined again, the pieces give the text back unchanged."""
    text = ledger.article.text
    lowest = len(SEVERITIES) - 1
    ranks = {f.id: SEVERITIES.index(f.severity) if f.severity in SEVERITIES else lowest for f in ledger.findings}
    names = {s.id: s.name for s in ledger.sources}
    spans = sorted(_spans(ledger), key=lambda s: s.start)
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    result: list[Piece] = []
    active: list[_Span] = []
    following = iter(spans)
    upcoming = next(following, None)
    for start, end in zip(bounds, bounds[1:]):
        while upcoming is not None and upcoming.start <= start:
            active.append(upcoming)
            upcoming = next(following, None)
        # Every span end is a boundary, so a span still open at ``start`` covers the whole piece.
        active = [s for s in active if s.end > start]
        result.append(_piece(text[start:end], start, active, ranks, names))
    return result


def _cards(ledger: Ledger, anchors: set[str]) -> list[Card]:
    known_sources = {s.id for s in ledger.sources}
    cards = []
    for claim in ledger.claims:
        rows = card_rows(claim)
        chain = [
            ChainLink(
                link.source, source_name(ledger, link.source), link.relation, link.cue, link.source in known_sources
            )
            for link in claim.attribution
        ]
        findings = [(f.id, f.type, f.severity) for f in by_severity(ledger.findings) if claim.id in f.claims]
        cards.append(Card(claim, claim_label(claim), rows, chain, findings, claim.id in anchors))
    return cards


def _claim_target(ledger: Ledger, claim_id: str, anchors: set[str]) -> Target:
    try:
        label = f"{claim_id} · {claim_label(ledger.claim(claim_id), 40)}"
    except KeyError:
        label = claim_id
    return Target(label, claim_id if claim_id in anchors else None, f"claim:{claim_id}")


def _findings(ledger: Ledger, anchors: set[str]) -> list[FindingView]:
    views = []
    text = ledger.article.text
    for finding in by_severity(ledger.findings):
        targets = [_claim_target(ledger, claim_id, anchors) for claim_id in finding.claims]
        if finding.start is not None and finding.end is not None:
            span_anchor = f"span-{finding.id}"
            quoted = " ".join(text[finding.start : finding.end].split())
            label = f"“{quoted if len(quoted) <= 40 else quoted[:39] + '…'}”"
            targets.append(Target(label, span_anchor if span_anchor in anchors else None, f"finding:{finding.id}"))
        views.append(FindingView(finding.id, finding.type, finding.severity, finding.message, targets))
    return views


def _sources(ledger: Ledger, anchors: set[str]) -> list[SourceView]:
    claims = claims_by_source(ledger)
    views = []
    for source in ledger.sources:
        details = ", ".join(part for part in (source.kind, source.role, source.affiliation) if part)
        targets = [_claim_target(ledger, claim_id, anchors) for claim_id in claims.get(source.id, [])]
        views.append(SourceView(source.id, source.name, details, len(source.mentions), targets))
    return views


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def context(ledger: Ledger) -> dict[str, Any]:
    """What ``ledger-head.html.j2`` and ``ledger-body.html.j2`` need: the web app renders the same partials."""
    article = ledger.article
    text_pieces = pieces(ledger)
    anchors = {anchor for piece in text_pieces for anchor in piece.anchors}
    return {
        "article": article,
        "heading": article_heading(article),
        "short_id": short_id(article.id),
        "counts": [plural(n, noun) for n, noun in counts(ledger)],
        "severity_counts": severity_counts(ledger.findings),
        "pieces": text_pieces,
        "cards": _cards(ledger, anchors),
        "findings": _findings(ledger, anchors),
        "sources": _sources(ledger, anchors),
        "framing": (
            {"headline": framing_headline(ledger), "rows": framing_rows(ledger), "spans": framing_spans(ledger)}
            if ledger.framing is not None
            else None
        ),
    }


def render(ledger: Ledger) -> str:
    return _environment().get_template("report.html.j2").render(**context(ledger))
