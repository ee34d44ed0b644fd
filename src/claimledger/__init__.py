"""claimledger: turn news articles into a checked ledger of claims.

>>> from claimledger import analyze
>>> ledger = analyze("Officials said 21,600 soldiers deserted in October.")
"""

from claimledger.model import Article, Ledger
from claimledger.pipeline import analyze, analyze_many

__version__ = "0.1.0"

__all__ = ["Article", "Ledger", "analyze", "analyze_many", "__version__"]
