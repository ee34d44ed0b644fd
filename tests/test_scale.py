"""Analysis spread over processes and a Dask cluster: same ledgers, storage in the driver, failed partitions redone.

The ``test_e2e_*`` tests start real workers, which load the real model once each.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import fake_model, relay, write_articles  # noqa: F401

from claimledger import pipeline, scale
from claimledger.corpus import Corpus
from claimledger.ingest.inputs import plan
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
    result = scale.analyse_partition(part, None, 10_000)
    assert [len(r.entries) for r in result.units] == [1, 0, 1]
    assert result.units[1].failure.message == "analysis failed: RuntimeError: the parser fell over"


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
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as local:
        yield local


@pytest.mark.slow
def test_e2e_dask_redoes_only_the_partitions_that_failed(tmp_path: Path, cluster, monkeypatch) -> None:
    write_articles(tmp_path / "in", 8)
    real = scale.run_dask
    submitted: list[list[scale.Partition]] = []

    def losing_partition_one(parts, published, max_chars, scheduler):
        submitted.append(list(parts))
        for outcome in real(parts, published, max_chars, scheduler):
            if isinstance(outcome, scale.PartitionResult) and outcome.partition.index == 1:
                yield outcome.partition, "worker failed: KilledWorker: the worker died"
            else:
                yield outcome

    monkeypatch.setattr(scale, "run_dask", losing_partition_one)
    corpus = Corpus(tmp_path / "c.db")
    first = corpus.add([tmp_path / "in"], dask_scheduler=cluster.scheduler_address, partition_size=2)
    assert (first.added, first.failed) == (6, 2)
    assert all("KilledWorker" in f.message for f in first.failures)

    def recording(parts, published, max_chars, scheduler):
        submitted.append(list(parts))
        yield from real(parts, published, max_chars, scheduler)

    monkeypatch.setattr(scale, "run_dask", recording)
    second = corpus.add([tmp_path / "in"], dask_scheduler=cluster.scheduler_address, partition_size=2)
    assert (second.added, second.unchanged, second.failed) == (2, 6, 0)
    assert [u.name for u in submitted[1][0].units] == [u.name for u in submitted[0][1].units]
    assert len(submitted[1]) == 1
    stats = corpus.stats()
    assert (stats.articles, stats.figures) == (8, 8)  # the model ran on the workers: one figure an article
