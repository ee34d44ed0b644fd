"""Golden test for issue 4: framing, hedging, rhetorical questions and self-contradiction in the
example article against desertion-report.expected.md, through the real CLI and models."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ledger(example_ledger: dict) -> dict:
    return example_ledger


def _of(ledger: dict, kind: str) -> list[str]:
    text = ledger["article"]["text"]
    return [text[f["start"] : f["end"]] for f in ledger["findings"] if f["type"] == kind]


def test_e2e_loaded_language_in_the_authors_voice(ledger):
    loaded = _of(ledger, "loaded_language")
    for word in ("staggering", "unraveling", "in droves", "sheer brutality", "the final blow"):
        assert word in loaded
    assert loaded.count("exodus") == 2  # "This exodus" and "the exodus of its own soldiers"


def test_e2e_quoted_words_are_never_the_authors(ledger):
    text = ledger["article"]["text"]
    author = [text[f["start"] : f["end"]] for f in ledger["findings"] if f["start"] is not None and f["type"] in (
        "loaded_language", "name_calling_labeling", "exaggeration_minimisation")]
    for quoted in ("systemic collapse", "deliberate disintegration", "aggression", "propaganda", "tragic"):
        assert not any(quoted in a for a in author)
    quoted_spans = [s for s in ledger["framing"]["spans"] if s["voice"] != "author"]
    assert all(s["speaker"] for s in quoted_spans if s["voice"] == "quoted")


def test_e2e_hedging(ledger):
    hedges = _of(ledger, "hedging")
    assert "reports indicating" in hedges and "suggests" in hedges
    assert not any("suggest" == h for h in hedges)  # "sources close to … suggest" is attribution
    c1 = next(c for c in ledger["claims"] if c.get("figure") and c["figure"]["text"] == "between 100,000 and 200,000")
    assert any("reports indicating" in h for h in c1["hedges"])


def test_e2e_rhetorical_question(ledger):
    assert _of(ledger, "rhetorical_question") == [
        "can Ukraine hold the line, or will the exodus of its own soldiers prove to be the final blow?"
    ]


def test_e2e_self_contradiction(ledger):
    found = [f for f in ledger["findings"] if f["type"] == "self_contradiction"]
    assert len(found) == 1
    assert "revealed the Ukrainian military’s losses" in found[0]["message"]
    assert "remain classified" in found[0]["message"]


def test_e2e_framing_summary(ledger):
    framing = ledger["framing"]
    assert framing["counts"]["Loaded_Language"] >= 6
    assert 0 < framing["share"] <= 1
    assert framing["framed_sentences"] <= framing["author_sentences"] <= framing["sentences"]
