"""Candidate pairs for self_contradiction: two sentences the parse says may not both hold.

Cheap rules on the parse (``data/framing_contradiction.json``), run when the ledger is built,
so the check (``check/contradiction.py``) reads the pairs from the ledger and never needs the Doc:

1. disclosure: a sentence in which something is made public ("Putin revealed the losses …,
   citing figures") against a nearby one that says the same kind of thing is not public ("the
   exact numbers remain classified"). Both must name a noun of the same topic group (losses,
   figures and numbers are one group; names another), within a few sentences of each other;
2. negation: a sentence that negates the same predicate of the same subject as another ("the
   bridge was destroyed" / "the bridge was not destroyed"). The check confirms with a
   sentence embedding that the two are about the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from spacy.tokens import Doc, Span, Token

from claimledger import datafiles
from claimledger.model import SentencePair


@cache
def rules() -> dict:
    data = dict(datafiles.load("framing_contradiction"))
    data["disclose_lemmas"] = frozenset(data["disclose_lemmas"])
    data["topic_of"] = {lemma: group for group, lemmas in data["topic_groups"].items() for lemma in lemmas}
    return data


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _topics(tokens: Iterable[Token], topic_of: dict[str, str]) -> set[str]:
    """The topic groups of the nouns among ``tokens``."""
    return {topic_of[t.lemma_.lower()] for t in tokens if t.pos_ == "NOUN" and t.lemma_.lower() in topic_of}


def _disclosed_topics(sent: Span, topic_of: dict[str, str], verbs: frozenset[str]) -> set[str]:
    """Topics named by the object or complement of a verb of making public, not negated."""
    topics: set[str] = set()
    for tok in sent:
        if tok.lemma_.lower() in verbs and tok.pos_ == "VERB" and not _negated(tok):
            for child in tok.children:
                if child.dep_ in ("dobj", "attr", "oprd"):
                    topics |= _topics(child.subtree, topic_of)
    return topics


def _withheld_topics(sent: Span, phrases: tuple[str, ...], topic_of: dict[str, str]) -> set[str]:
    """Topics of a sentence that says something is not public."""
    low = " ".join(t.lower_ for t in sent)
    if not any(f" {p} " in f" {low} " for p in phrases):
        return set()
    return _topics(sent, topic_of)


def _predicates(sent: Span) -> list[tuple[str, str, bool]]:
    """(subject lemma, verb lemma, negated) for each verb with a nominal subject."""
    out = []
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("ROOT", "conj", "ccomp"):
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                out.append((subj.lemma_.lower(), tok.lemma_.lower(), _negated(tok)))
    return out


def candidate_pairs(doc: Doc) -> list[tuple[Span, Span, str]]:
    """Sentence pairs the rules say may contradict, with the reason: 'disclosure' or 'negation'."""
    lex = rules()
    phrases = tuple(lex["withhold_phrases"])
    sents = [s for s in doc.sents if not all(t.is_space or t.is_punct for t in s)]
    told = [(i, s, _disclosed_topics(s, lex["topic_of"], lex["disclose_lemmas"])) for i, s in enumerate(sents)]
    kept = [(i, s, _withheld_topics(s, phrases, lex["topic_of"])) for i, s in enumerate(sents)]
    pairs = [
        (a, b, "disclosure")
        for i, a, said in told
        for j, b, withheld in kept
        if said & withheld and i != j and abs(i - j) <= lex["disclosure_max_sentences"]
    ]
    preds = [(s, _predicates(s)) for s in sents]
    for i, (a, pa) in enumerate(preds):
        for b, pb in preds[i + 1 :]:
            if any(sa == sb and va == vb and na != nb for sa, va, na in pa for sb, vb, nb in pb):
                pairs.append((a, b, "negation"))
    return pairs


def sentence_pairs(doc: Doc) -> list[SentencePair]:
    """The candidate pairs as the ledger keeps them: character spans of the two sentences."""
    return [
        SentencePair(reason, (a.start_char, a.end_char), (b.start_char, b.end_char))  # type: ignore[arg-type]
        for a, b, reason in candidate_pairs(doc)
    ]
