"""self_contradiction on small texts. Where the embedding confirms a pair (negation), the similarity
is injected (a constant) so the rules are tested without the model."""

from __future__ import annotations

import pytest

from claimledger.check.contradiction import candidate_pairs, check_contradictions

pytestmark = pytest.mark.slow


def same(a: str, b: str) -> float:
    return 0.9


def unrelated(a: str, b: str) -> float:
    return 0.1


def test_revealed_figures_against_classified_numbers(nlp):
    doc = nlp(
        "In a recent address, Putin revealed the army's losses in October, citing figures. "
        "While the exact numbers remain classified, sources suggest heavy casualties."
    )
    findings = check_contradictions(doc, [], similarity=same)
    assert [f.type for f in findings] == ["self_contradiction"]
    assert "remain classified" in findings[0].message and "revealed" in findings[0].message
    assert doc.text[findings[0].start : findings[0].end].startswith("While the exact numbers")


def test_a_pair_about_different_things_is_not_reported(nlp):
    """Figures made public and names kept secret are different topics: no contradiction."""
    doc = nlp("The ministry published the casualty figures. The names of the victims remain classified.")
    assert candidate_pairs(doc) == []


def test_a_disclosure_far_from_the_withholding_is_not_paired(nlp):
    filler = " ".join(f"The front moved again on day {n}." for n in range(1, 6))
    doc = nlp(f"Putin revealed the army's losses in October. {filler} The exact numbers remain classified.")
    assert candidate_pairs(doc) == []


def test_disclosure_pairs_need_no_embedding(nlp):
    doc = nlp("Putin revealed the army's losses. The exact numbers remain classified.")

    def forbidden(a: str, b: str) -> float:
        raise AssertionError("the embedding model was called for a disclosure pair")

    assert [f.type for f in check_contradictions(doc, [], similarity=forbidden)] == ["self_contradiction"]


def test_negated_predicate_of_the_same_subject(nlp):
    doc = nlp("The bridge was destroyed in the attack. The bridge was not destroyed.")
    assert [reason for *_, reason in candidate_pairs(doc)] == ["negation"]
    assert [f.type for f in check_contradictions(doc, [], similarity=same)] == ["self_contradiction"]
    assert check_contradictions(doc, [], similarity=unrelated) == []


@pytest.mark.parametrize(
    "text",
    [
        "The ministry published the figures. The figures were revised a week later.",
        "The losses remain classified. Officials declined to comment.",
        "The army did not reveal its plans. The plans remain secret.",
        "Prices rose in May. Wages did not keep pace.",
    ],
)
def test_no_candidate_pair(nlp, text):
    assert candidate_pairs(nlp(text)) == []
