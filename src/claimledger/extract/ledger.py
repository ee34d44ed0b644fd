"""Turn an annotated Doc into the claims of a ledger.

The components leave their results on spans; this is the one place that reads
them back and numbers the claims, so the ledger's shape is decided here only.
Claims of every kind (figure, quote, statement) are numbered c1, c2, … in text order.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimledger.extract.extensions import FIGURES_KEY, QUOTES_KEY, STATEMENTS_KEY
from claimledger.model import Claim, ClaimLink, Quote

_KIND_ORDER = {"figure": 0, "quote": 1, "statement": 2}


def figure_claims(doc: Doc) -> list[Claim]:
    """One claim per figure span (ids are given by ``claims_from_doc``)."""
    claims: list[Claim] = []
    for span in doc.spans.get(FIGURES_KEY, []):
        figure = span._.cl_figure
        clause = span._.cl_clause or span.sent
        claims.append(
            Claim(
                id="",
                kind="figure",
                start=clause.start_char,
                end=clause.end_char,
                text=clause.text,
                figure=figure,
                period=span._.cl_period,
                attribution=list(span._.cl_attribution or []),
                hedges=list(span._.cl_hedges or []),
                inherited=list(span._.cl_inherited or []),
            )
        )
    return claims


def quote_claims(doc: Doc) -> list[Claim]:
    """One claim per quotation (titles in quotes are not claims)."""
    claims: list[Claim] = []
    for span in doc.spans.get(QUOTES_KEY, []):
        if span._.cl_quote_kind == "title":
            continue
        quote = span._.cl_quote or Quote()
        claims.append(
            Claim(
                id="",
                kind="quote",
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                attribution=list(span._.cl_attribution or []),
                quote=Quote(direct=quote.direct, setting=quote.setting),
            )
        )
    return claims


def statement_claims(doc: Doc) -> list[Claim]:
    """Attributed assertions that are neither a quotation nor carry a figure (figure claims hold those)."""
    figures = [(s.start_char, s.end_char) for s in doc.spans.get(FIGURES_KEY, [])]
    claims: list[Claim] = []
    for span in doc.spans.get(STATEMENTS_KEY, []):
        if any(span.start_char <= fs and fe <= span.end_char for fs, fe in figures):
            continue
        claims.append(
            Claim(
                id="",
                kind="statement",
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                attribution=list(span._.cl_attribution or []),
            )
        )
    return claims


def link_changes(claims: list[Claim]) -> None:
    """A change stated as "from X to Y" runs from the level X to the level Y: the two figures inside its span."""
    figures = [c for c in claims if c.figure is not None]
    for claim in figures:
        change = claim.figure
        assert change is not None
        if change.role != "change":
            continue
        inside = sorted(
            (c for c in figures if c is not claim and change.start <= c.figure.start and c.figure.end <= change.end),  # type: ignore[union-attr]
            key=lambda c: c.figure.start,  # type: ignore[union-attr]
        )
        if len(inside) == 2:
            claim.links = [ClaimLink("change_from", inside[0].id), ClaimLink("change_to", inside[1].id)]


def claims_from_doc(doc: Doc) -> list[Claim]:
    """Every claim of the Doc, in text order, ids c1, c2, …"""
    claims = figure_claims(doc) + quote_claims(doc) + statement_claims(doc)
    claims.sort(key=lambda c: (c.start, _KIND_ORDER[c.kind], c.figure.start if c.figure else 0, c.end))
    for number, claim in enumerate(claims, start=1):
        claim.id = f"c{number}"
    link_changes(claims)
    return claims
