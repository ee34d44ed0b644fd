"""self_contradiction on small texts. Where the embedding confirms a pair (negation), the similarity
is injected (a constant) so the rules are tested without the model.

The candidate pairs need the parse (slow); the check judges them from the ledger alone."""

from __future__ import annotations

import pytest

from claimledger.check.contradiction import check_contradictions
from claimledger.extract.contradiction import candidate_pairs, sentence_pairs
from claimledger.model import Article, Claim, Ledger, SentencePair


def same(a: str, b: str) -> float:
    return 0.9


def unrelated(a: str, b: str) -> float:
    return 0.1


def _ledger(doc) -> Ledger:
    return Ledger(Article(doc.text), contradiction_candidates=sentence_pairs(doc))


@pytest.mark.slow
def test_revealed_figures_against_classified_numbers(nlp):
    doc = nlp(
        "In a recent address, Putin revealed the army's losses in October, citing figures. "
        "While the exact numbers remain classified, sources suggest heavy casualties."
    )
    findings = check_contradictions(_ledger(doc), similarity=same)
    assert [f.type for f in findings] == ["self_contradiction"]
    assert "remain classified" in findings[0].message and "revealed" in findings[0].message
    assert doc.text[findings[0].start : findings[0].end].startswith("While the exact numbers")


@pytest.mark.slow
def test_a_pair_about_different_things_is_not_reported(nlp):
    """Figures made public and names kept secret are different topics: no contradiction."""
    doc = nlp("The ministry published the casualty figures. The names of the victims remain classified.")
    assert candidate_pairs(doc) == []


@pytest.mark.slow
def test_a_disclosure_far_from_the_withholding_is_not_paired(nlp):
    filler = " ".join(f"The front moved again on day {n}." for n in range(1, 6))
    doc = nlp(f"Putin revealed the army's losses in October. {filler} The exact numbers remain classified.")
    assert candidate_pairs(doc) == []


@pytest.mark.slow
def test_disclosure_pairs_need_no_embedding(nlp):
    doc = nlp("Putin revealed the army's losses. The exact numbers remain classified.")

    def forbidden(a: str, b: str) -> float:
        raise AssertionError("the embedding model was called for a disclosure pair")

    assert [f.type for f in check_contradictions(_ledger(doc), similarity=forbidden)] == ["self_contradiction"]


@pytest.mark.slow
def test_negated_predicate_of_the_same_subject(nlp):
    doc = nlp("The bridge was destroyed in the attack. The bridge was not destroyed.")
    assert [reason for *_, reason in candidate_pairs(doc)] == ["negation"]
    assert [f.type for f in check_contradictions(_ledger(doc), similarity=same)] == ["self_contradiction"]
    assert check_contradictions(_ledger(doc), similarity=unrelated) == []


@pytest.mark.parametrize(
    "text",
    [
        "The ministry published the figures. The figures were revised a week later.",
        "The losses remain classified. Officials declined to comment.",
        "The army did not reveal its plans. The plans remain secret.",
        "Prices rose in May. Wages did not keep pace.",
    ],
)
@pytest.mark.slow
def test_no_candidate_pair(nlp, text):
    assert candidate_pairs(nlp(text)) == []


TOLD = "Putin revealed the army's losses, citing figures."
HIDDEN = "The exact numbers remain classified."


def _pair_ledger(reason: str, claims: list[Claim] | None = None) -> Ledger:
    text = f"{TOLD} {HIDDEN}"
    second = text.index(HIDDEN)
    pair = SentencePair(reason, (0, len(TOLD)), (second, second + len(HIDDEN)))  # type: ignore[arg-type]
    return Ledger(Article(text), claims=claims or [], contradiction_candidates=[pair])


def test_a_recorded_disclosure_pair_is_reported_with_the_claims_it_touches() -> None:
    claim = Claim("c1", "statement", 0, 14, "Putin revealed")
    outside = Claim("c2", "statement", 200, 210, "elsewhere")
    [finding] = check_contradictions(_pair_ledger("disclosure", [claim, outside]), similarity=unrelated)
    assert finding.claims == ["c1"]
    assert (finding.start, finding.end) == (len(TOLD) + 1, len(TOLD) + 1 + len(HIDDEN))
    assert "remain classified" in finding.message


def test_a_recorded_negation_pair_needs_the_embedding_to_agree() -> None:
    assert [f.type for f in check_contradictions(_pair_ledger("negation"), similarity=same)] == ["self_contradiction"]
    assert check_contradictions(_pair_ledger("negation"), similarity=unrelated) == []


def test_no_recorded_pair_no_finding() -> None:
    assert check_contradictions(Ledger(Article(f"{TOLD} {HIDDEN}")), similarity=same) == []
