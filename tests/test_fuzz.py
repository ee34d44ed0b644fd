"""Fuzzing the front door: mutated news texts and JSON Lines files, checked against invariants.

The mutations are bench/fuzz.py's (which runs 10,000 of them); here hypothesis drives
them with a small budget, the same examples every run in CI (CI=true loads the
derandomised profile of conftest.py). Invariants: nothing but a coded error is raised,
every span lies inside the text, a figure's low is at most its high, the ledger
survives a JSON round trip; a JSON Lines file gives one entry per non-blank line.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimledger.errors import ClaimledgerError, InputError
from claimledger.ingest.jsonl import articles_from_jsonl
from claimledger.ingest.text import article_from_text
from claimledger.model import Article

_SPEC = importlib.util.spec_from_file_location("fuzz", Path(__file__).resolve().parents[1] / "bench" / "fuzz.py")
fuzz = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fuzz)

# A fixed, small budget: the analysis takes tens of milliseconds a text.
EXAMPLES = 20 if os.environ.get("CI") else 40
BUDGET = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.slow
@BUDGET
@given(seed=st.integers(0, 2**32 - 1))
@example(seed=0)
def test_analysis_of_mutated_news_raises_only_coded_errors_and_keeps_its_invariants(seed: int, nlp) -> None:
    from claimledger.pipeline import analyze

    text = fuzz.mutate(random.Random(seed))
    try:
        article = article_from_text(text, "fuzz", None, 2_000_000)
    except InputError:
        return
    assert fuzz.problems(analyze(article, nlp=nlp)) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The ministry said " + ",".join(["999"] * 120) + " soldiers deserted, up from 21,600 in October 2025.",
        "The General Staff said " + '"' * 300 + "21,600 soldiers deserted in October 2025." + '"' * 300,
    ],
    ids=["infinite-number", "nested-quotes"],
)
def test_cases_the_fuzzer_found(text: str, nlp) -> None:
    from claimledger.pipeline import analyze

    assert fuzz.problems(analyze(article_from_text(text, "fuzz", None, 2_000_000), nlp=nlp)) == []


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_LINES = st.one_of(
    st.builds(lambda text, title: json.dumps({"text": text, "title": title}), st.text(), st.text() | st.none()),
    st.builds(lambda seed: json.dumps({"text": fuzz.mutate(random.Random(seed)), "published": "2025-11-28"}),
              st.integers(0, 2**32 - 1)),
    _JSON_VALUES.map(lambda value: json.dumps(value)),
    st.integers(1, 5_000).map(lambda depth: "[" * depth + "]" * depth),
    st.integers(0, 5_000).map(lambda depth: '{"text": ' + "[" * depth),
    st.text(),
)


@BUDGET
@given(lines=st.lists(st.one_of(_LINES.map(lambda line: line.encode("utf-8", "surrogatepass")), st.binary()),
                      min_size=1, max_size=6))
def test_the_jsonl_reader_gives_every_line_its_article_or_its_coded_error(lines: list[bytes]) -> None:
    data = b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n"
    numbered = [number for number, raw in enumerate(data.split(b"\n"), start=1) if raw.strip()]
    try:
        entries = articles_from_jsonl(data, "fuzz.jsonl", None, 20_000)
    except ClaimledgerError as error:
        assert not numbered and error.code == "E101"
        return
    assert [where for where, _ in entries] == [f"fuzz.jsonl line {number}" for number in numbered]
    for where, found in entries:
        if isinstance(found, ClaimledgerError):
            assert str(found).startswith(f"[{found.code}] ") and where in str(found)
        else:
            assert isinstance(found, Article)
            found.text.encode("utf-8")  # cleaned at the door: no lone surrogate, no NUL
            assert "\x00" not in found.text
            assert Article.from_dict(json.loads(json.dumps(found.to_dict()))) == found


def test_a_long_run_of_one_mark_reaches_the_tokenizer_in_pieces_with_the_same_text() -> None:
    import spacy

    from claimledger.nlp import RUN_PIECE, RunSafeTokenizer

    blank = spacy.blank("en")
    seen: list[str] = []

    def spying(text: str):
        seen.append(text)
        return blank.tokenizer(text)

    tokenizer = RunSafeTokenizer(spying)
    text = "Officials said " + "[" * 1_000 + "21,600 soldiers" + "\u201d" * 300 + " left."
    doc = tokenizer(text)
    assert doc.text == text and len(seen) > 1
    assert not any(re.search(rf"(\W)\1{{{RUN_PIECE},}}", piece) for piece in seen)
    seen.clear()
    plain = "Officials said 21,600 soldiers left... -- and 12 returned!!"
    assert [t.text for t in tokenizer(plain)] == [t.text for t in blank.tokenizer(plain)] and seen == [plain]
