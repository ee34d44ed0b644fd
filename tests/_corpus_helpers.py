"""Shared by the corpus tests: a database per test on each backend, and a stand-in for the model.

``fresh_db`` gives an empty corpus location: a SQLite file in the test's tmp_path, and,
when ``CLAIMLEDGER_TEST_POSTGRES`` names a server (scripts/test.sh always starts one),
a PostgreSQL schema of its own that is dropped afterwards.

``fake_analyze_many`` replaces ``claimledger.pipeline.analyze_many`` where a test is
about storing, resuming or comparing rather than reading: it turns sentences like
"21,600 soldiers deserted in October 2025, according to Christoph Vanner." into a
figure claim with its period and attribution, in microseconds and without the model.
"""

from __future__ import annotations

import calendar
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest

from claimledger.model import Article, Attribution, Claim, Figure, Finding, Ledger, Period, Source

POSTGRES_ENV = "CLAIMLEDGER_TEST_POSTGRES"
BACKENDS = ["sqlite", "postgresql"]
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}

_FIGURE = re.compile(
    r"(?P<value>\d[\d,]*) (?P<unit>soldiers|cases) (?P<what>deserted|were opened) in (?P<month>[A-Z][a-z]+) "
    r"(?P<year>\d{4})(?:, according to (?P<source>[A-Z][\w’' ]+?)(?: citing (?P<cited>[A-Z][\w’' ]+?))?)?[.]"
)


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


@pytest.fixture(params=BACKENDS)
def fresh_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty corpus location on each backend (PostgreSQL skipped only when no server is given)."""
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    base = postgres_url()
    if base is None:
        pytest.skip(f"{POSTGRES_ENV} is not set (scripts/test.sh starts a PostgreSQL server and sets it)")
    yield from postgres_schema(base)


def postgres_schema(base: str) -> Iterator[str]:
    """A URL whose tables land in a schema of their own, dropped when the test ends."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    conninfo = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


def fake_ledger(article: Article) -> Ledger:
    """Figures, periods, sources and attributions read by one regular expression (see the module docstring)."""
    sources: dict[str, Source] = {}
    claims: list[Claim] = []

    def source(name: str | None, at: int) -> str | None:
        if not name:
            return None
        if name not in sources:
            sources[name] = Source(f"s{len(sources) + 1}", name, "person", mentions=[(at, at + len(name))])
        return sources[name].id

    for match in _FIGURE.finditer(article.text):
        value = float(match["value"].replace(",", ""))
        month, year = MONTHS[match["month"]], int(match["year"])
        period = Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "total",
                        f"in {match['month']} {match['year']}")
        measure, unit = ("desertion", "people") if match["unit"] == "soldiers" else ("unauthorized_absence", "cases")
        figure = Figure(match.start("value"), match.end("value"), match["value"], value, value, False, unit, measure,
                        f"{match['unit']} {match['what']}")
        chain = []
        for group, relation in (("source", "said"), ("cited", "cited")):
            found = source(match[group], match.start(group)) if match[group] else None
            if found:
                chain.append(Attribution(found, relation, "according to", match.start(), match.start() + 1))
        claims.append(Claim(f"c{len(claims) + 1}", "figure", match.start(), match.end(), match.group(0), figure,
                            period, chain))
    findings = [Finding("f1", "hedging", "low", "a stand-in finding", [claims[0].id] if claims else [])]
    return Ledger(article, list(sources.values()), claims, findings)


def fake_analyze_many(articles: Iterable[Article], nlp: object = None, batch_size: int = 16) -> Iterator[Ledger]:
    for article in articles:
        yield fake_ledger(article)


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Analysis by ``fake_analyze_many`` instead of the model."""
    monkeypatch.setattr("claimledger.pipeline.analyze_many", fake_analyze_many)


def relay(value: str, month: str, source: str, extra: str = "", cited: str | None = None) -> str:
    """A short article that relays a figure: the fake model reads it as one figure claim."""
    citing = f" citing {cited}" if cited else ""
    return f"{extra}Officials keep counting. {value} soldiers deserted in {month}, according to {source}{citing}."


def write_articles(folder: Path, count: int, prefix: str = "a") -> list[Path]:
    """``count`` distinct small articles as .txt files."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"{prefix}{number:04d}.txt"
        path.write_text(relay(f"{1000 + number:,}", "October 2025", "Christoph Vanner", f"Report {prefix}{number}. "),
                        encoding="utf-8")
        paths.append(path)
    return paths
