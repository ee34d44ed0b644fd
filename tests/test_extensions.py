"""The shared helpers of the extract components' spaCy attributes."""

from __future__ import annotations

import spacy

from claimledger.extract.extensions import TEXT_KEY, doc_text


def test_doc_text_is_the_docs_text_built_once() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Officials said 21,600 left.  Others disagreed.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)  # kept, not rebuilt from the tokens
    assert doc_text(nlp("")) == ""


def test_a_kept_text_copied_from_another_doc_is_rebuilt() -> None:
    """The near-miss: Span.as_doc(copy_user_data=True) hands the whole article's text to a sentence."""
    nlp = spacy.blank("en")
    doc = nlp("First part here. Second part.")
    doc_text(doc)
    part = doc[:4].as_doc(copy_user_data=True)
    assert part.user_data[TEXT_KEY] == doc.text  # copied along …
    assert doc_text(part) == part.text == "First part here. "  # … and not believed
