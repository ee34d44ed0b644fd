"""The measure page's cache: recomputed whenever the corpus changes, even when no count does."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimledger.corpus as corpus_module
from claimledger.corpus import Corpus
from claimledger.model import Article
from claimledger.web.cache import CompareCache

ARTICLE = Article(
    "Between 25,000 and 30,000 soldiers deserted in October 2025, the Institute for War Studies estimated.",
    title="October desertions",
    outlet="Weekly Review",
)


def _counting(cache: CompareCache) -> list[str]:
    calls: list[str] = []
    compare = cache.corpus.compare

    def counted(measure: str | None = None, **kwargs: object) -> list:
        calls.append(measure or "")
        return compare(measure=measure)

    cache.corpus.compare = counted  # type: ignore[method-assign]
    return calls


def test_an_unchanged_corpus_is_answered_from_the_cache(tmp_path: Path) -> None:
    corpus = Corpus(db=tmp_path / "c.db")
    corpus.add_articles([ARTICLE])
    cache = CompareCache(corpus)
    calls = _counting(cache)
    cache.compare("desertion")
    cache.compare("desertion")
    assert calls == ["desertion"]


def test_a_reanalysis_that_keeps_every_count_refreshes_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = Corpus(db=tmp_path / "c.db")
    corpus.add_articles([ARTICLE])
    cache = CompareCache(corpus)
    calls = _counting(cache)
    cache.compare("desertion")
    before = corpus.stats()
    monkeypatch.setattr(corpus_module, "program_version", lambda: "999.0")
    assert corpus.add_articles([ARTICLE]).replaced == 1
    after = corpus.stats()
    assert (after.articles, after.figures, after.findings) == (before.articles, before.figures, before.findings)
    assert after.last_added is not None and after.last_added > (before.last_added or "")
    cache.compare("desertion")
    assert calls == ["desertion", "desertion"]
