"""claimledger_quotes: direct quotations, found by scanning the characters.

Writes ``doc.spans["cl_quotes"]``; each span covers the quotation with its marks
(for a quote interrupted by its attribution, ``'We are …,' Putin stated, 'but …'``,
from the first opening mark to the last closing one) and carries
``span._.cl_quote`` (``model.Quote``, ``direct=True``; the attribution component
fills in ``setting``) and ``span._.cl_quote_kind``:

- ``full``: a quotation that stands as a sentence or clause of its own;
- ``partial``: a longer quoted stretch inside the author's sentence (``said the move was "a betrayal of voters"``);
- ``scare``: a quoted word or short phrase (at most four words), ``a 'systemic collapse'``;
- ``title``: the name of a book, film, show, article … (``his book "The Art of the Deal"``),
  which is never attributed and never becomes a claim.

Marks handled: straight ``"`` and ``'``, curly ``“ ”`` and ``‘ ’``, ``« »`` (and ``» «``),
``„ “`` / ``„ ”`` and ``‚ ‘`` (a doubled ``''…''``, the New York Times' style, counts as one mark
when telling the kinds apart). An apostrophe (``’`` or ``'`` between letters, as in
``Die Welt’s``, ``don't``; a leading ``’90s``) is not a quote mark; a ``’`` after a
letter closes a quote only while a single quote is open and the next character is
not a letter. A quote left open at the end of a paragraph continues when the next
paragraph opens with a quote mark (the news convention for multi-paragraph quotes);
otherwise the unbalanced mark is dropped. Quotes inside another quote are not kept
as quotes of their own.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimledger import datafiles
from claimledger.extract.extensions import QUOTES_KEY, register
from claimledger.model import Quote

_DOUBLE_OPEN = {"“": "”“", "«": "»", "„": "“”", '"': '"', "»": "«"}
_SINGLE_OPEN = {"‘": "’", "'": "'", "‚": "‘’", "‹": "›"}
PARTS_KEY = "claimledger.quote_parts"
QUOTE_CHARS = frozenset('"“”‘’\'«»„‚‹›')
_MARKS = "".join(sorted(QUOTE_CHARS))
_OPENING_CONTEXT = " \t\n\r([{—–-/:;,"
_SENT_PUNCT = ".?!"
# "Mr.", "Sen.", "Jr.", "G.K.", "D-N.C.": periods that do not end the attribution sentence
_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]{0,2}|[A-Z](?:\.[A-Z])+|[A-Z]-[A-Z](?:\.[A-Z])*)\.")
_SENTENCE_END = re.compile(r"[.?!](?:\s|$)")


@cache
def settings_lexicon(lexicon: str = "quotes_settings") -> dict:
    """The words around quotations (title nouns, settings, unverifiable words) as sets."""
    data = datafiles.lexicon(lexicon)
    return {k: (set(v) if isinstance(v, list) else v) for k, v in data.items()}


def _is_open_context(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _OPENING_CONTEXT or text[i - 1] in QUOTE_CHARS


def scan_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of quotations, marks included, outermost only, in text order."""
    found: list[tuple[int, int]] = []
    for family, opens in (("double", _DOUBLE_OPEN), ("single", _SINGLE_OPEN)):
        found.extend(_scan_family(text, family, opens))
    found.sort()
    outer: list[tuple[int, int]] = []
    for start, end in found:
        if outer and start < outer[-1][1]:
            if end > outer[-1][1]:  # crossing: keep the earlier one
                continue
            continue  # nested inside the previous quote
        outer.append((start, end))
    return outer


def _scan_family(text: str, family: str, opens: dict[str, str]) -> list[tuple[int, int]]:
    quotes: list[tuple[int, int]] = []
    n = len(text)
    open_at: int | None = None
    closers = ""
    i = 0
    while i < n:
        c = text[i]
        if c == "\n" and open_at is not None:
            # paragraph end with an open quote: continue only if the next paragraph opens with a quote
            j = i
            while j < n and text[j] in "\n\r \t":
                j += 1
            if j < n and text[j] == text[open_at]:
                i = j + 1
                continue
            open_at = None
        if open_at is not None and c in closers:
            if family == "single" and not _single_closes(text, i):
                i += 1
                continue
            if family == "double" and c == '"' and i + 1 < n and text[i + 1].isalnum() and not _is_open_context(text, i):
                i += 1
                continue
            quotes.append((open_at, i + 1))
            open_at = None
            i += 1
            continue
        if open_at is None and c in opens:
            if family == "single":
                if not _single_opens(text, i):
                    i += 1
                    continue
            elif c == '"' and not _is_open_context(text, i):
                i += 1
                continue
            if i + 1 < n and (not text[i + 1].isspace() or c in "«»"):
                open_at = i
                closers = opens[c]
        i += 1
    return quotes


def _single_opens(text: str, i: int) -> bool:
    c = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if not _is_open_context(text, i):
        return False
    if not nxt or nxt.isspace():
        return False
    if c in "'’" and nxt.isdigit():  # '90s
        return False
    if c == "'" and text[i + 1 : i + 3].lower() in settings_lexicon()["elisions"]:  # 'em, 'til, rock 'n' roll
        return False
    return True


def _single_closes(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if not prev or prev.isspace():
        return False
    if nxt.isalpha():  # Welt’s, don’t
        return False
    return True


def _merge_interrupted(doc: Doc, quotes: list[tuple[int, int]]) -> list[tuple[int, int, tuple[tuple[int, int], ...]]]:
    """Join ``'part one,' she said, 'part two.'`` into one quote with two parts."""
    text = doc.text
    merged: list[tuple[int, int, tuple[tuple[int, int], ...]]] = []
    for start, end in quotes:
        if merged:
            p_start, p_end, parts = merged[-1]
            gap = text[p_end:start]
            first_inner = text[parts[-1][1] - 2 : parts[-1][1] - 1]
            if (
                "\n" not in gap
                and 0 < len(gap.split()) <= 14
                and not any(ch in gap for ch in ".?!;")
                and first_inner in ",—–-"
                and gap.strip().endswith((",", ":", "—", "–"))
            ):
                merged[-1] = (p_start, end, parts + ((start, end),))
                continue
            # '"Part one," X said. "Part two."': the quote goes on after its attribution, which may name
            # the speaker with a title ("said Mr. Obama.", "said Rep. G.K. Butterfield (D-N.C.).")
            stripped = gap.strip()
            if (
                "\n" not in gap
                and first_inner in ",?!—–-"
                and 0 < len(stripped.split()) <= 20
                and stripped.endswith(".")
                and len(_SENTENCE_END.findall(_ABBREVIATION.sub("", stripped))) == 1
                and text[start : start + 3].lstrip("\"“”‘’'«»„‚‹›")[:1].isupper()
            ):
                merged[-1] = (p_start, end, parts + ((start, end),))
                continue
        merged.append((start, end, ((start, end),)))
    return merged


class _Sentences:
    """Sentence bounds by token index, found once per doc: ``Span.sent`` walks the doc on every call, which
    made a text of thousands of quotation marks take minutes."""

    def __init__(self, doc: Doc) -> None:
        self.starts = [sent.start for sent in doc.sents] or [0]
        self.length = len(doc)

    def bounds(self, span: Span) -> tuple[int, int]:
        """What ``span.sent`` gives: from the start of the sentence of its first token to the end of its last's."""
        start = self.starts[max(0, bisect_right(self.starts, span.start) - 1)]
        after = bisect_left(self.starts, span.end)
        return start, self.starts[after] if after < len(self.starts) else self.length


def _kind(
    doc: Doc, text: str, span: Span, parts: tuple[tuple[int, int], ...], sentences: _Sentences, lex: dict
) -> str:
    """``text`` is ``doc.text``, which spaCy builds anew from the tokens on every access: passed, not rebuilt."""
    sent_start, sent_end = sentences.bounds(span)
    # all the marks off: a doubled ''…'' (the New York Times' style) is one mark, not a letter of the words
    inner = " ".join(text[s:e].strip(_MARKS) for s, e in parts).strip()
    words = [w for w in inner.split() if any(ch.isalnum() for ch in w)]
    before = [t for t in doc[max(0, span.start - 4) : span.start] if not t.is_punct]
    if any(t.lower_ in lex["title_nouns"] for t in before[-3:]):
        caps = [w for w in words if w[:1].isupper()]
        if len(caps) * 2 >= len(words):
            return "title"
    long_words = [w for w in words if len(w.strip(".,;:!?")) > 3]
    if (
        len(before) >= 2
        and before[-1].tag_ == "POS"
        and before[-2].pos_ == "PROPN"
        and long_words
        and all(w[:1].isupper() for w in long_words)
    ):
        # a programme or column of a named outlet: 'told MSNBC's "Morning Joe"', 'on CBS's "Face the Nation,"'
        return "title"
    if (
        len(words) >= 3
        and long_words
        and all(w[:1].isupper() for w in long_words)
        and inner.rstrip()[-1:] not in _SENT_PUNCT
        and inner.rstrip()[-1:] != ","
        and span.start > sent_start
    ):
        return "title"
    if len(words) <= 4 and inner.rstrip(",;:")[-1:] not in "?!" and not _stands_alone(doc, span, sent_start, sent_end):
        return "scare"
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is None or prev.is_sent_end or prev.text in (",", ":", ";", "—", "–", "-") or span.start == sent_start:
        return "full"
    if prev.is_space:
        return "full"
    return "partial"


def _stands_alone(doc: Doc, span: Span, sent_start: int, sent_end: int) -> bool:
    """A short quote that is a whole sentence (``"No."``) or opens one followed by a cue clause."""
    prev = doc[span.start - 1] if span.start > 0 else None
    at_start = prev is None or prev.is_space or prev.is_sent_end or span.start == sent_start or prev.text == ":"
    if not at_start:
        return False
    inner = span.text.strip("\"“”‘’'«»„‚ ")
    return inner[-1:] in ".?!," or span.end >= sent_end - 1


def find_quotes(doc: Doc, lexicon: str = "quotes_settings") -> list[Span]:
    text = doc.text
    if not any(ch in QUOTE_CHARS for ch in text):
        return []
    spans: list[Span] = []
    all_parts: list[tuple[int, int]] = []
    sentences, lex = _Sentences(doc), settings_lexicon(lexicon)
    for start, end, parts in _merge_interrupted(doc, scan_quotes(text)):
        all_parts.extend(parts)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        kind = _kind(doc, text, span, parts, sentences, lex)
        span._.cl_quote_kind = kind
        span._.cl_quote = Quote(direct=True, setting=None)
        spans.append(span)
    # the quoted stretches themselves (without the attribution between the parts of one quote)
    doc.user_data[PARTS_KEY] = all_parts
    return spans


class QuoteFinder:
    def __init__(self, nlp: Language, name: str, lexicon: str = "quotes_settings") -> None:
        register()
        self.name, self.lexicon = name, lexicon
        settings_lexicon(lexicon)  # a missing or broken lexicon fails when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[QUOTES_KEY] = find_quotes(doc, self.lexicon)
        return doc


@Language.factory(
    "claimledger_quotes",
    assigns=["doc.spans", "span._.cl_quote", "span._.cl_quote_kind"],
    requires=["doc.sents"],
    default_config={"lang": None, "lexicon": "quotes_settings"},
)
def make_quotes(nlp: Language, name: str, lang: str | None, lexicon: str) -> QuoteFinder:
    """Quotation marks are read alike in every language; ``lang`` is declared for the config's sake."""
    return QuoteFinder(nlp, name, lexicon)
