"""claimledger_framing and the framing findings on small texts.

The component needs the parser (voices come from the quotes and attributed statements), so
these tests share one loaded pipeline; each case is one short sentence. Half the cases are
neutral sentences that must not be flagged.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimledger.check.framing import check_framing, finding_type
from claimledger.extract import loaded_gate
from claimledger.extract.framing import FRAMING, FRAMING_KEY, framing_summary
from claimledger.extract.framing_model import N_BUCKETS, N_TEMPLATES, FramingModel, load_model
from claimledger.model import Article, FramingSpan, FramingSummary, Ledger

pytestmark = pytest.mark.slow
DATA = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "data"


@pytest.fixture(autouse=True)
def every_hit_reads_as_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """These cases test the lexicons, their context rules and the voices, so the context gate agrees
    with every hit here; the gate has its own tests (test_loaded_gate.py), and the golden tests run
    it for real on the example article."""
    monkeypatch.setattr(loaded_gate, "keep", lambda doc, hits, gate=None: [True] * len(hits))


def _spans(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [(s.label_, s.text, s._.cl_voice) for s in doc.spans[FRAMING_KEY]]


def _author(nlp, text: str, technique: str) -> list[str]:
    return [t for label, t, voice in _spans(nlp, text) if label == technique and voice == "author"]


LOADED = [
    ("The numbers are staggering.", "staggering"),
    ("This exodus has emptied the front.", "exodus"),
    ("Soldiers are abandoning their posts in droves.", "in droves"),
    ("They fled the sheer brutality of war.", "sheer brutality"),
    ("It may prove to be the final blow.", "the final blow"),
    ("The force is unraveling under the weight of attrition.", "unraveling"),
    ("Under relentless shelling, the town emptied.", "relentless"),
    ("The ruling was a disgraceful verdict.", "disgraceful"),
    ("It was a horrific attack on the village.", "horrific"),
    ("The minister gave a pathetic excuse.", "pathetic"),
    ("The plan is utterly ridiculous.", "ridiculous"),
    ("The bombing left a devastating toll.", "devastating"),
    ("The shocking footage spread online.", "shocking"),
    ("Vicious fighting continued overnight.", "Vicious"),
    ("The decision was outrageous.", "outrageous"),
]


@pytest.mark.parametrize(("text", "word"), LOADED)
def test_loaded_word_in_the_authors_voice(nlp, text, word):
    assert word in _author(nlp, text, "Loaded_Language")


NEUTRAL = [
    "The ministry published the figures on Monday.",
    "An exodus of refugees crossed the border, the UN report said.",
    "He was staggering to his feet after the blast.",
    "The village lies below sheer cliffs.",
    "Troops withdrew from the town on Tuesday.",
    "The council approved the budget by a vote of 7 to 2.",
    "Prices rose by 3 percent in October.",
    "The report covers the first half of the year.",
    "Officials met in Geneva to discuss the ceasefire.",
    "The army recruited 20,000 soldiers last year.",
    "The court will hear the case next month.",
    "Rain is expected across the region tomorrow.",
    "The company reported a profit of $2 million.",
    "Voters went to the polls in 14 districts.",
    "The bridge was repaired after the flood.",
    "She was appointed deputy minister in 2021.",
    "The disaster relief effort began on Friday.",
    "Toxic waste was found near the plant.",
    "Police said the crowd dispersed peacefully.",
    "The talks are scheduled to resume in March.",
    "The factory employs about 400 people.",
    "Negotiators exchanged draft proposals.",
    "The census counted 3.2 million residents.",
    "Schools reopened after the holiday.",
    "The government said the nation is not merely a market.",
    "The final round of talks ended without an agreement.",
    "Droves of tourists are not expected this winter, the agency said.",
    "The storm caused flooding in three coastal towns.",
    "Inflation slowed to 2.1 percent in September.",
    "The defence ministry released casualty figures for the first time.",
    "Lawmakers debated the bill for six hours.",
    "The airline cancelled 120 flights because of the strike.",
    "A spokesman declined to comment on the report.",
    "The exhibition runs until the end of January.",
    "Engineers inspected the damaged power line on Sunday.",
    "Unemployment fell for the fourth month in a row.",
    "The vaccine was approved by the regulator in May.",
]


@pytest.mark.parametrize("text", NEUTRAL)
def test_neutral_sentence_has_no_authors_framing(nlp, text):
    doc = nlp(text)
    flagged = [s for s in doc.spans[FRAMING_KEY] if s._.cl_voice == "author" and s.label_ not in ("Hedging", FRAMING)]
    author = [(s.label_, s.text) for s in flagged]  # unlabelled tagger spans are no findings (test below)
    assert author == []


QUOTED = [
    ("‘This is a staggering betrayal,’ the minister said.", "staggering"),
    ('The mayor called the attack "horrific and shocking".', "horrific"),
    ("Officials described the retreat as a ‘disgraceful exodus’.", "exodus"),
]


@pytest.mark.parametrize(("text", "word"), QUOTED)
def test_loaded_word_in_a_quote_is_the_speakers(nlp, text, word):
    spans = _spans(nlp, text)
    assert any(t == word or word in t for label, t, voice in spans if voice == "quoted"), spans
    assert word not in _author(nlp, text, "Loaded_Language")


def test_loaded_word_in_reported_speech_is_attributed(nlp):
    spans = _spans(nlp, "Putin said that the West's policies were a tragic betrayal.")
    assert ("Loaded_Language", "tragic", "attributed") in spans


HEDGED = [
    ("Reports indicating heavy losses have emerged.", "Reports indicating"),
    ("The commander reportedly fled.", "reportedly"),
    ("The sheer scale of desertions suggests a deeper issue.", "suggests"),
    ("It is believed that the talks failed.", "It is believed"),
    ("The troops appear to have withdrawn.", "appear to"),
]


@pytest.mark.parametrize(("text", "hedge"), HEDGED)
def test_hedge_in_the_authors_voice(nlp, text, hedge):
    assert hedge in _author(nlp, text, "Hedging")


@pytest.mark.parametrize(
    "text",
    [
        "Sources close to the administration suggest that the talks failed.",
        "The minister suggested a new round of talks.",
        "Analysts indicated their support for the plan.",
    ],
)
def test_a_source_suggesting_is_attribution_not_a_hedge(nlp, text):
    assert not [t for t in _author(nlp, text, "Hedging") if t.lower().startswith(("suggest", "indicat"))]


def test_rhetorical_question_after_the_question_remains(nlp):
    text = "As the war grinds on, the question remains: can Ukraine hold the line, or will this be the final blow?"
    assert _author(nlp, text, "Rhetorical_Question") == ["can Ukraine hold the line, or will this be the final blow?"]


@pytest.mark.parametrize(
    "text",
    [
        "‘Can we hold the line?’ the general asked.",
        "The committee met on Monday. It approved the plan.",
    ],
)
def test_no_rhetorical_question(nlp, text):
    assert _author(nlp, text, "Rhetorical_Question") == []


@pytest.mark.parametrize(
    ("text", "technique", "phrase"),
    [
        ("This vote is about our sovereignty.", "Flag-Waving", "our sovereignty"),
        ("This is a matter of national pride.", "Flag-Waving", "national pride"),
    ],
)
def test_other_techniques(nlp, text, technique, phrase):
    assert phrase in _author(nlp, text, technique)


def test_the_writers_we_is_the_authors_voice(nlp):
    assert "our values" in _author(nlp, "We must defend our homeland and our values.", "Flag-Waving")
    assert _author(nlp, "‘We must defend our values,’ the minister said.", "Flag-Waving") == []


@pytest.mark.parametrize(
    "text",
    [
        "Enough is enough: lock her up, the crowd chanted.",  # lexicons switched off in the data file
        "They are nothing but warmongers in Brussels.",  # Name_Calling: dropped by its trained gate
        "The Kiev regime ordered new mobilisation.",
    ],
)
def test_techniques_below_the_precision_bar_are_not_reported(nlp, text):
    labels = {label for label, _, _ in _spans(nlp, text)}
    assert not labels & {"Thought-terminating_Cliches", "Slogans", "Name_Calling,Labeling"}


def test_a_gated_out_technique_still_informs_the_tagger(nlp):
    """Name_Calling's phrases are matched (a tagger feature) though its hits are never reported."""
    finder = nlp.get_pipe("claimledger_framing")
    doc = nlp("The Kiev regime ordered new mobilisation.")
    assert "Name_Calling,Labeling" in {nlp.vocab.strings[m] for m, _, _ in finder.matcher(doc)}
    assert load_model().gate("Name_Calling,Labeling") > 1.0


def test_summary_counts_share_and_voices(nlp):
    doc = nlp("The numbers are staggering. Officials met on Monday. ‘It is a horrific crime,’ she said.")
    summary = framing_summary(doc)
    assert {k: v for k, v in summary.counts.items() if k != FRAMING} == {"Loaded_Language": 1}
    assert {k: v for k, v in summary.quoted_counts.items() if k != FRAMING} == {"Loaded_Language": 1}
    assert summary.framed_sentences == 1 and summary.author_sentences >= 2


def test_only_the_authors_spans_become_findings():
    article = Article(text="The numbers are staggering. ‘Horrific,’ she said.")
    framing = FramingSummary(
        sentences=2,
        author_sentences=2,
        framed_sentences=1,
        counts={"Loaded_Language": 1},
        quoted_counts={"Loaded_Language": 1},
        spans=[
            FramingSpan(16, 26, "staggering", "Loaded_Language"),
            FramingSpan(29, 38, "Horrific,", "Loaded_Language", voice="quoted", speaker="s1"),
        ],
    )
    findings = check_framing(Ledger(article=article, framing=framing))
    assert [(f.type, f.start, f.severity) for f in findings] == [("loaded_language", 16, "low")]
    assert "staggering" in findings[0].message


def test_finding_type_names():
    assert finding_type("Exaggeration,Minimisation") == "exaggeration_minimisation"
    assert finding_type("Appeal_to_fear-prejudice") == "appeal_to_fear_prejudice"
    assert finding_type("Rhetorical_Question") == "rhetorical_question"


def test_framing_round_trips_through_json():
    framing = FramingSummary(3, 2, 1, {"Hedging": 1}, {}, [FramingSpan(0, 10, "reportedly", "Hedging")])
    ledger = Ledger(article=Article(text="reportedly, it rained."), framing=framing)
    assert Ledger.from_json(ledger.to_json()) == ledger
    assert "framing" not in Ledger(article=Article(text="x")).to_dict()


def _toy_model(span_weights: np.ndarray, thresholds: tuple[float, float]) -> FramingModel:
    """A two-technique model whose technique weights favour technique 0 everywhere."""
    technique_weights = np.zeros((N_BUCKETS, 2), dtype=np.float32)
    technique_weights[:, 0] = 1.0
    return FramingModel(
        span_weights=span_weights,
        span_bias=0.0,
        smooth=1,
        span_low=0.3,
        span_high=0.7,
        technique_weights=technique_weights,
        technique_bias=np.zeros(2, dtype=np.float32),
        techniques=("A", "B"),
        technique_thresholds=np.array(thresholds, dtype=np.float32),
        lexicon_gates=np.array([0.5, 2.0], dtype=np.float32),
    )


def test_decoding_keeps_runs_with_a_strong_token_and_labels_only_when_confident():
    weights = np.zeros(N_BUCKETS, dtype=np.float32)
    rows = np.arange(6, dtype=np.int32)[:, None]  # token i has the single feature bucket i
    weights[:6] = [-5.0, 0.0, 2.0, 0.0, -5.0, 0.0]  # probs: ~0, .5, .88, .5, ~0, .5
    model = _toy_model(weights, (0.5, 2.0))
    probs = model.token_probs(rows)
    spans = model.spans(rows, probs)
    assert [(s, e, t) for s, e, t, _ in spans] == [(1, 4, 0)]  # token 5 is warm but has no strong token
    assert _toy_model(weights, (0.99, 2.0)).spans(rows, probs)[0][2] == -1  # not confident: unlabelled
    assert model.gate("A") == 0.5 and model.gate("B") == 2.0 and model.gate("Slogans") == 2.0


def test_features_are_deterministic_and_depend_on_context(nlp):
    finder = nlp.get_pipe("claimledger_framing")
    a, b = nlp.make_doc("The plan is ridiculous ."), nlp.make_doc("The plan is ridiculous !")
    rows_a = finder.model_rows(a, finder.matcher(a))
    assert rows_a.shape == (5, N_TEMPLATES) and rows_a.min() >= 0 and rows_a.max() < N_BUCKETS
    assert (rows_a == finder.model_rows(a, finder.matcher(a))).all()
    assert (rows_a[:4, 0] == finder.model_rows(b, finder.matcher(b))[:4, 0]).all()  # same words
    assert (rows_a[:, 20] != finder.model_rows(b, finder.matcher(b))[:, 20]).all()  # the sentence now exclaims
    assert finder.model_rows(nlp.make_doc(""), []).shape == (0, N_TEMPLATES)


def test_shipped_model_is_small_and_labels_only_trusted_techniques():
    model = load_model()
    assert model.span_low <= model.span_high < 1
    labelled = {t for t, th in zip(model.techniques, model.technique_thresholds) if th <= 1}
    assert labelled <= set(model.techniques) and "Loaded_Language" in model.techniques
    assert (DATA / "framing_model.npz").stat().st_size < 5_000_000


def test_unlabelled_framing_spans_are_not_findings():
    article = Article(text="The vile plan failed.")
    spans = [FramingSpan(0, 14, "The vile plan", FRAMING)]
    framing = FramingSummary(1, 1, 0, {FRAMING: 1}, {}, spans)
    assert check_framing(Ledger(article=article, framing=framing)) == []


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("These traitors want to destroy our great nation and everything we love!", "destroy our great nation"),
        ("The corrupt globalist elites are lying to you about the so-called pandemic.", "globalist elites are lying"),
    ],
)
def test_tagger_marks_a_propaganda_sentence_as_framing(nlp, text, inside):
    assert any(inside in t for label, t, _ in _spans(nlp, text) if label == FRAMING)


PLAIN = [
    "The council approved the budget on Tuesday.",
    "Schools reopened after the holiday.",
    "Prices rose by 3 percent in October.",
    "Officials met in Geneva to discuss the ceasefire.",
    "The court will hear the case next month.",
    "The company reported a profit of $2 million.",
    "Police said the crowd dispersed peacefully.",
    "The census counted 3.2 million residents.",
]


# Plain reporting without loaded words. The tagger still fires on literal uses of lexicon words
# ("an exodus of refugees", "toxic waste"): it sees the lexicon hits as features, which is one
# reason its unlabelled spans are not findings.
@pytest.mark.parametrize("text", PLAIN)
def test_tagger_leaves_plain_reporting_alone(nlp, text):
    assert not [t for label, t, _ in _spans(nlp, text) if label == FRAMING]
