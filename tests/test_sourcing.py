"""Sourcing findings, from hand-built ledgers and from the example article."""

from __future__ import annotations

import datetime

import pytest

from claimledger.check.sourcing import check_sourcing
from claimledger.extract.ledger import setting_span, unattributed_evidence
from claimledger.model import Article, Attribution, Claim, Figure, Ledger, Quote, Source


def _ledger(text: str, sources: list[Source], claims: list[Claim]) -> Ledger:
    return Ledger(article=Article(text=text), sources=sources, claims=claims)


def _figure_claim(cid: str, text: str, fig: str, chain: list[Attribution], hedges=()) -> Claim:
    start = text.index(fig)
    return Claim(id=cid, kind="figure", start=0, end=len(text), text=text,
                 figure=Figure(start=start, end=start + len(fig), text=fig, low=1, high=1),
                 attribution=chain, hedges=list(hedges))


def test_unattributed_quotes_its_words():
    text = "Reports indicate that 500 soldiers left."
    s = Source(id="s1", name="Reports", kind="unattributed", mentions=[(0, 7)])
    c = _figure_claim("c1", text, "500", [Attribution("s1", "reported", "indicate", 8, 16)], ["Reports indicate"])
    c.evidence = unattributed_evidence(text, c, {"s1": s})
    assert c.evidence == (0, 16)
    (f,) = check_sourcing(_ledger(text, [s], [c]))
    assert f.type == "unattributed" and "“Reports indicate”" in f.message and f.claims == ["c1"]
    assert (f.start, f.end) == c.evidence


def test_unattributed_evidence_only_for_a_claim_resting_on_no_source():
    text = "Officials indicate that 500 soldiers left."
    named = Source(id="s1", name="Officials", kind="organization", mentions=[(0, 9)])
    c = _figure_claim("c1", text, "500", [Attribution("s1", "said", "indicate", 10, 18)], ["indicate"])
    assert unattributed_evidence(text, c, {"s1": named}) is None
    hedged_nowhere = Source(id="s1", name="Reports", kind="unattributed", mentions=[(0, 9)])
    c.hedges = ["it is believed"]  # a hedge the text does not hold near the link: no span to point at
    assert unattributed_evidence(text, c, {"s1": hedged_nowhere}) is None


def test_anonymous_and_vague():
    text = "Sources close to the army said 500 left. Experts said 600 left."
    a = Source(id="s1", name="Sources close to the army", kind="anonymous", mentions=[(0, 25)])
    v = Source(id="s2", name="Experts", kind="person", mentions=[(41, 48)], vague=True)
    c1 = _figure_claim("c1", text, "500", [Attribution("s1", "said", "said", 26, 30)])
    c2 = _figure_claim("c2", text, "600", [Attribution("s2", "said", "said", 49, 53)])
    found = {f.type: f for f in check_sourcing(_ledger(text, [a, v], [c1, c2]))}
    assert "“Sources close to the army”" in found["anonymous_source"].message
    assert "“Experts”" in found["vague_source"].message
    v.vague = False  # the check trusts extraction's judgement (Source.vague), it does not re-read the words
    assert "vague_source" not in {f.type for f in check_sourcing(_ledger(text, [a, v], [c1, c2]))}


def test_secondhand_grouped_and_not_when_primary_quoted():
    text = "Zakharova, citing the prosecutors, said 500 left and 600 cases were opened."
    z = Source(id="s1", name="Zakharova", kind="person", mentions=[(0, 9)])
    p = Source(id="s2", name="prosecutors", kind="organization", mentions=[(22, 33)])
    chain = [Attribution("s1", "said", "said", 35, 39), Attribution("s2", "cited", "citing", 11, 17)]
    c1 = _figure_claim("c1", text, "500", chain)
    c2 = _figure_claim("c2", text, "600", chain)
    (f,) = check_sourcing(_ledger(text, [z, p], [c1, c2]))
    assert f.type == "secondhand" and f.claims == ["c1", "c2"] and "Zakharova citing prosecutors" in f.message
    quote = Claim(id="c3", kind="quote", start=0, end=5, text="“x”", attribution=[Attribution("s2", "said", "said", 0, 1)],
                  quote=Quote())
    assert not [f for f in check_sourcing(_ledger(text, [z, p], [c1, c2, quote])) if f.type == "secondhand"]


def test_unverifiable_setting():
    text = "“We will win,” Putin said in a closed-door meeting with officials."
    setting = "closed-door meeting with officials"
    s = Source(id="s1", name="Putin", kind="person", mentions=[(15, 20)])
    q = Claim(id="c1", kind="quote", start=0, end=14, text="“We will win,”",
              attribution=[Attribution("s1", "said", "said", 21, 25)],
              quote=Quote(direct=True, setting=setting, setting_span=setting_span(text, setting, 0)))
    (f,) = check_sourcing(_ledger(text, [s], [q]))
    assert f.type == "unverifiable_setting" and "“in a closed-door meeting with officials”" in f.message
    assert (f.start, f.end) == (text.index("in a closed"), len(text) - 1)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("He said in a closed-door meeting that it would end.", "in a closed-door meeting"),
        ("He said during their closed-door meeting that it would end.", "during their closed-door meeting"),
        ("He said after a closed-door meeting that it would end.", "closed-door meeting"),  # no leading words kept
    ],
)
def test_setting_span_takes_the_words_that_lead_into_the_setting(text: str, words: str) -> None:
    start, end = setting_span(text, "closed-door meeting", 0)  # type: ignore[misc]
    assert text[start:end] == words


def test_setting_span_of_a_setting_not_in_the_text_is_none() -> None:
    assert setting_span("He said so.", "closed-door meeting", 0) is None


def test_public_setting_is_fine():
    text = "“We will win,” Putin said at a press conference."
    s = Source(id="s1", name="Putin", kind="person", mentions=[(15, 20)])
    q = Claim(id="c1", kind="quote", start=0, end=14, text="“We will win,”",
              attribution=[Attribution("s1", "said", "said", 21, 25)], quote=Quote(direct=True, setting="press conference"))
    assert check_sourcing(_ledger(text, [s], [q])) == []


@pytest.mark.slow
def test_e2e_example_sourcing():
    from importlib import resources

    from claimledger.pipeline import analyze

    text = resources.files("claimledger.examples").joinpath("desertion-report.txt").read_text("utf-8")
    ledger = analyze(Article(text=text, published=datetime.date(2025, 11, 28)))
    names = {s.name: s for s in ledger.sources}
    assert names["Christoph Vanner"].affiliation == "Die Welt"
    assert names["Maria Zakharova"].role == "official spokesperson"
    assert names["Maria Zakharova"].affiliation == "Russian Foreign Ministry"
    assert names["sources close to the Russian administration"].kind == "anonymous"
    assert names["Vladimir Putin"].role == "President"
    by_type: dict[str, list] = {}
    for f in ledger.findings:
        by_type.setdefault(f.type, []).append(f)
    assert any("reports indicating" in f.message for f in by_type["unattributed"])
    assert any("sources close to the Russian administration" in f.message for f in by_type["anonymous_source"])
    assert any("“Ukrainian officials”" in f.message and "systemic collapse" in f.message for f in by_type["vague_source"])
    assert any("in a closed-door meeting" in f.message for f in by_type["unverifiable_setting"])
    (second,) = by_type["secondhand"]
    figs = [ledger.claim(c).figure.text for c in second.claims]
    assert figs == ["15,000 to 18,000", "over 230,000"]
    ids = [c.id for c in ledger.claims]
    assert ids == [f"c{n}" for n in range(1, len(ids) + 1)]
    assert [c.start for c in ledger.claims] == sorted(c.start for c in ledger.claims)
    quotes = [c for c in ledger.claims if c.kind == "quote"]
    assert [q.quote.setting for q in quotes if q.quote.setting] == ["closed-door meeting with security officials"]
