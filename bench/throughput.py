"""Throughput of the full analysis against the bare spaCy parse, in one run.

    .venv/bin/python bench/throughput.py [TEXTS…] [--repeat N]

TEXTS are .txt files or folders of them (for instance MeasEval's or PolNeAR's
texts); with none, the bundled example article is used. Every text is run
through (1) a bare ``nlp.pipe`` of en_core_web_sm, (2) ``claimledger.analyze_many``
(the claimledger components, ledger building and checks) and (3) quantulum3
sentence by sentence, and the table gives documents and words per second and
the full analysis's share of the bare parse's throughput (target ≥ 0.75).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from baseline_quantulum import quantulum_parser  # bench/ is on sys.path when a bench runs
from claimledger import analyze_many, nlp
from claimledger.model import Article

EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "examples" / "desertion-report.txt"


def load_texts(paths: list[Path]) -> list[str]:
    files: list[Path] = []
    for path in paths or [EXAMPLE]:
        files.extend(sorted(path.rglob("*.txt")) if path.is_dir() else [path])
    return [text for f in files if (text := f.read_text(encoding="utf-8", errors="replace").strip())]


def timed(run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("texts", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=0, help="repeat the texts until there are this many (default: enough for ~100k words)")
    args = parser.parse_args()

    texts = load_texts(args.texts)
    words_each = [len(t.split()) for t in texts]
    target = args.repeat or max(len(texts), int(100_000 / max(1, sum(words_each) / len(texts))))
    texts = (texts * (target // len(texts) + 1))[:target]
    words = sum(len(t.split()) for t in texts)

    bare, full = nlp.load_bare(), nlp.load()
    articles = [Article(text=t) for t in texts]
    list(bare.pipe(texts[:5]))  # warm up both pipelines
    list(analyze_many(articles[:5], nlp=full))

    rows: list[tuple[str, float]] = [
        ("bare nlp.pipe (en_core_web_sm)", timed(lambda: list(bare.pipe(texts, batch_size=16)))),
        ("claimledger analyze_many", timed(lambda: list(analyze_many(articles, nlp=full, batch_size=16)))),
    ]
    try:
        quantulum = quantulum_parser()
        sample = max(1, len(texts) // 10)
        sentences = [s.text for doc in bare.pipe(texts[:sample]) for s in doc.sents]
        seconds = timed(lambda: [quantulum.parse(s) for s in sentences]) * len(texts) / sample
        rows.append(("quantulum3 (sentence by sentence, extrapolated from 10%)", seconds))
    except ImportError:
        pass

    table = Table(title=f"{len(texts)} documents, {words:,} words")
    for column in ("pipeline", "docs/s", "words/s", "share of bare parse"):
        table.add_column(column, justify="right" if column != "pipeline" else "left")
    bare_rate = len(texts) / rows[0][1]
    for name, seconds in rows:
        rate = len(texts) / seconds
        table.add_row(name, f"{rate:,.1f}", f"{words / seconds:,.0f}", f"{rate / bare_rate:.2f}")
    Console().print(table)


if __name__ == "__main__":
    main()
