"""Turn an annotated Doc into the claims of a ledger.

The components leave their results on spans; this is the one place that reads
them back and numbers the claims, so the ledger's shape is decided here only.
Claims of every kind (figure, quote, statement) are numbered c1, c2, … in text order.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc

from claimledger.extract.contradiction import sentence_pairs
from claimledger.extract.extensions import FIGURES_KEY, QUOTES_KEY, STATEMENTS_KEY
from claimledger.extract.framing import FRAMING_KEY, add_claim_hedges, framing_summary
from claimledger.extract.quotes import settings_lexicon
from claimledger.extract.sources import is_vague
from claimledger.model import Article, Claim, ClaimLink, Ledger, Quote, Source

_KIND_ORDER = {"figure": 0, "quote": 1, "statement": 2}


@cache
def _setting_lead() -> re.Pattern[str]:
    """The words before a setting noun that belong to the setting: "in a closed-door meeting"."""
    lex = settings_lexicon()
    prepositions, determiners = (
        "|".join(map(re.escape, sorted(lex[k]))) for k in ("setting_prepositions", "setting_determiners")
    )
    return re.compile(rf"\b({prepositions})\s+(?:(?:{determiners})\s+)?$")


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
        where = setting_span(doc.text, quote.setting, span.start_char) if quote.setting else None
        claims.append(
            Claim(
                id="",
                kind="quote",
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                attribution=list(span._.cl_attribution or []),
                quote=Quote(direct=quote.direct, setting=quote.setting, setting_span=where),
            )
        )
    return claims


def setting_span(text: str, setting: str, quote_start: int) -> tuple[int, int] | None:
    """Where a quote's setting stands (found from a little before the quote), with the words that lead into it."""
    at = text.find(setting, max(0, quote_start - 200))
    if at < 0:
        return None
    lead = _setting_lead().search(text[max(0, at - 20) : at])
    return (max(0, at - 20) + lead.start() if lead else at, at + len(setting))


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


def unattributed_evidence(text: str, claim: Claim, sources: dict[str, Source]) -> tuple[int, int] | None:
    """Where the first hedge of a claim resting on no source stands: the words a reader is asked to trust.

    The hedge is looked for from a little before the words its link rests on (``Reports indicate …``).
    """
    if not claim.attribution or not claim.hedges:
        return None
    link = claim.attribution[0]
    source = sources.get(link.source)
    if source is None or source.kind != "unattributed":
        return None
    rests_on, _ = source.words_near(text, link.start, link.end)
    at = text.find(claim.hedges[0], max(0, rests_on - 80))
    return (at, at + len(claim.hedges[0])) if at >= 0 else None


def ledger_sources(doc: Doc) -> list[Source]:
    """The Doc's sources, each marked vague when it is a group too broad to check."""
    return [replace(source, vague=is_vague(source)) for source in doc._.cl_sources or []]


def ledger_from_doc(doc: Doc, article: Article) -> Ledger:
    """The ledger of one processed Doc, before the checks: everything a check needs from the text is on it,
    so the checks read the ledger alone (and a ledger read back from JSON gets the same findings)."""
    claims = claims_from_doc(doc)
    framing = framing_summary(doc) if FRAMING_KEY in doc.spans else None
    if framing is not None:
        add_claim_hedges(claims, framing)
    sources = ledger_sources(doc)
    by_id = {source.id: source for source in sources}
    for claim in claims:
        claim.evidence = unattributed_evidence(doc.text, claim, by_id)
    # the self-contradiction rules read the parse; ru/uk/de Docs (spacy.blank) have none
    pairs = sentence_pairs(doc) if doc.has_annotation("DEP") else []
    return Ledger(article=article, sources=sources, claims=claims, framing=framing, contradiction_candidates=pairs)
