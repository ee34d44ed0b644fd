"""The finding types: one registry (check/registry.py), one typed vocabulary (model.FindingType).

Every registered type is documented, every documented type registered, and every type has a case
here, built from model objects by hand, that its registered check turns into that finding with the
registry's severity (or one its ``graded`` reason allows). A type registered without a case fails.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from importlib import import_module, resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from claimledger.check import registry, run_checks, within
from claimledger.check.copies import Copy
from claimledger.check.corpus import CorpusNames, CorpusView, WrittenName
from claimledger.check.framing import finding_type
from claimledger.check.names import NameCount, variants
from claimledger.check.registry import DRIFTS, REGISTRY, check_function, drift_severity
from claimledger.model import (
    DRIFT_TYPES,
    FINDING_TYPES,
    RHETORICAL,
    Article,
    Attribution,
    Claim,
    Drift,
    Figure,
    Finding,
    FramingSpan,
    FramingSummary,
    GroupFinding,
    Ledger,
    Period,
    Quote,
    ReferenceRow,
    SentencePair,
    Source,
)

DOCS = Path(__file__).resolve().parents[1] / "docs"


# What the documents say ----------------------------------------------------------------------------


def _table_types(document: str, heading: str) -> set[str]:
    """The backquoted types in the first column of the table under ``heading``."""
    after = (DOCS / document).read_text("utf-8").split(f"\n{heading}\n", 1)[1]
    table = after[: after.index("\n\n", after.index("| ---"))]
    cells = [line.split(" | ")[0] for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    return {name for cell in cells[1:] for name in re.findall(r"`([a-z_]+)`", cell)}


def test_every_registered_type_is_documented_in_the_ledger_format_and_every_documented_type_is_registered() -> None:
    assert _table_types("ledger-format.md", "## Finding types") == set(REGISTRY)


def test_corpus_types_are_the_ones_compare_format_documents() -> None:
    corpus = {t for t, entry in REGISTRY.items() if "corpus" in entry.reads}
    assert _table_types("compare-format.md", "## Corpus findings about one article") == corpus


def test_compare_types_are_the_ones_compare_format_names() -> None:
    text = (DOCS / "compare-format.md").read_text("utf-8")
    named = re.search(r'"type": "figure_conflict",\s*// ([a-z_ |]+)', text)
    assert named is not None
    assert set(named.group(1).replace(" ", "").split("|")) == {t for t, e in REGISTRY.items() if "compare" in e.reads}


# The vocabulary --------------------------------------------------------------------------------------


def test_the_registry_and_the_model_vocabulary_name_the_same_types_in_one_order() -> None:
    assert tuple(REGISTRY) == FINDING_TYPES
    assert all(entry.type == key and entry.why and entry.check for key, entry in REGISTRY.items())
    assert all(bool(entry.also) == bool(entry.graded) for entry in REGISTRY.values())


def test_a_finding_of_an_unknown_type_cannot_be_made() -> None:
    with pytest.raises(ValueError, match="unknown finding type 'figure_clash'"):
        Finding("f1", "figure_clash", "high", "m")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown finding type"):
        GroupFinding("x1", "Loaded_Language", "low", [], "m")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown finding type"):
        Ledger.from_dict({"format": "claimledger/1", "article": {"text": "t"},
                          "findings": [{"id": "f1", "type": "rumour", "severity": "low", "message": "m"}]})


def test_a_known_type_reads_and_writes_as_the_same_string() -> None:
    finding = Finding("f1", "figure_conflict", "high", "m", ["c1"])
    assert finding.to_dict()["type"] == "figure_conflict"
    assert Finding.from_dict(json.loads(json.dumps(finding.to_dict()))) == finding


def _techniques() -> set[str]:
    """Every technique the framing component can label: the lexicon's, the tagger's, hedges and questions."""
    data = resources.files("claimledger.data")
    lexicon = json.loads(data.joinpath("framing_techniques.json").read_text("utf-8"))["techniques"]
    with data.joinpath("framing_model.npz").open("rb") as handle:
        tagger = {str(t) for t in np.load(handle)["techniques"]}
    return {*lexicon, *tagger, "Hedging", RHETORICAL, "Repetition"}


def test_every_framing_technique_is_a_registered_type() -> None:
    assert {finding_type(t) for t in _techniques()} <= set(REGISTRY)


# A producing case for every type ----------------------------------------------------------------------


def _figure(number: int, low: float, high: float, *, aggregation: str = "total", start: date | None = None,
            end: date | None = None, at: int | None = None, source: str | None = None) -> Claim:
    """A figure claim counting deserters; its own sentence unless ``at`` puts claims in one."""
    text = f"{low:,}" if low == high else f"{low:,} to {high:,}"
    offset = number * 1000 if at is None else at
    figure = Figure(offset, offset + len(text), text, low, high, False, "people", "desertion")
    return Claim(f"c{number}", "figure", offset, offset + 100, text, figure, Period(start, end, aggregation),  # type: ignore[arg-type]
                 [Attribution(source or f"s{number}", "said", "said", offset, offset + 4)])


OCTOBER = (date(2025, 10, 1), date(2025, 10, 31))


def _figures(*claims: Claim) -> tuple[list[Claim]]:
    return (list(claims),)


def _sourced(text: str, sources: list[Source], claims: list[Claim]) -> tuple[Ledger]:
    return (Ledger(article=Article(text=text), sources=sources, claims=claims),)


def _said(text: str, number: str, chain: list[Attribution], hedges: tuple[str, ...] = ()) -> Claim:
    start = text.index(number)
    figure = Figure(start, start + len(number), number, 1, 1)
    return Claim("c1", "figure", 0, len(text), text, figure, attribution=chain, hedges=list(hedges))


def _framed(technique: str) -> tuple[Ledger]:
    text = "The staggering toll, the author writes, is a disgrace.\n\nMore follows."
    span = FramingSpan(4, 14, text[4:14], technique)
    return (Ledger(article=Article(text=text), framing=FramingSummary(spans=[span])),)


def _framing_case(finding: str) -> Callable[[], tuple[Any, ...]]:
    (technique,) = [t for t in _techniques() if finding_type(t) == finding]
    return lambda: _framed(technique)


def _quote(setting: str) -> tuple[Ledger]:
    text = f"“We will win,” Putin said in a {setting}."
    quote = Quote(direct=True, setting=setting, setting_span=(text.index("in a"), len(text) - 1))
    claim = Claim("c1", "quote", 0, 14, "“We will win,”", attribution=[Attribution("s1", "said", "said", 21, 25)],
                  quote=quote)
    return _sourced(text, [Source("s1", "Putin", "person", mentions=[(15, 20)])], [claim])


def _contradiction() -> tuple[Ledger]:
    text = "The ministry revealed the desertion figures. The exact numbers remain classified."
    pair = SentencePair("disclosure", (0, 44), (45, len(text)))
    return (Ledger(article=Article(text=text), contradiction_candidates=[pair]),)


def _copied() -> tuple[str, date, list[Copy]]:
    return ("a2", date(2025, 11, 7), [Copy("a1", "Deserters", "Die Welt", date(2025, 11, 5), 0.93)])


NO_NAMES = CorpusNames({}, {})


def _copy_view() -> tuple[CorpusView, CorpusNames, dict[str, list[ReferenceRow]]]:
    article, published, found = _copied()
    return (CorpusView(article, published, copies=found), NO_NAMES, {})


def _name_view() -> tuple[CorpusView, CorpusNames, dict[str, list[ReferenceRow]]]:
    clusters = variants([NameCount("Christoph Wanner", "person", 3), NameCount("Christoph Vanner", "person", 1)])
    written = WrittenName("s1", "Christoph Vanner", "person", (0, 16), ("c1",))
    return (CorpusView("a1", None, names=[written]), CorpusNames(clusters, {}), {})


def _reference_view(unit: str) -> tuple[CorpusView, CorpusNames, dict[str, list[ReferenceRow]]]:
    claim = _figure(1, 21_600, 21_600, start=OCTOBER[0], end=OCTOBER[1])
    row = ReferenceRow("desertion", "deserters", unit, Period(*OCTOBER, "total"), 15_000, 15_000, 15_000,
                       "Prosecutor General's Office", "", "", "desertions")
    return (CorpusView("a1", None, figures=[claim]), NO_NAMES, {"desertion": [row]})


CASES: dict[str, Callable[[], tuple[Any, ...]]] = {
    "figure_conflict": lambda: _figures(_figure(1, 100, 100, aggregation="per_day"), _figure(2, 6_200, 6_200, start=OCTOBER[0], end=OCTOBER[1])),
    "figure_consistent": lambda: _figures(_figure(1, 100, 100, aggregation="per_day"), _figure(2, 3_100, 3_100, start=OCTOBER[0], end=OCTOBER[1])),
    "figure_implication": lambda: _figures(
        _figure(2, 21_600, 21_600, start=OCTOBER[0], end=OCTOBER[1], at=2000, source="s3"),
        _figure(3, 180_000, 180_000, start=date(2025, 1, 1), end=OCTOBER[1], at=2000, source="s3"),
    ),
    "unattributed": lambda: _sourced(
        "Reports indicate that 500 soldiers left.", [Source("s1", "Reports", "unattributed", mentions=[(0, 7)])],
        [_said("Reports indicate that 500 soldiers left.", "500", [Attribution("s1", "reported", "indicate", 8, 16)],
               ("Reports indicate",))],
    ),
    "anonymous_source": lambda: _sourced(
        "Sources close to the army said 500 left.", [Source("s1", "Sources close to the army", "anonymous", mentions=[(0, 25)])],
        [_said("Sources close to the army said 500 left.", "500", [Attribution("s1", "said", "said", 26, 30)])],
    ),
    "vague_source": lambda: _sourced(
        "Experts said 600 left.", [Source("s1", "Experts", "person", mentions=[(0, 7)], vague=True)],
        [_said("Experts said 600 left.", "600", [Attribution("s1", "said", "said", 8, 12)])],
    ),
    "unverifiable_setting": lambda: _quote("closed-door meeting with officials"),
    "secondhand": lambda: _sourced(
        "Zakharova, citing the prosecutors, said 500 left.",
        [Source("s1", "Zakharova", "person", mentions=[(0, 9)]), Source("s2", "prosecutors", "organization", mentions=[(22, 33)])],
        [_said("Zakharova, citing the prosecutors, said 500 left.", "500",
               [Attribution("s1", "said", "said", 35, 39), Attribution("s2", "cited", "citing", 11, 17)])],
    ),
    "self_contradiction": _contradiction,
    **{t: _framing_case(t) for t, entry in REGISTRY.items() if entry.check == "framing.check_framing"},
    "copied_text": _copy_view,
    "name_variant": _name_view,
    "figure_mismatch_reference": lambda: _reference_view("people"),
    "reference_different_unit": lambda: _reference_view("cases"),
}


@pytest.mark.parametrize("finding_type", FINDING_TYPES)
def test_the_registered_check_produces_each_type_with_its_registered_severity(finding_type: str) -> None:
    entry = REGISTRY[finding_type]
    assert finding_type in CASES, f"{finding_type} is registered without a case that produces it"
    result = check_function(entry.check)(*CASES[finding_type]())
    produced = [f for f in result if f.type == finding_type]
    assert produced, result
    assert all(f.severity in (entry.severity, *entry.also) for f in produced)


def test_every_case_is_of_a_registered_type() -> None:
    assert set(CASES) <= set(REGISTRY)


def test_graded_severities_are_the_ones_the_registry_allows() -> None:
    """The near-misses of each graded type: the same check gives the default for the ungraded case."""
    from claimledger.check.copies import copied_text

    original = copied_text("a1", date(2025, 11, 5), [Copy("a2", None, "TASS", date(2025, 11, 7), 0.9)])
    relay = copied_text(*_copied())
    assert original is not None and relay is not None
    assert (original.severity, relay.severity) == ("info", REGISTRY["copied_text"].severity)


# The ledger checks run_checks runs: the registry's list, and only it ------------------------------------


def test_a_check_added_to_the_registrys_ledger_list_is_run_by_run_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = CASES["unattributed"]()[0]
    before = [f.to_dict() for f in run_checks(ledger)]
    added = lambda _ledger: [Finding("", "hedging", "low", "added by the test")]  # noqa: E731
    monkeypatch.setattr(within, "added_check", added, raising=False)
    monkeypatch.setattr(registry, "LEDGER_CHECKS", (*registry.LEDGER_CHECKS, "within.added_check"))
    after = run_checks(ledger)
    assert [f.to_dict() for f in after[:-1]] == before
    assert (after[-1].message, after[-1].id) == ("added by the test", f"f{len(after)}")


def test_every_registered_ledger_check_is_run_by_run_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    registered = {entry.check for entry in REGISTRY.values() if "ledger" in entry.reads}
    called: list[str] = []
    for dotted in registered:
        module_name, function = dotted.rsplit(".", 1)
        module = import_module(f"claimledger.check.{module_name}")
        original = getattr(module, function)

        def spy(*args: Any, _dotted: str = dotted, _original: Callable[..., Any] = original, **kwargs: Any) -> Any:
            called.append(_dotted)
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, function, spy)
    run_checks(CASES["unattributed"]()[0])
    assert set(called) == registered
    monkeypatch.setattr(registry, "LEDGER_CHECKS", registry.LEDGER_CHECKS[1:])
    called.clear()
    run_checks(CASES["unattributed"]()[0])
    assert set(called) < registered  # the near-miss: a list missing a registered check is caught


# Drift types of a lineage edge: a typed vocabulary, registered and documented -------------------------


def test_the_drift_types_are_the_registered_and_documented_ones() -> None:
    assert tuple(DRIFTS) == DRIFT_TYPES
    assert _table_types("compare-format.md", "### Drift types") == set(DRIFT_TYPES)
    assert all(entry.type == key and entry.why and bool(entry.also) == bool(entry.graded) for key, entry in DRIFTS.items())


def test_a_drift_of_an_unknown_type_cannot_be_made_and_a_known_one_round_trips() -> None:
    with pytest.raises(ValueError, match="unknown drift type 'unit_drift'"):
        Drift("unit_drift", "high", "m")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown drift type"):
        Drift.from_dict({"type": "Meaning_Drift", "severity": "high", "message": "m"})
    drift = Drift("period_drift", drift_severity("period_drift"), "the period shifted")
    assert Drift.from_dict(json.loads(json.dumps(drift.to_dict()))) == drift
