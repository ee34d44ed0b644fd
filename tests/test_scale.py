"""Analysis spread over processes and a Dask cluster: same ledgers, storage in the driver, failed partitions redone.

The ``test_e2e_*`` tests start real workers, which load the real model once each.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import fake_model, relay, write_articles  # noqa: F401

from claimledger import pipeline, scale
from claimledger.corpus import Corpus
from claimledger.ingest.inputs import ReadOptions, plan
from claimledger.model import Article

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "corpus"


def test_partitions_hold_about_the_asked_number_of_articles(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 5)
    (tmp_path / "in" / "z.jsonl").write_text("".join('{"text": "x"}\n' for _ in range(70)), "utf-8")
    units, _ = plan([str(tmp_path / "in")], chunk=64)
    parts = scale.partitions(units, size=4)
    assert [p.articles for p in parts] == [4, 1, 64, 6]  # a unit is never split
    assert [p.index for p in parts] == [0, 1, 2, 3]


def test_an_article_that_breaks_the_analysis_fails_only_its_input(tmp_path: Path, fake_model: None,
                                                                  monkeypatch) -> None:
    paths = write_articles(tmp_path / "in", 3)
    paths[1].write_text(relay("1", "May 2025", "Nobody", "BREAK. "), "utf-8")
    fake = pipeline.analyze_many

    def breaking(articles, **kwargs):
        articles = list(articles)
        if any("BREAK" in a.text for a in articles):
            raise RuntimeError("the parser fell over")
        return fake(articles, **kwargs)

    monkeypatch.setattr(pipeline, "analyze_many", breaking)
    [part] = scale.partitions(plan([str(tmp_path / "in")])[0])
    result = scale.analyse_partition(part, ReadOptions(max_chars=10_000))
    assert [len(r.entries) for r in result.units] == [1, 0, 1]
    [failure] = result.units[1].failures
    assert failure.message.startswith("[E500] ")
    assert "analysis failed: RuntimeError: the parser fell over" in failure.message


@pytest.mark.slow
def test_e2e_workers_give_the_ledgers_of_one_process(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c.db")
    summary = corpus.add([FIXTURES], workers=2, partition_size=2)
    assert (summary.added, summary.failed) == (8, 0)
    page = next(a for a in corpus.articles() if a.outlet == "Die Welt")
    assert corpus.ledger(page.id) == pipeline.analyze(Article(page.text, title=page.title, url=page.url,
                                                              outlet=page.outlet, published=page.published))


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes; a task whose worker dies fails at once (no retry), as the tests expect."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as local:
            yield local


def crash_once_on_partition_one(marker: str) -> None:
    """Run on each Dask worker: the first worker to get partition 1 exits mid-task, like a crash or OOM kill.

    The marker file on the shared disk makes it happen once, whichever worker gets the partition;
    the nanny then starts a fresh worker process, as it would after a real crash.
    """
    import os

    real = scale.analyse_partition

    def crashing(part, options):
        if part.index == 1 and not os.path.exists(marker):
            Path(marker).touch()
            os._exit(1)
        return real(part, options)

    scale.analyse_partition = crashing


@pytest.mark.slow
def test_e2e_dask_worker_that_dies_loses_only_its_partition(tmp_path: Path, cluster, monkeypatch) -> None:
    import sys

    import cloudpickle
    from distributed import Client

    write_articles(tmp_path / "in", 8)
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    try:
        with Client(cluster.scheduler_address) as client:
            client.run(crash_once_on_partition_one, str(tmp_path / "crashed"))
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    submitted: list[list[scale.Partition]] = []
    real = scale.run_dask

    def recording(parts, options, scheduler):
        submitted.append(list(parts))
        yield from real(parts, options, scheduler)

    monkeypatch.setattr(scale, "run_dask", recording)
    corpus = Corpus(tmp_path / "c.db")
    first = corpus.add([tmp_path / "in"], dask_scheduler=cluster.scheduler_address, partition_size=2)
    assert (tmp_path / "crashed").exists()  # a worker process really died
    # The dead worker takes the partitions the scheduler had handed it (partition 1 and maybe
    # more): each fails whole, none is half stored, and every other partition is stored.
    failed = {f.input for f in first.failures}
    assert {u.label for u in submitted[0][1].units} <= failed
    assert all("worker failed" in f.message for f in first.failures)
    assert first.failed % 2 == 0 and first.added + first.failed == 8
    assert corpus.stats().articles == first.added

    second = corpus.add([tmp_path / "in"], dask_scheduler=cluster.scheduler_address, partition_size=2)
    assert (second.added, second.unchanged, second.failed) == (first.failed, first.added, 0)
    assert {u.label for part in submitted[1] for u in part.units} == failed  # only what failed is redone
    stats = corpus.stats()
    assert (stats.articles, stats.figures) == (8, 8)  # the model ran on the workers: one figure an article
