"""claimledger_attribution: who says what, as chains nearest first.

Reads the parse, the source registry (``claimledger_sources``), the quotes
(``claimledger_quotes``) and the figures (``claimledger_figures``, when present) and writes

- ``span._.cl_attribution`` (list of ``model.Attribution``, nearest first) on every figure
  span, on every quote span and on every span of ``doc.spans["cl_statements"]`` (the content of
  each attributed assertion: what is said, without the cue and, where the parse allows, the source);
- ``span._.cl_hedges`` on figure spans whose only source is an unattributed one (``reports indicating``);
- ``span._.cl_quote.setting`` for quotes given in a setting (``in a closed-door meeting with …``);
- ``Doc._.cl_sources``: the registry's sources that something is attributed to, plus the
  organisations those belong to, renumbered s1, s2, … by first mention.

Constructions handled (``data/attribution_cues.json`` holds the lexicon):

- cue verbs with a subject and a clause: ``X said/stated/claimed/noted/argued that …``, postposed
  ``…, X said.``, inserted ``These cases, she argued, reflect …``, ``X told Y that …``, ``X, who reported that …``,
  ``X has continued to emphasize …`` (subject of the governing verb), ``…, saying that …``;
- passives: ``described by X as …`` (agent), ``it is believed/reported that …`` and ``… is said to …``
  (no agent: an unattributed source);
- participles on the source noun: ``reports indicating that …`` (the noun is the source);
- object contents for verbs like announce/reveal/deny/describe (``Putin revealed the losses``,
  ``what he describes as the 'aggression' of Ukraine``), and ``a claim that Ukrainian authorities have
  dismissed as propaganda`` (the claim noun phrase);
- prepositional cues: ``according to X``, ``per X``, ``as reported by X``; hedging adverbs
  (``reportedly``, ``allegedly``) as unattributed;
- chains: ``citing``/``cited``/``quoting``/``referring to``/``based on (data from)``/``drawing on`` on the cue
  verb or the source (``TASS, citing the Financial Times, which cites prosecutors``: each link
  followed through relative clauses), ``data/figures from X`` giving X, and across sentences: a
  source that cites Y in one of the two sentences before (``The ministry, through its spokesperson
  Maria Zakharova, has amplified these figures, citing data from …`` + ``Zakharova stated that …``);
- quotes: the cue whose content holds the quote, else the nearest cue outside it in its sentence
  (between the parts of an interrupted quote, after it, or before it with a colon), else a bare
  ``she added.`` in the next sentence, a ``he said:`` sentence before, or the quote just before it
  (a quote running on);
- stances and topics (PolNeAR's wider cue set): ``X called for / talked about / criticized Y for …``
  (``prep_content``; ``called for the United States to act`` takes who is to act with the act),
  ``X wants / plans / urged them to …`` (``xcomp_content``), ``X supports /
  endorsed Y`` (object), with poll respondents as holders (``56 percent would vote for Clinton``);
  stance nouns with a holder (``Clinton's support for the ban``, ``his claim that …``); a paragraph
  opening ``Name: …`` (headlines, transcripts, also a transcript quoted whole: ``"PENCE: …``);
  ``X cited Y as …`` (what is cited is the content); a quote signed ``“…” ― Name``; ``X seems to …`` /
  ``it appears that …`` as an unattributed impression;
- contents end before a closing ``, which/who …`` aside, a ``, although …`` concession, a dash before a
  report of its own and a conjoined clause with a cue of its own, and stay in the cue's paragraph; a
  cue closing its paragraph with a colon (``The governor added:``) says the next paragraph; one that
  ends inside a quote runs to its closing mark; a clause hung on an inserted ``, he said,`` stays in it;
- ``X is seen/known as Y`` without an agent is an unattributed view; ``in this poll, …`` gives the poll;
- not attributed: cue verbs whose subject cannot be a source for weak cues (``the scale of
  desertions suggests``), names that are only mentioned, titles in quotes, verbs outside their cue
  sense (``put money into ads``, ``cast their ballots``: ``sense_preps``), a poll after the verb
  (``slid in the polls``);
- a report deep inside another source's content (``Ryan said the senator, who has long supported the
  ban, …``) is part of that content: no statement of its own, and a quote in it is the outer source's.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimledger import datafiles
from claimledger.extract.config import english_with_packaged_lexicon
from claimledger.extract.extensions import FIGURES_KEY, QUOTES_KEY, STATEMENTS_KEY, register
from claimledger.extract.quotes import PARTS_KEY, QUOTE_CHARS, settings_lexicon
from claimledger.extract.sources import Entry, Registry, lexicon, np_span, publish
from claimledger.model import Attribution, Inherited

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_RELATIVE = {"who", "which", "that", "whom"}


@cache
def cues() -> dict:
    data = datafiles.load("attribution_cues")
    out: dict = {}
    for key, value in data.items():
        out[key] = set(value) if isinstance(value, list) else value
    out["trigger_words"] = set(out["verbs"]) | set(out["stance_nouns"]) | set(out["hedge_verbs"]) | {"according", "per", "reportedly", "allegedly", "purportedly",
                                                 "supposedly", "apparently", "citing", "cited", "cite"}
    out["trigger_words"] |= set(out.get("lemma_fixes", {})) | set(out.get("in_sources", ()))
    return out


@dataclass
class Link:
    entry: int
    relation: str
    cue: str
    start: int
    end: int


@dataclass
class Record:
    link: Link
    content: tuple[int, int] | None  # token range, end exclusive
    cue_token: Token
    sent_start: int
    speaker: tuple[int, int] | None = None  # char span of the speaker phrase
    chain: list[Link] = field(default_factory=list)
    setting: str | None = None
    via_quote: bool = False
    turn: bool = False  # a transcript turn ("PENCE: Well, look, …") inside a quote that runs over the transcript
    embedded: bool = False  # a report deep inside another source's content: part of that content

    @property
    def links(self) -> list[Link]:
        return [self.link, *self.chain]


def _tok_range(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


_BARE_REPORT_TOKENS = 12
_BULLETS = frozenset(("-", "–", "—", "•", "*", "·"))


def _after_colon(doc: Doc, i: int) -> bool:
    """Token ``i`` opens a block introduced by a colon ("According to the ministry:"), after any bullet."""
    j = i - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in _BULLETS):
        j -= 1
    return j >= 0 and doc[j].text == ":"


def _bullet_of(doc: Doc, openings: dict[int, int], number: int) -> str | None:
    """The bullet a paragraph opens with ("- 6,900 cases …"), or None."""
    first = openings.get(number)
    return doc[first].text if first is not None and doc[first].text in _BULLETS else None


def _paragraphs(doc: Doc) -> list[int]:
    """The paragraph number of every token (paragraphs are split by line breaks)."""
    numbers, current, broke = [], 0, False
    for token in doc:
        numbers.append(current)
        breaks = "\n" in token.text + token.whitespace_
        if breaks and not (broke and token.is_space):  # a blank line is one break, not two
            current += 1
        broke = breaks
    return numbers


_SIGNATURE_DASHES = "―—–"
_TRIM = {".", ",", ";", ":", "!", "?", "—", "–", "-", "(", ")", "[", "]", "…", "--"}


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    # a dangling "and"/"but" is left when the parser hangs the next clause elsewhere
    while end > start and (doc[end - 1].text in _TRIM or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
        end -= 1
    while start < end and (doc[start].text in _TRIM or doc[start].is_space):
        start += 1
    return start, end


def _before_next_cue(clause: Token, start: int, end: int, lex: dict) -> int:
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


def _in_paragraph(doc: Doc, start: int, end: int, cue: int) -> tuple[int, int]:
    """The part of a content in the cue's paragraph (or the one next to it).

    The parser sometimes runs a sentence over a paragraph break ("7:05 p.m.\n\nThe top quality …,
    according to …"); what a source said does not jump paragraphs without quote marks, and quotes
    are spans of their own.
    """
    breaks = [t.i for t in doc[start:end] if t.is_space and "\n" in t.text]
    if not breaks:
        return start, end
    bounds = [start, *[b + 1 for b in breaks]]
    segments = [(a, b) for a, b in zip(bounds, [*breaks, end])]
    best = min(segments, key=lambda seg: 0 if seg[0] <= cue < seg[1] else min(abs(cue - seg[0]), abs(cue - seg[1])))
    return _trim(doc, *best)


def _without_aside(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A content without the non-restrictive clause or apposition that closes it.

    "criticized Clinton's email use, which an FBI investigation said was careless": the ``, which …``
    (``, where …``, ``— a play on words …``) is the author's aside, as for figures (``_aside``).
    """
    lex = cues()
    for k in range(start + 1, end - 1):
        mark, nxt = doc[k], doc[k + 1]
        if mark.text == "," and nxt.lower_ in lex["concessive_marks"] and nxt.dep_ in ("mark", "advmod") and nxt.head.right_edge.i >= end - 1:
            # "the test was its biggest yet, although it may take days to tell": the author's concession
            return _trim(doc, start, k)
        if mark.text == "," and nxt.lower_ in lex["aside_relatives"]:
            # the comma makes the relative clause non-restrictive, whatever the parse made of it; one
            # closed by a second comma ("the plan, which …, would fail") is inside the content
            clause = nxt.head if nxt.head.dep_ == "relcl" else nxt
            if clause.right_edge.i >= end - 1 or not any(t.text in (",", "—", "–") for t in doc[k + 2 : end]):
                return _trim(doc, start, k)
            continue
        if (
            mark.text == ","
            and nxt.tag_ == "VBG"
            and nxt.dep_ in ("advcl", "acl", "conj")
            and nxt.right_edge.i >= end - 1
            and (nxt.lemma_.lower() in cues()["verbs"] or nxt.head.tag_ in ("VB", "TO"))
        ):
            # a participle closing the content is a cue of its own (", adding …", ", saying …") or, after
            # an infinitive ("wants to sign up 5 million people, focusing on people under 30"), the
            # author's gloss on how; after a finite clause it is still what was reported ("21,600
            # soldiers deserted in October, bringing the total to 180,000")
            return _trim(doc, start, k)
        if (
            mark.text == ","
            and nxt.head.dep_ == "appos"
            and nxt.head.left_edge.i == k + 1
            and nxt.head.head.pos_ == "PROPN"
            and nxt.head.right_edge.i >= end - 1
        ):
            # "he did not support Mr. Trump, the presumed Putin favorite": the author's gloss on a name
            return _trim(doc, start, k)
        if mark.text in ("—", "–", "--") and any(
            t.lemma_.lower() in lex["verbs"] and t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children)
            for t in doc[k + 1 : end]
        ):
            # "to retaliate against Russia -- meddling the congressman said is designed to …": a report of its own
            return _trim(doc, start, k)
        if mark.text not in ("—", "–", "--") or nxt.head.right_edge.i < end - 2:
            continue
        if nxt.dep_ in ("det", "amod", "compound") and nxt.head.dep_ == "appos" and nxt.head.right_edge.i >= end - 1:
            return _trim(doc, start, k)
    return start, end


def _through_quote(doc: Doc, start: int, end: int, quotes: list[Span]) -> tuple[int, int]:
    """A content that ends inside a quote ends with it.

    'called half of Trump's supporters "deplorables."': the parser hangs the period and the closing
    mark on the verb, so the object stops before them; what was said runs to the closing mark.
    """
    for q in quotes:
        if start <= q.start < end < q.end and all(t.is_punct for t in doc[end : q.end]):
            return start, q.end
    return start, end


class Attributor:
    def __init__(self, nlp: Language, name: str) -> None:
        register()
        self.name = name

    # -- entry point ----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        registry = doc._.cl_source_index
        if registry is None:
            registry = Registry(doc)
        lex = cues()
        records: list[Record] = []
        cite_events: list[tuple[int, set[int], list[Link]]] = []
        quotes = [q for q in doc.spans[QUOTES_KEY]] if QUOTES_KEY in doc.spans else []
        quote_sents = {q.sent.start for q in quotes}
        trig = lex["trigger_words"]
        inside: set[int] = set()  # tokens inside quote marks: a cue there is the quoted speaker's, not the article's
        for qs, qe in doc.user_data.get(PARTS_KEY, []):
            span = doc.char_span(qs, qe, alignment_mode="contract")
            if span is not None and len(span) > 2:
                inside.update(range(span.start + 1, span.end - 1))
        colons: list[Token] = []
        # the sentences once per doc: Token.sent and doc.sents rebuild them on every access
        sents = list(doc.sents)
        sent_of = [0] * len(doc)
        for sent in sents:
            sent_of[sent.start : sent.end] = [sent.start] * len(sent)
        for sent in sents:
            has_cue = False
            for t in sent:
                if t.text == ":":
                    colons.append(t)
                elif not has_cue and (t.lemma_.lower() in trig or t.lower_ in trig):
                    has_cue = True
            if sent.start not in quote_sents and not has_cue:
                continue
            for tok in sent:
                if tok.i in inside:
                    continue
                low = tok.lower_
                lemma = lex["lemma_fixes"].get(low) or tok.lemma_.lower()
                rec = None
                if lemma in lex["verbs"] and (
                    tok.pos_ in ("VERB", "AUX")
                    or tok.tag_.startswith("VB")
                    or (tok.dep_ == "ROOT" and {c.dep_ for c in tok.children} >= {"nsubj", "ccomp"})
                ):
                    if lemma in lex["cite_lemmas"]:
                        # "…, citing X": a link of a chain (of this sentence's cue, or of a later one)
                        if tok.dep_ in ("advcl", "xcomp", "acl", "prep", "conj", "pcomp", "dep"):
                            self._cite_event(registry, tok, sent, cite_events)
                            continue
                        # "Clinton cited Trump's remarks as examples of …": a cue of its own, what is cited the content
                        if lemma not in lex["object_content"] or not any(c.dep_ == "nsubj" for c in tok.children):
                            continue
                    rec = self._anaphoric_passive(registry, tok, lex) or self._verb(registry, tok, lemma, lex)
                elif lemma in lex["stance_nouns"] and tok.pos_ == "NOUN":
                    rec = self._noun(registry, tok, lemma, lex)
                elif low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                    rec = self._according(registry, tok, doc[tok.i + 1], "according to")
                elif low == "in" and tok.dep_ == "prep" and tok.i < tok.head.i and any(
                    c.dep_ == "pobj" and c.lemma_.lower() in lex["in_sources"] for c in tok.children
                ):
                    # "In this poll, Trump rose 1 point": the poll opening the clause is the source of its
                    # finding; after the verb it is where a standing is measured ("slid in the polls")
                    rec = self._according(registry, tok, tok, "in")
                elif low == "per" and tok.dep_ == "prep" and not self._per_unit(tok):
                    rec = self._according(registry, tok, tok, "per")
                elif (
                    low in lex["hedge_adverbs"]
                    and tok.dep_ == "advmod"
                    and tok.head.pos_ in ("VERB", "AUX")
                    and tok.head.lemma_.lower() not in lex["verbs"]
                ):
                    # "he apparently believed the polls": the cue verb's own report carries the hedge
                    rec = self._hedge_adverb(registry, tok, lex["hedge_adverbs"][low])
                elif lemma in lex["hedge_verbs"] and tok.pos_ in ("VERB", "AUX"):
                    rec = self._hedge_verb(registry, tok, lex["hedge_verbs"][lemma])
                if rec is not None:
                    if not rec.chain:
                        rec.chain = self._chain_of(registry, rec.cue_token, rec.link.entry)
                    records.append(rec)
        records.extend(self._colon_records(colons, registry, inside, lex))
        records.extend(self._signature_records(quotes, registry))
        for rec in records:
            if rec.content is not None:
                content = _without_aside(doc, *_in_paragraph(doc, *rec.content, rec.cue_token.i))
                rec.content = _through_quote(doc, *content, quotes)
        # a source that cited someone in the two sentences before keeps citing them
        sent_index = {s.start: i for i, s in enumerate(sents)}
        for rec in records:
            if rec.chain or rec.link.relation == "cited":
                continue
            here = sent_index.get(rec.sent_start, 0)
            for where, citers, links in reversed(cite_events):
                if here - 1 <= sent_index.get(where, -9) <= here and rec.link.entry in citers and links:
                    if links[0].start != rec.link.start:
                        rec.chain = list(links)
                        break
        for rec in records:
            rec.embedded = self._embedded(rec, records, registry)
        self._attach_quotes(doc, registry, records, quotes, sent_of)
        self._finish(doc, registry, records, quotes)
        return doc

    # -- cues -----------------------------------------------------------------------------------
    def _cue_text(self, tok: Token) -> tuple[str, int, int]:
        # token and span texts, not doc.text: that rebuilds the whole article on every access
        last = tok
        for child in tok.children:
            if child.dep_ == "prt" and child.i == tok.i + 1:
                last = child
        span = tok.doc[tok.i : last.i + 1]
        return span.text, span.start_char, span.end_char

    def _speaker_head(self, tok: Token) -> tuple[Token | None, str]:
        """The head of the speaker phrase of cue ``tok`` and how it was found."""
        # the subject nearest the cue: a dateline or timestamp the parser hung on the verb as a
        # second subject ("9:30 p.m.\n\nDonald Trump says …") comes first and is not the speaker
        subjects = [c for c in tok.children if c.dep_ == "nsubj"] or [c for c in tok.children if c.dep_ == "csubj"]
        # a subject the parser took from inside the quote ('"…, it will come," said James Acton') is the
        # quote's, not the speaker: one with no quote mark between it and the cue comes first
        subjects = [c for c in subjects if not self._quote_between(c, tok)] or subjects
        before = [c for c in subjects if c.i < tok.i]
        subj = before[-1] if before else (subjects[0] if subjects else None)
        passive = any(c.dep_ == "auxpass" for c in tok.children) or any(c.dep_ == "nsubjpass" for c in tok.children)
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, "agent"
        if passive:
            sp = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if sp is not None and sp.lower_ == "it":
                return sp, "impersonal"
            if sp is not None and any(c.dep_ == "xcomp" for c in tok.children):
                return sp, "impersonal"  # "he is said to have …"
            if sp is not None and sp.lower_ not in _RELATIVE and tok.lemma_.lower() in cues()["passive_as_verbs"] and any(
                c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i for c in tok.children
            ):
                return sp, "impersonal"  # "the process is seen as one way Sanders could gain concessions"
            if tok.dep_ == "acl":
                return None, "none"
            return None, "none"
        if subj is not None:
            if subj.lower_ in _RELATIVE and tok.dep_ == "relcl":
                return tok.head, "relative"
            if subj.lower_ in ("what", "which", "that", "this", "there"):
                return None, "none"
            return subj, "subject"
        if tok.dep_ in ("xcomp", "conj") and tok.head.pos_ in ("VERB", "AUX"):
            return self._speaker_head(tok.head)
        if tok.dep_ == "advcl" and tok.tag_ == "VBG":
            return self._speaker_head(tok.head)
        if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
            return self._speaker_head(tok.head.head)  # "Obama responded … by saying his refusal …"

        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head, "participle"
        if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return None, "none"
        return None, "none"

    def _quote_between(self, a: Token, b: Token) -> bool:
        """A quote mark between two tokens: they are on either side of a quotation's edge."""
        lo, hi = sorted((a.i, b.i))
        return any(t.is_quote for t in a.doc[lo + 1 : hi])

    def _resolve(self, registry: Registry, head: Token, cue: Token, weak: bool) -> int | None:
        # "his spokesman, John Smith," → the named apposition
        for child in head.children:
            if child.dep_ == "appos" and child.i in registry.token_entry:
                return registry.token_entry[child.i]
        if head.lower_ in ("you", "one", "me", "us"):
            return None
        idx = registry.resolve(head, cue=cue, weak=weak)
        if idx is None and (head.lower_ in ("i", "we") or (head.lower_ in ("he", "she", "they") and not weak)):
            # an unresolved pronoun is still someone: keep it as written; "I" and "we" are the writer
            # (an op-ed's "I know …", "we believe …") even for the cues that need a source-like subject
            entry = Entry(kind="person", name=head.text, words=frozenset())
            registry.entries.append(entry)
            idx = len(registry.entries) - 1
            registry._add_mention(idx, head.doc[head.i : head.i + 1])
        return idx

    def _verb(self, registry: Registry, tok: Token, lemma: str, lex: dict) -> Record | None:
        doc = tok.doc
        weak = lemma in lex["weak"]
        if lemma in lex["sense_preps"] and not any(c.dep_ == "prep" and c.lower_ in lex["sense_preps"][lemma] for c in tok.children):
            return None  # "put money into ads", "cast their ballots": not the estimating or framing sense
        if (
            lemma == "call"
            and not any(c.dep_ in ("oprd", "ccomp", "xcomp") or c.lower_ in ("as", "for", "on") for c in tok.children)
            and self._for_infinitive(tok, lemma, lex) is None
        ):
            return None
        head, how = self._speaker_head(tok)
        if head is None:
            return None
        relation = lex["verbs"][lemma]
        cue_text, cs, ce = self._cue_text(tok)
        if how == "impersonal":
            if lemma not in lex["impersonal"] and lemma not in lex["passive_as_verbs"]:
                return None
            aux = [c for c in tok.children if c.dep_ in ("auxpass", "aux")]
            first = min([head.i] + [a.i for a in aux]) if head.lower_ == "it" else min([tok.i] + [a.i for a in aux])
            span = doc[first : tok.i + 1]
            idx = self._unattributed(registry, span)
            content = self._content(tok, lemma, lex)
            if head.lower_ != "it":
                xcomp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
                as_phrase = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i), None)
                if xcomp is not None:
                    content = (head.left_edge.i, xcomp.right_edge.i + 1)
                elif as_phrase is not None and lemma in lex["passive_as_verbs"]:
                    content = _trim(doc, head.left_edge.i, tok.right_edge.i + 1)
            rec = Record(Link(idx, relation, cue_text, cs, ce), content, tok, tok.sent.start, (span.start_char, span.end_char))
            return rec
        idx = self._resolve(registry, head, tok, weak)
        if idx is None:
            return None
        entry = registry.entries[idx]
        if entry.kind == "unattributed":
            relation = "reported" if relation == "said" else relation
        if relation == "reported" and entry.kind == "person" and lemma == "write":
            relation = "said"
        content = self._block_after_colon(tok) or self._content(tok, lemma, lex)
        sp = np_span(head, tok)
        speaker = (sp.start_char, sp.end_char) if len(sp) else (head.idx, head.idx + len(head.text))
        return Record(Link(idx, relation, cue_text, cs, ce), content, tok, tok.sent.start, speaker)

    def _block_after_colon(self, tok: Token) -> tuple[int, int] | None:
        """``The governor added:`` closing a paragraph: what was said is the next paragraph (a block quote)."""
        doc = tok.doc
        k = tok.i + 1
        while k < len(doc) and k - tok.i <= 8 and doc[k].text != ":":
            if doc[k].is_space or doc[k].pos_ in ("VERB", "AUX"):
                return None
            k += 1
        if k + 1 >= len(doc) or doc[k].text != ":" or not (doc[k + 1].is_space and "\n" in doc[k + 1].text):
            return None
        start = k + 2
        end = start
        while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
            end += 1
        start, end = _trim(doc, start, end)
        return (start, end) if end - start >= 3 else None

    def _colon_records(self, colons: list[Token], registry: Registry, inside: set[int], lex: dict) -> list[Record]:
        """``Lynch: No outside influence on FBI probe.`` / ``TAPPER: Do you think …``.

        Headlines and interview transcripts give the speaker, a colon and what was said. Only a
        paragraph that opens with a short phrase naming a source (no finite verb: "Wait, it gets
        better:" introduces, it does not attribute) followed by ``: `` and some words counts.
        """
        out: list[Record] = []
        labels = lex["colon_labels_not_sources"]
        for cue in colons:
            if not cue.whitespace_ or cue.i == 0:
                continue
            doc = cue.doc
            first = cue.i
            while first > 0 and not (doc[first - 1].is_space and "\n" in doc[first - 1].text) and cue.i - first <= 12:
                first -= 1
            if first > 0 and not (doc[first - 1].is_space and "\n" in doc[first - 1].text):
                continue  # not at a paragraph start
            # a transcript quoted whole opens each turn with a quote mark ('"WALLACE: Let's start …')
            turn = doc[first].text in QUOTE_CHARS
            if turn:
                first += 1
            elif cue.i in inside:
                continue
            head_span = doc[first : cue.i]
            prefix = head_span.text.strip()
            if not prefix or not prefix[0].isupper() or prefix.lower() in labels or len(prefix) > 60:
                continue
            if any(t.tag_ in ("VBZ", "VBD", "VBP", "MD") or t.text == ":" for t in head_span):
                continue
            stop = cue.i + 1
            while stop < len(doc) and not (doc[stop].is_space and "\n" in doc[stop].text):
                stop += 1
            start, stop = _trim(doc, cue.i + 1, stop)
            if stop - start < 2:
                continue
            root = head_span.root
            idx = registry.token_entry.get(root.i)
            if idx is None:
                idx = registry.resolve(root, cue=cue, weak=True)
            if idx is None:
                # a headline's or transcript's bare surname ("Sanders: …", "PENCE: …"), which the tagger
                # may not read as a name: the person of that surname named elsewhere in the article
                low = prefix.lower()
                idx = next(
                    (i for i, e in enumerate(registry.entries) if e.kind == "person" and e.name.lower().split()[-1:] == [low]),
                    None,
                )
            if idx is None:
                continue
            sp = np_span(root, cue)
            speaker = (sp.start_char, sp.end_char) if len(sp) else (root.idx, root.idx + len(root.text))
            link = Link(idx, "said", ":", cue.idx, cue.idx + 1)
            out.append(Record(link, (start, stop), cue, cue.sent.start, speaker, turn=turn))
        return out

    def _signature_records(self, quotes: list[Span], registry: Registry) -> list[Record]:
        """``“Trump scares me.” ― Krystal Correa``: a quote signed with a dash and a name.

        Vox pops, epigraphs and reader comments end a quote with a dash and who said it, the rest of
        the line; the name is the speaker, the quote the content. Only a short signature that names
        a source counts ("“…” — and that was before the debate" signs nothing).
        """
        out: list[Record] = []
        if not quotes:
            return out
        doc = quotes[0].doc
        text = doc.text  # once per doc, and only when the doc has quotes
        for q in quotes:
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
            start, end = _trim(doc, signature.start, signature.end)
            if not 0 < end - start <= 8:
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
            sp = np_span(root, cue_token)
            speaker = (sp.start_char, sp.end_char) if len(sp) else (root.idx, root.idx + len(root.text))
            link = Link(idx, "said", text[at], at, at + 1)
            out.append(Record(link, (q.start, q.end), cue_token, q.start, speaker))
        return out

    def _noun(self, registry: Registry, tok: Token, lemma: str, lex: dict) -> Record | None:
        """``Clinton's support for the ban``, ``his claim that …``: a stance noun with its holder.

        The holder is the possessor (or ``by X``); the content the ``that`` clause or the object of
        the noun's preposition. A noun without a holder ("the claim that …") is not attributed here.
        """
        doc = tok.doc
        holder = next((c for c in tok.children if c.dep_ == "poss"), None)
        if holder is None:
            by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            holder = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if holder is None:
            return None
        content = None
        for child in tok.children:
            if child.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" and m.dep_ == "mark" for m in child.children):
                content = _tok_range(child)
                break
            if child.dep_ == "prep" and child.lower_ in lex["stance_nouns"][lemma]:
                obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    content = _tok_range(obj)
                    break
        if content is None:
            return None
        idx = self._resolve(registry, holder, tok, weak=True)
        if idx is None:
            return None
        sp = np_span(holder, tok)
        speaker = (sp.start_char, sp.end_char) if len(sp) else (holder.idx, holder.idx + len(holder.text))
        relation = lex["verbs"].get(lemma, "said")
        return Record(Link(idx, relation, tok.text, tok.idx, tok.idx + len(tok.text)), _trim(doc, *content), tok, tok.sent.start, speaker)

    def _unattributed(self, registry: Registry, span: Span) -> int:
        entry = Entry(kind="unattributed", name=span.text, words=frozenset())
        registry.entries.append(entry)
        idx = len(registry.entries) - 1
        registry._add_mention(idx, span)
        return idx

    def _content(self, tok: Token, lemma: str, lex: dict) -> tuple[int, int] | None:
        doc = tok.doc
        wanted = self._for_infinitive(tok, lemma, lex)
        if wanted is not None:
            return wanted
        clause = self._clause(tok, lemma, lex)
        if clause is not None:
            start, end = _tok_range(clause)
            if clause.dep_ == "advcl":  # the time phrase before the subject is the author's, not the source's
                start = next(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")).left_edge.i
            for sub in clause.lefts:
                if sub.dep_ in ("advcl", "prep") and sub.lemma_.lower() in lex["cite_lemmas"] and sub.left_edge.i == start:
                    start = sub.right_edge.i + 1
            return _trim(doc, start, _before_next_cue(clause, start, end, lex))
        for child in tok.children:
            if child.dep_ == "xcomp" and lemma in lex["xcomp_content"]:
                return _trim(doc, *_tok_range(child))
            if child.dep_ == "advcl" and lemma in ("ask", "wonder", "question") and any(
                m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in child.children
            ):
                return _trim(doc, *_tok_range(child))
        if tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
            head = tok.head
            start, end = head.left_edge.i, head.right_edge.i + 1
            lo, hi = self._inserted_cue_start(tok), tok.right_edge.i + 1
            if lo <= start:
                start = hi
            elif hi >= end:
                end = lo
            return _trim(doc, start, end)
        if tok.dep_ in ("acl", "relcl") and lemma in lex["dismiss_verbs"] and tok.head.lemma_.lower() in lex["claim_nouns"]:
            return _trim(doc, *_tok_range(tok.head))
        if lemma in lex["object_content"] or lemma in lex["as_content"]:
            parts = []
            for child in tok.children:
                if child.dep_ in ("dobj", "oprd", "attr") and child.lower_ not in ("what", "it", "this", "that", "which", "so"):
                    parts.append(_tok_range(child))
                elif child.dep_ == "prep" and child.lower_ == "as" and lemma in lex["as_content"]:
                    parts.append(_tok_range(child))
                elif child.dep_ == "conj" and child.lower_ == "as" and lemma in lex["as_content"]:
                    parts.append(_tok_range(child))
                elif child.dep_ == "prep" and child.lower_ in lex["object_reason_preps"] and lemma in lex["prep_content"] and parts:
                    # "criticized Clinton for her email use": the reason belongs to what is said
                    if child.lower_ in lex["prep_content"][lemma]:
                        parts.append(_tok_range(child))
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
                        elif self._coordinated_object(child, end, lex):
                            end = child.right_edge.i + 1
                return _trim(doc, start, end)
        return self._prep_content(tok, lemma, lex)

    def _inserted_cue_start(self, tok: Token) -> int:
        """Where an inserted ``, he said,`` starts: at its subject, not at a clause hung on the cue before it.

        "Though that transition was seamless, he said, replacing Clinton would be acrimonious": the
        parser may hang the opening clause on the inserted cue; it is still part of what was said.
        """
        subjects = [c for c in tok.children if c.dep_ in _SUBJ and c.i < tok.i]
        first = min([tok.i] + [c.left_edge.i for c in subjects])
        if first > tok.left_edge.i and tok.doc[first - 1].text in (",", "—", "–", "--"):
            return first - 1
        return tok.left_edge.i

    def _for_infinitive(self, tok: Token, lemma: str, lex: dict) -> tuple[int, int] | None:
        """``called for the United States to step up its efforts``: who is to act, and the act.

        The parser reads "for" as the mark of an infinitive clause or as a preposition whose object
        the infinitive follows; either way what is called (pushed, pressed) for is the object with its
        infinitive, not the object alone ("the United States") nor the bare infinitive.
        """
        if "for" not in lex["prep_content"].get(lemma, ()):
            return None
        doc = tok.doc
        for child in tok.rights:
            if child.dep_ not in ("advcl", "xcomp", "ccomp") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                continue
            mark = next((c for c in child.children if c.dep_ == "mark" and c.lower_ == "for"), None)
            if mark is not None:
                return _trim(doc, mark.i + 1, child.right_edge.i + 1)
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" and tok.i < c.i < child.i), None)
            if prep is not None and prep.right_edge.i + 1 == child.left_edge.i:
                return _trim(doc, prep.i + 1, child.right_edge.i + 1)
        return None

    def _coordinated_object(self, child: Token, end: int, lex: dict) -> bool:
        """``mentioned refinancing student loans and forcing universities to …``: a second object on the verb.

        A verb conjoins with verbs: a noun, or a gerund without a subject of its own, that the parser
        conjoins to the cue right after its object (``and …``) is a second thing said, not a new clause.
        """
        if child.dep_ != "conj" or child.lemma_.lower() in lex["verbs"]:
            return False
        between = child.doc[end : child.left_edge.i]
        if not any(t.dep_ == "cc" for t in between) or not all(t.dep_ == "cc" or t.text == "," for t in between):
            return False
        return child.pos_ in ("NOUN", "PROPN") or (child.tag_ == "VBG" and not any(c.dep_ in _SUBJ for c in child.children))

    def _clause(self, tok: Token, lemma: str, lex: dict) -> Token | None:
        """The clause the cue reports: its complement clause, nearest after the cue first.

        "…: Republicans said they're convinced …" gets two ccomps when a clause before a colon is hung
        on the cue too; what the source said follows the cue. The parser also reads a bare clause
        after a time phrase as an adverbial ("Trump said after the convention he would not accept …"):
        a subordinate clause without a conjunction, with a subject of its own, after a speech verb is
        what was said.
        """
        ccomps = [c for c in tok.children if c.dep_ == "ccomp"]
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
                    m.dep_ in ("mark", "advmod") and m.lower_ == "that" for m in rel.children
                ) and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _RELATIVE for c in rel.children):
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

    def _prep_content(self, tok: Token, lemma: str, lex: dict) -> tuple[int, int] | None:
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
                    return _trim(tok.doc, *_tok_range(obj))
        return None

    def _per_unit(self, tok: Token) -> bool:
        """``per year``, ``per student``: a rate, not a source (``per the Associated Press``)."""
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        return pobj is not None and pobj.pos_ == "NOUN" and not any(c.dep_ in ("det", "poss") for c in pobj.children)

    def _according(self, registry: Registry, tok: Token, to: Token, cue_word: str) -> Record | None:
        doc = tok.doc
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        target, cue_end_tok = self._data_from(pobj)
        idx = self._resolve(registry, target, tok, weak=False)
        if idx is None:
            return None
        kind = registry.entries[idx].kind
        relation = "reported" if kind in ("media", "document", "unattributed") or target is not pobj else "said"
        cue_text = doc[tok.i : cue_end_tok].text if cue_end_tok > to.i + 1 else doc[tok.i : to.i + 1].text
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
        content = _trim(doc, start, end)
        sp = np_span(target)
        rec = Record(
            Link(idx, relation, cue_text, tok.idx, tok.idx + len(cue_text)),
            content if content[1] > content[0] else None,
            tok,
            tok.sent.start,
            (sp.start_char, sp.end_char) if len(sp) else None,
        )
        # "According to her, … citing X": chain from the phrase's own children
        rec.chain = self._cites_from(registry, target)
        return rec

    def _hedge_verb(self, registry: Registry, tok: Token, relation: str) -> Record | None:
        """``Melania seems to have vanished``, ``it appeared that Trump was unable …``: an impression, no source.

        Like ``apparently``, the verb marks what follows as how things look to someone unnamed; the
        content is the subject with the infinitive, or the ``that`` clause. Without either ("he
        appeared at the rally", "seems credible") there is no content to attribute.
        """
        doc = tok.doc
        clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i and c.pos_ in ("VERB", "AUX")), None)
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
        if clause is not None:
            content = _tok_range(clause)
        elif xcomp is not None and subj is not None and subj.lower_ not in _RELATIVE and subj.lower_ != "it":
            content = (subj.left_edge.i, xcomp.right_edge.i + 1)
        else:
            return None
        idx = self._unattributed(registry, doc[tok.i : tok.i + 1])
        return Record(
            Link(idx, relation, tok.text, tok.idx, tok.idx + len(tok.text)), _trim(doc, *content), tok, tok.sent.start,
            (tok.idx, tok.idx + len(tok.text)),
        )

    def _hedge_adverb(self, registry: Registry, tok: Token, relation: str) -> Record | None:
        doc = tok.doc
        head = tok.head
        idx = self._unattributed(registry, doc[tok.i : tok.i + 1])
        start, end = head.left_edge.i, head.right_edge.i + 1
        content = _trim(doc, start, end)
        return Record(
            Link(idx, relation, tok.text, tok.idx, tok.idx + len(tok.text)), content, tok, tok.sent.start,
            (tok.idx, tok.idx + len(tok.text)),
        )

    # -- chains ---------------------------------------------------------------------------------
    def _data_from(self, obj: Token) -> tuple[Token, int]:
        """``data from X`` / ``figures of X`` → X; returns the target and the token index where its phrase starts."""
        lex = cues()
        if obj.lemma_.lower() in lex["cite_objects"] or obj.lower_ in lex["cite_objects"]:
            for child in obj.children:
                if child.dep_ == "prep" and child.lower_ in ("from", "of", "by", "at"):
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        start = pobj.left_edge.i
                        while start < pobj.i and obj.doc[start].lower_ in ("the", "a", "an"):
                            start += 1
                        inner, inner_start = self._data_from(pobj)
                        return inner, inner_start if inner is not pobj else start
        start = obj.left_edge.i
        while start < obj.i and obj.doc[start].lower_ in ("the", "a", "an"):
            start += 1
        return obj, start

    def _cite_target(self, c: Token) -> Token | None:
        lemma = c.lemma_.lower()
        for child in c.children:
            if child.dep_ == "dobj" and lemma in ("cite", "quote"):
                return child
        for child in c.children:
            if child.dep_ == "prep" and (
                (lemma == "refer" and child.lower_ == "to")
                or (lemma in ("base", "draw") and child.lower_ in ("on", "upon"))
                or (lemma in ("cite", "quote") and child.lower_ in ("by", "from"))
            ):
                pobj = next((x for x in child.children if x.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        return None

    def _link_for(self, registry: Registry, c: Token) -> tuple[Link, Token] | None:
        doc = c.doc
        obj = self._cite_target(c)
        if obj is None:
            return None
        target, phrase_start = self._data_from(obj)
        lex = cues()
        if target.lemma_.lower() in lex["cite_objects"] and target is obj and not any(
            ch.dep_ in ("compound", "poss") for ch in target.children
        ):
            # "citing figures" with no author: no link
            if target.lemma_.lower() not in ("official", "officials", "source", "sources", "report", "reports"):
                return None
        idx = self._resolve(registry, target, c, weak=False)
        if idx is None:
            return None
        cue_end = max(phrase_start, c.i + 1)
        cue_tokens = doc[c.i : cue_end]
        while len(cue_tokens) > 1 and cue_tokens[-1].lower_ in ("the", "a", "an"):
            cue_tokens = cue_tokens[:-1]
        cue_text = cue_tokens.text
        return Link(idx, "cited", cue_text, cue_tokens.start_char, cue_tokens.end_char), target

    def _cites_from(self, registry: Registry, target: Token, depth: int = 0) -> list[Link]:
        """Links after ``target``: "the Financial Times, which cites prosecutors"; "X, citing Y"."""
        if depth > 4:
            return []
        lex = cues()
        for child in target.children:
            if child.dep_ in ("relcl", "acl", "appos") and child.lemma_.lower() in lex["cite_lemmas"]:
                got = self._link_for(registry, child)
                if got is not None:
                    link, nxt = got
                    return [link, *self._cites_from(registry, nxt, depth + 1)]
        return []

    def _chain_of(self, registry: Registry, cue: Token, entry: int) -> list[Link]:
        lex = cues()
        candidates: list[Token] = []
        holders = [cue] + [c for c in cue.children if c.dep_ == "ccomp"]
        for holder in holders:
            for child in holder.children:
                if child.lemma_.lower() in lex["cite_lemmas"] and child.dep_ in (
                    "advcl", "xcomp", "prep", "conj", "acl", "pcomp", "dep", "csubj", "npadvmod"
                ):
                    candidates.append(child)
        head, _ = self._speaker_head(cue) if cue.lower_ not in ("according", "per") and cue.dep_ != "advmod" else (None, "")
        if head is not None:
            for child in head.children:
                if child.lemma_.lower() in lex["cite_lemmas"] and child.dep_ in ("acl", "appos", "relcl", "advcl"):
                    candidates.append(child)
        for c in sorted(candidates, key=lambda t: t.i):
            got = self._link_for(registry, c)
            if got is not None:
                link, target = got
                if link.entry == entry:
                    continue
                return [link, *self._cites_from(registry, target)]
        if head is not None:
            rest = self._cites_from(registry, head)
            if rest:
                return rest
        return []

    def _cite_event(self, registry: Registry, c: Token, sent: Span, events: list) -> None:
        got = self._link_for(registry, c)
        if got is None:
            return
        link, target = got
        chain = [link, *self._cites_from(registry, target)]
        verb = c.head
        citers: set[int] = set()
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") or (child.dep_ == "prep" and child.lower_ in ("through", "via")):
                for t in child.subtree:
                    if t.i in registry.token_entry:
                        citers.add(registry.token_entry[t.i])
        if c.dep_ in ("acl", "relcl") and c.head.i in registry.token_entry:
            citers.add(registry.token_entry[c.head.i])
        events.append((sent.start, citers, chain))

    # -- quotes ---------------------------------------------------------------------------------
    def _attach_quotes(self, doc: Doc, registry: Registry, records: list[Record], quotes: list[Span], sent_of: list[int]) -> None:
        by_sent: dict[int, list[Record]] = {}
        for rec in records:
            by_sent.setdefault(rec.sent_start, []).append(rec)
        previous: tuple[Span, Record] | None = None
        for q in quotes:
            kind = q._.cl_quote_kind
            if kind == "title":
                continue
            rec = self._quote_record(doc, q, records, by_sent, previous, sent_of)
            if rec is not None:
                q._.cl_attribution = rec  # replaced by Attribution objects in _finish
                rec.setting = rec.setting or self._setting(rec.cue_token)
                previous = (q, rec)

    def _quote_record(
        self, doc: Doc, q: Span, records: list[Record], by_sent: dict, previous, sent_of: list[int]
    ) -> Record | None:
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
        sents = set(sent_of[q.start : q.end])
        cands = [r for s in sents for r in by_sent.get(s, []) if not (q.start <= r.cue_token.i < q.end) or self._between_parts(q, r)]
        cands = [r for r in cands if r.link.relation != "cited"]
        if cands:
            def distance(r: Record) -> int:
                i = r.cue_token.i
                if q.start <= i < q.end:
                    return 0
                return q.start - i if i < q.start else i - q.end + 1
            best = min(cands, key=distance)
            if distance(best) <= 12 or q._.cl_quote_kind == "full":
                if best.content is None or q._.cl_quote_kind == "full":
                    best.via_quote = True
                return best
        if q._.cl_quote_kind != "full":
            return None
        # 3. a bare "she added." right after, a "he said:" right before, or the quote before
        after_idx = q.end
        while after_idx < len(doc) and (doc[after_idx].is_space or doc[after_idx].is_punct):
            after_idx += 1
        if after_idx < len(doc):
            nxt = doc[after_idx].sent
            if sum(1 for t in nxt if not t.is_space) <= 10:  # the paragraph break after it is no word
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

    def _between_parts(self, q: Span, r: Record) -> bool:
        if not q.start <= r.cue_token.i < q.end:
            return False
        inner = q.doc[q.start : r.cue_token.i].text
        return inner.count("’") + inner.count("'") + inner.count("”") + inner.count('"') >= 1 and inner[:1] in "‘'“\"«„"

    def _setting(self, cue: Token) -> str | None:
        lex = settings_lexicon()
        nouns = lex["setting_nouns"]
        for holder in (cue, cue.head):
            for child in holder.children:
                if child.dep_ != "prep" or child.lower_ not in ("in", "at", "during", "on", "over", "via", "through"):
                    continue
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                if pobj.lemma_.lower() in nouns or pobj.lower_ in nouns:
                    start = pobj.left_edge.i
                    while start < pobj.i and pobj.doc[start].lower_ in ("a", "an", "the"):
                        start += 1
                    return pobj.doc[start : pobj.right_edge.i + 1].text
            if holder is cue.head:
                break
        return None

    # -- output ---------------------------------------------------------------------------------
    def _finish(self, doc: Doc, registry: Registry, records: list[Record], quotes: list[Span]) -> None:
        quote_recs: list[tuple[Span, Record]] = []
        for q in quotes:
            rec = q._.cl_attribution
            if isinstance(rec, Record):
                quote_recs.append((q, rec))
            q._.cl_attribution = None
        figures = list(doc.spans[FIGURES_KEY]) if FIGURES_KEY in doc.spans else []
        figure_recs: list[tuple[Span, Record]] = []
        for f in figures:
            holders = [
                r for r in records
                if r.content and r.content[0] <= f.start and f.end <= r.content[1] and not self._aside(f, r)
            ]
            if holders:
                figure_recs.append((f, min(holders, key=lambda r: r.content[1] - r.content[0])))
        figure_recs += self._inherited_attributions(doc, registry, records, figures, figure_recs)
        statements: list[tuple[Span, Record]] = []
        seen: set[tuple[int, int]] = set()
        quote_ranges = [(q.start, q.end) for q in quotes if q._.cl_quote_kind != "title"]
        title_ranges = [(q.start, q.end) for q in quotes if q._.cl_quote_kind == "title"]
        for rec in records:
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
        used = {l.entry for _, r in quote_recs + figure_recs + statements for l in r.links}
        for i in used:
            registry.entries[i].used = True
        ids = publish(doc, registry, only_used=True)

        def chain(rec: Record) -> list[Attribution]:
            out = []
            for l in rec.links:
                if l.entry in ids:
                    out.append(Attribution(source=ids[l.entry], relation=l.relation, cue=l.cue, start=l.start, end=l.end))  # type: ignore[arg-type]
            return out

        for q, rec in quote_recs:
            q._.cl_attribution = chain(rec)
            if q._.cl_quote is not None and rec.setting and q._.cl_quote_kind in ("full", "partial"):
                q._.cl_quote.setting = rec.setting
        for f, rec in figure_recs:
            f._.cl_attribution = chain(rec)
            if registry.entries[rec.link.entry].kind == "unattributed":
                f._.cl_hedges = [self._hedge_words(doc, rec)]
        spans = []
        for span, rec in statements:
            span._.cl_attribution = chain(rec)
            spans.append(span)
        doc.spans[STATEMENTS_KEY] = spans
        doc._.cl_source_index = None

    def _inherited_attributions(
        self, doc: Doc, registry: Registry, records: list[Record], figures: list[Span], figure_recs: list[tuple[Span, Record]]
    ) -> list[tuple[Span, Record]]:
        """Sources stated once for several figures: a report sentence after them ("This was reported by
        the Prosecutor General's Office.", "The ministry said on Monday."), or an earlier attributed figure
        of the same paragraph. Each figure so attributed records the sentence it took its source from
        (``cl_inherited``). A report sentence covers the unattributed figures of the sentences before it in
        its paragraph (of the paragraph before, when it opens one with "This …"); an attributed figure covers
        the later figures of its paragraph only (carrying a source over paragraphs by measure attributed the
        author's own figures to it on the real-news dev set)."""
        if not figures:
            return []
        sents = list(doc.sents)
        starts = [sent.start for sent in sents]
        paragraph = _paragraphs(doc)
        openings: dict[int, int] = {}  # paragraph number -> its first word
        for token in doc:
            if not token.is_space:
                openings.setdefault(paragraph[token.i], token.i)
        taken = {f.start for f, _ in figure_recs}
        added: list[tuple[Span, Record]] = []

        def sentence_of(i: int) -> int:
            return bisect_right(starts, i) - 1

        def give(figure: Span, rec: Record, source: Span) -> None:
            taken.add(figure.start)
            added.append((figure, rec))
            figure._.cl_inherited = [
                *(figure._.cl_inherited or []), Inherited("attribution", source.start_char, source.end_char, source.text)
            ]

        by_sentence: dict[int, list[Span]] = {}
        for f in figures:
            by_sentence.setdefault(sentence_of(f.start), []).append(f)
        for rec in records:
            if registry.entries[rec.link.entry].kind == "unattributed" or not self._bare_report(doc, rec):
                continue
            here = sentence_of(rec.cue_token.i)
            if by_sentence.get(here):
                continue  # the report sentence states figures of its own: it attributes those
            own = paragraph[sents[here].start]
            opens_paragraph = here == 0 or paragraph[sents[here - 1].start] != own
            if opens_paragraph and rec.content is None:
                continue  # only "This was reported by …" (an anaphor) reaches back over a paragraph break
            reach = own - 1 if opens_paragraph else own
            for back in range(here - 1, -1, -1):
                if paragraph[sents[back].start] != reach:
                    break
                for f in by_sentence.get(back, []):
                    if f.start not in taken:
                        give(f, rec, sents[here])
        for rec in records:
            if not self._closing_cue(doc, rec, paragraph, openings):
                continue
            # a headline ending "…, CDC Says": its figures are the source's (the lede has its own words)
            here = paragraph[rec.cue_token.i]
            for f in figures:
                if paragraph[f.start] == here and f.start not in taken:
                    give(f, rec, sents[sentence_of(rec.cue_token.i)])
        for rec in records:
            if rec.content is None or not _after_colon(doc, rec.content[0]):
                continue  # "According to the ministry:" and a list of lines, each a paragraph
            first = next((t.i for t in doc[rec.content[0] : rec.content[1]] if not t.is_space), rec.content[0])
            bullet = _bullet_of(doc, openings, paragraph[first])
            following = paragraph[first] + 1
            while following in openings:
                listed = [f for f in figures if paragraph[f.start] == following]
                if not listed or any(f.start in taken for f in listed):
                    break
                one_sentence = sentence_of(openings[following]) == sentence_of(listed[-1].end - 1)
                if _bullet_of(doc, openings, following) != bullet or (bullet is None and not one_sentence):
                    break  # the list has ended: a line without its bullet, or a paragraph of several sentences
                for f in listed:
                    give(f, rec, sents[sentence_of(rec.cue_token.i)])
                following += 1
        attributed = sorted(figure_recs + added, key=lambda pair: pair[0].start)
        for f in figures:
            if f.start in taken:
                continue
            earlier = [(g, r) for g, r in attributed if g.start < f.start and paragraph[g.start] == paragraph[f.start]]
            if earlier:
                g, rec = earlier[-1]
                give(f, rec, sents[sentence_of(g.start)])
                attributed.append((f, rec))
                attributed.sort(key=lambda pair: pair[0].start)
        return added

    def _anaphoric_passive(self, registry: Registry, tok: Token, lex: dict) -> Record | None:
        """``This is stated in the response of the Prosecutor General's Office``, ``These figures were
        published by the ministry``: a report of what came before, its source in the ``in``/``by`` phrase."""
        subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if tok.tag_ != "VBN" or subject is None:
            return None
        words = [t.lower_ for t in subject.subtree if not t.is_punct]
        if not words or not all(w in lex["anaphoric_contents"] for w in words):
            return None
        prep = next((c for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by")), None)
        if prep is None:
            return None
        rec = self._according(registry, prep, prep, f"{tok.text} {prep.text}")
        if rec is not None:
            rec.content = (subject.left_edge.i, subject.right_edge.i + 1)
        return rec

    def _closing_cue(self, doc: Doc, rec: Record, paragraph: list[int], openings: dict[int, int]) -> bool:
        """``Measles Outbreak Swells to 121 Cases, CDC Says``: a cue that ends the headline (the first
        paragraph) after its source and a comma: the cue's content is the headline itself."""
        cue = rec.cue_token
        here = paragraph[cue.i]
        if here > 0 or rec.link.relation not in ("said", "reported"):
            return False
        after = [t for t in doc[cue.i + 1 :] if paragraph[t.i] == here and not t.is_space]
        if any(not t.is_punct for t in after):
            return False
        before = [t for t in doc[openings.get(here, 0) : cue.i] if not t.is_space]
        return any(t.text == "," for t in before[-6:])

    def _bare_report(self, doc: Doc, rec: Record) -> bool:
        """A report that says nothing of its own: "This was reported by X.", "X said on Monday.",
        "X reported this, citing Y" — what it reports are the figures before it."""
        if rec.link.relation not in ("said", "reported", "cited", "estimated"):
            return False
        if rec.content is None:  # "The ministry said on Monday.": the sentence is the report and nothing else
            return len(rec.cue_token.sent) <= _BARE_REPORT_TOKENS
        words = [t.lower_ for t in doc[rec.content[0] : rec.content[1]] if not t.is_punct and not t.is_space]
        return bool(words) and all(w in cues()["anaphoric_contents"] for w in words)

    def _embedded(self, rec: Record, records: list[Record], registry: Registry) -> bool:
        """A report deep inside what another source is said to say is part of that content, not a statement.

        "Ryan said the senator, who has long supported the ban, would vote against it": the supporting is
        Ryan's account, one claim with him as its source. Only a cue below the top of the other content
        counts: the main verb of that content ("said he wants to cut taxes") says what the reported
        source holds. An impression without a source ("Stumpf appeared to blame workers") names no one
        who says the inner report, so it stays a statement of its own.
        """
        cue = rec.cue_token
        for other in records:
            if other is rec or other.content is None or registry.entries[other.link.entry].kind == "unattributed":
                continue
            start, end = other.content
            if not start <= cue.i < end or cue.head.i == cue.i or not start <= cue.head.i < end:
                continue
            if rec.content is not None and rec.content[0] <= other.cue_token.i < rec.content[1]:
                continue  # each holds the other's cue: a parse tangle, not a report inside a report
            return True
        return False

    def _aside(self, figure: Span, rec: Record) -> bool:
        """A figure in a non-restrictive relative clause (", where …", ", which …") is the author's aside,
        unless the clause's subject is a personal pronoun: the source speaking on ("According to the USGS, the
        quake, which it measured at 6.1, …"; "the attack, which they said killed 12")."""
        doc = figure.doc
        tok = figure.root
        start, end = rec.content
        while start <= tok.i < end and tok.head.i != tok.i:
            if tok.dep_ in ("relcl", "advcl") and tok.left_edge.i > start and doc[tok.left_edge.i - 1].text in (",", "—", "–", "("):
                first = doc[tok.left_edge.i]
                if first.lower_ in ("where", "which", "who", "whose", "when", "while", "although", "though"):
                    return not self._source_speaks_on(tok)
            tok = tok.head
        return False

    @staticmethod
    def _source_speaks_on(clause: Token) -> bool:
        """The clause's own subject is 'it', 'they', 'he' or 'she' (the source the content is attributed to)."""
        return any(c.dep_ == "nsubj" and c.lower_ in ("it", "they", "he", "she") for c in clause.children)

    def _hedge_words(self, doc: Doc, rec: Record) -> str:
        if rec.speaker is None:
            return rec.link.cue
        start = min(rec.speaker[0], rec.link.start)
        end = max(rec.speaker[1], rec.link.end)
        if end - start > 60:
            return rec.link.cue
        return doc.text[start:end]


@Language.factory(
    "claimledger_attribution",
    assigns=[
        "doc.spans", "doc._.cl_sources", "span._.cl_attribution", "span._.cl_hedges", "span._.cl_quote_kind",
        "span._.cl_inherited",
    ],
    requires=[
        "doc.sents", "token.dep", "token.tag", "token.lemma", "span._.cl_figure", "span._.cl_quote", "doc._.cl_source_index",
    ],
    default_config={"lang": None, "lexicon": "attribution_cues"},
)
def make_attribution(nlp: Language, name: str, lang: str | None, lexicon: str) -> Attributor:
    english_with_packaged_lexicon("claimledger_attribution", nlp, lang, lexicon, "attribution_cues")
    return Attributor(nlp, name)
