"""From records to the Doc: chains on quotes, figures and statements; the sources used, published."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from claimledger.extract.attribution.context import Context, Link, Record
from claimledger.extract.attribution.inherited import inherited_attributions
from claimledger.extract.extensions import FIGURES_KEY, STATEMENTS_KEY
from claimledger.extract.sources import publish
from claimledger.model import Attribution

_HEDGE_CHARS = 60


def is_embedded(ctx: Context, rec: Record) -> bool:
    """A report deep inside what another source is said to say is part of that content, not a statement.

    "Ryan said the senator, who has long supported the ban, would vote against it": the supporting is
    Ryan's account, one claim with him as its source. Only a cue below the top of the other content
    counts: the main verb of that content ("said he wants to cut taxes") says what the reported
    source holds. An impression without a source ("Stumpf appeared to blame workers") names no one
    who says the inner report, so it stays a statement of its own.
    """
    cue = rec.cue_token
    for other in ctx.records:
        if other is rec or other.content is None or ctx.sources.entries[other.link.entry].kind == "unattributed":
            continue
        start, end = other.content
        if not start <= cue.i < end or cue.head.i == cue.i or not start <= cue.head.i < end:
            continue
        if rec.content is not None and rec.content[0] <= other.cue_token.i < rec.content[1]:
            continue  # each holds the other's cue: a parse tangle, not a report inside a report
        return True
    return False


def is_aside(figure: Span, rec: Record, lex: dict) -> bool:
    """A figure in a non-restrictive relative clause (", where …", ", which …") is the author's aside,
    unless the clause's subject is a personal pronoun: the source speaking on ("According to the USGS, the
    quake, which it measured at 6.1, …"; "the attack, which they said killed 12"). A signature after
    its content signs all of it (:attr:`Record.signs_before`)."""
    if rec.signs_before:
        return False
    doc = figure.doc
    tok = figure.root
    start, end = rec.content
    while start <= tok.i < end and tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "advcl") and tok.left_edge.i > start and doc[tok.left_edge.i - 1].text in (",", "—", "–", "("):
            if doc[tok.left_edge.i].lower_ in lex["aside_openers"]:
                return not _source_speaks_on(tok, lex)
        tok = tok.head
    return False


def _source_speaks_on(clause: Token, lex: dict) -> bool:
    """The clause's own subject is a pronoun of the source the content is attributed to ('it', 'they')."""
    return any(c.dep_ == "nsubj" and c.lower_ in lex["aside_source_subjects"] for c in clause.children)


def hedge_words(ctx: Context, rec: Record) -> str:
    """The words a figure's only, unattributed source rests on ("reports indicating", "it is believed")."""
    if rec.speaker is None:
        return rec.link.cue
    start = min(rec.speaker[0], rec.link.start)
    end = max(rec.speaker[1], rec.link.end)
    if end - start > _HEDGE_CHARS:
        return rec.link.cue
    return ctx.doc.text[start:end]


def figure_records(ctx: Context, quote_recs: list[tuple[Span, Record]]) -> list[tuple[Span, Record]]:
    """Each figure with the innermost content that holds it (not as an aside), else the record of the
    quote it stands in ("“… at 30 feet. …,” said Bruce Fitzgerald": a quote of several sentences
    is one voice, though the cue's content is one of them), then those that inherit one."""
    doc = ctx.doc
    figures = list(doc.spans[FIGURES_KEY]) if FIGURES_KEY in doc.spans else []
    held: list[tuple[Span, Record]] = []
    for f in figures:
        # a figure that begins inside a content is in it: "(Bloomberg estimate Rs 138.6 crore)" parsed
        # with "Rs" as the object and the amount hung elsewhere still says the whole amount
        holders = [
            r for r in ctx.records
            if r.content and r.content[0] <= f.start < r.content[1] and not is_aside(f, r, ctx.lex)
        ]
        if holders:
            held.append((f, reported_by(ctx, min(holders, key=lambda r: r.content[1] - r.content[0]), holders)))
            continue
        quoted = [(q, r) for q, r in quote_recs if q.start <= f.start and f.end <= q.end]
        if quoted:
            held.append((f, min(quoted, key=lambda pair: len(pair[0]))[1]))
    return held + inherited_attributions(ctx, figures, held)


def reported_by(ctx: Context, inner: Record, holders: list[Record]) -> Record:
    """``Kelly said guns seized rose by 8,000, according to police statistics``: who says it, then whom they cite.

    The innermost content holding a figure may be a report inside what another source is said to
    say (its cue inside that content): the figure's chain starts with the outer source and goes on
    with the inner one. An impression without a source inside it ("Tens of thousands are believed
    to have fled, according to the U.N. migration agency") is the named source's own hedge: the
    figure is theirs. A report beside the other ("Police said 8,000; the mayor said 9,000") is its own.
    """
    kind = ctx.sources.entries
    outer = [
        r for r in holders
        if r is not inner and r.content[0] <= inner.cue_token.i < r.content[1]
        and kind[r.link.entry].kind != "unattributed" and r.link.entry != inner.link.entry
    ]
    if not outer:
        return inner
    speaker = min(outer, key=lambda r: r.content[1] - r.content[0])
    if kind[inner.link.entry].kind == "unattributed":
        return speaker
    return replace(speaker, content=inner.content, chain=[*speaker.chain, inner.link, *inner.chain])


def by_author(rec: Record) -> Record:
    """A figure said by a bare "The statement" is its author's (``Record.author``, when known)."""
    if rec.author is None:
        return rec
    link = rec.link
    return replace(rec, link=Link(rec.author, link.relation, link.cue, link.start, link.end))


def statement_records(ctx: Context) -> list[tuple[Span, Record]]:
    """The contents that are statements of their own: not one word, not inside a title, not mostly one quote, not embedded."""
    doc = ctx.doc
    statements: list[tuple[Span, Record]] = []
    seen: set[tuple[int, int]] = set()
    quote_ranges = [(q.start, q.end) for q in ctx.quotes if q._.cl_quote_kind != "title"]
    title_ranges = [(q.start, q.end) for q in ctx.quotes if q._.cl_quote_kind == "title"]
    for rec in ctx.records:
        if rec.content is None or rec.content in seen:
            continue
        if rec.content[1] - rec.content[0] < 2 and doc[rec.content[0]].pos_ not in ("PROPN", "NOUN"):
            # one word is a content only as a name or noun ("endorsed Cruz", "supports amnesty"), not "it"
            continue
        if rec.embedded:
            continue
        start, end = rec.content
        if any(qs <= start and end <= qe for qs, qe in title_ranges):
            continue  # a name of a work is not what was said ("said on CBS's ''Face the Nation''" parsed as a clause)
        # a content that is mostly one quote is that quote; one that strings several quoted words
        # together ('called the senator a "nasty guy," an "anchor baby" and "sick"') is more than each
        if not rec.turn and any(max(0, min(end, qe) - max(start, qs)) * 2 > end - start for qs, qe in quote_ranges):
            continue
        seen.add(rec.content)
        statements.append((doc[start:end], rec))
    return statements


def write(ctx: Context, quote_recs: list[tuple[Span, Record]]) -> None:
    """Chains on quotes, figures and ``cl_statements``; ``Doc._.cl_sources`` pruned to the sources used."""
    doc = ctx.doc
    registry = ctx.sources
    for q in ctx.quotes:
        q._.cl_attribution = None
    figure_recs = figure_records(ctx, quote_recs)
    statements = statement_records(ctx)
    figure_recs = [(f, by_author(rec)) for f, rec in figure_recs]
    for _, rec in quote_recs + figure_recs + statements:
        for link in rec.links:
            registry.mark_used(link.entry)
    ids = publish(doc, registry, only_used=True)

    def chain(rec: Record) -> list[Attribution]:
        return [
            Attribution(source=ids[link.entry], relation=link.relation, cue=link.cue, start=link.start, end=link.end)  # type: ignore[arg-type]
            for link in rec.links
            if link.entry in ids
        ]

    for q, rec in quote_recs:
        q._.cl_attribution = chain(rec)
        if q._.cl_quote is not None and rec.setting and q._.cl_quote_kind in ("full", "partial"):
            q._.cl_quote.setting = rec.setting
    for f, rec in figure_recs:
        f._.cl_attribution = chain(rec)
        if registry.entries[rec.link.entry].kind == "unattributed":
            f._.cl_hedges = [hedge_words(ctx, rec)]
    spans = []
    for span, rec in statements:
        span._.cl_attribution = chain(rec)
        spans.append(span)
    doc.spans[STATEMENTS_KEY] = spans
    doc._.cl_source_index = None
