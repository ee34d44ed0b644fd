"""Who a cue's speaker is: the speaker phrase on the parse, and its entry in the source registry."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimledger.extract.attribution.context import Context


def cue_text(tok: Token) -> tuple[str, int, int]:
    """The cue's words (the verb with its particle: "pointed out") and their characters."""
    # token and span texts, not doc.text: that rebuilds the whole article on every access
    last = tok
    for child in tok.children:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            last = child
    span = tok.doc[tok.i : last.i + 1]
    return span.text, span.start_char, span.end_char


def quote_between(a: Token, b: Token) -> bool:
    """A quote mark between two tokens: they are on either side of a quotation's edge."""
    lo, hi = sorted((a.i, b.i))
    return any(t.is_quote for t in a.doc[lo + 1 : hi])


def speaker_head(tok: Token, lex: dict) -> tuple[Token | None, str]:
    """The head of the speaker phrase of cue ``tok`` and how it was found.

    ``subject``, ``agent`` (``described by X``), ``relative`` (``X, who reported``), ``participle``
    (``reports indicating``), ``impersonal`` (``it is believed``, ``he is said to``) or ``none``.
    """
    # the subject nearest the cue: a dateline or timestamp the parser hung on the verb as a
    # second subject ("9:30 p.m.\n\nDonald Trump says …") comes first and is not the speaker
    subjects = [c for c in tok.children if c.dep_ == "nsubj"] or [c for c in tok.children if c.dep_ == "csubj"]
    # a subject the parser took from inside the quote ('"…, it will come," said James Acton') is the
    # quote's, not the speaker: one with no quote mark between it and the cue comes first
    subjects = [c for c in subjects if not quote_between(c, tok)] or subjects
    before = [c for c in subjects if c.i < tok.i]
    subj = before[-1] if before else (subjects[0] if subjects else None)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    if agent is not None:
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return pobj, "agent"
    if passive:
        sp = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if sp is not None and sp.lower_ == lex["impersonal_subject"]:
            return sp, "impersonal"
        if sp is not None and any(c.dep_ == "xcomp" for c in tok.children):
            return sp, "impersonal"  # "he is said to have …"
        if sp is not None and sp.lower_ not in lex["relative_pronouns"] and tok.lemma_.lower() in lex["passive_as_verbs"] and any(
            c.dep_ == "prep" and c.lower_ == lex["as_word"] and c.i > tok.i for c in tok.children
        ):
            return sp, "impersonal"  # "the process is seen as one way Sanders could gain concessions"
        return None, "none"
    if subj is not None:
        if subj.lower_ in lex["relative_pronouns"] and tok.dep_ == "relcl":
            return tok.head, "relative"
        if subj.lower_ in lex["non_speaker_subjects"]:
            return None, "none"
        return subj, "subject"
    if tok.dep_ in ("xcomp", "conj") and tok.head.pos_ in ("VERB", "AUX"):
        return speaker_head(tok.head, lex)
    if tok.dep_ == "advcl" and tok.tag_ == "VBG":
        return speaker_head(tok.head, lex)
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        return speaker_head(tok.head.head, lex)  # "Obama responded … by saying his refusal …"
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head, "participle"
    return None, "none"


def resolve(ctx: Context, head: Token, cue: Token, weak: bool) -> int | None:
    """The registry entry of the speaker phrase headed by ``head``, or None when it names no source.

    ``weak``: the cue needs a subject that can be a source (``suggest``, ``show``), not any noun.
    """
    registry = ctx.sources
    # "his spokesman, John Smith," → the named apposition
    for child in head.children:
        if child.dep_ == "appos" and child.i in registry.token_entry:
            return registry.token_entry[child.i]
    lex = ctx.lex
    if head.lower_ in lex["generic_pronouns"]:
        return None
    idx = registry.resolve(head, cue=cue, weak=weak)
    if idx is None and (head.lower_ in lex["writer_pronouns"] or (head.lower_ in lex["third_person_pronouns"] and not weak)):
        # an unresolved pronoun is still someone: keep it as written; "I" and "we" are the writer
        # (an op-ed's "I know …", "we believe …") even for the cues that need a source-like subject
        idx = registry.add_source("person", head.doc[head.i : head.i + 1])
    return idx


def unattributed(ctx: Context, span: Span) -> int:
    """A new ``unattributed`` entry for hedging words (``reportedly``, ``it is believed``)."""
    return ctx.sources.add_source("unattributed", span)
