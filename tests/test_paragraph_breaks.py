"""A paragraph break ends a sentence (extract/paragraphs.py): a figure never takes the previous paragraph's measure."""

from __future__ import annotations

import spacy
from spacy.language import Language

from claimledger.extract import paragraphs  # noqa: F401  (registers the component)
from claimledger.pipeline import analyze_many
from claimledger.model import Article

EARNINGS = (
    "Analysts were expecting a profit of $2.45 a share, according to Thomson Reuters I/B/E/S.\n"
    "Revenue rose nearly 50 percent to $13.5 billion, well above Wall Street's estimate.\n"
)


def _starts(text: str) -> list[str]:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimledger_paragraph_breaks")
    return [token.text for token in nlp(text) if token.is_sent_start]


def test_a_line_after_an_abbreviation_starts_a_sentence() -> None:
    assert "Revenue" in _starts(EARNINGS)


def test_a_line_that_goes_on_in_lower_case_is_a_wrapped_sentence() -> None:
    assert "in" not in _starts("The figure, officials said\nin a statement, was final.\n")


def test_lines_after_a_colon_stay_with_what_introduces_them() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimledger_paragraph_breaks")
    doc = nlp("According to the ministry:\n- 6,900 cases were opened in 2022.\nThe war goes on.\n")
    assert not doc[[t.text for t in doc].index("-")].is_sent_start
    assert doc[[t.text for t in doc].index("The")].is_sent_start


def test_the_next_paragraphs_figure_keeps_its_own_measure(nlp: Language) -> None:
    ledger, = analyze_many([Article(text=EARNINGS, id="earnings")])
    revenue = next(c for c in ledger.claims if c.figure is not None and c.figure.text == "$13.5 billion")
    assert revenue.figure.measure == "revenue"
