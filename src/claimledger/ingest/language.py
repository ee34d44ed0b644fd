"""Which language is this article in? English by two counts a person can check, others by lingua.

claimledger analyses English, Russian, Ukrainian and German (``SUPPORTED``); a text
in another language would give an empty or wrong ledger without saying why, so it is
refused with the language named. English is told first by two counts, so that every
text that passed as English before still does (names, tables and headlines included):

* **Script**: of the letters, the share that are not Latin. Above
  ``MAX_NON_LATIN`` (30 %) the text is not English, however short.
* **Stop words**: of the lower-case words, the share that are English stop
  words (``spacy.lang.en.stop_words.STOP_WORDS``: *the, of, and, in, that* …).
  Capitalised words are left out because names, places and acronyms are what
  makes English news look foreign to a word count; what is left is the prose
  around them. English prose has 35–55 %, even in a text crowded with names and
  numbers; French, Spanish, Italian, Portuguese, Dutch and German prose have
  2–12 %, from the few short words they share with English (*a*, *in*, *me*).
  Below ``MIN_STOP_SHARE`` (20 %) the text is not English.

The stop-word test needs enough words to mean anything: a text with fewer than
``MIN_WORDS`` (15) lower-case words passes it, so a headline, a one-line claim
or a table of figures is never rejected for being short.

A text that fails the English counts goes to ``lingua`` (lingua-language-detector, n-gram
models shipped in its wheel, no download), asked to choose among the supported languages
and the ``NAMED`` others, so that a French text is refused as French rather than forced
into German. Were lingua to call such a text English, the counts win: it is refused with
their explanation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

SUPPORTED: dict[str, str] = {"en": "English", "ru": "Russian", "uk": "Ukrainian", "de": "German"}
"""ISO 639-1 code -> name of each language claimledger analyses (nlp.load has a pipeline for each)."""
NAMED = (
    "FRENCH", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "POLISH", "CZECH", "SLOVAK", "BELARUSIAN",
    "BULGARIAN", "SERBIAN", "MACEDONIAN", "ROMANIAN", "HUNGARIAN", "TURKISH", "SWEDISH", "DANISH",
    "BOKMAL", "FINNISH", "ESTONIAN", "LATVIAN", "LITHUANIAN", "GREEK", "ARABIC", "HEBREW", "PERSIAN",
    "CHINESE", "JAPANESE", "KOREAN", "HINDI", "KAZAKH", "GEORGIAN", "ARMENIAN", "AZERBAIJANI",
)
"""lingua languages that are told apart from the supported ones so that a refusal can name them."""

MAX_NON_LATIN = 0.30
MIN_STOP_SHARE = 0.20
MIN_WORDS = 15
SAMPLE_CHARS = 50_000  # the start of a long text is enough to tell its language

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class LanguageScore:
    """The two counts, kept so that an error message can show them."""

    words: int
    stop_share: float
    non_latin_share: float

    @property
    def english(self) -> bool:
        if self.non_latin_share > MAX_NON_LATIN:
            return False
        return self.words < MIN_WORDS or self.stop_share >= MIN_STOP_SHARE

    def explain(self) -> str:
        if self.non_latin_share > MAX_NON_LATIN:
            return f"{self.non_latin_share:.0%} of its letters are not Latin (at most {MAX_NON_LATIN:.0%} allowed)"
        return (
            f"only {self.stop_share:.0%} of its {self.words} lower-case words are common English words"
            f" (at least {MIN_STOP_SHARE:.0%} expected)"
        )


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported on first use: importing spaCy costs seconds,
    and the CLI imports ingest to parse its options."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _non_latin_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    return 1 - latin / len(letters)


def score(text: str) -> LanguageScore:
    """The counts for (the start of) ``text``."""
    sample = text[:SAMPLE_CHARS]
    words = [w.replace("’", "'") for w in _WORD.findall(sample) if w[0].islower()]
    stop_words = _stop_words()
    stops = sum(1 for w in words if w in stop_words)
    return LanguageScore(
        words=len(words),
        stop_share=stops / len(words) if words else 0.0,
        non_latin_share=_non_latin_share(sample),
    )


@dataclass(frozen=True)
class Detected:
    """The language found: its ISO 639-1 code and its English name, and why when it is refused."""

    code: str
    name: str
    reason: str = ""

    @property
    def supported(self) -> bool:
        return self.code in SUPPORTED


@cache
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    wanted = [getattr(Language, name.upper()) for name in (*SUPPORTED.values(), *NAMED)]
    return LanguageDetectorBuilder.from_languages(*wanted).build()


def detect(text: str) -> Detected:
    """The language of (the start of) ``text``: English by the counts above, else what lingua finds."""
    found = score(text)
    if found.english:
        return Detected("en", "English")
    language = _detector().detect_language_of(text[:SAMPLE_CHARS])
    if language is None:
        return Detected("und", "an undetermined language", found.explain())
    code = language.iso_code_639_1.name.lower()
    if code == "en":
        return Detected("und", "no language claimledger reads", found.explain())
    return Detected(code, language.name.title(), "")
