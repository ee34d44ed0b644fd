"""extract/ledger.py: claims read back from the spans, and the ties the text makes between them."""

from __future__ import annotations

import spacy

import claimledger.extract  # noqa: F401  (registers the factories)
from claimledger.extract.ledger import claims_from_doc
from claimledger.model import ClaimLink


def _claims(text: str):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimledger_figures")
    return claims_from_doc(nlp(text))


def test_a_change_links_to_the_levels_it_runs_between() -> None:
    claims = _claims("The number of crossings fell from 79,000 to 72,000 in 2024.")
    change, first, second = claims
    assert (change.figure.low, change.figure.role) == (-7000, "change")
    assert change.links == [ClaimLink("change_from", first.id), ClaimLink("change_to", second.id)]
    assert first.links == second.links == []


def test_a_range_links_nothing() -> None:
    (claim,) = _claims("Estimates range from 15,000 to 18,000 a month.")
    assert claim.links == []
