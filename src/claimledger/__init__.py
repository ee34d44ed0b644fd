"""claimledger: turn news articles into a checked ledger of claims.

>>> from claimledger import analyze
>>> ledger = analyze("Officials said 21,600 soldiers deserted in October.")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimledger.model import Article, Ledger

__version__ = "0.1.0"

__all__ = ["Article", "Ledger", "analyze", "analyze_many", "__version__"]

if TYPE_CHECKING:
    from claimledger.pipeline import analyze, analyze_many


def __getattr__(name: str) -> Any:
    """``analyze`` and ``analyze_many`` are imported on first use: the pipeline imports spaCy,
    and every ``claimledger.*`` import (the CLI's included) runs this file first."""
    if name in ("analyze", "analyze_many"):
        from claimledger import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'claimledger' has no attribute {name!r}")
