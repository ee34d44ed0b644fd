"""Extractors: spaCy components that find figures, periods and measures in a Doc.

Importing this package registers every factory (``claimledger_figures``,
``claimledger_periods``, ``claimledger_measures``, ``claimledger_sources``,
``claimledger_quotes``, ``claimledger_attribution``, ``claimledger_framing``) and the custom attributes.
"""

from claimledger.extract import attribution, figures, framing, measures, periods, quotes, sources  # noqa: F401  (register factories)
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
