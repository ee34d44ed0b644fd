"""The golden test, sourcing half: every chain, quote and sourcing finding of desertion-report.expected.md.

Like ``test_e2e_golden.py`` it runs the real CLI with the real model (slow) and reads the JSON
ledger, so it checks what a user gets: who each figure and quote is attributed to (nearest
first), the sources' kinds, roles, affiliations and mentions, and the findings the sourcing
checks draw from them.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

# figure text -> chain of (source name, relation) nearest first; None: no link at all
FIGURE_CHAINS = {
    "21,600": [("Christoph Vanner", "reported")],
    "180,000": [("Christoph Vanner", "reported")],
    "15,000 to 18,000": [("Maria Zakharova", "said"), ("Ukraine’s Prosecutor General’s Office", "cited")],
    "over 230,000": [("Maria Zakharova", "said"), ("Ukraine’s Prosecutor General’s Office", "cited")],
    "tens of thousands": [("sources close to the Russian administration", "suggested")],
    "hundreds of thousands": None,
    "millions": None,
}


@pytest.fixture(scope="module")
def ledger(example_ledger: dict) -> dict:
    return example_ledger


def _sources(ledger: dict) -> dict[str, dict]:
    return {s["id"]: s for s in ledger["sources"]}


def _source(ledger: dict, name: str) -> dict:
    matches = [s for s in ledger["sources"] if s["name"] == name]
    assert len(matches) == 1, (name, [s["name"] for s in ledger["sources"]])
    return matches[0]


def _figure(ledger: dict, text: str) -> dict:
    return next(c for c in ledger["claims"] if c["kind"] == "figure" and c["figure"]["text"] == text)


def _quote(ledger: dict, words: str) -> dict:
    text = ledger["article"]["text"]
    matches = [c for c in ledger["claims"] if c["kind"] == "quote" and words in text[c["start"] : c["end"]]]
    assert len(matches) == 1, (words, matches)
    return matches[0]


def _chain(ledger: dict, claim: dict) -> list[tuple[str, str]]:
    sources = _sources(ledger)
    return [(sources[a["source"]]["name"], a["relation"]) for a in claim["attribution"]]


@pytest.mark.parametrize("text", sorted(FIGURE_CHAINS))
def test_figure_chains(ledger: dict, text: str) -> None:
    expected = FIGURE_CHAINS[text]
    chain = _chain(ledger, _figure(ledger, text))
    assert chain == (expected or []), chain


def test_the_cue_words_of_zakharovas_chain(ledger: dict) -> None:
    cues = [a["cue"] for a in _figure(ledger, "15,000 to 18,000")["attribution"]]
    assert cues[0] in ("said", "stated") and cues[1].startswith("cit")


def test_the_wide_range_names_no_source(ledger: dict) -> None:
    claim = _figure(ledger, "between 100,000 and 200,000")
    first = _sources(ledger)[claim["attribution"][0]["source"]]
    assert first["kind"] == "unattributed"
    assert len(claim["attribution"]) == 1


def test_sources_kinds_roles_and_affiliations(ledger: dict) -> None:
    vanner = _source(ledger, "Christoph Vanner")
    assert (vanner["kind"], vanner["role"], vanner["affiliation"]) == ("person", "correspondent", "Die Welt")
    zakharova = _source(ledger, "Maria Zakharova")
    assert zakharova["kind"] == "person"
    assert "spokesperson" in zakharova["role"] and zakharova["affiliation"] == "Russian Foreign Ministry"
    assert _source(ledger, "Ukraine’s Prosecutor General’s Office")["kind"] == "organization"
    assert _source(ledger, "sources close to the Russian administration")["kind"] == "anonymous"
    assert _source(ledger, "Ukrainian officials")["role"] is None
    assert _source(ledger, "Vladimir Putin")["kind"] == "person"


def test_zakharova_is_one_source_with_her_mentions(ledger: dict) -> None:
    zakharova = _source(ledger, "Maria Zakharova")
    text = ledger["article"]["text"]
    mentioned = [text[s:e] for s, e in zakharova["mentions"]]
    assert "Zakharova" in mentioned and "she" in mentioned, mentioned


QUOTES = [
    # words of the quote, speaker, setting
    ("systemic collapse", "Ukrainian officials", None),
    ("deliberate disintegration", "Maria Zakharova", None),
    ("aggression", "Vladimir Putin", None),
    ("We are not fighting for conquest", "Vladimir Putin", "closed-door meeting"),
]


@pytest.mark.parametrize("words,speaker,setting", QUOTES)
def test_quotes_speakers_and_settings(ledger: dict, words: str, speaker: str, setting: str | None) -> None:
    quote = _quote(ledger, words)
    chain = _chain(ledger, quote)
    assert chain and chain[0][0] == speaker, chain
    if setting is None:
        assert not quote["quote"]["setting"]
    else:
        assert setting in (quote["quote"]["setting"] or "")


def test_the_direct_quote_runs_to_policies(ledger: dict) -> None:
    quote = _quote(ledger, "We are not fighting for conquest")
    text = ledger["article"]["text"][quote["start"] : quote["end"]]
    assert text.rstrip("’'”\"").rstrip().endswith("policies.")


def _findings(ledger: dict, kind: str) -> list[dict]:
    return [f for f in ledger["findings"] if f["type"] == kind]


def _claim_ids(ledger: dict, *figures: str) -> set[str]:
    return {_figure(ledger, t)["id"] for t in figures}


def test_secondhand_for_zakharovas_figures(ledger: dict) -> None:
    [finding] = [f for f in _findings(ledger, "secondhand") if set(f["claims"]) & _claim_ids(ledger, "15,000 to 18,000")]
    assert set(finding["claims"]) == _claim_ids(ledger, "15,000 to 18,000", "over 230,000")
    assert "Prosecutor General" in finding["message"]


def test_unattributed_for_the_wide_range(ledger: dict) -> None:
    [finding] = _findings(ledger, "unattributed")
    assert set(finding["claims"]) == _claim_ids(ledger, "between 100,000 and 200,000")
    assert "“reports indicating”" in finding["message"]


def test_anonymous_source_for_tens_of_thousands(ledger: dict) -> None:
    [finding] = _findings(ledger, "anonymous_source")
    assert set(finding["claims"]) == _claim_ids(ledger, "tens of thousands")
    assert "sources close to the Russian administration" in finding["message"]


def test_vague_source_for_systemic_collapse(ledger: dict) -> None:
    quote_id = _quote(ledger, "systemic collapse")["id"]
    [finding] = [f for f in _findings(ledger, "vague_source") if quote_id in f["claims"]]
    assert "Ukrainian officials" in finding["message"]


def test_unverifiable_setting_for_putins_quote(ledger: dict) -> None:
    quote_id = _quote(ledger, "We are not fighting for conquest")["id"]
    [finding] = _findings(ledger, "unverifiable_setting")
    assert finding["claims"] == [quote_id]
    assert "closed-door meeting" in finding["message"]


def test_no_sourcing_finding_for_unattributed_round_numbers(ledger: dict) -> None:
    ids = _claim_ids(ledger, "hundreds of thousands", "millions")
    kinds = ("secondhand", "unattributed", "anonymous_source", "vague_source", "unverifiable_setting")
    assert not [f for f in ledger["findings"] if f["type"] in kinds and set(f["claims"]) & ids]
