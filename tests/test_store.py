"""The store: schema and migrations agree, ledgers read back as stored, replacing is all or nothing,
and SQLite is set up for several writers (WAL, immediate transactions)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest
from _corpus_helpers import fake_ledger, fake_model, fresh_db, relay, write_articles  # noqa: F401
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from claimledger import corpus as corpus_module
from claimledger.corpus import Corpus
from claimledger.model import Article, Claim, ClaimLink, FramingSummary, Inherited, Qualifiers, Quote
from claimledger.store import db, ledgers
from claimledger.store import schema as s

TESTS = Path(__file__).resolve().parent


def _ledger(text: str, **article: object):
    ledger = fake_ledger(Article(text, **article))  # type: ignore[arg-type]
    ledger.claims.append(Claim("c9", "quote", 0, 9, "Officials", hedges=["reportedly"], quote=Quote(True, "a meeting")))
    ledger.framing = FramingSummary(sentences=2, author_sentences=1, counts={"loaded_language": 1})
    figure = ledger.figures[0]
    figure.figure.role, figure.figure.status, figure.figure.currency = "level", "estimate", None
    figure.figure.qualifiers = Qualifiers(place="Ukraine", group="soldiers")
    figure.links = [ClaimLink("change_to", "c9")]
    figure.inherited = [Inherited("attribution", 0, 9, "Officials")]
    return ledger


def test_the_migrations_build_exactly_the_schema(fresh_db: str) -> None:
    corpus = Corpus(fresh_db)
    with corpus.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), s.metadata)
    assert differences == []


def test_a_stored_ledger_reads_back_as_analysed(fresh_db: str) -> None:
    corpus = Corpus(fresh_db)
    ledger = _ledger(relay("21,600", "October 2025", "Christoph Vanner", cited="Die Welt"), title="T",
                     outlet="Die Welt", url="https://example.org/a", published=date(2025, 11, 5))
    with db.writing(corpus.engine) as connection:
        ledgers.store(connection, [ledgers.StoredLedger(ledger, "C. Vanner", b"\0" * 512, [1] * 16)], "0.1.0")
    assert corpus.ledger(ledger.article.id) == ledger
    assert corpus.ledger("0" * 64) is None


def test_opening_twice_migrates_once(fresh_db: str) -> None:
    Corpus(fresh_db).close()
    corpus = Corpus(fresh_db)
    with corpus.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == "0005"


def test_re_adding_the_same_text_is_a_no_op(fresh_db: str, fake_model: None) -> None:
    corpus = Corpus(fresh_db)
    article = Article(relay("21,600", "October 2025", "Christoph Vanner"))
    first = corpus.add_articles([article])
    again = corpus.add_articles([Article(article.text, outlet="another outlet"), article])
    assert (first.added, first.unchanged) == (1, 0)
    assert (again.added, again.unchanged, again.replaced) == (0, 2, 0)
    assert corpus.stats().articles == 1


def test_a_newer_version_replaces_the_articles_rows(fresh_db: str, fake_model: None, monkeypatch) -> None:
    corpus = Corpus(fresh_db)
    article = Article(relay("21,600", "October 2025", "Christoph Vanner"))
    corpus.add_articles([article])
    monkeypatch.setattr(corpus_module, "program_version", lambda: "9.0.0")
    monkeypatch.setattr("claimledger.pipeline.analyze_many", lambda articles, **_: (_ledger(a.text) for a in articles))
    summary = corpus.add_articles([article])
    assert (summary.added, summary.replaced, summary.unchanged) == (0, 1, 0)
    assert [c.id for c in corpus.ledger(article.id).claims] == ["c1", "c9"]
    with corpus.engine.connect() as connection:
        assert connection.execute(select(s.articles.c.version)).scalar_one() == "9.0.0"
    monkeypatch.setattr(corpus_module, "program_version", lambda: "1.0.0")  # an older program changes nothing
    assert corpus.add_articles([article]).unchanged == 1


def test_a_failed_replacement_leaves_the_old_article_whole(fresh_db: str, fake_model: None, monkeypatch) -> None:
    corpus = Corpus(fresh_db)
    article = Article(relay("21,600", "October 2025", "Christoph Vanner"))
    corpus.add_articles([article])
    before = corpus.ledger(article.id)
    monkeypatch.setattr(corpus_module, "program_version", lambda: "9.0.0")

    def broken_insert(connection, rows) -> None:
        connection.execute(s.articles.insert(), rows[s.articles])
        raise RuntimeError("disk full")

    monkeypatch.setattr(ledgers, "insert", broken_insert)
    with pytest.raises(RuntimeError):
        corpus.add_articles([article])
    assert corpus.ledger(article.id) == before


def test_the_location_defaults_to_the_env_then_the_data_dir(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(db.ENV_VAR, raising=False)
    assert db.resolve_url(None) == f"sqlite:///{tmp_path / 'data' / 'claimledger' / 'corpus.db'}"
    monkeypatch.setenv(db.ENV_VAR, str(tmp_path / "env.db"))
    assert db.resolve_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert db.resolve_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c.db")
    with corpus.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1


ADD_SCRIPT = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {tests!r})
    import _corpus_helpers as helpers
    import claimledger.pipeline as pipeline

    def slow(articles, nlp=None, batch_size=16):
        for article in articles:
            time.sleep(float(sys.argv[3]))
            yield helpers.fake_ledger(article)

    pipeline.analyze_many = slow
    from pathlib import Path
    from claimledger.corpus import Corpus
    corpus = Corpus(sys.argv[1])
    if len(sys.argv) > 5:  # start together with the other writer
        Path(sys.argv[5] + ".ready").touch()
        while not Path(sys.argv[5] + ".go").exists():
            time.sleep(0.01)
    summary = corpus.add([sys.argv[2]], partition_size=int(sys.argv[4]))
    print(summary.added, summary.unchanged, summary.failed)
    """
)


def add_in_subprocess(
    script: Path, db_path: str, folder: Path, delay: float, partition: int, barrier: Path | None = None
) -> subprocess.Popen:
    """``add`` in another process, analysis by the stand-in model taking ``delay`` seconds an article.

    With ``barrier``, the process touches ``barrier.ready`` once loaded and starts adding when ``barrier.go`` exists.
    """
    script.write_text(ADD_SCRIPT.format(tests=str(TESTS)), encoding="utf-8")
    extra = [str(barrier)] if barrier is not None else []
    return subprocess.Popen(
        [sys.executable, str(script), db_path, str(folder), str(delay), str(partition), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def test_two_processes_add_into_one_sqlite_file_at_once(tmp_path: Path) -> None:
    """Both succeed: writers queue on the lock (WAL, BEGIN IMMEDIATE, busy timeout) instead of failing."""
    db_path = str(tmp_path / "shared.db")
    Corpus(db_path).close()
    write_articles(tmp_path / "one", 30, prefix="one")
    write_articles(tmp_path / "two", 30, prefix="two")
    runs = [add_in_subprocess(tmp_path / f"add{n}.py", db_path, tmp_path / name, 0.02, 3, tmp_path / name)
            for n, name in enumerate(("one", "two"))]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"{name}.ready").exists() for name in ("one", "two")) and time.monotonic() < deadline:
        time.sleep(0.05)
    for name in ("one", "two"):
        (tmp_path / f"{name}.go").touch()
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    assert [out.split() for out, _ in outputs] == [["30", "0", "0"], ["30", "0", "0"]]
    corpus = Corpus(db_path)
    assert corpus.stats().articles == 60
    with corpus.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(s.claims)).scalar_one() == 60
