"""What the handlers share for one Doc: the parse, the source registry, the cue lexicon, the records found.

A :class:`Context` is built once per Doc by the component and handed to every handler; the
handlers add :class:`Record` objects (one per attributed assertion) and citing events to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimledger.extract.extensions import QUOTES_KEY
from claimledger.extract.quotes import PARTS_KEY
from claimledger.extract.sources import Registry


@dataclass
class Link:
    """One link of a chain: the registry entry, the relation and where the cue stands (characters)."""

    entry: int
    relation: str
    cue: str
    start: int
    end: int


@dataclass
class Record:
    """An attributed assertion: who (``link`` and its ``chain``), what (``content``), said by which cue."""

    link: Link
    content: tuple[int, int] | None  # token range, end exclusive
    cue_token: Token
    sent_start: int
    speaker: tuple[int, int] | None = None  # char span of the speaker phrase
    chain: list[Link] = field(default_factory=list)
    setting: str | None = None
    via_quote: bool = False
    turn: bool = False  # a transcript turn ("PENCE: Well, look, …") inside a quote that runs over the transcript
    embedded: bool = False  # a report deep inside another source's content: part of that content
    author: int | None = None  # whose document a bare "The statement" is (handlers.document_authors): its figures' source

    @property
    def links(self) -> list[Link]:
        return [self.link, *self.chain]

    @property
    def signs_before(self) -> bool:
        """A signature after what it signs ("…, while the rate fell to 5.2%: Statistics Canada"):
        its cue is the dash or colon, and it signs all of the content, asides included."""
        return self.cue_token.is_punct and self.content is not None and self.content[1] <= self.cue_token.i


@dataclass
class CiteEvent:
    """``…, citing Y`` in a sentence: the sources that cite (``citers``) and the chain they cite."""

    sent_start: int
    citers: set[int]
    chain: list[Link]


@dataclass
class Context:
    """One Doc's attribution state: built once, read and extended by the handlers in order."""

    doc: Doc
    sources: Registry
    lex: dict
    quotes: list[Span]
    inside_quotes: set[int]  # tokens inside quote marks: a cue there is the quoted speaker's, not the article's
    sents: list[Span]
    sent_of: list[int]  # token index -> start token of its sentence
    records: list[Record] = field(default_factory=list)
    cite_events: list[CiteEvent] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Doc, lex: dict) -> Context:
        """The context of ``doc``: the registry ``claimledger_sources`` left on it (or a new one), quotes, sentences."""
        registry = doc._.cl_source_index
        if registry is None:
            registry = Registry(doc)
        quotes = list(doc.spans[QUOTES_KEY]) if QUOTES_KEY in doc.spans else []
        inside: set[int] = set()
        for qs, qe in doc.user_data.get(PARTS_KEY, []):
            span = doc.char_span(qs, qe, alignment_mode="contract")
            if span is not None and len(span) > 2:
                inside.update(range(span.start + 1, span.end - 1))
        # the sentences once per doc: Token.sent and doc.sents rebuild them on every access
        sents = list(doc.sents)
        sent_of = [0] * len(doc)
        for sent in sents:
            sent_of[sent.start : sent.end] = [sent.start] * len(sent)
        return cls(doc, registry, lex, quotes, inside, sents, sent_of)
