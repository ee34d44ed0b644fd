"""Analysis spread over processes: in this one, in N local processes, or on a Dask cluster.

Only the expensive step moves: a worker reads a partition of inputs from disk and
analyses it with a model it loaded once (``claimledger.nlp.load`` caches it per
process, so a Dask worker keeps it between tasks), and hands back ledgers. The
driver stores each partition in one transaction as it arrives and runs the cheap
corpus checks afterwards, so a database never needs to be reachable from a worker
and a partition is either stored whole or not at all. Partitions are coarse (about
64 articles) so that shipping results costs little next to analysing them.

A partition that fails as a whole (its worker died, the pool broke) is reported as
failed inputs; the partitions stored before stay stored, and running ``add`` again
redoes only what is missing.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimledger.errors import ClaimledgerError, InternalError
from claimledger.ingest import Document
from claimledger.ingest.inputs import InputUnit, ReadOptions, failure, read_unit
from claimledger.model import InputFailure

if TYPE_CHECKING:
    from claimledger.store.ledgers import StoredLedger

PARTITION_ARTICLES = 64


@dataclass
class Partition:
    index: int
    units: list[InputUnit]

    @property
    def articles(self) -> int:
        return sum(unit.articles for unit in self.units)


@dataclass
class UnitResult:
    unit: InputUnit
    entries: list[StoredLedger] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)
    """The articles of the unit that could not be read or analysed (the others are in ``entries``)."""

    @property
    def complete(self) -> bool:
        """Every article of the unit was stored: only then is the unit recorded as done (a re-run retries the rest)."""
        return not self.failures


@dataclass
class PartitionResult:
    partition: Partition
    units: list[UnitResult]
    seconds: float
    """Time the worker spent reading and analysing."""


def partitions(units: Sequence[InputUnit], size: int = PARTITION_ARTICLES) -> list[Partition]:
    """Consecutive units holding about ``size`` articles each (a unit is never split)."""
    found: list[Partition] = []
    current: list[InputUnit] = []
    count = 0
    for unit in units:
        if current and count + unit.articles > size:
            found.append(Partition(len(found), current))
            current, count = [], 0
        current.append(unit)
        count += unit.articles
    if current:
        found.append(Partition(len(found), current))
    return found


def stored_ledgers(documents: Sequence[Document]) -> list[StoredLedger]:
    """Analyse articles (with one loaded model) and add what the corpus keeps beside each ledger."""
    from claimledger import pipeline  # spaCy: imported where it is used, so the CLI starts at once
    from claimledger.check import copies
    from claimledger.store.ledgers import StoredLedger

    if not documents:
        return []  # nothing to analyse: do not load the model for it
    articles = [article for article, _ in documents]
    ledgers = pipeline.analyze_many(articles)  # the model: loaded on first use, then cached for the process
    return [
        StoredLedger(ledger, author, sig := copies.signature(ledger.article.text), copies.buckets(sig))
        for ledger, (_, author) in zip(ledgers, documents, strict=True)
    ]


def analyse_partition(partition: Partition, options: ReadOptions) -> PartitionResult:
    """Read and analyse one partition: the function every kind of worker runs.

    Each article stands alone: one that cannot be read, or that breaks the analysis, is
    reported with its place (file, or file and line) and every other one is analysed.
    """
    began = time.perf_counter()
    results: list[UnitResult] = []
    documents: list[tuple[UnitResult, str, Document]] = []
    for unit in partition.units:
        result = UnitResult(unit)
        results.append(result)
        try:
            entries = read_unit(unit, options)
        except ClaimledgerError as error:
            result.failures.append(failure(unit.label, error))
            continue
        for where, found in entries:
            if isinstance(found, ClaimledgerError):
                result.failures.append(failure(unit.label, found))
            else:
                documents.append((result, where, found))
    try:
        analysed = stored_ledgers([document for _, _, document in documents])
    except Exception:  # noqa: BLE001 - one article that breaks the analysis must not sink its partition
        for result, where, document in documents:
            _analyse_alone(result, where, document)
    else:
        for (result, _, _), entry in zip(documents, analysed, strict=True):
            result.entries.append(entry)
    return PartitionResult(partition, results, time.perf_counter() - began)


def _analyse_alone(result: UnitResult, where: str, document: Document) -> None:
    """Analyse one article on its own, so that the article that breaks the analysis is the one reported."""
    try:
        result.entries.extend(stored_ledgers([document]))
    except Exception as error:  # noqa: BLE001 - reported as a failed input with the reason
        result.failures.append(failure(result.unit.label, InternalError.of(error, f"{where}: analysis failed")))


# Where partitions run ---------------------------------------------------------------

Outcome = PartitionResult | tuple[Partition, str]
"""A partition's result, or the partition with the reason it failed as a whole."""


def run_here(parts: Sequence[Partition], options: ReadOptions) -> Iterator[Outcome]:
    for part in parts:
        yield analyse_partition(part, options)


def _warm() -> None:
    """Load the model when a worker process starts, once for all its partitions."""
    from claimledger import nlp as nlp_loader

    nlp_loader.load()


def run_processes(parts: Sequence[Partition], options: ReadOptions, workers: int) -> Iterator[Outcome]:
    """Partitions on ``workers`` fresh local processes (spawned: no state inherited from the driver)."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm) as pool:
        pending: dict[Future[PartitionResult], Partition] = {}
        try:
            for part in parts:
                pending[pool.submit(analyse_partition, part, options)] = part
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield _outcome(future, pending.pop(future))
        finally:
            for future in pending:
                future.cancel()


def _outcome(future: Future[PartitionResult], part: Partition) -> Outcome:
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - the worker died or the pool broke: the partition failed
        return part, f"worker failed: {type(error).__name__}: {error}"


def run_dask(parts: Sequence[Partition], options: ReadOptions, scheduler: str) -> Iterator[Outcome]:
    """Partitions as tasks on an existing Dask cluster (``distributed``); the workers must share the disk."""
    from distributed import Client, as_completed

    with Client(scheduler) as client:
        client.run(_warm)  # every worker loads the model once, before the first partition
        futures = {
            client.submit(analyse_partition, part, options, pure=False): part for part in parts
        }
        try:
            for future in as_completed(futures):
                part = futures.pop(future)
                try:
                    yield future.result()
                except Exception as error:  # noqa: BLE001 - KilledWorker and the like
                    yield part, f"worker failed: {type(error).__name__}: {error}"
                finally:
                    future.release()
        finally:
            client.cancel(list(futures))
