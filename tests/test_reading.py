"""Issue 11: the framing list is for reading, and a reader can ask for the graver findings only.

Hand-built ledgers (no spaCy): untyped framing spans stay in the JSON summary but out of the
table, the Markdown and the HTML page; a question standing as a subheading is not a rhetorical
question; overlapping spans of one hedge are one finding; ``--min-severity`` filters findings.
"""

from __future__ import annotations

import json

import pytest
from rich.console import Console
from typer.testing import CliRunner

from claimledger.check.framing import check_framing
from claimledger.cli import app
from claimledger.model import Article, Finding, FramingSpan, FramingSummary, Ledger
from claimledger.report import html, json_report, markdown, table
from claimledger.report.format import at_least, framing_rows, framing_spans


def _span(text: str, words: str, technique: str, voice: str = "author") -> FramingSpan:
    start = text.index(words)
    return FramingSpan(start, start + len(words), words, technique, voice)


def _framed(text: str, *spans: FramingSpan) -> Ledger:
    counts: dict[str, int] = {}
    for span in spans:
        counts[span.technique] = counts.get(span.technique, 0) + 1
    return Ledger(article=Article(text=text), framing=FramingSummary(3, 3, 1, counts, {}, list(spans)))


UNTYPED = "The regime's vile plan will crush the brave people. The numbers are staggering."


def _untyped_ledger() -> Ledger:
    return _framed(UNTYPED, _span(UNTYPED, "The regime's vile plan will crush the brave people", "Framing"),
                   _span(UNTYPED, "staggering", "Loaded_Language"))


def test_untyped_spans_stay_in_the_json_summary() -> None:
    summary = json.loads(json_report.render(_untyped_ledger()))["framing"]
    assert summary["counts"] == {"Framing": 1, "Loaded_Language": 1}
    assert [s["technique"] for s in summary["spans"]] == ["Framing", "Loaded_Language"]


def test_untyped_spans_stay_out_of_the_table_markdown_and_html() -> None:
    ledger = _untyped_ledger()
    assert framing_rows(ledger) == [("loaded language", 1, 0)]
    assert framing_spans(ledger) == [("loaded language", "staggering", "author")]
    console = Console(width=200, record=True)
    table.render(ledger, console)
    terminal = console.export_text()
    assert "“staggering”" in terminal and "“The regime's vile plan" not in terminal
    assert "| framing |" not in markdown.render(ledger) and "| loaded language |" in markdown.render(ledger)
    page = html.render(ledger)
    listed = page[page.index('class="framing-spans"'):]
    listed = listed[: listed.index("</ul>")]
    assert "staggering" in listed and "vile plan" not in listed


def test_untyped_spans_are_never_findings() -> None:
    assert [f.type for f in check_framing(_untyped_ledger())] == ["loaded_language"]


SUBHEADED = (
    "Unemployment rose to 4.1% in June, the highest in three years.\n"
    "Why did unemployment rise?\n"
    "Economists point to higher interest rates and slower hiring.\n"
)


def test_a_question_used_as_a_subheading_is_not_rhetorical() -> None:
    ledger = _framed(SUBHEADED, _span(SUBHEADED, "Why did unemployment rise?", "Rhetorical_Question"))
    assert check_framing(ledger) == []


def test_a_question_inside_a_paragraph_stays_rhetorical() -> None:
    text = SUBHEADED.replace("Why did unemployment rise?\n", "So why did unemployment rise? Nobody will say.\n")
    ledger = _framed(text, _span(text, "why did unemployment rise?", "Rhetorical_Question"))
    assert [f.type for f in check_framing(ledger)] == ["rhetorical_question"]


def test_a_question_closing_the_article_stays_rhetorical() -> None:
    text = "Desertions surged in October.\nCan Ukraine hold the line?\n"
    ledger = _framed(text, _span(text, "Can Ukraine hold the line?", "Rhetorical_Question"))
    assert [f.type for f in check_framing(ledger)] == ["rhetorical_question"]


def test_one_hedge_is_one_finding() -> None:
    text = "Desertions surged, with reports indicating that 100,000 soldiers left."
    ledger = _framed(text, _span(text, "reports indicating", "Hedging"), _span(text, "indicating", "Hedging"))
    findings = check_framing(ledger)
    assert [(f.type, text[f.start:f.end]) for f in findings] == [("hedging", "reports indicating")]


def test_two_separate_hedges_are_two_findings() -> None:
    text = "Reportedly 100,000 soldiers left, and perhaps more will follow."
    ledger = _framed(text, _span(text, "Reportedly", "Hedging"), _span(text, "perhaps", "Hedging"))
    assert len(check_framing(ledger)) == 2


# --min-severity ------------------------------------------------------------------------------------


def _with_findings() -> Ledger:
    findings = [Finding(f"f{n}", "figure_conflict", severity, "m") for n, severity in
                enumerate(("info", "high", "low", "medium"), start=1)]
    return Ledger(article=Article(text="x"), findings=findings)


@pytest.mark.parametrize(("severity", "kept"), [("info", ["f1", "f2", "f3", "f4"]), ("low", ["f2", "f3", "f4"]),
                                                 ("medium", ["f2", "f4"]), ("high", ["f2"])])
def test_at_least_keeps_the_graver_findings(severity: str, kept: list[str]) -> None:
    ledger = _with_findings()
    assert [f.id for f in at_least(ledger, severity).findings] == kept
    assert len(ledger.findings) == 4  # a view: the ledger itself keeps them all


def test_at_least_refuses_an_unknown_severity() -> None:
    with pytest.raises(ValueError):
        at_least(_with_findings(), "severe")


def test_cli_refuses_an_unknown_severity() -> None:
    result = CliRunner().invoke(app, ["analyze", "x.txt", "--min-severity", "severe"])
    assert result.exit_code == 2
