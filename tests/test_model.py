"""The ledger model is the JSON contract: a round trip must lose nothing."""

from __future__ import annotations

import json
from datetime import date
from importlib.metadata import entry_points

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimledger.model import (
    FORMAT,
    Article,
    Attribution,
    Claim,
    Figure,
    Finding,
    Ledger,
    Period,
    Quote,
    Source,
    text_id,
)


def _ledger() -> Ledger:
    text = "Zakharova stated that 15,000 to 18,000 deserters leave each month."
    return Ledger(
        article=Article(text=text, title="T", outlet="O", published=date(2025, 11, 28)),
        sources=[Source(id="s1", name="Maria Zakharova", kind="person", role="spokesperson", mentions=[(0, 9)])],
        claims=[
            Claim(
                id="c1",
                kind="figure",
                start=22,
                end=66,
                text=text[22:66],
                figure=Figure(22, 38, "15,000 to 18,000", 15000, 18000, unit="people", measure="desertion"),
                period=Period(None, None, "per_month", "each month"),
                attribution=[Attribution("s1", "said", "stated", 10, 16)],
            ),
            Claim(id="c2", kind="quote", start=0, end=5, text=text[:5], quote=Quote(direct=False, setting=None)),
        ],
        findings=[Finding(id="f1", type="hedging", severity="low", message="m", start=0, end=5)],
    )


def test_round_trip_through_json_is_lossless() -> None:
    ledger = _ledger()
    assert Ledger.from_json(ledger.to_json()) == ledger


def test_json_has_the_contract_shape() -> None:
    data = json.loads(_ledger().to_json())
    assert data["format"] == FORMAT
    assert list(data)[:5] == ["format", "article", "sources", "claims", "findings"]
    figure = data["claims"][0]["figure"]
    assert figure["low"] == 15000 and isinstance(figure["low"], int)
    assert data["article"]["published"] == "2025-11-28"
    assert data["claims"][1]["quote"] == {"direct": False, "setting": None}
    assert data["sources"][0]["mentions"] == [[0, 9]]


def test_article_id_is_the_hash_of_its_text() -> None:
    assert Article(text="abc").id == text_id("abc") == Article(text="abc", outlet="other").id
    assert Article(text="abc").id != Article(text="abd").id


def test_a_foreign_format_is_refused() -> None:
    data = _ledger().to_dict()
    data["format"] = "claimledger/0"
    with pytest.raises(ValueError, match="claimledger/0"):
        Ledger.from_dict(data)


@given(
    low=st.one_of(st.none(), st.integers(0, 10**9), st.floats(0, 1e9, allow_nan=False)),
    high=st.one_of(st.none(), st.integers(0, 10**9), st.floats(0, 1e9, allow_nan=False)),
)
def test_figure_bounds_survive_json(low: float | None, high: float | None) -> None:
    figure = Figure(0, 1, "x", low, high)
    back = Figure.from_dict(json.loads(json.dumps(figure.to_dict())))
    assert (back.low, back.high) == (low, high)


def test_components_are_exposed_as_spacy_factories() -> None:
    """Other pipelines find the components through the entry point, without importing claimledger."""
    from claimledger.nlp import COMPONENTS

    exposed = {ep.name for ep in entry_points(group="spacy_factories")}
    assert set(COMPONENTS) <= exposed


def test_figure_meaning_fields_round_trip_and_stay_optional() -> None:
    """Role, status, currency, rate denominator, qualifiers, links and inherited spans survive JSON;
    a ledger without them (written before they existed) still reads, with the fields unknown."""
    from claimledger.model import ClaimLink, Inherited, Qualifiers

    ledger = _ledger()
    claim = ledger.claims[0]
    claim.figure.role = "rate"
    claim.figure.status = "estimate"
    claim.figure.currency = None
    claim.figure.per = "month"
    claim.figure.qualifiers = Qualifiers(place="Ukraine", group="soldiers")
    claim.links = [ClaimLink("change_from", "c9")]
    claim.inherited = [Inherited("attribution", 0, 9, "Zakharova")]
    data = json.loads(ledger.to_json())
    figure = data["claims"][0]["figure"]
    assert figure["role"] == "rate" and figure["per"] == "month" and "currency" not in figure
    assert figure["qualifiers"] == {"place": "Ukraine", "group": "soldiers", "subject": None}
    assert Ledger.from_json(ledger.to_json()) == ledger

    for key in ("role", "status", "per", "qualifiers"):
        del figure[key]
    del data["claims"][0]["links"], data["claims"][0]["inherited"]
    old = Ledger.from_dict(data).claims[0]
    assert old.figure.role is None and old.figure.qualifiers is None and old.links == [] and old.inherited == []
