"""The corpus at scale: storage against analysis, workers, Dask, and compare on 20,000 articles.

    .venv/bin/python bench/corpus.py [--articles 20000] [--sample 3000] [--work DIR] [--scale-only]

Builds a corpus of generated news articles (templates filled with real-style
sentences: figures for a handful of measures and months, relayed by many outlets
under varied attribution chains and spellings, some articles near-copies of others)
as JSON Lines files, then measures, each on a fresh SQLite database:

1. ``add`` of the whole corpus in one process: add throughput against the analysis
   throughput of the same run, and the share storage (and the corpus checks) cost
   next to analysis (target ≤ 10%);
2. ``add --workers 2`` against ``--workers 1`` on the first ``--sample`` articles
   (target ≥ 1.6× on a 2-core machine);
3. a local Dask cluster (2 worker processes, 1 thread each) against ``--workers 2``
   on the same sample (target ≥ 0.9×);
4. ``compare`` of the measure with the most figures in the whole corpus, best of five
   runs (target < 1 s).

The table ends with the load average: the machine's other work slows the runs with
two workers most, so measure on an otherwise idle machine.

Every add runs in the benchmark's own process, as ``claimledger add`` would.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from claimledger.corpus import Corpus
from claimledger.model import AddSummary, InputFailure

SEED = 20251128
COMPARE_RUNS = 5
"""compare is timed as the best of this many runs, the first of which warms the page cache."""
FILE_ARTICLES = 1000

MONTHS = [date(2025, m, 1) for m in range(1, 11)] + [date(2024, m, 1) for m in range(1, 13)]
OUTLETS = [
    "Die Welt", "Die Welt am Sonntag", "TASS", "RIA Novosti", "Kyiv Independent", "Kiev Independent",
    "Ukrainska Pravda", "Berliner Rundschau", "The Daily Ledger", "Euro Wire", "Balkan Monitor", "Nordic Post",
    "Atlantic Review", "Eastern Herald", "Frontline Digest", "Morning Courier", "Global Affairs Today",
    "Danube Times", "Baltic Observer", "Continental Press",
]
PEOPLE = [
    ("Christoph Vanner", "the Die Welt correspondent"), ("Christoph Wanner", "the Die Welt correspondent"),
    ("Maria Zakharova", "the Russian Foreign Ministry spokesperson"), ("Dmytro Lubinets", "the Ukrainian ombudsman"),
    ("Oleksandr Syrskyi", "the commander-in-chief"), ("Anna Kovalenko", "a military analyst"),
    ("Anna Kowalenko", "a military analyst"), ("Roman Kostenko", "a member of parliament"),
    ("Ivan Petrenko", "a defence ministry adviser"), ("Olena Shevchuk", "a researcher at the Kyiv institute"),
]
ORGANISATIONS = [
    "Ukraine's Prosecutor General's Office", "the General Staff", "the Defence Ministry", "the State Bureau of Investigation",
    "the Institute for the Study of War", "Mediazona", "the Ministry of Veterans",
]
MEASURES = [
    ("soldiers deserted", "desertion", [21_600, 18_909, 19_000, 15_500, 23_000]),
    ("criminal cases for unauthorized absence were opened", "unauthorized_absence", [18_909, 17_176, 25_000, 15_470]),
    ("people were mobilised", "mobilization", [27_000, 30_000, 24_500]),
    ("civilians were displaced", "displaced", [12_000, 9_800, 14_250]),
    ("soldiers were wounded", "wounded", [8_400, 7_900, 9_100]),
]
FILLER = [
    "Commanders on the eastern front describe units that shrink week by week while replacements arrive slowly.",
    "Officers speak of exhausted men who have not been rotated out of the trenches for many months.",
    "The government has tried amnesties and new rules for returning soldiers, with mixed results.",
    "Western partners have pledged more aid, but deliveries have been slow and uneven.",
    "Lawyers say the courts cannot process the cases quickly enough.",
    "Many soldiers return to their units before their cases are heard, according to defence lawyers.",
    "The figures could not be independently verified.",
    "Analysts caution that official statistics lag behind events on the ground by several weeks.",
    "Families of the missing say they receive little information from the authorities.",
    "Recruitment centres in the west of the country report long queues and short tempers.",
    "The ministry said it would publish updated figures at the end of the quarter.",
    "Local officials describe villages where only the elderly remain.",
    "Volunteer groups have stepped in to provide food, clothing and transport.",
    "The winter is expected to make conditions at the front even harder.",
    "Parliament is debating a bill that would tighten the rules on leave and rotation.",
    "Human rights groups have called for more transparency about the conditions of service.",
    "Military chaplains say morale varies greatly from one brigade to the next.",
    "The debate has divided the governing coalition for months.",
    "Critics argue that the new rules punish soldiers for the failures of their commanders.",
    "Supporters say that without firm rules the army cannot hold the line.",
]
INTROS = ["Kyiv.", "Moscow.", "Berlin.", "Warsaw.", "Brussels.", "Vienna.", "London.", "Riga."]


def _month_words(month: date) -> str:
    return f"{month:%B %Y}"


def _figure_sentence(rng: random.Random, month: date) -> str:
    counted, _, values = rng.choice(MEASURES)
    value = rng.choice(values) if rng.random() < 0.7 else rng.randrange(5_000, 40_000, 100)
    person, role = rng.choice(PEOPLE)
    org = rng.choice(ORGANISATIONS)
    shape = rng.randrange(5)
    if shape == 0:
        return f"{person}, {role}, said that {value:,} {counted} in {_month_words(month)}, citing data from {org}."
    if shape == 1:
        return f"According to {org}, {value:,} {counted} in {_month_words(month)}."
    if shape == 3 and month.month > 1:
        total = value * rng.randint(month.month - 1, month.month)
        return (f"{org[0].upper()}{org[1:]} reported that {total:,} {counted} between January and "
                f"{month:%B} {month.year}, {person} told reporters.")
    if shape == 2:
        low = value - value % 1000
        return f"{person} stated that {low:,} to {low + 3000:,} {counted} each month."
    return f"{person} reported that about {value:,} {counted} in {_month_words(month)}."


def _letters(number: int) -> str:
    """A unique word for each article (digits would be read as a figure)."""
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not number:
            return word.capitalize()


def generate(count: int, folder: Path) -> list[Path]:
    """``count`` articles in JSON Lines files of FILE_ARTICLES each; 5% are near-copies of an earlier one."""
    rng = random.Random(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, str]] = []
    for number in range(count):
        month = rng.choice(MONTHS)
        published = month + timedelta(days=31 + rng.randrange(40))
        if records and rng.random() < 0.05:
            source = rng.choice(records[-500:])
            words = source["text"].split()
            for _ in range(3):
                words[rng.randrange(len(words))] = rng.choice(["reportedly", "also", "now", "still"])
            text = " ".join(words)
        else:
            sentences = [rng.choice(INTROS)]
            body = rng.sample(FILLER, 6) + [_figure_sentence(rng, month) for _ in range(rng.randint(2, 4))]
            rng.shuffle(body)
            text = " ".join(sentences + body) + f" Filed by desk {_letters(number)}."
        records.append({
            "text": text, "title": f"Report {number}: the war of attrition", "outlet": rng.choice(OUTLETS),
            "published": published.isoformat(), "url": f"https://example.org/{number}",
        })
    paths = []
    for start in range(0, count, FILE_ARTICLES):
        path = folder / f"articles-{start // FILE_ARTICLES:03d}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records[start : start + FILE_ARTICLES]), "utf-8")
        paths.append(path)
    return paths


def sample_file(source: list[Path], count: int, folder: Path) -> Path:
    """The first ``count`` articles in one file, for the runs that compare ways of running analysis."""
    lines = [line for path in source for line in path.read_text("utf-8").splitlines()][:count]
    path = folder / "sample.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


class Report:
    """Progress on the console: a line every few thousand articles, and failures as they happen."""

    def __init__(self, console: Console, label: str) -> None:
        self.console, self.label, self.done, self.total = console, label, 0, 0

    def start(self, total: int, stored: int) -> None:
        self.total = total

    def advance(self, articles: int) -> None:
        step = 2_000
        if (self.done + articles) // step > self.done // step:
            self.console.print(f"{self.label}: {self.done + articles:,} of {self.total:,}")
        self.done += articles

    def failed(self, failure: InputFailure) -> None:
        self.console.print(f"{self.label}: failed {failure.input}: {failure.message}")


def add(console: Console, db: Path, paths: list[Path], **options: object) -> AddSummary:
    with Corpus(db) as corpus:
        summary = corpus.add([str(p) for p in paths], progress=Report(console, db.stem), **options)  # type: ignore[arg-type]
    if summary.failed:
        raise SystemExit(f"{summary.failed} inputs failed: {summary.failures[:3]}")
    return summary


def rate(articles: int, seconds: float) -> str:
    return f"{articles / seconds:,.1f} articles/s"


def full_rows(table: Table, full: AddSummary, db: Path) -> None:
    """The rows of the run on the whole corpus: storage against analysis, and compare on its biggest measure."""
    with Corpus(db) as corpus:
        biggest = max(corpus.measures(), key=lambda m: m.figures)
        timings = []
        for _ in range(COMPARE_RUNS):
            began = time.perf_counter()
            groups = corpus.compare(measure=biggest.measure)
            timings.append(time.perf_counter() - began)
    largest = max(len(g.figures) for g in groups)
    table.add_row("analyze throughput (add of the corpus, 1 process: analysis time only)",
                  rate(full.added, full.analysis_seconds), "")
    table.add_row("add throughput (same run, wall clock)", rate(full.added, full.seconds), "")
    table.add_row("storage (+ corpus checks) / analysis", f"{full.storage_seconds / full.analysis_seconds:.1%}", "≤ 10%")
    table.add_row(f"compare --measure {biggest.measure} ({biggest.figures:,} figures, largest group {largest:,}),"
                  f" best of {COMPARE_RUNS}", f"{min(timings):.2f} s", "< 1 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--sample", type=int, default=3_000, help="articles for the workers and Dask runs")
    parser.add_argument("--work", type=Path, help="where corpus and databases go (default: a temp dir)")
    parser.add_argument("--scale-only", action="store_true",
                        help="only the runs on the sample (workers, Dask): to measure them again on an idle machine")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="claimledger-bench-"))
    load_before = os.getloadavg()[0]
    console = Console()

    files = generate(args.articles, work / "corpus")
    words = sum(len(json.loads(line)["text"].split()) for f in files for line in f.read_text("utf-8").splitlines())
    console.print(f"{args.articles:,} articles ({words / args.articles:,.0f} words each) in {work / 'corpus'}")
    sample = sample_file(files, args.sample, work)

    full = None if args.scale_only else add(console, work / "full.db", files)
    one = add(console, work / "one.db", [sample])
    two = add(console, work / "two.db", [sample], workers=2)
    import dask.config
    from distributed import LocalCluster

    # A throughput cluster: the workers' statistical profiler samples every thread's stack
    # every 10 ms, which a CPU-bound Python task pays for; a production cluster turns it off too.
    with dask.config.set({"distributed.worker.profile.enabled": False}), LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        dask = add(console, work / "dask.db", [sample], dask_scheduler=cluster.scheduler_address)

    table = Table(title=f"claimledger corpus, {args.articles:,} articles (sample {args.sample:,})")
    for column in ("what", "measured", "target"):
        table.add_column(column)
    if full is not None:
        full_rows(table, full, work / "full.db")
    table.add_row("--workers 1 on the sample", f"{one.seconds:,.1f} s ({rate(one.added, one.seconds)})", "")
    table.add_row("--workers 2 on the sample", f"{two.seconds:,.1f} s ({rate(two.added, two.seconds)})", "")
    table.add_row("speed-up of --workers 2 over 1", f"{one.seconds / two.seconds:.2f}×", "≥ 1.6×")
    table.add_row("Dask local cluster, 2 workers", f"{dask.seconds:,.1f} s ({rate(dask.added, dask.seconds)})", "")
    table.add_row("Dask against --workers 2", f"{two.seconds / dask.seconds:.2f}×", "≥ 0.9×")
    console.print(table)
    console.print(f"load average at the start {load_before:.1f}, at the end {os.getloadavg()[0]:.1f}"
                  f" ({os.cpu_count()} CPUs): other processes' load slows the parallel runs most")


if __name__ == "__main__":
    main()
