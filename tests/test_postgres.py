"""PostgreSQL as the corpus: what SQLite's single writer never meets.

Every corpus test runs on PostgreSQL too (``fresh_db`` in _corpus_helpers); these are
the cases particular to a server that takes concurrent writers: two ``add`` runs storing
the same articles at once (one of them loses the race on the primary key and retries,
finding the articles stored) and two openers of a new corpus at once (the migrations run
once, under an advisory lock). The writers are threads with connections of their own,
which the server sees as it would see two processes.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from _corpus_helpers import fake_model, postgres_schema, postgres_url, write_articles  # noqa: F401

from claimledger.corpus import Corpus
from claimledger.model import AddSummary

pytestmark = pytest.mark.skipif(postgres_url() is None, reason="CLAIMLEDGER_TEST_POSTGRES is not set")


@pytest.fixture
def pg() -> Iterator[str]:
    yield from postgres_schema(postgres_url() or "")


def at_once(*work: Callable[[], object]) -> list[object]:
    """Run each callable on its own thread (each opens its own connections) and return their results."""
    results: list[object] = [None] * len(work)
    barrier = threading.Barrier(len(work))

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work[index]()
        except Exception as error:  # noqa: BLE001 - handed to the test
            results[index] = error

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_two_writers_storing_the_same_articles_both_succeed(pg: str, tmp_path: Path, fake_model: None) -> None:
    write_articles(tmp_path / "one", 20)
    shutil.copytree(tmp_path / "one", tmp_path / "two")  # the same texts, other paths
    write_articles(tmp_path / "two", 5, prefix="extra")
    Corpus(pg).close()
    summaries = at_once(*(lambda name=name: Corpus(pg).add([tmp_path / name], partition_size=2)
                          for name in ("one", "two")))
    assert all(isinstance(summary, AddSummary) for summary in summaries), summaries
    assert sum(s.added for s in summaries) == 25  # type: ignore[union-attr]
    assert sum(s.added + s.unchanged for s in summaries) == 45  # type: ignore[union-attr]
    assert Corpus(pg).stats().articles == 25


def test_two_writers_open_a_new_corpus_at_once(pg: str) -> None:
    opened = at_once(lambda: Corpus(pg).close(), lambda: Corpus(pg).close())
    assert opened == [None, None]
    with Corpus(pg).engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar_one() == 1
