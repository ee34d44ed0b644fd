"""Extractors: spaCy components that find figures, periods and measures in a Doc.

Importing this package registers every factory (``claimledger_paragraph_breaks``, ``claimledger_figures``,
``claimledger_periods``, ``claimledger_measures``, ``claimledger_sources``,
``claimledger_quotes``, ``claimledger_attribution``, ``claimledger_framing``; for Russian, Ukrainian
and German ``claimledger_lemmas``, ``claimledger_figures_intl``, ``claimledger_periods_intl``,
``claimledger_measures_intl``, ``claimledger_attribution_intl``) and the custom attributes.
"""

from claimledger.extract import (  # noqa: F401  (register factories)
    attribution,
    figures,
    framing,
    measures,
    paragraphs,
    periods,
    quotes,
    sources,
)
from claimledger.extract import (  # noqa: F401  (ru/uk/de factories)
    attribution_intl,
    figures_intl,
    measures_intl,
    morphology,
    periods_intl,
)
from claimledger.extract.extensions import (
    FIGURES_KEY,
    PERIODS_KEY,
    QUOTES_KEY,
    SOURCE_MENTIONS_KEY,
    STATEMENTS_KEY,
    register,
)

register()

__all__ = ["FIGURES_KEY", "PERIODS_KEY", "QUOTES_KEY", "SOURCE_MENTIONS_KEY", "STATEMENTS_KEY", "register"]
