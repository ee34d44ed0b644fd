"""Chains: whom a source cites (``TASS, citing the Financial Times, which cites prosecutors``).

A chain is a list of :class:`Link` after the nearest source, each ``cited``; the links are
followed through ``citing``/``quoting``/``referring to``/``based on``/``drawing on`` and through
relative clauses and ``data from X`` phrases.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.extract.attribution.context import CiteEvent, Context, Link, Record
from claimledger.extract.attribution.speakers import resolve, speaker_head

_CHAIN_DEPTH = 4
_ON_CUE = ("advcl", "xcomp", "prep", "conj", "acl", "pcomp", "dep", "csubj", "npadvmod")
_ON_SOURCE = ("acl", "appos", "relcl", "advcl")


def skip_articles(doc: Doc, start: int, stop: int, lex: dict) -> int:
    """``start`` moved past the articles opening a phrase ("the", "a"), not beyond ``stop``."""
    while start < stop and doc[start].lower_ in lex["articles"]:
        start += 1
    return start


def data_from(obj: Token, lex: dict) -> tuple[Token, int]:
    """``data from X`` / ``figures of X`` → X; returns the target and the token index where its phrase starts."""
    if obj.lemma_.lower() in lex["cite_objects"] or obj.lower_ in lex["cite_objects"]:
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ in lex["data_from_preps"]:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    start = skip_articles(obj.doc, pobj.left_edge.i, pobj.i, lex)
                    inner, inner_start = data_from(pobj, lex)
                    return inner, inner_start if inner is not pobj else start
    return obj, skip_articles(obj.doc, obj.left_edge.i, obj.i, lex)


def cite_target(c: Token, lex: dict) -> Token | None:
    """What the citing word ``c`` cites: its object ("citing X") or its preposition's ("referring to X")."""
    lemma = c.lemma_.lower()
    if lemma in lex["cite_object_lemmas"]:
        for child in c.children:
            if child.dep_ == "dobj":
                return child
    preps = lex["cite_preps"].get(lemma, ())
    for child in c.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            pobj = next((x for x in child.children if x.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def link_for(ctx: Context, c: Token) -> tuple[Link, Token] | None:
    """The ``cited`` link the citing word ``c`` makes, and the token of the cited source."""
    doc = c.doc
    lex = ctx.lex
    obj = cite_target(c, lex)
    if obj is None:
        return None
    target, phrase_start = data_from(obj, lex)
    if target.lemma_.lower() in lex["cite_objects"] and target is obj and not any(
        ch.dep_ in ("compound", "poss") for ch in target.children
    ):
        # "citing figures" with no author: no link
        if target.lemma_.lower() not in lex["cite_objects_as_sources"]:
            return None
    idx = resolve(ctx, target, c, weak=False)
    if idx is None:
        return None
    cue_end = max(phrase_start, c.i + 1)
    cue_tokens = doc[c.i : cue_end]
    while len(cue_tokens) > 1 and cue_tokens[-1].lower_ in lex["articles"]:
        cue_tokens = cue_tokens[:-1]
    return Link(idx, "cited", cue_tokens.text, cue_tokens.start_char, cue_tokens.end_char), target


def cites_from(ctx: Context, target: Token, depth: int = 0) -> list[Link]:
    """Links after ``target``: "the Financial Times, which cites prosecutors"; "X, citing Y"."""
    if depth > _CHAIN_DEPTH:
        return []
    for child in target.children:
        if child.dep_ in ("relcl", "acl", "appos") and child.lemma_.lower() in ctx.lex["cite_lemmas"]:
            got = link_for(ctx, child)
            if got is not None:
                link, nxt = got
                return [link, *cites_from(ctx, nxt, depth + 1)]
    return []


def chain_of(ctx: Context, cue: Token, entry: int) -> list[Link]:
    """The chain of a record whose cue is ``cue`` and nearest source ``entry``.

    "X said, citing Y, that …", "X, citing Y, said …", "X, which cites Y, said …": a citing word
    on the cue (or on its clause), else on the speaker phrase, else a relative clause on it.
    """
    lex = ctx.lex
    candidates: list[Token] = []
    holders = [cue] + [c for c in cue.children if c.dep_ == "ccomp"]
    for holder in holders:
        for child in holder.children:
            if child.lemma_.lower() in lex["cite_lemmas"] and child.dep_ in _ON_CUE:
                candidates.append(child)
    prepositional = cue.lower_ in lex["prepositional_cues"] or cue.dep_ == "advmod"
    head = None if prepositional else speaker_head(cue, lex)[0]
    if head is not None:
        for child in head.children:
            if child.lemma_.lower() in lex["cite_lemmas"] and child.dep_ in _ON_SOURCE:
                candidates.append(child)
    for c in sorted(candidates, key=lambda t: t.i):
        got = link_for(ctx, c)
        if got is not None:
            link, target = got
            if link.entry == entry:
                continue
            return [link, *cites_from(ctx, target)]
    if head is not None:
        rest = cites_from(ctx, head)
        if rest:
            return rest
    return []


def note_citing(ctx: Context, c: Token, sent_start: int) -> None:
    """Record ``…, citing Y`` as an event: who cites (the governing verb's subject, ``through X``) and the chain.

    The event gives its chain to a later record of the same sources (``carry_citing``).
    """
    got = link_for(ctx, c)
    if got is None:
        return
    link, target = got
    chain = [link, *cites_from(ctx, target)]
    registry = ctx.sources
    verb = c.head
    citers: set[int] = set()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") or (child.dep_ == "prep" and child.lower_ in ctx.lex["citer_preps"]):
            for t in child.subtree:
                if t.i in registry.token_entry:
                    citers.add(registry.token_entry[t.i])
    if c.dep_ in ("acl", "relcl") and c.head.i in registry.token_entry:
        citers.add(registry.token_entry[c.head.i])
    ctx.cite_events.append(CiteEvent(sent_start, citers, chain))


def carry_citing(ctx: Context) -> None:
    """A source that cited someone in the sentence before (or this one) keeps citing them.

    "The ministry, through its spokesperson Maria Zakharova, has amplified these figures, citing
    data from …" + "Zakharova stated that …": the second report has the first one's chain.
    """
    sent_index = {s.start: i for i, s in enumerate(ctx.sents)}
    for rec in ctx.records:
        if rec.chain or rec.link.relation == "cited":
            continue
        here = sent_index.get(rec.sent_start, 0)
        for event in reversed(ctx.cite_events):
            if here - 1 <= sent_index.get(event.sent_start, -9) <= here and rec.link.entry in event.citers and event.chain:
                if event.chain[0].start != rec.link.start:
                    rec.chain = list(event.chain)
                    break


def give_chain(ctx: Context, rec: Record) -> None:
    """The record's chain from its own sentence, unless its handler made one already."""
    if not rec.chain:
        rec.chain = chain_of(ctx, rec.cue_token, rec.link.entry)
