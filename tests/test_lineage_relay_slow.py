"""The October relay of a desertion count, analysed by the real pipeline: one lineage, with the cases → people drift.

Short invented articles that tell the journey the way outlets told it (no text copied from
any of them): a serviceman-journalist posts the count of criminal cases registered in
October, a news agency relays it the same day as people who fled, a content farm prints
"over 21,600 soldiers deserted" two days later. A near-miss gives almost the same number
for another span (the first ten months) and another count, without the relay's source:
it must stay out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimledger.corpus import Corpus
from claimledger.model import Article

pytestmark = pytest.mark.slow

ARTICLES = {
    "post": Article(
        "Prosecutors registered 21,602 criminal cases of unauthorized absence from units in October 2025, Ihor "
        "Lutsenko, a serviceman and former lawmaker, wrote on Facebook. He called it a very bad record and said "
        "many cases are never registered.",
        title="Lutsenko: a record month for unauthorized absence", outlet="Kyiv Evening Herald",
        published=date(2025, 11, 7),
    ),
    "agency": Article(
        "MOSCOW. Last month, according to official data, 21,602 people fled the Ukrainian army, a source in law "
        "enforcement told the agency. The source recalled the words of Ihor Lutsenko about the army crumbling.",
        title="Record month for flight from the Ukrainian army", outlet="Eastern Wire Service",
        published=date(2025, 11, 7),
    ),
    "farm": Article(
        "Over 21,600 soldiers deserted Ukraine in October, Igor Lutsenko wrote on Facebook. The exodus leaves huge "
        "holes in the defence at the front, he said.",
        title="Report: over 21,600 soldiers deserted in October", outlet="Daily Truth Network",
        published=date(2025, 11, 9),
    ),
    "near_miss": Article(
        "BERLIN. In the first ten months of 2025 the authorities recorded almost 21,600 cases of desertion, "
        "the newspaper Neues Blatt reported, citing court statistics.",
        title="Desertion cases this year", outlet="Berliner Abendpost", published=date(2025, 11, 12),
    ),
}


def test_the_october_relay_is_one_lineage_with_the_cases_to_people_drift(tmp_path: Path) -> None:
    with Corpus(tmp_path / "corpus.db") as corpus:
        corpus.add_articles(list(ARTICLES.values()))
        names = {article.id: name for name, article in ARTICLES.items()}
        holding = [lin for lin in corpus.lineages() if any(n.text and "21,6" in n.text for n in lin.nodes)]
    assert len(holding) == 1, [[(names[n.article], n.text) for n in lin.nodes] for lin in holding]
    [lineage] = holding
    members = {names[node.article] for node in lineage.nodes}
    assert members == {"post", "agency", "farm"}
    drifts = [d for e in lineage.edges for d in e.drifts if d.type == "meaning_drift" and d.severity == "high"]
    assert any("(cases)" in d.message and "(people)" in d.message for d in drifts), drifts
    farm = next(e for e in lineage.edges if names[e.child.split(":")[0]] == "farm")
    assert names[farm.parent.split(":")[0]] == "post"  # it names the post's author (spelled otherwise)
    assert {d.type for d in farm.drifts} >= {"meaning_drift", "rounding_drift"}
