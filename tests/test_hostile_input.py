"""Hostile input and faults: every bad line or article fails alone, with a code, and nothing else is lost.

Each test here is a case a reliability pass found broken (issue 15): one bad JSON line
losing its whole file and the other files of the command, invisible characters splitting
a figure, FIFOs hanging the program, oversized pages parsed before being refused, and
tracebacks (with SQL parameters and passwords) instead of coded one-line errors.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest
from _corpus_helpers import fake_model, fresh_db, relay, write_articles  # noqa: F401
from sqlalchemy.exc import OperationalError
from test_cli import pipeline_calls, runner  # noqa: F401 - the CLI's stand-in for the model
from typer.testing import CliRunner

from claimledger import cli
from claimledger.cli import app
from claimledger.corpus import Corpus
from claimledger.errors import BadDate, InputTooLarge, SpecialFile, StorageError
from claimledger.extract.periods import find_periods
from claimledger.ingest import parse_date, read_documents
from claimledger.ingest.clean import clean_text
from claimledger.model import Article, Ledger
from claimledger.store import ledgers

ENGLISH = "Zakharova stated that 15,000 to 18,000 deserters leave Ukrainian military units each month."
FRENCH = (
    "Le ministère russe des Affaires étrangères a déclaré que entre 15 000 et 18 000 déserteurs quittent"
    " chaque mois les unités militaires ukrainiennes, avec plus de 230 000 affaires pénales ouvertes depuis"
    " février 2022 pour absences non autorisées. La porte-parole a ajouté que la situation était grave."
)
DEEP = "[" * 200_000 + "]" * 200_000

# One line of each kind of fault, between good lines; the key names the fault, the value the code.
BAD_LINES: dict[str, tuple[str, str]] = {
    "parse": ('{"text": "unterminated', "E108"),
    "depth": (DEEP, "E108"),
    "language": (json.dumps({"text": FRENCH}), "E105"),
    "date": (json.dumps({"text": ENGLISH + " One.", "published": "0001-01-01"}), "E107"),
    "size": (json.dumps({"text": ENGLISH + " Two." + " padding" * 20_000}), "E104"),
}
MAX_CHARS = 100_000


def _good(number: int) -> str:
    return json.dumps({"text": f"{ENGLISH} Report {number}."})


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


# --- one bad line, the others go on ------------------------------------------------------


@pytest.mark.parametrize("fault", list(BAD_LINES))
def test_analyze_gives_a_bad_jsonl_line_its_coded_error_and_goes_on(
    runner: CliRunner, tmp_article, pipeline_calls: list, fault: str
) -> None:
    bad, code = BAD_LINES[fault]
    crawl = tmp_article("crawl.jsonl", "\n".join([_good(1), bad, _good(3)]) + "\n")
    other = tmp_article("other.txt", ENGLISH + " Elsewhere.")
    result = runner.invoke(app, ["analyze", str(crawl), str(other), "--format", "json", "--max-chars", str(MAX_CHARS)])
    assert result.exit_code == 1
    first, error, third, last = _lines(result.stdout)
    assert first["article"]["text"].endswith("Report 1.") and third["article"]["text"].endswith("Report 3.")
    assert error["error"]["message"].startswith(f"[{code}]")
    assert "crawl.jsonl line 2" in error["error"]["message"]
    assert last["article"]["text"] == ENGLISH + " Elsewhere."
    assert "Traceback" not in result.output


def test_a_lone_surrogate_in_a_json_line_is_replaced_not_a_crash(runner: CliRunner, tmp_article,
                                                                 pipeline_calls: list) -> None:
    crawl = tmp_article("crawl.jsonl", '{"text": "' + ENGLISH + ' \\ud800 Odd.", "title": "A \\udfff title"}\n')
    result = runner.invoke(app, ["analyze", str(crawl), "--format", "json"])
    assert result.exit_code == 0, result.output
    [ledger] = _lines(result.stdout)
    assert ledger["article"]["text"] == ENGLISH + " \ufffd Odd."
    assert ledger["article"]["title"] == "A \ufffd title"


def test_a_line_in_another_encoding_spoils_only_itself(tmp_article) -> None:
    latin = json.dumps({"text": ENGLISH + " Caf\u00e9."}, ensure_ascii=False).encode("cp1252")
    data = b"\n".join([_good(1).encode(), b'{"text": "\x00\x01\x02"}', latin, _good(4).encode()]) + b"\n"
    entries = read_documents(tmp_article("mixed.jsonl", data))
    assert [where.rsplit(" ", 1)[1] for where, _ in entries] == ["1", "2", "3", "4"]
    assert entries[1][1].code == "E102"
    assert entries[2][1][0].text == ENGLISH + " Café."
    assert entries[3][1][0].text.endswith("Report 4.")


def test_an_article_that_breaks_the_analysis_fails_alone(runner: CliRunner, tmp_article,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def analyze_many(articles: Iterable[Article]) -> Iterator[Ledger]:
        for article in articles:
            if "BREAK" in article.text:
                raise RecursionError("maximum recursion depth exceeded")
            yield Ledger(article=article)

    monkeypatch.setattr(cli, "analyze_many", analyze_many)
    crawl = tmp_article("crawl.jsonl", "\n".join([_good(1), json.dumps({"text": ENGLISH + " BREAK."}), _good(3)]))
    result = runner.invoke(app, ["analyze", str(crawl), "--format", "json"])
    assert result.exit_code == 1
    first, error, third = _lines(result.stdout)
    assert error["error"]["message"].startswith("[E500]") and "crawl.jsonl line 2" in error["error"]["message"]
    assert "RecursionError" in error["error"]["message"] and "Traceback" not in result.output
    assert first["article"]["text"].endswith("Report 1.") and third["article"]["text"].endswith("Report 3.")


def test_debug_shows_the_traceback(runner: CliRunner, tmp_article, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_outcomes", lambda *_: (_ for _ in ()).throw(RuntimeError("boom")))
    path = str(tmp_article("a.txt", ENGLISH))
    quiet = runner.invoke(app, ["analyze", path])
    assert quiet.exit_code == 1 and "[E500]" in quiet.stderr and "Traceback" not in quiet.stderr
    loud = runner.invoke(app, ["--debug", "analyze", path])
    assert loud.exit_code == 1 and "[E500]" in loud.stderr and "Traceback" in loud.stderr


def test_add_stores_every_good_article_and_counts_each_failure(runner: CliRunner, fresh_db: str, fake_model: None,
                                                                tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 3)
    lines = [json.dumps({"text": relay(f"{n},000", "May 2025", "A B", f"Line {n}. ")}) for n in range(1, 5)]
    lines[1:1] = [bad for bad, _ in BAD_LINES.values()]
    (folder / "crawl.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    result = runner.invoke(app, ["add", str(folder), "--db", fresh_db, "--max-chars", str(MAX_CHARS)])
    assert result.exit_code == 1
    assert f"7 added, 0 unchanged, {len(BAD_LINES)} failed" in result.stderr
    assert Corpus(fresh_db).stats().articles == 7
    assert "Traceback" not in result.output


def test_a_nul_character_is_stored_alike_on_every_database(fresh_db: str, fake_model: None, tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    path.write_text(json.dumps({"text": relay("5,000", "May 2025", "A B", "Before\u0000after. ")}) + "\n", "utf-8")
    corpus = Corpus(fresh_db)
    assert (corpus.add([path]).added, corpus.add([path]).unchanged) == (1, 1)
    [article] = corpus.articles()
    assert "Before\ufffdafter." in corpus.ledger(article.id).article.text


# --- cleaning at the door --------------------------------------------------------------------


def test_invisible_characters_go_and_the_text_is_nfc() -> None:
    assert clean_text("2\u200d1,6\u200c00 soldiers") == "21,600 soldiers"
    assert clean_text("\u202eevil\u202c \u2066isolated\u2069 de\u00adserters \ufeffx") == "evil isolated deserters x"
    assert clean_text("Caf" + "e\u0301") == "Café"
    assert clean_text("nul\x00 and \ud800 lone") == "nul\ufffd and \ufffd lone"
    assert clean_text("ordinary text — with “quotes”\n") == "ordinary text — with “quotes”\n"


def test_a_figure_with_zero_width_characters_reads_whole(tmp_article) -> None:
    [(_, (article, _))] = read_documents(tmp_article("zw.txt", f"Officials said 2\u200d1,6\u200c00 {ENGLISH}"))
    assert article.text == f"Officials said 21,600 {ENGLISH}"


@pytest.mark.slow
def test_e2e_a_figure_with_zero_width_characters_keeps_its_value_and_sources(tmp_article) -> None:
    from claimledger.pipeline import analyze

    [(_, (article, _))] = read_documents(
        tmp_article("zw.txt", "Zakharova stated that 2\u200d1,6\u200c00 soldiers deserted in October 2025.")
    )
    ledger = analyze(article)
    [claim] = [c for c in ledger.claims if c.figure is not None]
    assert (claim.figure.low, claim.figure.high) == (21_600, 21_600)
    assert article.text[claim.figure.start:claim.figure.end] == "21,600"
    assert [s.name for s in ledger.sources] == ["Zakharova"]


# --- dates, special files, sizes -------------------------------------------------------------


def test_a_publication_date_off_the_calendar_is_a_coded_error() -> None:
    with pytest.raises(BadDate, match=r"^\[E107\] '0001-01-01' is out of range"):
        parse_date("0001-01-01")
    assert parse_date("1999-12-31") == date(1999, 12, 31)


def test_published_0001_with_last_month_is_one_coded_line(runner: CliRunner, tmp_article, pipeline_calls) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_article("a.txt", ENGLISH + " last month")),
                                 "--published", "0001-01-01"])
    assert result.exit_code == 1 and result.stderr.startswith("error: [E107]")


def test_a_period_off_the_calendar_is_no_period_not_a_crash() -> None:
    assert find_periods("It happened last month.", date(1, 1, 1)) == []
    assert find_periods("It happened last month.", date(2025, 11, 28)) != []


def _in_thread(work, seconds: float = 10.0):
    """``work()``'s result or exception; fails the test when it does not return in time (a hang)."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as error:  # noqa: BLE001 - handed to the test
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"hung for more than {seconds} s"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    error = _in_thread(lambda: read_documents(fifo))
    assert isinstance(error, SpecialFile) and str(error).startswith("[E110]")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_a_folder_fails_alone_in_add(fresh_db: str, fake_model: None, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 2)
    os.mkfifo(folder / "pipe.jsonl")
    summary = _in_thread(lambda: Corpus(fresh_db).add([folder]))
    assert (summary.added, summary.failed) == (2, 1)
    assert summary.failures[0].message.startswith("[E110]")


def test_an_oversized_page_is_refused_before_it_is_parsed(tmp_article, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *_, **__: pytest.fail("the page was parsed"))
    page = "<html><body>" + "<p>" + "x" * 20_000_000 + "</p></body></html>"
    with pytest.raises(InputTooLarge, match=r"^\[E104\]"):
        read_documents(tmp_article("huge.html", page))


# --- the database fails ------------------------------------------------------------------------


def _fail_on_second_store(monkeypatch: pytest.MonkeyPatch, reason: str) -> None:
    real, calls = ledgers.store, []

    def store(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OperationalError("INSERT INTO claims VALUES (?, ?)", ("secret-param", 1), Exception(reason))
        return real(*args, **kwargs)

    monkeypatch.setattr(ledgers, "store", store)


@pytest.mark.parametrize(
    ("reason", "code"),
    [("database or disk is full", "E301"), ("server closed the connection unexpectedly", "E302")],
    ids=["disk-full", "connection-lost"],
)
def test_a_database_failing_mid_add_is_one_coded_line_that_says_how_to_resume(
    runner: CliRunner, tmp_path: Path, fake_model: None, monkeypatch: pytest.MonkeyPatch, reason: str, code: str
) -> None:
    write_articles(tmp_path / "in", 4)
    db = str(tmp_path / "corpus.db")
    _fail_on_second_store(monkeypatch, reason)
    result = runner.invoke(app, ["add", str(tmp_path / "in"), "--db", db, "--partition-size", "2"])
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert line.startswith(f"error: [{code}]") and "2 articles were stored" in line and "run the same command" in line
    assert "secret-param" not in result.output and "INSERT" not in result.output and "Traceback" not in result.output
    monkeypatch.undo()
    assert Corpus(db).add([tmp_path / "in"]).added == 2  # the resume adds what was missing


def test_an_unreachable_database_never_shows_its_password(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", "--db", "postgresql://reader:hunter2@127.0.0.1:1/corpus"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: [E302]")
    assert "hunter2" not in result.output and "reader:***@127.0.0.1" in result.stderr


def test_a_read_only_corpus_can_be_read_and_refuses_writes(tmp_path: Path, fake_model: None) -> None:
    db = tmp_path / "corpus.db"
    write_articles(tmp_path / "in", 2)
    assert Corpus(db).add([tmp_path / "in"]).added == 2
    reader = Corpus(db, read_only=True)
    assert reader.stats().articles == 2
    write_articles(tmp_path / "more", 1, prefix="b")
    with pytest.raises(StorageError, match=r"^\[E303\]"):
        reader.add([tmp_path / "more"])
