"""quantulum3 as the benches run it: the baseline figure extractor, without its classifier.

quantulum3's optional unit classifier is a pickle made with an older scikit-learn; with the
scikit-learn that claimledger's dependencies pin it fails to load (``No module named '_loss'``).
Both benches therefore run quantulum3 as it runs with no scikit-learn installed, the setting
of its published scores.
"""

from __future__ import annotations

import warnings
from types import ModuleType


def quantulum_parser() -> ModuleType:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns about the classifier it will not use
        from quantulum3 import classifier, parser
    classifier.USE_CLF = False
    return parser
