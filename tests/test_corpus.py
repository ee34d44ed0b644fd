"""Adding to the corpus: inputs of every kind, failures that skip one file, resuming, and the read API.

Analysis is the stand-in of _corpus_helpers (``fake_model``): these tests are about
what is read, stored, skipped and reported, not about reading articles.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from _corpus_helpers import fake_model, fresh_db, relay, write_articles  # noqa: F401
from sqlalchemy import func, select
from test_store import add_in_subprocess
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.corpus import Corpus
from claimledger.ingest import inputs
from claimledger.model import Article, InputFailure
from claimledger.store import schema as s

PAGE = """<!DOCTYPE html><html><head><title>Desertions in October</title>
<meta property="og:site_name" content="Die Welt"><meta name="author" content="Christoph Vanner">
<meta name="date" content="2025-11-05"></head><body><article><h1>Desertions in October</h1>
<p>{text}</p><p>Commanders describe units that shrink every week while the replacements arrive slowly.</p>
</article></body></html>"""


def jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


class Recorder:
    """A Progress that remembers what it was told."""

    def __init__(self) -> None:
        self.total: int | None = None
        self.stored = 0
        self.advanced = 0
        self.failures: list[InputFailure] = []

    def start(self, total: int, stored: int) -> None:
        self.total, self.stored = total, stored

    def advance(self, articles: int) -> None:
        self.advanced += articles

    def failed(self, failure: InputFailure) -> None:
        self.failures.append(failure)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Four .txt files in nested folders, an HTML page and a JSON Lines file of three articles."""
    root = tmp_path / "in"
    write_articles(root / "a", 2)
    write_articles(root / "b" / "c", 2, prefix="c")
    (root / "page.html").write_text(PAGE.format(text=relay("21,600", "October 2025", "Christoph Vanner")), "utf-8")
    (root / "wire.jsonl").write_text(
        jsonl([
            {"text": relay(f"{n},000", "September 2025", "Christoph Wanner", f"Wire {n}. "), "outlet": "TASS",
             "published": f"2025-10-{n + 1:02d}", "title": f"wire {n}", "url": f"https://example.org/{n}"}
            for n in range(3)
        ]),
        "utf-8",
    )
    (root / "notes.csv").write_text("not,an,article\n", "utf-8")  # not an article suffix: left out
    (root / ".hidden.txt").write_text(relay("1", "May 2025", "Nobody"), "utf-8")
    return root


def test_a_folder_is_read_recursively_and_re_adding_it_is_a_no_op(fresh_db: str, fake_model: None, folder: Path,
                                                                   monkeypatch) -> None:
    corpus = Corpus(fresh_db)
    progress = Recorder()
    summary = corpus.add([folder], progress=progress)
    assert (summary.added, summary.unchanged, summary.failed) == (8, 0, 0)
    assert (progress.total, progress.advanced, progress.stored) == (8, 8, 0)
    page = next(a for a in corpus.articles(limit=10) if a.outlet == "Die Welt")
    assert (page.title, page.published) == ("Desertions in October", date(2025, 11, 5))
    with corpus.engine.connect() as connection:
        assert connection.execute(select(s.articles.c.author).where(s.articles.c.id == page.id)).scalar_one() == (
            "Christoph Vanner")
    wire = corpus.articles(outlet="TASS")
    assert [a.published for a in wire] == [date(2025, 10, 3), date(2025, 10, 2), date(2025, 10, 1)]

    monkeypatch.setattr(inputs, "read_unit", lambda *_: pytest.fail("a stored input was read again"))
    again = Recorder()
    summary = corpus.add([folder], progress=again)
    assert (summary.added, summary.unchanged, summary.failed) == (0, 8, 0)
    assert (again.total, again.stored) == (0, 8)


def test_a_changed_file_is_read_again_and_same_text_stays_unchanged(fresh_db: str, fake_model: None,
                                                                    tmp_path: Path) -> None:
    corpus = Corpus(fresh_db)
    [path] = write_articles(tmp_path / "in", 1)
    corpus.add([path])
    text = path.read_text("utf-8")
    path.write_text(text + " ", encoding="utf-8")  # another text: another article
    assert corpus.add([path]).added == 1
    path.write_text(text, encoding="utf-8")  # back to the first text, which is stored
    summary = corpus.add([path])
    assert (summary.added, summary.unchanged) == (0, 1)


def test_a_corrupt_file_in_a_folder_of_good_ones_is_reported_and_skipped(fresh_db: str, fake_model: None,
                                                                         tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_articles(root, 5)
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\x03 not text at all \xff\xfe")
    (root / "empty.txt").write_text("   \n", "utf-8")
    (root / "bad.jsonl").write_text(jsonl([{"text": relay("5", "May 2025", "A B")}]) + "{not json\n", "utf-8")
    progress = Recorder()
    summary = Corpus(fresh_db).add([root, tmp_path / "missing.txt"], progress=progress)
    assert (summary.added, summary.failed) == (6, 4), "the good line of bad.jsonl is stored too"
    messages = {Path(f.input).name: f.message for f in summary.failures}
    assert "[E102]" in messages["binary.txt"] and "[E101]" in messages["empty.txt"]
    assert "[E108]" in messages["bad.jsonl lines 1–2"] and "line 2" in messages["bad.jsonl lines 1–2"]
    assert "[E106]" in messages["missing.txt"]
    assert progress.failures == summary.failures


def test_a_large_jsonl_file_is_split_and_a_bad_line_fails_only_itself(fresh_db: str, fake_model: None,
                                                                         tmp_path: Path) -> None:
    records = [{"text": relay(f"{n:,}", "October 2025", "Christoph Vanner", f"Line {n}. ")} for n in range(150)]
    lines = jsonl(records).splitlines()
    lines[99] = '{"text": 5}'
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    units, _ = inputs.plan([str(path)])
    assert [unit.articles for unit in units] == [64, 64, 22]
    corpus = Corpus(fresh_db)
    summary = corpus.add([path], partition_size=64)
    assert (summary.added, summary.failed) == (149, 1)
    assert summary.failures[0].input == f"{path} lines 65–128"
    assert "line 100" in summary.failures[0].message
    again = corpus.add([path], partition_size=64)  # the chunk with the bad line is not recorded as done
    assert (again.added, again.unchanged, again.failed) == (0, 149, 1)


def test_standard_input_is_read_once(fresh_db: str, fake_model: None, monkeypatch) -> None:
    text = relay("21,600", "October 2025", "Christoph Vanner")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    summary = Corpus(fresh_db).add(["-"], published=date(2025, 11, 5))
    assert summary.added == 1
    assert Corpus(fresh_db).articles()[0].published == date(2025, 11, 5)


def test_a_killed_run_resumes_where_it_stopped(tmp_path: Path, fake_model: None) -> None:
    """SIGKILL mid-run, then the same add again: every article once, none half-stored."""
    db_path = str(tmp_path / "c.db")
    Corpus(db_path).close()
    write_articles(tmp_path / "in", 60)
    run = add_in_subprocess(tmp_path / "add.py", db_path, tmp_path / "in", 0.05, 4)
    corpus = Corpus(db_path)
    deadline = time.monotonic() + 60
    while corpus.stats().articles < 8 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()
    stored = corpus.stats().articles
    assert 8 <= stored < 60, "the run was not killed midway"
    assert stored % 4 == 0, "a partition is stored whole or not at all"
    summary = corpus.add([tmp_path / "in"], partition_size=4)
    assert (summary.added, summary.unchanged, summary.failed) == (60 - stored, stored, 0)
    with corpus.engine.connect() as connection:
        claims = connection.execute(select(func.count()).select_from(s.claims)).scalar_one()
        signatures = connection.execute(select(func.count()).select_from(s.signatures)).scalar_one()
    assert corpus.stats().articles == claims == signatures == 60


def test_an_interrupted_add_keeps_what_it_stored_and_resumes(fresh_db: str, fake_model: None, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 10)

    class Interrupting(Recorder):
        def advance(self, articles: int) -> None:
            super().advance(articles)
            raise KeyboardInterrupt  # Ctrl+C after the first partition is stored

    corpus = Corpus(fresh_db)
    first = corpus.add([tmp_path / "in"], progress=Interrupting(), partition_size=3)
    assert (first.interrupted, first.added) == (True, 3)
    again = corpus.add([tmp_path / "in"], partition_size=3)
    assert (again.interrupted, again.added, again.unchanged) == (False, 7, 3)


def test_add_articles_analyses_only_what_is_new(fresh_db: str, fake_model: None) -> None:
    corpus = Corpus(fresh_db)
    one, two = (Article(relay(v, "October 2025", "Christoph Vanner")) for v in ("21,600", "19,000"))
    assert corpus.add_articles([one]).added == 1
    summary = corpus.add_articles([one, two])
    assert (summary.added, summary.unchanged) == (1, 1)


@pytest.fixture
def small_corpus(fresh_db: str, fake_model: None) -> Corpus:
    corpus = Corpus(fresh_db)
    corpus.add_articles([
        Article(relay("21,600", "October 2025", "Christoph Vanner"), title="Desertions", outlet="Die Welt",
                published=date(2025, 11, 5)),
        Article(relay("21,600", "October 2025", "Christoph Wanner", "Moscow. "), title="Relay", outlet="TASS",
                published=date(2025, 11, 7)),
        Article(relay("19,000", "October 2025", "Ukrainska Pravda", "Kyiv. ") + " 5,000 cases were opened in "
                "October 2025, according to Ukraine’s Prosecutor.", outlet="Kyiv Independent", published=date(2025, 11, 12)),
    ])
    return corpus


def test_stats_measures_and_listing(small_corpus: Corpus) -> None:
    stats = small_corpus.stats()
    assert (stats.articles, stats.outlets, stats.figures, stats.reference_rows) == (3, 3, 4, 0)
    assert [(m.measure, m.unit, m.figures, m.articles) for m in small_corpus.measures()] == [
        ("desertion", "people", 3, 3), ("unauthorized_absence", "cases", 1, 1)]
    assert [a.outlet for a in small_corpus.articles()] == ["Kyiv Independent", "TASS", "Die Welt"]
    assert [a.outlet for a in small_corpus.articles(limit=1, offset=1)] == ["TASS"]


def test_search_finds_articles_sources_and_measures(small_corpus: Corpus) -> None:
    results = small_corpus.search("wanner")
    assert [hit.outlet for hit in results.articles] == ["TASS"]
    assert "Christoph Wanner" in results.articles[0].snippet
    assert [(h.name, h.articles) for h in results.sources] == [("Christoph Wanner", 1)]
    assert small_corpus.search("desert").measures == ["desertion"]
    assert small_corpus.search("100%_").articles == []  # LIKE wildcards are taken literally
    assert small_corpus.search("  ").to_dict() == {"query": "", "articles": [], "sources": [], "measures": []}


def test_a_source_is_found_under_every_spelling(small_corpus: Corpus) -> None:
    profile = small_corpus.source("christoph wanner")
    assert profile is not None
    assert [(n.name, n.articles) for n in profile.names] == [("Christoph Vanner", 1), ("Christoph Wanner", 1)]
    assert profile.articles == 2
    assert [(c.figure, c.outlet, c.depth) for c in profile.claims] == [("21,600", "TASS", 0), ("21,600", "Die Welt", 0)]
    assert small_corpus.source("Nobody Here") is None


def test_corpus_findings_name_the_other_spelling(small_corpus: Corpus) -> None:
    tass = small_corpus.articles(outlet="TASS")[0]
    [finding] = small_corpus.corpus_findings(tass.id)
    assert (finding.id, finding.type, finding.claims) == ("x1", "name_variant", ["c1"])
    assert "“Christoph Vanner” in 1 article (Die Welt 2025-11-05)" in finding.message
    assert "Written as here: “Christoph Wanner” in 1 article (TASS 2025-11-07)" in finding.message
    assert small_corpus.ledger(tass.id).findings[0].type == "hedging"  # the ledger's own stay apart


def test_the_cli_adds_and_summarises(tmp_path: Path, fake_model: None) -> None:
    write_articles(tmp_path / "in", 3)
    (tmp_path / "in" / "empty.txt").write_text("", "utf-8")
    runner = CliRunner()
    db_path = str(tmp_path / "c.db")
    result = runner.invoke(app, ["add", str(tmp_path / "in"), "--db", db_path])
    assert result.exit_code == 1, result.output
    assert "3 added, 0 unchanged, 1 failed" in result.stderr
    assert "[E101]" in result.stderr
    result = runner.invoke(app, ["add", str(tmp_path / "in" / "a0000.txt")], env={"CLAIMLEDGER_DB": db_path})
    assert result.exit_code == 0
    assert "0 added, 1 unchanged, 0 failed" in result.stderr
    result = runner.invoke(app, ["add", str(tmp_path / "in"), "--db", db_path, "--published", "2025-13-01"])
    assert result.exit_code == 1 and "[E107]" in result.stderr


def test_the_cli_loads_a_reference_series_once(tmp_path: Path) -> None:
    awol = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "examples" / "ukraine-awol-cases.csv"
    runner = CliRunner()
    db_path = str(tmp_path / "c.db")
    first = runner.invoke(app, ["reference", "add", str(awol), "--db", db_path])
    assert first.exit_code == 0 and "21 rows of ukraine-awol-cases.csv in the corpus (21 new)" in first.stderr
    again = runner.invoke(app, ["reference", "add", str(awol), "--db", db_path])
    assert "(0 new)" in again.stderr
    rows = Corpus(db_path).reference("desertion")
    assert len(rows) == 6 and rows[0].period.start == date(2022, 1, 1)
    missing = runner.invoke(app, ["reference", "add", str(tmp_path / "none.csv"), "--db", db_path])
    assert missing.exit_code == 1 and "[E106]" in missing.stderr


def test_add_lang_sets_the_language_of_every_article_it_stores(tmp_path: Path, fake_model: None) -> None:
    write_articles(tmp_path / "in", 2)
    (tmp_path / "in" / "wire.jsonl").write_text(jsonl([{"text": relay("3,000", "May 2025", "TASS"), "url": "https://e.org/1"}]),
                                                "utf-8")
    db_path = str(tmp_path / "c.db")
    result = CliRunner().invoke(app, ["add", str(tmp_path / "in"), "--db", db_path, "--lang", "de"])
    assert result.exit_code == 0, result.output
    with Corpus(db_path) as corpus:
        languages = [corpus.ledger(article.id).article.language for article in corpus.articles()]
    assert languages == ["de", "de", "de"]  # detected, they would be English
    result = CliRunner().invoke(app, ["add", str(tmp_path / "in" / "a0000.txt"), "--db", str(tmp_path / "d.db"), "--lang", "fr"])
    assert result.exit_code == 1 and "[E105]" in result.stderr


def test_a_measures_file_given_to_add_is_kept_by_the_corpus_and_a_bad_one_changes_nothing(tmp_path: Path) -> None:
    from claimledger.extract.measures import USER_MEASURES_ENV, use_measures

    good = tmp_path / "m.yaml"
    good.write_text("- key: truce_breaches\n  triggers: [[ceasefire, violation]]\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- unit: events\n", encoding="utf-8")
    db_path = str(tmp_path / "c.db")
    try:
        with Corpus(db_path) as corpus:
            assert corpus.kept_measures() is None
            corpus.keep_measures(good)
            with pytest.raises(Exception, match=r"E109"):
                corpus.keep_measures(bad)
        use_measures(None)  # a later command, another process: nothing in the environment
        with Corpus(db_path) as corpus:
            assert corpus.kept_measures() == good.read_text(encoding="utf-8")
            corpus.add([])
        assert Path(os.environ[USER_MEASURES_ENV]).read_text(encoding="utf-8") == good.read_text(encoding="utf-8")
    finally:
        use_measures(None)


@pytest.mark.slow
def test_e2e_later_adds_measure_with_the_corpus_measures(tmp_path: Path) -> None:
    from claimledger.extract.measures import use_measures

    (tmp_path / "a.txt").write_text("Monitors logged 1,500 ceasefire violations in the region last week.", "utf-8")
    (tmp_path / "b.txt").write_text("Observers counted 2,100 ceasefire violations along the front in May.", "utf-8")
    measures = tmp_path / "m.json"
    measures.write_text('[{"key": "truce_breaches", "triggers": [["ceasefire", "violation"]]}]', encoding="utf-8")
    db_path = str(tmp_path / "c.db")
    runner = CliRunner()
    try:
        first = runner.invoke(app, ["add", str(tmp_path / "a.txt"), "--db", db_path, "--measures", str(measures)])
        assert first.exit_code == 0, first.output
        use_measures(None)
        second = runner.invoke(app, ["add", str(tmp_path / "b.txt"), "--db", db_path])
        assert second.exit_code == 0, second.output
    finally:
        use_measures(None)
    with Corpus(db_path) as corpus:
        keys = {c.figure.measure for a in corpus.articles() for c in corpus.ledger(a.id).claims if c.figure}
    assert keys == {"truce_breaches"}
