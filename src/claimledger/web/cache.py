"""What the web app keeps between requests: compare results and rendered pages, per state of the corpus.

``Corpus.compare`` reconciles every pair of figures of a measure: on a corpus of
10,000 articles that takes seconds, far over the measure page's budget, while its
answer only changes when articles are added or re-analysed or reference rows are added.
Rendered pages (article, measure, search) are kept too: under load, building a page
again for every visitor costs more than the page may take to answer.

Every value is keyed by the state of the corpus, ``stats()`` (a few indexed counts and
the time of the last article written), so an ``add`` by another process, a re-analysis
by a newer version that leaves every count as it was, or an article added through the
Analyze page makes the next request recompute. Reading that state costs 10–15 ms on a
corpus of 10,000 articles, more than a cached page, so it is read again only when the
database says something was committed since the last look (``db.ChangeWatch``: on
SQLite a counter read in microseconds; elsewhere on every request). On SQLite any commit
drops the pages too, since a page may show rows no count follows (a new table's, say).
Pages are kept in a bounded LRU (a corpus
of 10,000 articles must not become 10,000 pages in memory); compare results, one per
measure, are all kept. ``warm`` computes every measure's groups in a background thread
when the app starts.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

from claimledger.model import FigureGroup
from claimledger.store.db import ChangeWatch

if TYPE_CHECKING:
    from claimledger.corpus import Corpus

T = TypeVar("T")

MAX_PAGES = 2_000
"""Rendered pages kept (least recently used dropped first): about 100 MB at the most."""


class CompareCache:
    def __init__(self, corpus: Corpus, max_pages: int = MAX_PAGES) -> None:
        self.corpus = corpus
        self.max_pages = max_pages
        self._watch: ChangeWatch | None = None  # made on first use: an app made without a corpus has none
        self._lock = threading.Lock()
        self._fingerprint: tuple[object, ...] | None = None
        self._stale = False  # something was committed since the fingerprint was read: read it again
        self._values: dict[tuple[str, str], Any] = {}
        self._pages: OrderedDict[Hashable, Any] = OrderedDict()

    def _current(self) -> tuple[object, ...]:
        """The state of the corpus, read again only when something was committed since the last reading."""
        if self._watch is None:
            self._watch = ChangeWatch(self.corpus.engine)
        fingerprint = self._fingerprint
        if fingerprint is not None and not self._stale and not self._committed():
            return fingerprint
        if fingerprint is None:
            self._watch.changed()  # count commits from this reading on, not from whoever looked first
        self._stale = False
        fingerprint = tuple(self.corpus.stats().to_dict().values())
        with self._lock:
            if fingerprint != self._fingerprint:
                self._fingerprint, self._values, self._pages = fingerprint, {}, OrderedDict()
        return fingerprint

    def _committed(self) -> bool:
        """Whether anything was committed since the last look; then, where the database can tell
        (SQLite), the pages are dropped whatever changed: a page may show rows that no count of
        ``stats()`` follows. The compare groups go only when the counts change."""
        assert self._watch is not None
        changed = self._watch.changed()
        if changed and self._watch.cheap:
            with self._lock:
                self._pages = OrderedDict()
        return changed

    def clear(self) -> None:
        """Forget everything: the app itself just wrote to the corpus."""
        with self._lock:
            self._fingerprint, self._values, self._pages = None, {}, OrderedDict()

    def get(self, measure: str, what: str, compute: Callable[[], T]) -> T:
        """``compute()``'s value for ``(measure, what)``, computed once per state of the corpus."""
        fingerprint = self._current()
        with self._lock:
            if (measure, what) in self._values:
                return self._values[(measure, what)]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            if fingerprint == self._fingerprint:
                self._values[(measure, what)] = value
        return value

    def peek(self, key: Hashable) -> Any | None:
        """The kept page for ``key`` when the database can tell at once that nothing changed; else None.

        This is what the event loop may call: no query but SQLite's change counter. On a miss the
        caller goes the long way (``page``, on a worker thread).
        """
        if self._watch is None or not self._watch.cheap or self._fingerprint is None:
            return None
        if self._committed():
            self._stale = True
            return None
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        return None

    def page(self, key: Hashable, render: Callable[[], T]) -> T:
        """``render()``'s value for ``key`` (a rendered page), kept per state of the corpus in the bounded LRU."""
        fingerprint = self._current()
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]  # type: ignore[no-any-return]
        value = render()
        with self._lock:
            if fingerprint == self._fingerprint:
                self._pages[key] = value
                while len(self._pages) > self.max_pages:
                    self._pages.popitem(last=False)
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
