"""What a cue says was said: the content's token range, and where it ends.

Functions over the parse and the cue lexicon (``lex``, ``data/attribution_cues.json``); a
content is a token range, end exclusive.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_TRIM = {".", ",", ";", ":", "!", "?", "—", "–", "-", "(", ")", "[", "]", "…", "--"}
_DASHES = ("—", "–", "--")


def tok_range(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The range without punctuation and spaces at its edges, nor a dangling conjunction at its end."""
    # a dangling "and"/"but" is left when the parser hangs the next clause elsewhere
    while end > start and (doc[end - 1].text in _TRIM or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
        end -= 1
    while start < end and (doc[start].text in _TRIM or doc[start].is_space):
        start += 1
    return start, end


def is_break(token: Token) -> bool:
    """A line break token (paragraphs are split by line breaks)."""
    return token.is_space and "\n" in token.text


def before_next_cue(clause: Token, start: int, end: int, lex: dict) -> int:
    """End of a content clause before a conjoined clause with a cue of its own.

    "three-quarters said they were worried, and more than 4 in 10 said Trump …": the parser hangs
    the second report on the first one's clause; it is a second attribution, not part of the first content.
    """
    doc = clause.doc
    for t in clause.subtree:
        if (
            t.dep_ == "conj"
            and t.lemma_.lower() in lex["verbs"]
            and t.pos_ in ("VERB", "AUX")
            and start < t.left_edge.i < end
            and not any(c.dep_ == "mark" for c in t.children)  # ", so they should vote for him" goes on
        ):
            end = t.left_edge.i
            while end > start and (doc[end - 1].dep_ == "cc" or doc[end - 1].text in _TRIM or doc[end - 1].is_space):
                end -= 1
    return end


def in_paragraph(doc: Doc, start: int, end: int, cue: int) -> tuple[int, int]:
    """The part of a content in the cue's paragraph (or the one next to it).

    The parser sometimes runs a sentence over a paragraph break ("7:05 p.m.\n\nThe top quality …,
    according to …"); what a source said does not jump paragraphs without quote marks, and quotes
    are spans of their own.
    """
    breaks = [t.i for t in doc[start:end] if is_break(t)]
    if not breaks:
        return start, end
    bounds = [start, *[b + 1 for b in breaks]]
    segments = [(a, b) for a, b in zip(bounds, [*breaks, end])]
    best = min(segments, key=lambda seg: 0 if seg[0] <= cue < seg[1] else min(abs(cue - seg[0]), abs(cue - seg[1])))
    return trim(doc, *best)


def without_aside(doc: Doc, start: int, end: int, lex: dict) -> tuple[int, int]:
    """A content without the non-restrictive clause or apposition that closes it.

    "criticized Clinton's email use, which an FBI investigation said was careless": the ``, which …``
    (``, where …``, ``— a play on words …``) is the author's aside, as for figures (``output.is_aside``).
    """
    for k in range(start + 1, end - 1):
        mark, nxt = doc[k], doc[k + 1]
        if mark.text == "," and nxt.lower_ in lex["concessive_marks"] and nxt.dep_ in ("mark", "advmod") and nxt.head.right_edge.i >= end - 1:
            # "the test was its biggest yet, although it may take days to tell": the author's concession
            return trim(doc, start, k)
        if mark.text == "," and nxt.lower_ in lex["aside_relatives"]:
            # the comma makes the relative clause non-restrictive, whatever the parse made of it; one
            # closed by a second comma ("the plan, which …, would fail") is inside the content
            clause = nxt.head if nxt.head.dep_ == "relcl" else nxt
            if clause.right_edge.i >= end - 1 or not any(t.text in (",", *_DASHES[:2]) for t in doc[k + 2 : end]):
                return trim(doc, start, k)
            continue
        if (
            mark.text == ","
            and nxt.tag_ == "VBG"
            and nxt.dep_ in ("advcl", "acl", "conj")
            and nxt.right_edge.i >= end - 1
            and (nxt.lemma_.lower() in lex["verbs"] or nxt.head.tag_ in ("VB", "TO"))
        ):
            # a participle closing the content is a cue of its own (", adding …", ", saying …") or, after
            # an infinitive ("wants to sign up 5 million people, focusing on people under 30"), the
            # author's gloss on how; after a finite clause it is still what was reported ("21,600
            # soldiers deserted in October, bringing the total to 180,000")
            return trim(doc, start, k)
        if (
            mark.text == ","
            and nxt.head.dep_ == "appos"
            and nxt.head.left_edge.i == k + 1
            and nxt.head.head.pos_ == "PROPN"
            and nxt.head.right_edge.i >= end - 1
        ):
            # "he did not support Mr. Trump, the presumed Putin favorite": the author's gloss on a name
            return trim(doc, start, k)
        if mark.text in _DASHES and any(
            t.lemma_.lower() in lex["verbs"] and t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children)
            for t in doc[k + 1 : end]
        ):
            # "to retaliate against Russia -- meddling the congressman said is designed to …": a report of its own
            return trim(doc, start, k)
        if mark.text not in _DASHES or nxt.head.right_edge.i < end - 2:
            continue
        if nxt.dep_ in ("det", "amod", "compound") and nxt.head.dep_ == "appos" and nxt.head.right_edge.i >= end - 1:
            return trim(doc, start, k)
    return start, end


def through_quote(doc: Doc, start: int, end: int, quotes: list[Span]) -> tuple[int, int]:
    """A content that ends inside a quote ends with it.

    'called half of Trump's supporters "deplorables."': the parser hangs the period and the closing
    mark on the verb, so the object stops before them; what was said runs to the closing mark.
    """
    for q in quotes:
        if start <= q.start < end < q.end and all(t.is_punct for t in doc[end : q.end]):
            return start, q.end
    return start, end


def block_after_colon(tok: Token) -> tuple[int, int] | None:
    """``The governor added:`` closing a paragraph: what was said is the next paragraph (a block quote)."""
    doc = tok.doc
    k = tok.i + 1
    while k < len(doc) and k - tok.i <= 8 and doc[k].text != ":":
        if doc[k].is_space or doc[k].pos_ in ("VERB", "AUX"):
            return None
        k += 1
    if k + 1 >= len(doc) or doc[k].text != ":" or not is_break(doc[k + 1]):
        return None
    start = k + 2
    end = start
    while end < len(doc) and not is_break(doc[end]):
        end += 1
    start, end = trim(doc, start, end)
    return (start, end) if end - start >= 3 else None


def content(tok: Token, lemma: str, lex: dict) -> tuple[int, int] | None:
    """What the cue verb ``tok`` reports: its clause, infinitive, object or prepositional object."""
    doc = tok.doc
    wanted = for_infinitive(tok, lemma, lex)
    if wanted is not None:
        return wanted
    reported = clause(tok, lemma, lex)
    if reported is not None:
        start, end = tok_range(reported)
        if reported.dep_ == "advcl":  # the time phrase before the subject is the author's, not the source's
            start = next(c for c in reported.children if c.dep_ in ("nsubj", "nsubjpass")).left_edge.i
        for sub in reported.lefts:
            if sub.dep_ in ("advcl", "prep") and sub.lemma_.lower() in lex["cite_lemmas"] and sub.left_edge.i == start:
                start = sub.right_edge.i + 1
        return trim(doc, start, before_next_cue(reported, start, end, lex))
    as_said = as_clause(tok, lemma, lex)
    if as_said is not None:
        return as_said
    for child in tok.children:
        if child.dep_ == "xcomp" and lemma in lex["xcomp_content"]:
            return trim(doc, *tok_range(child))
        if child.dep_ == "advcl" and lemma in lex["question_verbs"] and any(
            m.dep_ == "mark" and m.lower_ in lex["question_marks"] for m in child.children
        ):
            return trim(doc, *tok_range(child))
    postposed = postposed_conjunct(tok, lemma, lex)
    if postposed is not None:
        return postposed
    if tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
        head = tok.head
        start, end = head.left_edge.i, head.right_edge.i + 1
        lo, hi = inserted_cue_start(tok), tok.right_edge.i + 1
        if lo <= start:
            start = hi
        elif hi >= end:
            end = lo
        return trim(doc, start, end)
    if tok.dep_ in ("acl", "relcl") and lemma in lex["dismiss_verbs"] and tok.head.lemma_.lower() in lex["claim_nouns"]:
        return trim(doc, *tok_range(tok.head))
    if lemma in lex["object_content"] or lemma in lex["as_content"]:
        parts = []
        for child in tok.children:
            if child.dep_ in ("dobj", "oprd", "attr") and child.lower_ not in lex["not_object_contents"]:
                parts.append(tok_range(child))
            elif child.dep_ in ("prep", "conj") and child.lower_ == lex["as_word"] and lemma in lex["as_content"]:
                parts.append(tok_range(child))
            elif child.dep_ == "prep" and child.lower_ in lex["object_reason_preps"] and lemma in lex["prep_content"] and parts:
                # "criticized Clinton for her email use": the reason belongs to what is said
                if child.lower_ in lex["prep_content"][lemma]:
                    parts.append(tok_range(child))
        if parts:
            start = min(p[0] for p in parts)
            end = max(p[1] for p in parts)
            if start <= tok.i < end:
                return None
            if start > tok.i:
                # "described crass behavior by Trump behind the scenes": the parser hangs the object's
                # own modifiers on the verb; a phrase right after the object (no comma) belongs to it,
                # unless it sets the time or place of the saying ("… on Monday", "… in an interview")
                for child in tok.rights:
                    if child.i == end and child.dep_ == "prep" and child.lower_ in lex["object_modifier_preps"]:
                        end = child.right_edge.i + 1
                    elif coordinated_object(child, end, lex):
                        end = child.right_edge.i + 1
            return trim(doc, start, end)
    return prep_content(tok, lemma, lex)


def as_clause(tok: Token, lemma: str, lex: dict) -> tuple[int, int] | None:
    """``23,638 people arrived in Italy, as reported by the Ministry of the Interior``: what was reported
    is the clause the ``as reported by X`` phrase hangs on, without it.

    Only the passive with its agent, of saying and reporting: "prices rose 4%, as expected by
    economists" reports what happened, which the economists had expected; the 4% is not theirs.
    An active "as X said" often agrees with a view rather than sourcing a fact, and PolNeAR's
    annotators read it so (content F1 fell when it was taken as a report).
    """
    head = tok.head
    if tok.dep_ != "advcl" or head.pos_ not in ("VERB", "AUX") or head.i == tok.i:
        return None
    if not any(c.dep_ == "agent" for c in tok.children):
        return None
    if lex["verbs"].get(lemma) not in ("said", "reported"):
        return None
    if not any(c.dep_ == "mark" and c.lower_ == lex["as_word"] for c in tok.children):
        return None
    start, end = head.left_edge.i, head.right_edge.i + 1
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    if lo <= start:
        start = hi
    elif hi >= end - 1:
        end = lo
    start, end = trim(tok.doc, start, end)
    return (start, end) if end > start else None


def postposed_conjunct(tok: Token, lemma: str, lex: dict) -> tuple[int, int] | None:
    """``Over 21,000 troops escaped, a source told TASS.``: a closing cue the parser conjoined to the clause it reports.

    The cue has its own subject after a comma, no conjunction ("…, and the minister said …" is a
    second report), says nothing of its own (no clause, no object but the listener of ``tell``)
    and closes the sentence; what was said is the clause before the comma.
    """
    head = tok.head
    if tok.dep_ != "conj" or head.pos_ not in ("VERB", "AUX") or head.i >= tok.i:
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i for c in tok.children):
        return None
    start = tok.left_edge.i
    doc = tok.doc
    if start == 0 or doc[start - 1].text != "," or any(t.dep_ == "cc" for t in doc[head.i : start]):
        return None
    for child in tok.rights:
        if child.dep_ in ("ccomp", "xcomp", "attr", "oprd", "conj") or (child.dep_ == "dobj" and lemma not in lex["listener_verbs"]):
            return None
    after = doc[tok.right_edge.i + 1 : tok.sent.end]
    if any(not (t.is_punct or t.is_space) for t in after):
        return None
    start, end = trim(doc, head.left_edge.i, start - 1)
    return (start, end) if end > start else None


def inserted_cue_start(tok: Token) -> int:
    """Where an inserted ``, he said,`` starts: at its subject, not at a clause hung on the cue before it.

    "Though that transition was seamless, he said, replacing Clinton would be acrimonious": the
    parser may hang the opening clause on the inserted cue; it is still part of what was said.
    """
    subjects = [c for c in tok.children if c.dep_ in SUBJECTS and c.i < tok.i]
    first = min([tok.i] + [c.left_edge.i for c in subjects])
    if first > tok.left_edge.i and tok.doc[first - 1].text in (",", *_DASHES):
        return first - 1
    return tok.left_edge.i


def for_infinitive(tok: Token, lemma: str, lex: dict) -> tuple[int, int] | None:
    """``called for the United States to step up its efforts``: who is to act, and the act.

    The parser reads "for" as the mark of an infinitive clause or as a preposition whose object
    the infinitive follows; either way what is called (pushed, pressed) for is the object with its
    infinitive, not the object alone ("the United States") nor the bare infinitive.
    """
    purpose = lex["purpose_prep"]
    if purpose not in lex["prep_content"].get(lemma, ()):
        return None
    doc = tok.doc
    for child in tok.rights:
        if child.dep_ not in ("advcl", "xcomp", "ccomp") or not any(
            c.dep_ == "aux" and c.lower_ == lex["infinitive_marker"] for c in child.children
        ):
            continue
        mark = next((c for c in child.children if c.dep_ == "mark" and c.lower_ == purpose), None)
        if mark is not None:
            return trim(doc, mark.i + 1, child.right_edge.i + 1)
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == purpose and tok.i < c.i < child.i), None)
        if prep is not None and prep.right_edge.i + 1 == child.left_edge.i:
            return trim(doc, prep.i + 1, child.right_edge.i + 1)
    return None


def coordinated_object(child: Token, end: int, lex: dict) -> bool:
    """``mentioned refinancing student loans and forcing universities to …``: a second object on the verb.

    A verb conjoins with verbs: a noun, or a gerund without a subject of its own, that the parser
    conjoins to the cue right after its object (``and …``) is a second thing said, not a new clause.
    """
    if child.dep_ != "conj" or child.lemma_.lower() in lex["verbs"]:
        return False
    between = child.doc[end : child.left_edge.i]
    if not any(t.dep_ == "cc" for t in between) or not all(t.dep_ == "cc" or t.text == "," for t in between):
        return False
    return child.pos_ in ("NOUN", "PROPN") or (child.tag_ == "VBG" and not any(c.dep_ in SUBJECTS for c in child.children))


def clause(tok: Token, lemma: str, lex: dict) -> Token | None:
    """The clause the cue reports: its complement clause, nearest after the cue first.

    "…: Republicans said they're convinced …" gets two ccomps when a clause before a colon is hung
    on the cue too; what the source said follows the cue. The parser also reads a bare clause
    after a time phrase as an adverbial ("Trump said after the convention he would not accept …"):
    a subordinate clause without a conjunction, with a subject of its own, after a speech verb is
    what was said.
    """
    ccomps = [c for c in tok.children if c.dep_ == "ccomp"]
    # a sentence the parser ran over a line break: the clause in the cue's own line first
    ccomps = [c for c in ccomps if not across_break(tok, c)] or ccomps
    after = [c for c in ccomps if c.i > tok.i]
    if after:
        return after[0]
    if ccomps:
        return ccomps[-1]
    for obj in tok.rights:
        # "told a meeting of Pacific Island leaders that few people understood …", "reported at the
        # time that the editor conveyed …": the parser hangs the that-clause on the listener or the
        # time as a relative clause; one whose "that" is a conjunction (the clause has a subject of
        # its own) is what was told
        if obj.dep_ == "dobj":
            nouns = [obj]
        elif obj.dep_ == "prep":
            nouns = [c for c in obj.children if c.dep_ == "pobj"]
        else:
            continue
        for rel in (t for noun in nouns for t in noun.subtree):
            if rel.dep_ == "relcl" and rel.i > obj.i and any(
                m.dep_ in ("mark", "advmod") and m.lower_ == lex["complementizer"] for m in rel.children
            ) and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in lex["relative_pronouns"] for c in rel.children):
                return rel
    if lemma in lex["bare_clause_verbs"]:
        doc = tok.doc
        for child in tok.rights:
            if (
                child.dep_ == "advcl"
                and child.pos_ in ("VERB", "AUX")
                and not any(c.dep_ in ("mark", "advmod") and c.i < child.i for c in child.children)
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
                and not any(t.is_punct for t in doc[tok.i + 1 : child.left_edge.i])
            ):
                return child
    return None


def across_break(cue: Token, clause: Token) -> bool:
    """A line break stands between the cue and the clause (``…, OCHA said.\n2.1 million people …``)."""
    lo, hi = (cue.i, clause.left_edge.i) if clause.i > cue.i else (clause.right_edge.i, cue.i)
    return any(is_break(t) for t in cue.doc[lo + 1 : hi])


def prep_content(tok: Token, lemma: str, lex: dict) -> tuple[int, int] | None:
    """The object of the cue's preposition: "called for a ban", "talking about jobs", "criticized X for Y"."""
    preps = lex["prep_content"].get(lemma)
    if not preps:
        return None
    for child in tok.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in preps and child.i > tok.i:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None and child.dep_ == "prt":
                # "lash out at X", "weigh in on X": the particle, then the preposition
                nxt = next((c for c in tok.children if c.dep_ == "prep" and c.i > child.i), None)
                obj = next((c for c in nxt.children if c.dep_ in ("pobj", "pcomp")), None) if nxt is not None else None
            if obj is not None:
                return trim(tok.doc, *tok_range(obj))
    return None
