"""The Loaded_Language gate: what it reads, that framing applies it, and that the shipped weights load."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from claimledger.extract import loaded_gate
from claimledger.extract.framing import FRAMING_KEY, LOADED


def test_the_window_holds_the_hit_and_its_offsets_point_at_it() -> None:
    words = [f"w{i}" for i in range(40)]
    words[20] = "staggering"
    text, start, end = loaded_gate.window(spacy.blank("en")(" ".join(words)), 20, 21)
    assert text[start:end] == "staggering"
    assert text.split() == words[20 - loaded_gate.WINDOW : 21 + loaded_gate.WINDOW]


def test_a_hit_at_the_start_of_a_doc_gets_a_window_clipped_there() -> None:
    doc = spacy.blank("en")("Staggering losses were reported.")
    text, start, end = loaded_gate.window(doc, 0, 1)
    assert (text, text[start:end]) == ("Staggering losses were reported.", "Staggering")


def test_no_hits_ask_nothing_of_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaded_gate, "_gate", lambda: pytest.fail("the model was loaded for no hit"))
    assert loaded_gate.keep(spacy.blank("en")("Nothing here."), []) == []


def test_framing_reports_only_the_hits_the_gate_keeps(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The losses are horrific and the response was pathetic."
    seen: list[list[str]] = []

    def second_only(doc, hits, gate=None):
        seen.append([doc[s:e].text for s, e in hits])
        return [False] + [True] * (len(hits) - 1)

    monkeypatch.setattr(loaded_gate, "keep", second_only)
    doc = nlp(text)
    assert seen == [["horrific", "pathetic"]]
    assert [s.text for s in doc.spans[FRAMING_KEY] if s.label_ == LOADED] == ["pathetic"]


def test_the_briefs_own_examples_need_no_confirmation(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaded_gate, "keep", lambda doc, hits, gate=None: [False] * len(hits))
    doc = nlp("The numbers are staggering and the losses are horrific.")
    assert [s.text for s in doc.spans[FRAMING_KEY] if s.label_ == LOADED] == ["staggering"]


def test_the_shipped_gate_loads_and_gives_probabilities() -> None:
    tokenizer, model, head, threshold = loaded_gate._gate()
    assert threshold == pytest.approx(0.75)
    doc = spacy.blank("en")("The sheer brutality of the regime shocked observers. The bridge is 40 metres long.")
    probs = loaded_gate.hit_probabilities(tokenizer, model, head, [loaded_gate.window(doc, 1, 3), loaded_gate.window(doc, 13, 14)])
    assert probs.shape == (2,) and np.all((probs >= 0) & (probs <= 1))
    assert probs[0] > probs[1]  # "sheer brutality" reads as loaded; "long" in a measurement does not


def test_weights_that_do_not_fit_the_encoder_are_refused() -> None:
    from claimledger import minilm
    from claimledger.errors import DataFileError

    _, model = minilm.encoder(loaded_gate.LAYERS)
    weights = {k: v.numpy() for k, v in model.state_dict().items() if k.startswith("encoder.")}
    loaded_gate.load_layers(model, weights)  # a complete set loads
    del weights[next(iter(weights))]
    with pytest.raises(DataFileError, match=r"\[E201\].*1 missing"):
        loaded_gate.load_layers(model, weights)
