"""bench/findings.py's counting, on an invented article: what covers a pair, what counts as wrong."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from claimledger.model import Article, Claim, Figure, Finding, Ledger

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))  # findings.py imports its sibling realnews.py, as when run as a script
spec = importlib.util.spec_from_file_location("bench_findings", BENCH / "findings.py")
findings = importlib.util.module_from_spec(spec)
sys.modules["bench_findings"] = findings
spec.loader.exec_module(findings)

TEXT = (
    "The ministry said 1,200 people died in Turkey on Monday. "
    "Rescuers said 1,500 people died in Turkey on Monday. "
    "In Syria 300 people died on Monday, officials said, and 80 homes burned in 2019."
)


def gold(fid: str, text: str, context: str, value: float, place: str | None = "Turkey", measure: str = "deaths",
         unit: str = "people") -> dict:
    return {"id": fid, "text": text, "context": context, "low": value, "high": value, "approximate": False,
            "role": "level", "status": "actual", "unit": unit, "currency": None, "counted": "deaths",
            "measure": measure, "qualifiers": {"place": place, "group": None, "subject": None},
            "period": None, "aggregation": "cumulative", "attribution": []}


def annotation() -> dict:
    return {
        "id": "invented-quake", "url": "https://example.org", "outlet": "Example", "published": "2024-03-04",
        "language": "en", "topic": "disasters", "text_sha256": "",
        "figures": [gold("f1", "1,200", "The ministry said 1,200 people died", 1200),
                    gold("f2", "1,500", "Rescuers said 1,500 people died", 1500),
                    gold("f3", "300", "In Syria 300 people died", 300, place="Syria"),
                    gold("f4", "80", "and 80 homes burned", 80, place=None, measure="homes_burned", unit="homes")],
        "pairs": {"conflict": [["f1", "f2", "two sources, one toll"]], "not_conflict": []},
    }


def claim(number: int, text: str) -> Claim:
    start = TEXT.index(text)
    figure = Figure(start, start + len(text), text, 1.0, 1.0, False, "people", "deaths")
    return Claim(f"c{number}", "figure", start, start + len(text), text, figure=figure)


def ledger(*found: Finding) -> Ledger:
    claims = [claim(1, "1,200"), claim(2, "1,500"), claim(3, "300"), claim(4, "80"), claim(5, "2019")]
    return Ledger(article=Article(text=TEXT), claims=claims, findings=list(found))


def conflict(*claims: str) -> Finding:
    return Finding("f", "figure_conflict", "high", "m", list(claims))


def test_a_conflict_on_the_annotated_pair_is_right_and_recalled() -> None:
    result = findings.judge_article(annotation(), TEXT, ledger(conflict("c1", "c2")))
    per_type, overall = findings.tally([result])
    assert (per_type["figure_conflict"].right, per_type["figure_conflict"].recalled) == (1, 1)
    assert (overall.findings, overall.right) == (1, 1)


def test_places_that_differ_and_a_non_figure_are_wrong_a_sourcing_finding_is_not() -> None:
    found = ledger(conflict("c1", "c3"), conflict("c4", "c5"), Finding("f", "unattributed", "medium", "m", ["c4"]))
    result = findings.judge_article(annotation(), TEXT, found)
    wrong = [item.wrong for item in result.judged]
    assert wrong[0] is not None and "place" in wrong[0]
    assert wrong[1] is not None and "match no gold figure" in wrong[1]
    assert wrong[2] is None
    per_type, overall = findings.tally([result])
    assert (per_type["figure_conflict"].findings, per_type["figure_conflict"].right) == (2, 0)
    assert per_type["figure_conflict"].recalled == 0 and per_type["figure_conflict"].annotated == 1
    assert (overall.findings, overall.right) == (3, 1)
