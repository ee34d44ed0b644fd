"""Paragraph breaks as sentence starts: a component that runs before the parser.

The articles keep paragraphs as lines; without this the parser runs a paragraph ending in an
abbreviation ("… according to Thomson Reuters I/B/E/S.") into the next ("Revenue rose … to $13.5
billion"), and the next figure takes the first paragraph's measure ("profit").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.errors import DataFileError

INTRODUCING_MARK = ":"
"""A line after it ("According to the ministry:") is what it introduces, so it goes on the same sentence."""


def paragraph_breaks(doc: Doc) -> Doc:
    """A line break before a word that does not go on in lower case starts a sentence, whatever the parser reads.

    A line that goes on in lower case is a wrapped sentence, and a line after a colon is what the
    colon introduces: both are left to the parser.
    """
    for token in doc[1:-1]:
        if token.is_space and "\n" in token.text and not doc[token.i + 1].is_lower and doc[token.i - 1].text != INTRODUCING_MARK:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.factory(
    "claimledger_paragraph_breaks", assigns=["token.is_sent_start"], default_config={"lang": None, "lexicon": None}
)
def make_paragraph_breaks(nlp: Language, name: str, lang: str | None, lexicon: str | None):  # noqa: ANN201
    """``lexicon`` stays null: the rule reads line breaks and letter case, no words. Place it before the parser."""
    if lexicon is not None:
        raise DataFileError(f"claimledger_paragraph_breaks reads no lexicon, not {lexicon!r}")
    return paragraph_breaks
