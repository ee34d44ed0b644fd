"""Which record a quote belongs to, and the setting it was given in."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimledger.extract.attribution.context import Context, Record
from claimledger.extract.quotes import settings_lexicon

_NEAR_CUE = 12  # tokens between a partial quote and the cue of its sentence
_BARE_CUE_SENTENCE = 10  # words of a "she added." sentence after a quote
_OPENING_MARKS = "‘'“\"«„"


def attach_quotes(ctx: Context) -> list[tuple[Span, Record]]:
    """Each attributed quote with its record, which gets the setting of its cue (``in an interview``)."""
    by_sent: dict[int, list[Record]] = {}
    for rec in ctx.records:
        by_sent.setdefault(rec.sent_start, []).append(rec)
    attached: list[tuple[Span, Record]] = []
    previous: tuple[Span, Record] | None = None
    for q in ctx.quotes:
        if q._.cl_quote_kind == "title":
            continue
        rec = quote_record(ctx, q, by_sent, previous)
        if rec is not None:
            attached.append((q, rec))
            rec.setting = rec.setting or setting(rec.cue_token, ctx.lex)
            previous = (q, rec)
    return attached


def quote_record(ctx: Context, q: Span, by_sent: dict[int, list[Record]], previous: tuple[Span, Record] | None) -> Record | None:
    """The record a quote is attributed to.

    1. the innermost content that holds it; 2. the nearest cue of its sentences, outside the quote
    or between its parts; 3. for a full quote, a bare ``she added.`` in the next sentence, a ``he
    said:`` sentence before, or the quote just before it (a quote running on).
    """
    doc = ctx.doc
    records = ctx.records
    if any(r.turn and q.start <= r.cue_token.i < q.end for r in records):
        return None  # a whole transcript in quote marks: its turns are attributed, not the whole
    # 1. the innermost content that holds the quote
    inside = [r for r in records if r.content and r.content[0] <= q.start and q.end <= r.content[1] + 1]
    inside = [r for r in inside if not (q.start <= r.cue_token.i < q.end)]
    # a quote inside a report that is part of another source's content is that source's too
    inside = [r for r in inside if not r.embedded] or inside
    if inside:
        return min(inside, key=lambda r: r.content[1] - r.content[0])
    # 2. the nearest cue of its sentences, outside the quote or between its parts ("“A?” Clinton
    # said. “B.”" spans three sentences; the cue is in the middle one)
    sents = set(ctx.sent_of[q.start : q.end])
    cands = [r for s in sents for r in by_sent.get(s, []) if not (q.start <= r.cue_token.i < q.end) or between_parts(q, r)]
    cands = [r for r in cands if r.link.relation != "cited"]
    full = q._.cl_quote_kind == "full"
    if cands:
        def distance(r: Record) -> int:
            i = r.cue_token.i
            if q.start <= i < q.end:
                return 0
            return q.start - i if i < q.start else i - q.end + 1
        best = min(cands, key=distance)
        if distance(best) <= _NEAR_CUE or full:
            if best.content is None or full:
                best.via_quote = True
            return best
    if not full:
        return None
    # 3. a bare "she added." right after, a "he said:" right before, or the quote before
    after_idx = q.end
    while after_idx < len(doc) and (doc[after_idx].is_space or doc[after_idx].is_punct):
        after_idx += 1
    if after_idx < len(doc):
        nxt = doc[after_idx].sent
        if sum(1 for t in nxt if not t.is_space) <= _BARE_CUE_SENTENCE:  # the paragraph break after it is no word
            for r in by_sent.get(nxt.start, []):
                if r.content is None or r.via_quote:
                    r.via_quote = True
                    return r
    before = q.start - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before >= 0 and doc[before].text == ":":
        for r in by_sent.get(doc[before].sent.start, []):
            return r
    if previous is not None:
        pq, prec = previous
        between = doc[pq.end : q.start]
        words = [t for t in between if not t.is_space]
        if len(words) <= 2 and pq._.cl_quote_kind == "full":
            return prec
        # the news convention: a paragraph that is all quote, right after a paragraph whose quote
        # was attributed ("…,” she said.), goes on in the same voice
        opens_paragraph = q.start > 0 and doc[q.start - 1].is_space and "\n" in doc[q.start - 1].text
        if opens_paragraph and pq._.cl_quote_kind == "full" and len(words) <= 8 and not any(t.text in ("?",) for t in words):
            if sum(1 for t in between if t.is_space and "\n" in t.text) == 1:
                return prec
    return None


def between_parts(q: Span, r: Record) -> bool:
    """The record's cue stands between the parts of an interrupted quote ("“A,” she said, “B.”")."""
    if not q.start <= r.cue_token.i < q.end:
        return False
    inner = q.doc[q.start : r.cue_token.i].text
    return inner.count("’") + inner.count("'") + inner.count("”") + inner.count('"') >= 1 and inner[:1] in _OPENING_MARKS


def setting(cue: Token, lex: dict) -> str | None:
    """Where a quote was given: ``in a closed-door meeting with …``, ``at a rally`` (on the cue or its head)."""
    nouns = settings_lexicon()["setting_nouns"]
    for holder in (cue, cue.head):
        for child in holder.children:
            if child.dep_ != "prep" or child.lower_ not in lex["setting_preps"]:
                continue
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if pobj.lemma_.lower() in nouns or pobj.lower_ in nouns:
                start = pobj.left_edge.i
                while start < pobj.i and pobj.doc[start].lower_ in lex["articles"]:
                    start += 1
                return pobj.doc[start : pobj.right_edge.i + 1].text
        if holder is cue.head:
            break
    return None
