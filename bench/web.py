"""Web app latency on a 10,000-article corpus: article, measure and search pages.

    .venv/bin/python bench/web.py [--db PATH] [--articles 10000] [--requests 200]
    .venv/bin/python bench/web.py --clients 50 [--seconds 30]

Builds (or reuses) a SQLite corpus of synthetic news articles, starts
``claimledger serve`` on it in a second process, and times full page loads from
this process over loopback. By default one request at a time: prints the median and
the 95th percentile per page; the target is p95 < 150 ms for the article and measure
pages. With ``--clients N``, N clients ask at once, each as fast as it is answered
(no pause between requests), for ``--seconds``, each taking the three pages in turn:
prints requests, errors, median and p95 per page; the target is p95 < 300 ms for the
article and measure pages with 50 clients, and no errors.

The articles are generated, not real: short wire-style reports on a handful of
measures from a handful of outlets, each with figures, periods, sources and
filler, so that every table of the corpus fills the way real news fills it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx

from claimledger.corpus import Corpus
from claimledger.model import Article

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 150.0
CONCURRENT_TARGET_MS = 300.0

OUTLETS = ["Daily Courier", "Kyiv Ledger", "Weekly Review", "Baltic Wire", "Evening Standard-Bearer",
           "Northern Post", "Global Dispatch", "Frontline Monitor", "Capital Herald", "Observer Network"]
SOURCES = [("Maria Zakharova", "the Foreign Ministry spokeswoman"), ("Christoph Vanner", "a correspondent"),
           ("Oleksandr Petrenko", "a deputy defence minister"), ("the General Staff", None),
           ("the Institute for War Studies", None), ("the Prosecutor General's Office", None),
           ("UNHCR", None), ("sources close to the administration", None)]
MEASURES = [
    ("soldiers deserted", "soldiers deserting"),
    ("criminal cases were opened for unauthorized absence", "criminal cases"),
    ("people were displaced", "displaced people"),
    ("civilians were killed", "civilian deaths"),
    ("refugees crossed the border", "refugees"),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
FILLER = [
    "The figures could not be independently verified.",
    "Officials declined to comment on the report when contacted on Tuesday.",
    "The ministry has repeatedly accused its opponents of inflating the numbers.",
    "Analysts say the trend has accelerated since the spring offensive stalled along the front line.",
    "Local authorities said relief convoys were delayed by shelling near the regional centre.",
    "The parliament is expected to debate a new mobilisation law next month.",
]


def _number(rng: random.Random) -> str:
    value = rng.choice([1, 2, 3, 5, 8, 12, 15, 18, 21, 24, 30, 45, 60, 90, 120, 180, 230]) * 1000
    style = rng.random()
    if style < 0.5:
        return f"{value:,}"
    if style < 0.7:
        return f"about {value:,}"
    if style < 0.85:
        return f"between {value:,} and {int(value * 1.2):,}"
    return f"over {value:,}"


def _sentence(rng: random.Random, published: date) -> str:
    phrase, _ = rng.choice(MEASURES)
    name, role = rng.choice(SOURCES)
    month = MONTHS[(published.month - 2) % 12]
    when = rng.choice([f"in {month}", "last month", "since February 2022", "each month", "so far this year",
                       f"in {month} {published.year if published.month > 1 else published.year - 1}"])
    speaker = f"{name}, {role}," if role else name
    cue = rng.choice(["said", "reported", "estimated", "told reporters"])
    return f"{speaker} {cue} that {_number(rng)} {phrase} {when}."


def generate(count: int, seed: int = 7) -> Iterator[Article]:
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    for number in range(count):
        published = start + timedelta(days=rng.randrange(700))
        sentences = [_sentence(rng, published) for _ in range(rng.randint(2, 5))]
        sentences += rng.sample(FILLER, rng.randint(2, 4))
        rng.shuffle(sentences)
        paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
        yield Article(
            text=f"Report {number}. " + "\n\n".join(paragraphs),
            title=f"Report {number}: {rng.choice(MEASURES)[1]} figures disputed",
            outlet=rng.choice(OUTLETS),
            published=published,
        )


def build(db: Path, count: int) -> Corpus:
    corpus = Corpus(db=db)
    have = corpus.stats().articles
    if have >= count:
        print(f"reusing {db} ({have:,} articles)", file=sys.stderr)
        return corpus
    print(f"adding {count - have:,} generated articles to {db} (a few minutes) …", file=sys.stderr)
    started = time.perf_counter()
    articles = list(generate(count))[have:]
    for first in range(0, len(articles), 500):
        corpus.add_articles(articles[first : first + 500])
        print(f"  {have + first + 500:,} articles", file=sys.stderr)
    print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return corpus


def wait_for(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with status {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start in time")


def timed(client: httpx.Client, paths: list[str]) -> list[float]:
    """Milliseconds per request, each a full page read; any non-200 answer stops the benchmark."""
    times = []
    for path in paths:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"GET {path}: HTTP {response.status_code}")
        times.append(elapsed)
    return times


class Connection:
    """One client's keep-alive HTTP/1.1 connection, as lean as a client can be.

    The clients run in one Python process on the same machine as the server: a full
    client library (httpx) spends more CPU per request than the server does, and the
    benchmark would time the clients. This one writes a GET and reads the status, the
    headers and Content-Length bytes of body (compressed, as a browser would receive it).
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept-Encoding: gzip\r\n\r\n"
        self.writer.write(request.encode("utf-8"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


async def _client_loop(host: str, port: int, pages: dict[str, list[str]], first: int, until: float,
                       rng: random.Random, results: dict[str, list[float]], errors: dict[str, int]) -> None:
    """One client: the pages in turn, each request sent as soon as the last one is answered."""
    kinds = list(pages)
    turn = first
    connection = Connection(host, port)
    while time.perf_counter() < until:
        kind = kinds[turn % len(kinds)]
        turn += 1
        started = time.perf_counter()
        try:
            ok = await connection.get(quote(rng.choice(pages[kind]), safe="/?=&")) == 200
        except (OSError, asyncio.IncompleteReadError, ValueError):
            ok = False
            await connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        if ok:
            results[kind].append(elapsed)
        else:
            errors[kind] += 1
    await connection.close()


async def concurrent(host: str, port: int, pages: dict[str, list[str]], clients: int, seconds: float
                     ) -> tuple[dict[str, list[float]], dict[str, int]]:
    """``clients`` clients for ``seconds``: each page's times (ms) and error count."""
    results: dict[str, list[float]] = {kind: [] for kind in pages}
    errors: dict[str, int] = {kind: 0 for kind in pages}
    until = time.perf_counter() + seconds
    await asyncio.gather(*(
        _client_loop(host, port, pages, number, until, random.Random(number), results, errors)
        for number in range(clients)
    ))
    return results, errors


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used so far, from /proc (None where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=ROOT / "build" / "bench-web.db", help="corpus file (reused)")
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the corpus")
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--port", type=int, default=8765, help="loopback port for the server")
    parser.add_argument("--clients", type=int, default=0, help="concurrent clients (default: one request at a time)")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long the concurrent clients run")
    parser.add_argument("--cold", action="store_true",
                        help="with --clients: do not ask for every page once before the clients start")
    args = parser.parse_args()

    corpus = build(args.db, args.articles)
    stats = corpus.stats()
    rng = random.Random(11)
    ids = [a.id for a in corpus.articles(limit=2_000, offset=rng.randrange(max(1, stats.articles - 2_000)))]
    measures = [m.measure for m in corpus.measures()[:10]]
    words = ["deserted", "Zakharova", "displaced", "General Staff", "refugees", "shelling", "criminal cases",
             "mobilisation", "UNHCR", "verified"]
    pages = {
        "article": [f"/articles/{rng.choice(ids)}" for _ in range(args.requests)],
        "measure": [f"/measures/{rng.choice(measures)}" for _ in range(args.requests)],
        "search": [f"/search?q={rng.choice(words)}" for _ in range(args.requests)],
    }

    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("claimledger")), "serve", "--db", str(args.db), "--port", str(args.port)],
    )
    try:
        base = f"http://127.0.0.1:{args.port}"
        wait_for(base + "/", server)
        results = {}
        with httpx.Client(base_url=base, timeout=30) as client:
            for name, paths in pages.items():
                timed(client, paths[:10])  # warm up: first-use caches, template compilation
                if not args.clients:
                    results[name] = timed(client, paths)
        if args.clients:
            if not args.cold:  # the steady state of a server: every page asked for once, so kept by its cache
                with httpx.Client(base_url=base, timeout=60) as client:
                    timed(client, sorted({path for paths in pages.values() for path in paths}))
            cpu_before = cpu_seconds(server.pid)
            results, errors = asyncio.run(concurrent("127.0.0.1", args.port, pages, args.clients, args.seconds))
            cpu_after = cpu_seconds(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)

    if args.clients:
        total = sum(len(times) for times in results.values()) + sum(errors.values())
        print(f"\n{stats.articles:,} articles, {stats.figures:,} figures, {stats.findings:,} findings;"
              f" {args.clients} clients at once for {args.seconds:g} s from a second process over loopback"
              f" ({'cold start' if args.cold else 'every page asked for once before'}),"
              f" {total:,} requests ({total / args.seconds:,.0f}/s)\n")
        print("| page | requests | errors | median ms | p95 ms | target p95 |")
        print("| --- | ---: | ---: | ---: | ---: | --- |")
        for name, times in results.items():
            target = f"< {CONCURRENT_TARGET_MS:.0f} ms" if name in ("article", "measure") else "—"
            median = f"{statistics.median(times):.1f}" if times else "—"
            p95 = f"{percentile(times, 0.95):.1f}" if times else "—"
            print(f"| {name} | {len(times):,} | {errors[name]:,} | {median} | {p95} | {target} |")
        if cpu_before is not None and cpu_after is not None and total:
            used = cpu_after - cpu_before
            print(f"\nthe server used {used:.1f} s of CPU ({100 * used / args.seconds:.0f}% of one core),"
                  f" {1000 * used / total:.2f} ms a request; load average {os.getloadavg()[0]:.1f}"
                  f" on {os.cpu_count()} cores")
        return

    print(f"\n{stats.articles:,} articles, {stats.figures:,} figures, {stats.findings:,} findings;"
          f" {args.requests} requests per page, one at a time, from a second process over loopback\n")
    print("| page | median ms | p95 ms | target p95 |")
    print("| --- | ---: | ---: | --- |")
    for name, times in results.items():
        target = f"< {TARGET_MS:.0f} ms" if name in ("article", "measure") else "—"
        print(f"| {name} | {statistics.median(times):.1f} | {percentile(times, 0.95):.1f} | {target} |")


if __name__ == "__main__":
    main()
