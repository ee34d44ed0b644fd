"""Compare results kept between requests, so the measure page does not redo the corpus's arithmetic.

``Corpus.compare`` reconciles every pair of figures of a measure: on a corpus of
10,000 articles that takes seconds, far over the measure page's budget, while its
answer only changes when articles are added or re-analysed or reference rows are added.
The cache keys each answer by ``stats()`` (a few indexed counts and the time of the last
article written), so an ``add`` by another process, a re-analysis by a newer version that
leaves every count as it was, or an article added through the Analyze page makes the next
request recompute.
The measure page keeps its rendered body here too: with thousands of figures, the
chart and tables take longer to build than the page may take to answer.
``warm`` fills it for every measure in a background thread when the app starts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from claimledger.model import FigureGroup

if TYPE_CHECKING:
    from claimledger.corpus import Corpus

T = TypeVar("T")


class CompareCache:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._lock = threading.Lock()
        self._fingerprint: tuple[object, ...] | None = None
        self._values: dict[tuple[str, str], Any] = {}

    def _current(self) -> tuple[object, ...]:
        return tuple(self.corpus.stats().to_dict().values())

    def get(self, measure: str, what: str, compute: Callable[[], T]) -> T:
        """``compute()``'s value for ``(measure, what)``, computed once per state of the corpus."""
        fingerprint = self._current()
        with self._lock:
            if fingerprint != self._fingerprint:
                self._fingerprint, self._values = fingerprint, {}
            if (measure, what) in self._values:
                return self._values[(measure, what)]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            if fingerprint == self._fingerprint:
                self._values[(measure, what)] = value
        return value

    def compare(self, measure: str) -> list[FigureGroup]:
        return self.get(measure, "groups", lambda: self.corpus.compare(measure=measure))

    def warm(self) -> threading.Thread:
        """Computes every measure's groups in a daemon thread, most conflicting first."""

        def run() -> None:
            for summary in self.corpus.measures():
                self.compare(summary.measure)

        thread = threading.Thread(target=run, name="claimledger-compare-cache", daemon=True)
        thread.start()
        return thread
