"""The command line: exit codes, output layouts, and that bad input never shows a traceback.

Most tests swap the pipeline for a stand-in (the CLI's job is arguments, files and
output, not analysis); the few ``test_e2e_*`` ones run the real model.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger import __version__, cli
from claimledger.cli import app
from claimledger.model import Article, Ledger

ENGLISH = "Zakharova stated that 15,000 to 18,000 deserters leave Ukrainian military units each month."
FRENCH = (
    "Le ministère russe des Affaires étrangères a déclaré que entre 15 000 et 18 000 déserteurs quittent"
    " chaque mois les unités militaires ukrainiennes, avec plus de 230 000 affaires pénales ouvertes depuis"
    " février 2022 pour absences non autorisées. La porte-parole a ajouté que la situation était grave."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def pipeline_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[Article]]:
    """Replaces the model by empty ledgers and records each call's articles."""
    calls: list[list[Article]] = []

    def fake_analyze_many(articles: Iterable[Article]) -> Iterator[Ledger]:
        batch = list(articles)
        calls.append(batch)
        return (Ledger(article=article) for article in batch)

    monkeypatch.setattr(cli, "analyze_many", fake_analyze_many)
    return calls


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


# --- help, version, usage errors (exit 2) --------------------------------------------


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"claimledger {__version__}"


def test_help_lists_analyze(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "analyze" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "a.txt", "--format", "pdf"],
        ["analyze", "a.txt", "--max-chars", "0"],
        ["analyze"],
        ["analyze", "a.txt", "--no-such-option"],
        ["frobnicate"],
    ],
    ids=["bad-format", "bad-max-chars", "no-file", "unknown-option", "unknown-command"],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    assert runner.invoke(app, args).exit_code == 2


# --- input errors (exit 1) -------------------------------------------------------------


def _assert_input_error(result, code: str) -> None:
    assert result.exit_code == 1, result.output
    assert f"[{code}]" in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_missing_file(runner: CliRunner, tmp_path: Path, pipeline_calls: list) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt")])
    _assert_input_error(result, "E106")
    assert pipeline_calls == []


def test_invalid_published(runner: CliRunner, tmp_article, pipeline_calls: list) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_article("a.txt", ENGLISH)), "--published", "2025-13-01"])
    _assert_input_error(result, "E107")
    assert "YYYY-MM-DD" in result.stderr


def test_non_english(runner: CliRunner, tmp_article, pipeline_calls: list) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_article("fr.txt", FRENCH))])
    _assert_input_error(result, "E105")
    assert "only English is supported yet" in result.stderr


def test_max_chars(runner: CliRunner, tmp_article, pipeline_calls: list) -> None:
    path = str(tmp_article("a.txt", ENGLISH))
    result = runner.invoke(app, ["analyze", path, "--max-chars", "20"])
    _assert_input_error(result, "E104")
    assert "--max-chars" in result.stderr
    assert runner.invoke(app, ["analyze", path, "--max-chars", str(len(ENGLISH)), "--format", "json"]).exit_code == 0


# --- layouts ---------------------------------------------------------------------------


def test_json_lines_go_on_past_a_bad_file(runner: CliRunner, tmp_article, pipeline_calls: list) -> None:
    good_a = str(tmp_article("a.txt", ENGLISH))
    good_c = str(tmp_article("c.txt", ENGLISH + " Again."))
    result = runner.invoke(app, ["analyze", good_a, "missing.txt", good_c, "--format", "json"])
    assert result.exit_code == 1
    first, error, third = _lines(result.stdout)
    assert first["article"]["text"] == ENGLISH
    assert error == {"format": "claimledger/1", "error": {"file": "missing.txt", "message": error["error"]["message"]}}
    assert error["error"]["message"].startswith("[E106]")
    assert third["article"]["text"] == ENGLISH + " Again."
    assert "[E106]" in result.stderr
    assert len(pipeline_calls) == 1, "all articles go through one pipeline run"


def test_a_jsonl_input_prints_json_lines(runner: CliRunner, tmp_article, pipeline_calls: list) -> None:
    lines = "\n".join(json.dumps({"text": t, "published": "2025-11-01"}) for t in (ENGLISH, ENGLISH + " Again."))
    result = runner.invoke(app, ["analyze", str(tmp_article("batch.jsonl", lines)), "--format", "json"])
    assert result.exit_code == 0
    assert [d["article"]["published"] for d in _lines(result.stdout)] == ["2025-11-01", "2025-11-01"]


def test_one_file_json_is_one_document(runner: CliRunner, tmp_article, pipeline_calls: list) -> None:
    result = runner.invoke(
        app, ["analyze", str(tmp_article("a.txt", ENGLISH)), "--format", "json", "--published", "2025-11-28"]
    )
    assert result.exit_code == 0
    assert Ledger.from_json(result.stdout).article.published.isoformat() == "2025-11-28"


def test_stdin(runner: CliRunner, pipeline_calls: list) -> None:
    result = runner.invoke(app, ["analyze", "-", "--format", "json"], input=ENGLISH)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["article"]["text"] == ENGLISH


def test_out_writes_one_file(runner: CliRunner, tmp_article, tmp_path: Path, pipeline_calls: list) -> None:
    out = tmp_path / "reports" / "a.json"
    result = runner.invoke(app, ["analyze", str(tmp_article("a.txt", ENGLISH)), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["article"]["text"] == ENGLISH


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_out_is_a_directory_for_several_inputs(
    runner: CliRunner, tmp_article, tmp_path: Path, pipeline_calls: list, fmt: str
) -> None:
    a, b = tmp_article("one/a.txt", ENGLISH), tmp_article("two/a.txt", ENGLISH + " Again.")
    c = tmp_article("b.txt", ENGLISH + " Once more.")
    out = tmp_path / "reports"
    result = runner.invoke(app, ["analyze", str(a), str(b), str(c), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted([f"a.{fmt}", f"a-2.{fmt}", f"b.{fmt}"])


def test_table_with_several_files_names_each(
    runner: CliRunner, tmp_article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pipeline_calls: list
) -> None:
    tmp_article("first.txt", ENGLISH), tmp_article("second.txt", ENGLISH + " Again.")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["analyze", "first.txt", "second.txt"])
    assert result.exit_code == 0, result.output
    assert result.stdout.index("first.txt") < result.stdout.index("second.txt")


# --- the real model -------------------------------------------------------------------


@pytest.mark.slow
def test_e2e_json_lines_with_an_error_line(runner: CliRunner, example_path: Path, tmp_article) -> None:
    french = str(tmp_article("fr.txt", FRENCH))
    result = runner.invoke(
        app, ["analyze", str(example_path), french, str(example_path), "--format", "json", "--published", "2025-11-28"]
    )
    assert result.exit_code == 1
    first, error, third = _lines(result.stdout)
    assert first == third
    assert first["article"]["published"] == "2025-11-28"
    assert error["error"]["file"] == french and error["error"]["message"].startswith("[E105]")


@pytest.mark.slow
def test_e2e_table_and_html(runner: CliRunner, example_path: Path, tmp_path: Path) -> None:
    table = runner.invoke(app, ["analyze", str(example_path), "--published", "2025-11-28"])
    assert table.exit_code == 0, table.output
    assert "2025-11-28" in table.stdout
    page = tmp_path / "out" / "desertion-report.html"
    html = runner.invoke(app, ["analyze", str(example_path), "--format", "html", "--out", str(page)])
    assert html.exit_code == 0, html.output
    assert "<html" in page.read_text(encoding="utf-8").lower()


def test_analyze_reads_the_users_measures_and_refuses_a_bad_file(tmp_path) -> None:
    from typer.testing import CliRunner

    from claimledger.cli import app
    from claimledger.extract.measures import use_measures

    article = tmp_path / "a.txt"
    article.write_text("Monitors logged 1,500 ceasefire violations in the region last week.", encoding="utf-8")
    good = tmp_path / "m.json"
    good.write_text('[{"key": "truce_breaches", "triggers": [["ceasefire", "violation"]]}]', encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- unit: events\n", encoding="utf-8")
    try:
        result = CliRunner().invoke(app, ["analyze", str(article), "--format", "json", "--measures", str(good)])
        assert result.exit_code == 0, result.output
        assert '"measure": "truce_breaches"' in result.stdout
        refused = CliRunner().invoke(app, ["analyze", str(article), "--measures", str(bad)])
        assert refused.exit_code == 1 and "[E109]" in refused.output
    finally:
        use_measures(None)
