"""The handlers: one per family of constructions that attribute something to a source.

Token handlers look at one word of a sentence that holds a cue (``TOKEN_HANDLERS``, in order:
the first whose test holds takes the word, and may find no attribution there); paragraph
handlers look at the whole Doc (``PARAGRAPH_HANDLERS``). Each adds :class:`Record` objects to
the context. The words they look for are in ``data/attribution_cues.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from claimledger.extract.attribution.chains import cites_from, data_from, give_chain, note_citing
from claimledger.extract.attribution.contents import (
    block_after_colon,
    content,
    for_infinitive,
    is_break,
    tok_range,
    trim,
)
from claimledger.extract.attribution.context import Context, Link, Record
from claimledger.extract.attribution.speakers import cue_text, resolve, speaker_head, unattributed
from claimledger.extract.quotes import QUOTE_CHARS
from claimledger.extract.sources import np_span

_CITING_DEPS = ("advcl", "xcomp", "acl", "prep", "conj", "pcomp", "dep")
_SIGNATURE_DASHES = "―—–"
_SIGNATURE_WORDS = 8
_LABEL_WORDS = 12
_LABEL_CHARS = 60
_HEADLINE_SEPARATORS = ("-", "–", "—", ":")
_SIGNATURE_NAME_WORDS = 5


def speaker_chars(head: Token, cue: Token | None = None) -> tuple[int, int]:
    """The characters of the speaker phrase headed by ``head`` (the head alone when the phrase is empty)."""
    sp = np_span(head, cue)
    return (sp.start_char, sp.end_char) if len(sp) else (head.idx, head.idx + len(head.text))


def word_link(tok: Token, entry: int, relation: str) -> Link:
    """A link whose cue is the single word ``tok``."""
    return Link(entry, relation, tok.text, tok.idx, tok.idx + len(tok.text))


# -- token handlers ---------------------------------------------------------------------------------


def is_cue_verb(ctx: Context, tok: Token, lemma: str) -> bool:
    """A cue verb of the lexicon used as a verb (or as the root of a clause with a subject and a complement)."""
    return lemma in ctx.lex["verbs"] and (
        tok.pos_ in ("VERB", "AUX")
        or tok.tag_.startswith("VB")
        or (tok.dep_ == "ROOT" and {c.dep_ for c in tok.children} >= {"nsubj", "ccomp"})
    )


def is_citing(ctx: Context, tok: Token, lemma: str) -> bool:
    """A citing verb that is a link of a chain, not a cue of its own (see :func:`citing`)."""
    if not is_cue_verb(ctx, tok, lemma) or lemma not in ctx.lex["cite_lemmas"]:
        return False
    cue_of_its_own = lemma in ctx.lex["object_content"] and any(c.dep_ == "nsubj" for c in tok.children)
    return tok.dep_ in _CITING_DEPS or not cue_of_its_own


def citing(ctx: Context, tok: Token, lemma: str) -> Record | None:
    """``TASS reported the losses, citing the Financial Times``: a link of a chain, of this sentence's cue or a later one.

    Noted as an event (:func:`chains.note_citing`); "Clinton cited Trump's remarks as examples of
    …" is a cue of its own with what is cited as the content (:func:`said`).
    """
    if tok.dep_ in _CITING_DEPS:
        note_citing(ctx, tok, ctx.sent_of[tok.i])
    return None


def is_reported_this(ctx: Context, tok: Token, lemma: str) -> bool:
    """A passive cue verb whose subject is only an anaphor and whose source is in an ``in``/``by`` phrase."""
    if not is_cue_verb(ctx, tok, lemma) or tok.tag_ != "VBN":
        return False
    subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return False
    words = [t.lower_ for t in subject.subtree if not t.is_punct]
    if not words or not all(w in ctx.lex["anaphoric_contents"] for w in words):
        return False
    return any(c.dep_ in ("prep", "agent") and c.lower_ in ctx.lex["anaphoric_report_preps"] for c in tok.children)


def reported_this(ctx: Context, tok: Token, lemma: str) -> Record | None:
    """``This is stated in the response of the Prosecutor General's Office``, ``These figures were published by the ministry``.

    A report of what came before, its source in the ``in``/``by`` phrase; the content is the anaphor,
    so the report gives its source to the figures before it (``inherited.report_after``).
    """
    subject = next(c for c in tok.children if c.dep_ == "nsubjpass")
    prep = next(c for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in ctx.lex["anaphoric_report_preps"])
    rec = according(ctx, prep, prep)
    if rec is not None:
        rec.content = (subject.left_edge.i, subject.right_edge.i + 1)
    return rec


def said(ctx: Context, tok: Token, lemma: str) -> Record | None:
    """``X said/stated/claimed that …``, ``…, X said.``, ``X told Y that …``, ``X, who reported that …``, ``it is believed that …``.

    The speaker is the verb's subject (or agent: ``described by X as …``; the noun a relative
    clause or participle hangs on: ``reports indicating that …``); the content its clause, object
    (``Putin revealed the losses``), infinitive (``Trump wants to build a wall``) or prepositional
    object (``called for a ban``). Passives without an agent (``it is believed``, ``he is said to``)
    are unattributed. Weak cues (``suggest``, ``show``) need a subject that can be a source.
    """
    lex = ctx.lex
    doc = tok.doc
    weak = lemma in lex["weak"]
    if lemma in lex["sense_preps"] and not any(c.dep_ == "prep" and c.lower_ in lex["sense_preps"][lemma] for c in tok.children):
        return None  # "put money into ads", "cast their ballots": not the estimating or framing sense
    needs = lex["cue_only_with"].get(lemma)
    if (
        needs is not None
        and not any(c.dep_ in ("oprd", "ccomp", "xcomp") or c.lower_ in needs for c in tok.children)
        and for_infinitive(tok, lemma, lex) is None
    ):
        return None  # "called the office": a cue only with what it calls something, for or on
    head, how = speaker_head(tok, lex)
    if head is None:
        return None
    relation = lex["verbs"][lemma]
    text, cs, ce = cue_text(tok)
    sent_start = ctx.sent_of[tok.i]
    if how == "impersonal":
        if lemma not in lex["impersonal"] and lemma not in lex["passive_as_verbs"]:
            return None
        impersonal_it = head.lower_ == lex["impersonal_subject"]
        aux = [c for c in tok.children if c.dep_ in ("auxpass", "aux")]
        first = min([head.i] + [a.i for a in aux]) if impersonal_it else min([tok.i] + [a.i for a in aux])
        span = doc[first : tok.i + 1]
        idx = unattributed(ctx, span)
        reported = content(tok, lemma, lex)
        if not impersonal_it:
            xcomp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
            as_phrase = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == lex["as_word"] and c.i > tok.i), None)
            if xcomp is not None:
                reported = (head.left_edge.i, xcomp.right_edge.i + 1)
            elif as_phrase is not None and lemma in lex["passive_as_verbs"]:
                reported = trim(doc, head.left_edge.i, tok.right_edge.i + 1)
        return Record(Link(idx, relation, text, cs, ce), reported, tok, sent_start, (span.start_char, span.end_char))
    idx = resolve(ctx, head, tok, weak)
    if idx is None:
        return None
    kind = ctx.sources.entries[idx].kind
    if kind == "unattributed":
        relation = "reported" if relation == "said" else relation
    if relation == "reported" and kind == "person" and lemma in lex["personal_report_verbs"]:
        relation = "said"
    reported = block_after_colon(tok) or content(tok, lemma, lex)
    return Record(Link(idx, relation, text, cs, ce), reported, tok, sent_start, speaker_chars(head, tok))


def is_stance_noun(ctx: Context, tok: Token, lemma: str) -> bool:
    return lemma in ctx.lex["stance_nouns"] and tok.pos_ == "NOUN"


def stance_noun(ctx: Context, tok: Token, lemma: str) -> Record | None:
    """``Clinton's support for the ban``, ``his claim that …``: a stance noun with its holder.

    The holder is the possessor (or ``by X``); the content the ``that`` clause or the object of
    the noun's preposition. A noun without a holder ("the claim that …") is not attributed here.
    """
    lex = ctx.lex
    doc = tok.doc
    holder = stance_holder(tok, lex)
    if holder is None:
        return None
    held = None
    for child in tok.children:
        if child.dep_ in ("acl", "ccomp") and any(m.lower_ == lex["complementizer"] and m.dep_ == "mark" for m in child.children):
            held = tok_range(child)
            break
        if child.dep_ == "prep" and child.lower_ in lex["stance_nouns"][lemma]:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                held = tok_range(obj)
                break
    if held is None:
        return None
    idx = resolve(ctx, holder, tok, weak=True)
    if idx is None:
        return None
    relation = lex["verbs"].get(lemma, "said")
    return Record(word_link(tok, idx, relation), trim(doc, *held), tok, ctx.sent_of[tok.i], speaker_chars(holder, tok))


def stance_holder(tok: Token, lex: dict) -> Token | None:
    """Whose stance the noun ``tok`` is: the possessor ("Clinton's support"), ``by X``, or for an
    estimate noun a name or group noun right before it ("analyst estimates of $55.5 billion", "the
    FactSet consensus of 27%") or a possessor the parser detached ("economists’ expectations")."""
    holder = next((c for c in tok.children if c.dep_ == "poss"), None)
    if holder is not None:
        return holder
    by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == lex["agent_prep"]), None)
    if by is not None:
        return next((c for c in by.children if c.dep_ == "pobj"), None)
    if tok.lemma_.lower() not in lex["estimate_nouns"] and tok.lower_ not in lex["estimate_nouns"]:
        return None
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    if before is not None and before.dep_ in ("compound", "nmod") and before.head.i == tok.i:
        return before
    if before is not None and before.text in lex["possessive_marks"] and tok.i > 1 and doc[tok.i - 2].pos_ in ("NOUN", "PROPN"):
        return doc[tok.i - 2]
    return None


def is_according_to(ctx: Context, tok: Token, lemma: str) -> bool:
    second = ctx.lex["two_word_cues"].get(tok.lower_)
    doc = tok.doc
    return second is not None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == second


def according_to(ctx: Context, tok: Token, lemma: str) -> Record | None:
    """``according to X``, ``according to data from X``: the source of the clause the phrase belongs to."""
    return according(ctx, tok, tok.doc[tok.i + 1])


def according(ctx: Context, tok: Token, to: Token) -> Record | None:
    """A prepositional cue ``tok`` (its object on ``to``): the source is the object, the content its clause without the phrase."""
    doc = tok.doc
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    target, cue_end_tok = data_from(pobj, ctx.lex)
    idx = resolve(ctx, target, tok, weak=False)
    if idx is None:
        return None
    kind = ctx.sources.entries[idx].kind
    relation = "reported" if kind in ("media", "document", "unattributed") or target is not pobj else "said"
    text = doc[tok.i : cue_end_tok].text if cue_end_tok > to.i + 1 else doc[tok.i : to.i + 1].text
    # the clause the phrase belongs to, without the phrase
    pp = tok if tok.dep_ == "prep" else tok.head if tok.head.dep_ == "prep" else tok
    clause = pp.head
    while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and clause.head.i != clause.i:
        clause = clause.head
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    lo, hi = pp.left_edge.i, pp.right_edge.i + 1
    lo = min(lo, tok.i)
    if lo <= start + 1:
        start = hi
    elif hi >= end - 1:
        end = lo
    said_content = trim(doc, start, end)
    sp = np_span(target)
    rec = Record(
        Link(idx, relation, text, tok.idx, tok.idx + len(text)),
        said_content if said_content[1] > said_content[0] else None,
        tok,
        ctx.sent_of[tok.i],
        (sp.start_char, sp.end_char) if len(sp) else None,
    )
    # "According to her, … citing X": chain from the phrase's own children
    rec.chain = cites_from(ctx, target)
    return rec


def is_in_poll(ctx: Context, tok: Token, lemma: str) -> bool:
    return (
        tok.lower_ == ctx.lex["in_source_prep"]
        and tok.dep_ == "prep"
        and tok.i < tok.head.i
        and any(c.dep_ == "pobj" and c.lemma_.lower() in ctx.lex["in_sources"] for c in tok.children)
    )


def in_poll(ctx: Context, tok: Token, lemma: str) -> Record | None:
    """``In this poll, Trump rose 1 point``: the poll opening the clause is the source of its finding.

    After the verb it is where a standing is measured ("slid in the polls"), not a source.
    """
    return according(ctx, tok, tok)


def is_per_source(ctx: Context, tok: Token, lemma: str) -> bool:
    return tok.lower_ == ctx.lex["per_word"] and tok.dep_ == "prep" and not per_unit(tok)


def per_unit(tok: Token) -> bool:
    """``per year``, ``per student``: a rate, not a source (``per the Associated Press``)."""
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    return pobj is not None and pobj.pos_ == "NOUN" and not any(c.dep_ in ("det", "poss") for c in pobj.children)


def per_source(ctx: Context, tok: Token, lemma: str) -> Record | None:
    """``per the Associated Press``: like ``according to``."""
    return according(ctx, tok, tok)


def is_hedge_adverb(ctx: Context, tok: Token, lemma: str) -> bool:
    return (
        tok.lower_ in ctx.lex["hedge_adverbs"]
        and tok.dep_ == "advmod"
        and tok.head.pos_ in ("VERB", "AUX")
        and tok.head.lemma_.lower() not in ctx.lex["verbs"]
    )


def hedge_adverb(ctx: Context, tok: Token, lemma: str) -> Record | None:
    """``the soldiers reportedly deserted``, ``allegedly``: an unattributed source of the clause.

    On a cue verb ("he apparently believed the polls") the cue's own report carries the hedge.
    """
    doc = tok.doc
    head = tok.head
    idx = unattributed(ctx, doc[tok.i : tok.i + 1])
    hedged = trim(doc, head.left_edge.i, head.right_edge.i + 1)
    relation = ctx.lex["hedge_adverbs"][tok.lower_]
    return Record(word_link(tok, idx, relation), hedged, tok, ctx.sent_of[tok.i], (tok.idx, tok.idx + len(tok.text)))


def is_hedge_verb(ctx: Context, tok: Token, lemma: str) -> bool:
    return lemma in ctx.lex["hedge_verbs"] and tok.pos_ in ("VERB", "AUX")


def hedge_verb(ctx: Context, tok: Token, lemma: str) -> Record | None:
    """``Melania seems to have vanished``, ``it appeared that Trump was unable …``: an impression, no source.

    Like ``apparently``, the verb marks what follows as how things look to someone unnamed; the
    content is the subject with the infinitive, or the ``that`` clause. Without either ("he
    appeared at the rally", "seems credible") there is no content to attribute.
    """
    lex = ctx.lex
    doc = tok.doc
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
    xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i and c.pos_ in ("VERB", "AUX")), None)
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
    if clause is not None:
        seen = tok_range(clause)
    elif xcomp is not None and subj is not None and subj.lower_ not in lex["relative_pronouns"] and subj.lower_ != lex["impersonal_subject"]:
        seen = (subj.left_edge.i, xcomp.right_edge.i + 1)
    else:
        return None
    idx = unattributed(ctx, doc[tok.i : tok.i + 1])
    relation = lex["hedge_verbs"][lemma]
    return Record(word_link(tok, idx, relation), trim(doc, *seen), tok, ctx.sent_of[tok.i], (tok.idx, tok.idx + len(tok.text)))


@dataclass(frozen=True)
class TokenHandler:
    """A family of constructions found at one word: ``applies`` tests the word, ``find`` builds the record."""

    applies: Callable[[Context, Token, str], bool]
    find: Callable[[Context, Token, str], Record | None]


# In order: the first handler whose test holds takes the word.
TOKEN_HANDLERS: tuple[TokenHandler, ...] = (
    TokenHandler(is_citing, citing),
    TokenHandler(is_reported_this, reported_this),
    TokenHandler(is_cue_verb, said),
    TokenHandler(is_stance_noun, stance_noun),
    TokenHandler(is_according_to, according_to),
    TokenHandler(is_in_poll, in_poll),
    TokenHandler(is_per_source, per_source),
    TokenHandler(is_hedge_adverb, hedge_adverb),
    TokenHandler(is_hedge_verb, hedge_verb),
)


def sentence_has_cue(ctx: Context, sent: Span) -> bool:
    """A sentence with a word any token handler looks for (the others are skipped, for speed)."""
    triggers = ctx.lex["trigger_words"]
    return any(t.lemma_.lower() in triggers or t.lower_ in triggers for t in sent if t.text != ":")


def token_records(ctx: Context) -> None:
    """Run the token handlers over the words of every sentence with a cue or a quote."""
    lex = ctx.lex
    quote_sents = {q.sent.start for q in ctx.quotes}
    for sent in ctx.sents:
        if sent.start not in quote_sents and not sentence_has_cue(ctx, sent):
            continue
        for tok in sent:
            if tok.i in ctx.inside_quotes:
                continue
            lemma = lex["lemma_fixes"].get(tok.lower_) or tok.lemma_.lower()
            handler = next((h for h in TOKEN_HANDLERS if h.applies(ctx, tok, lemma)), None)
            rec = handler.find(ctx, tok, lemma) if handler is not None else None
            if rec is not None:
                give_chain(ctx, rec)
                ctx.records.append(rec)


# -- paragraph handlers -----------------------------------------------------------------------------


def colon_speakers(ctx: Context) -> None:
    """``Lynch: No outside influence on FBI probe.`` / ``TAPPER: Do you think …``.

    Headlines and interview transcripts give the speaker, a colon and what was said. Only a
    paragraph that opens with a short phrase naming a source (no finite verb: "Wait, it gets
    better:" introduces, it does not attribute) followed by ``: `` and some words counts.
    """
    doc = ctx.doc
    registry = ctx.sources
    labels = ctx.lex["colon_labels_not_sources"]
    for cue in (t for t in doc if t.text == ":"):
        if not cue.whitespace_ or cue.i == 0:
            continue
        first = cue.i
        while first > 0 and not is_break(doc[first - 1]) and cue.i - first <= _LABEL_WORDS:
            first -= 1
        if first > 0 and not is_break(doc[first - 1]):
            continue  # not at a paragraph start
        # a transcript quoted whole opens each turn with a quote mark ('"WALLACE: Let's start …')
        turn = doc[first].text in QUOTE_CHARS
        if turn:
            first += 1
        elif cue.i in ctx.inside_quotes:
            continue
        head_span = doc[first : cue.i]
        prefix = head_span.text.strip()
        if not prefix or not prefix[0].isupper() or prefix.lower() in labels or len(prefix) > _LABEL_CHARS:
            continue
        if any(t.tag_ in ("VBZ", "VBD", "VBP", "MD") or t.text == ":" for t in head_span):
            continue
        stop = cue.i + 1
        while stop < len(doc) and not is_break(doc[stop]):
            stop += 1
        start, stop = trim(doc, cue.i + 1, stop)
        if stop - start < 2:
            continue
        root = head_span.root
        idx = registry.token_entry.get(root.i)
        if idx is None:
            idx = registry.resolve(root, cue=cue, weak=True)
        if idx is None:
            # a headline's or transcript's bare surname ("Sanders: …", "PENCE: …"), which the tagger
            # may not read as a name: the person of that surname named elsewhere in the article
            idx = registry.person_by_surname(prefix)
        if idx is None:
            continue
        link = Link(idx, "said", ":", cue.idx, cue.idx + 1)
        ctx.records.append(Record(link, (start, stop), cue, ctx.sent_of[cue.i], speaker_chars(root, cue), turn=turn))


def signed_quotes(ctx: Context) -> None:
    """``“Trump scares me.” ― Krystal Correa``: a quote signed with a dash and a name.

    Vox pops, epigraphs and reader comments end a quote with a dash and who said it, the rest of
    the line; the name is the speaker, the quote the content. Only a short signature that names
    a source counts ("“…” — and that was before the debate" signs nothing).
    """
    if not ctx.quotes:
        return
    doc = ctx.doc
    registry = ctx.sources
    text = doc.text  # once per doc, and only when the doc has quotes
    for q in ctx.quotes:
        if q._.cl_quote_kind != "full":
            continue
        at = q.end_char - 1 if text[q.end_char - 1] in _SIGNATURE_DASHES else q.end_char  # "”―" is one token
        while at < len(text) and text[at] in " \t":
            at += 1
        if at >= len(text) or text[at] not in _SIGNATURE_DASHES:
            continue
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        signature = doc.char_span(at + 1, line_end, alignment_mode="contract")
        if signature is None:
            continue
        start, end = trim(doc, signature.start, signature.end)
        if not 0 < end - start <= _SIGNATURE_WORDS:
            continue
        root = doc[start:end].root
        dash = doc.char_span(at, at + 1, alignment_mode="expand")
        # "”―" can be one token, inside the quote span: the cue is then the name itself
        cue_token = dash[-1] if dash is not None and dash[-1].i >= q.end else root
        idx = registry.token_entry.get(root.i)
        if idx is None:
            idx = registry.resolve(root, cue=cue_token, weak=True)
        if idx is None:
            continue
        link = Link(idx, "said", text[at], at, at + 1)
        ctx.records.append(Record(link, (q.start, q.end), cue_token, q.start, speaker_chars(root, cue_token)))


def headline_signature(ctx: Context) -> None:
    """``Russia kills, injures at least 592 Ukrainian civilians in December - UN``, ``…: Statistics Canada``.

    A headline (the first line) may end with a dash or a colon and the name of its source; what it
    says is the rest of the headline. Only a short signature of capitalised words that names a
    source counts ("Floods in Spain - what we know" signs nothing), and only on the first line.
    """
    doc = ctx.doc
    end = next((t.i for t in doc if is_break(t)), len(doc))
    separators = [
        t for t in doc[:end]
        if t.text in _HEADLINE_SEPARATORS and t.i > 0 and t.whitespace_ and (t.text == ":" or doc[t.i - 1].whitespace_)
    ]
    if not separators:
        return
    separator = separators[-1]
    start, stop = trim(doc, separator.i + 1, end)
    signature = doc[start:stop]
    if not 0 < len(signature) <= _SIGNATURE_NAME_WORDS or not all(t.is_title or t.is_upper for t in signature if t.is_alpha):
        return
    if not any(t.is_alpha for t in signature):
        return
    registry = ctx.sources
    idx = next((registry.token_entry[t.i] for t in signature if t.i in registry.token_entry), None)
    if idx is None:
        idx = registry.resolve(signature[-1], cue=separator, weak=True)
    if idx is None:
        return
    said_start, said_end = trim(doc, 0, separator.i)
    if said_end - said_start < 2:
        return
    link = Link(idx, "said", separator.text, separator.idx, separator.idx + len(separator.text))
    ctx.records.append(
        Record(link, (said_start, said_end), separator, ctx.sent_of[separator.i], (signature.start_char, signature.end_char))
    )


def bare_document(ctx: Context, rec: Record) -> Token | None:
    """The head of a document named by its noun with no more than a definite determiner and adjectives
    ("The statement", "the report", "Provisional data"), or None ("a report" is a new one)."""
    if ctx.sources.entries[rec.link.entry].kind != "document" or rec.speaker is None:
        return None
    phrase = ctx.doc.char_span(*rec.speaker, alignment_mode="expand")
    if phrase is None or phrase.root.pos_ != "NOUN":
        return None
    others = [t for t in phrase if t.i != phrase.root.i]
    if all(t.lower_ in ctx.lex["definite_determiners"] or t.pos_ == "ADJ" for t in others):
        return phrase.root
    return None


def document_authors(ctx: Context) -> None:
    """``In a statement, the ministry stated … The statement mentioned that 205 …``: the statement's author says it.

    A document named by its noun alone points back to the latest earlier mention of that noun that
    says whose it is: the ``in a statement`` of another source's cue (its source is the author) or a
    document named with its author ("according to NDTV report … the report said"). The author is
    noted as ``Record.author``: the figures' source; the statement keeps the words the text names
    its speaker with. Without such a mention ("The report said 40 died.") the document stays the source.
    """
    for rec in ctx.records:
        head = bare_document(ctx, rec)
        if head is None:
            continue
        author = None
        for other in ctx.records:
            if other is rec or other.cue_token.i >= rec.cue_token.i:
                continue
            kind = ctx.sources.entries[other.link.entry].kind
            if kind not in ("unattributed", "document") and said_in(other.cue_token, head.lemma_):
                author = other.link.entry
            elif kind == "document" and named_after(ctx, other, head.lemma_):
                author = other.link.entry
        rec.author = author


def said_in(cue: Token, noun: str) -> bool:
    """The cue verb says it "in a/its ``noun``" ("the ministry stated in its statement")."""
    return any(
        prep.lower_ == "in" and any(obj.dep_ == "pobj" and obj.lemma_ == noun for obj in prep.children)
        for prep in cue.children
        if prep.dep_ == "prep"
    )


def named_after(ctx: Context, rec: Record, noun: str) -> bool:
    """The record's document phrase is headed by ``noun`` and names whose it is ("NDTV report",
    "new data from the Centers for Disease Control")."""
    if rec.speaker is None:
        return False
    phrase = ctx.doc.char_span(*rec.speaker, alignment_mode="expand")
    if phrase is None or phrase.root.lemma_ != noun:
        return False
    return any(t.i != phrase.root.i and t.pos_ == "PROPN" and names_author(t, phrase.root, ctx.lex) for t in phrase)


def names_author(name: Token, document: Token, lex: dict) -> bool:
    """``name`` modifies ``document`` ("NDTV report", "BLS's report") or is in its ``from``/``by``
    phrase ("data from the CDC"); a name in another phrase ("exit polls in the UK's election") is not its author."""
    tok = name
    while tok.i != document.i:
        if tok.dep_ == "prep" and (tok.lower_ not in lex["document_author_preps"] or tok.head.i != document.i):
            return False
        if tok.dep_ not in ("compound", "poss", "pobj", "prep", "amod", "nmod") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


# In order, after the token handlers.
PARAGRAPH_HANDLERS: tuple[Callable[[Context], None], ...] = (colon_speakers, signed_quotes, headline_signature, document_authors)
