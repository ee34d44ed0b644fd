"""The figures extractor: what counts as a figure in news text, and the bounds it gets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from spacy.language import Language

import claimledger.extract  # noqa: F401  (registers the factories)
from claimledger.extract.extensions import FIGURES_KEY
from claimledger.extract.figures import find_figures, words_value
from claimledger.model import Figure

EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "examples" / "desertion-report.txt"


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("claimledger_figures")
    return pipeline


def figures(nlp: Language, text: str) -> list[Figure]:
    doc = nlp(text)
    return [span._.cl_figure for span in doc.spans[FIGURES_KEY]]


def only_figure(nlp: Language, text: str) -> Figure:
    found = figures(nlp, text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


# (sentence, span text, low, high, approximate, unit)
CASES: list[tuple[str, str, float | None, float | None, bool, str | None]] = [
    # digits, separators, scales
    ("Some 21,600 soldiers deserted in October alone.", "Some 21,600", 19440, 23760, True, None),
    ("Officials counted 21,600 deserters.", "21,600", 21600, 21600, False, None),
    ("The ministry counted 21 600 deserters.", "21 600", 21600, 21600, False, None),
    ("A total of 21\u00a0600 cases were opened.", "21\u00a0600", 21600, 21600, False, None),
    ("The post was shared 21.6k times.", "21.6k", 21600, 21600, False, None),
    ("The army lost 162.5 thousand men.", "162.5 thousand", 162500, 162500, False, None),
    ("The city has 1.7 million residents.", "1.7 million", 1700000, 1700000, False, None),
    ("The country will receive $2bn in aid.", "$2bn", 2e9, 2e9, False, "money"),
    ("Kyiv asked for $2 billion more.", "$2 billion", 2e9, 2e9, False, "money"),
    ("The deal is worth £300m over a decade.", "£300m", 3e8, 3e8, False, "money"),
    ("The fund holds €1.5bn.", "€1.5bn", 1.5e9, 1.5e9, False, "money"),
    ("Exports fell to US$5 billion.", "US$5 billion", 5e9, 5e9, False, "money"),
    ("Salaries rose to 30,000 hryvnias a month.", "30,000 hryvnias", 30000, 30000, False, "money"),
    ("The budget is 2 billion dollars short.", "2 billion dollars", 2e9, 2e9, False, "money"),
    ("Bonds worth 1.5bn euros were issued.", "1.5bn euros", 1.5e9, 1.5e9, False, "money"),
    ("The plant employs 2.5m people.", "2.5m", 2.5e6, 2.5e6, False, None),
    ("The stadium holds 12 million fans a year.", "12 million", 12e6, 12e6, False, None),
    ("It cost 3,450,000 to build.", "3,450,000", 3450000, 3450000, False, None),
    ("Prices rose by 0.75 on average.", "0.75", 0.75, 0.75, False, None),
    ("The brigade had 840 men.", "840", 840, 840, False, None),
    ("Two soldiers were wounded.", "Two", 2, 2, False, None),
    ("Police arrested 14 protesters.", "14", 14, 14, False, None),
    ("The tally reached 7 bn.", "7 bn", 7e9, 7e9, False, None),
    # spelled out
    ("Ten thousand people marched.", "Ten thousand", 10000, 10000, False, None),
    ("The war displaced half a million people.", "half a million", 500000, 500000, False, None),
    ("A dozen villages were shelled.", "A dozen", 12, 12, False, None),
    ("Two dozen drones were launched.", "Two dozen", 24, 24, False, None),
    ("Some twenty-five tanks crossed.", "Some twenty-five", 22.5, 27.5, True, None),
    ("Thirty-five thousand troops took part.", "Thirty-five thousand", 35000, 35000, False, None),
    ("One hundred and fifty prisoners were swapped.", "One hundred and fifty", 150, 150, False, None),
    ("They sent a hundred trucks.", "a hundred", 100, 100, False, None),
    ("A million people fled.", "A million", 1e6, 1e6, False, None),
    ("Three million doses arrived.", "Three million", 3e6, 3e6, False, None),
    ("At least one civilian died.", "At least one", 1, None, False, None),
    ("Seven drones were downed.", "Seven", 7, 7, False, None),
    ("Zero cases were reported.", "Zero", 0, 0, False, None),
    # ranges
    ("Between 100,000 and 200,000 soldiers have abandoned their posts.", "Between 100,000 and 200,000", 100000, 200000, False, None),
    ("15,000 to 18,000 deserters leave each month.", "15,000 to 18,000", 15000, 18000, False, None),
    ("Estimates range from 15,000 to 18,000 a month.", "from 15,000 to 18,000", 15000, 18000, False, None),
    ("Losses of 15–18 thousand a month were reported.", "15–18 thousand", 15000, 18000, False, None),
    ("Losses of 15-18 thousand a month were reported.", "15-18 thousand", 15000, 18000, False, None),
    ("between 15 and 18 million people", "between 15 and 18 million", 15e6, 18e6, False, None),
    ("Talks could cost $2–3bn.", "$2–3bn", 2e9, 3e9, False, "money"),
    ("Inflation is expected at 15-18%.", "15-18%", 15, 18, False, "percent"),
    ("Inflation between 4% and 6% was forecast.", "between 4% and 6%", 4, 6, False, "percent"),
    ("One or two soldiers stayed behind.", "One or two", 1, 2, False, None),
    ("Three or four shells hit the school.", "Three or four", 3, 4, False, None),
    ("between 1.2 and 1.5 million voters", "between 1.2 and 1.5 million", 1.2e6, 1.5e6, False, None),
    ("The cost rose 20 to 30 percent.", "20 to 30 percent", 20, 30, False, "percent"),
    # bounds
    ("Over 230,000 criminal cases were opened.", "Over 230,000", 230000, None, False, None),
    ("More than 5,000 people were evacuated.", "More than 5,000", 5000, None, False, None),
    ("At least 7 civilians were killed.", "At least 7", 7, None, False, None),
    ("Up to 18,000 troops could be deployed.", "Up to 18,000", 0, 18000, False, None),
    ("Nearly 500 homes were destroyed.", "Nearly 500", 450, 500, True, None),
    ("Almost 1,000 people signed.", "Almost 1,000", 900, 1000, True, None),
    ("About 300 soldiers surrendered.", "About 300", 270, 330, True, None),
    ("Roughly 2,000 drones were launched.", "Roughly 2,000", 1800, 2200, True, None),
    ("Approximately 40,000 troops are massed.", "Approximately 40,000", 36000, 44000, True, None),
    ("Around 60 per cent of voters agree.", "Around 60 per cent", 54, 66, True, "percent"),
    ("Fewer than 10 reporters attended.", "Fewer than 10", 0, 10, False, None),
    ("No more than 20 people may gather.", "No more than 20", 0, 20, False, None),
    ("Less than 5% of the aid arrived.", "Less than 5%", 0, 5, False, "percent"),
    ("As many as 40,000 troops may be trapped.", "As many as 40,000", 0, 40000, False, None),
    ("An estimated 3,000 people stayed.", "An estimated 3,000", 2700, 3300, True, None),
    ("Just over 1,000 votes separated them.", "Just over 1,000", 1000, 1100, True, None),
    ("No fewer than 12 ships sailed.", "No fewer than 12", 12, None, False, None),
    ("In excess of $4bn has been spent.", "In excess of $4bn", 4e9, None, False, "money"),
    ("Nearly half a million people left.", "Nearly half a million", 450000, 500000, True, None),
    ("Over a million people fled.", "Over a million", 1e6, None, False, None),
    ("More than a dozen drones were shot down.", "More than a dozen", 12, None, False, None),
    ("5,000+ people attended.", "5,000+", 5000, None, False, None),
    ("They need 100 or more volunteers.", "100 or more", 100, None, False, None),
    ("They expect 200 or so guests.", "200 or so", 180, 220, True, None),
    ("Under 30 soldiers remained.", "Under 30", 0, 30, False, None),
    ("About 5.5 per cent of GDP is spent on defence.", "About 5.5 per cent", 4.95, 6.05, True, "percent"),
    # vague magnitudes
    ("Dozens of people were injured.", "Dozens", 24, 99, True, None),
    ("Hundreds of people gathered.", "Hundreds", 100, 999, True, None),
    ("Thousands fled the city.", "Thousands", 1000, 9999, True, None),
    ("Ukrainian forces have suffered tens of thousands of casualties.", "tens of thousands", 10000, 99999, True, None),
    ("A war that has claimed hundreds of thousands of lives.", "hundreds of thousands", 100000, 999999, True, None),
    ("Years of conflict have left millions displaced.", "millions", 1e6, None, True, None),
    ("Tens of millions of people lost power.", "Tens of millions", 1e7, 99999999, True, None),
    ("Several thousand troops were moved.", "Several thousand", 3000, 9000, True, None),
    ("A few hundred people protested.", "A few hundred", 200, 500, True, None),
    ("Many thousands of people signed.", "Many thousands", 1000, 9999, True, None),
    ("Billions were spent.", "Billions", 1e9, None, True, None),
    # shares and ratios
    ("Turnout was 20%.", "20%", 20, 20, False, "percent"),
    ("Turnout was 20 %.", "20 %", 20, 20, False, "percent"),
    ("Turnout was 20 percent.", "20 percent", 20, 20, False, "percent"),
    ("Turnout was 12.5 per cent.", "12.5 per cent", 12.5, 12.5, False, "percent"),
    ("Support fell 3 percentage points.", "3 percentage points", 3, 3, False, "percentage_points"),
    ("One in five soldiers deserted.", "One in five", 20, 20, False, "percent"),
    ("1 in 4 adults smokes.", "1 in 4", 25, 25, False, "percent"),
    ("Three out of 10 voters are undecided.", "Three out of 10", 30, 30, False, "percent"),
    ("Every 14th conscript deserts.", "Every 14th", 7.14, 7.14, False, "percent"),
    ("Every tenth house was damaged.", "Every tenth", 10, 10, False, "percent"),
    ("Two-thirds of the budget went to defence.", "Two-thirds", 66.67, 66.67, False, "percent"),
    ("Three-quarters of residents left.", "Three-quarters", 75, 75, False, "percent"),
    ("A third of the staff quit.", "A third", 33.33, 33.33, False, "percent"),
    ("More than half of the respondents agreed.", "More than half", 50, None, False, "percent"),
    ("Half the population has no power.", "Half", 50, 50, False, "percent"),
    ("Desertions are four times more common.", "four times more", 4, 4, False, "ratio"),
    ("They fired three times as many shells.", "three times", 3, 3, False, "ratio"),
    ("Losses were 2.5 times higher than reported.", "2.5 times higher", 2.5, 2.5, False, "ratio"),
    ("The region saw a sixfold rise in attacks.", "sixfold", 6, 6, False, "ratio"),
    ("A 6-fold increase was recorded.", "6-fold", 6, 6, False, "ratio"),
    ("Prices rose tenfold.", "tenfold", 10, 10, False, "ratio"),
    ("Russia has twice as many tanks.", "twice", 2, 2, False, "ratio"),
    ("Nearly one in three homes lost power.", "Nearly one in three", 29.997, 33.33, True, "percent"),
    # units a physical quantity is written with
    ("The front moved 200 km east.", "200 km", 200, 200, False, "km"),
    ("The convoy was 300 kilometres long.", "300 kilometres", 300, 300, False, "km"),
    ("Temperatures fell to −4°C overnight.", "−4°C", -4, -4, False, "degrees_celsius"),
    ("It reached 40 degrees Celsius.", "40 degrees Celsius", 40, 40, False, "degrees_celsius"),
    ("A 5 mm crack appeared.", "5 mm", 5, 5, False, "mm"),
    ("The trench was 5 m deep.", "5 m", 5, 5, False, "m"),
    ("The shell weighed 43 kg.", "43 kg", 43, 43, False, "kg"),
    ("The plant produces 950 MW.", "950 MW", 950, 950, False, "MW"),
    ("Glucose above 7.0 mmol/L is diabetic.", "above 7.0 mmol/L", 7, None, False, "mmol/L"),
    ("The width was 5.2 ± 0.3 mm.", "5.2 ± 0.3 mm", 4.9, 5.5, False, "mm"),
    ("Ukraine exported 5 million tonnes of grain.", "5 million tonnes", 5e6, 5e6, False, "tonnes"),
]


@pytest.mark.parametrize(("sentence", "text", "low", "high", "approximate", "unit"), CASES, ids=[c[0][:40] for c in CASES])
def test_news_phrasings(
    nlp: Language, sentence: str, text: str, low: float | None, high: float | None, approximate: bool, unit: str | None
) -> None:
    figure = only_figure(nlp, sentence)
    assert figure.text == text
    assert sentence[figure.start : figure.end] == text
    assert figure.low == pytest.approx(low) if low is not None else figure.low is None
    assert figure.high == pytest.approx(high) if high is not None else figure.high is None
    assert figure.approximate is approximate
    assert figure.unit == unit
    assert figure.measure is None and figure.counted is None


NOT_FIGURES = [
    "The war began in 2022.",
    "Desertions have risen since February 2022.",
    "The statement of 27 November was brief.",
    "It was signed on November 27.",
    "It was posted on 11/27/2025.",
    "The report is dated 2025-11-27.",
    "The meeting starts at 10:30.",
    "Polls close at 5 pm.",
    "Polls close at 8 p.m. local time.",
    "A 35-year-old man was detained.",
    "The suspect, aged 40, was charged.",
    "He is 52 years old.",
    "They were charged under Article 407.",
    "See Art. 408 of the code.",
    "The council passed Resolution 2231.",
    "He came third in the race.",
    "It is the 21st century.",
    "The 47th Mechanized Brigade withdrew.",
    "Call 555-0123 for details.",
    "Call +44 20 7946 0958 for details.",
    "He lives at 10 Downing Street.",
    "The quote is on page 12.",
    "As argued on p. 4 of the report.",
    "COVID-19 restrictions were lifted.",
    "The F-16 jets arrived.",
    "An Su-34 bomber was shot down.",
    "It is one of the largest units.",
    "A soldier was seen leaving.",
    "One could argue otherwise.",
    "The music of the 1990s returned.",
    "The 2022-23 season was cancelled.",
    "Kyiv won 3-1 on penalties.",
    "He served in the second half of 2024.",
    "Ships docked at No. 10 pier.",
    "Fighting continued from 2014 to 2022.",
]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_near_misses_are_not_figures(nlp: Language, sentence: str) -> None:
    assert [f.text for f in figures(nlp, sentence)] == []


def test_a_number_next_to_a_reference_is_still_found(nlp: Language) -> None:
    found = figures(nlp, "Under Article 407, 230,000 cases were opened in 2023.")
    assert [f.text for f in found] == ["230,000"]


def test_several_figures_in_one_sentence_keep_text_order(nlp: Language) -> None:
    found = figures(nlp, "21,600 deserted in October, bringing the total to 180,000, or 15% of the force.")
    assert [f.text for f in found] == ["21,600", "180,000", "15%"]


def test_words_value_groups_hundreds_under_larger_scales() -> None:
    assert words_value("two million five hundred thousand") == 2_500_000
    assert words_value("three hundred and fifty thousand") == 350_000


def test_find_figures_offsets_match_the_text() -> None:
    text = "Reports say between 100,000 and 200,000 left; over 230,000 cases."
    for figure in find_figures(text):
        assert text[figure.start : figure.end] == figure.text


def test_spans_are_written_under_the_figures_key(nlp: Language) -> None:
    doc = nlp("About 300 soldiers surrendered.")
    (span,) = doc.spans[FIGURES_KEY]
    assert span.text == "About 300"
    assert span._.cl_figure.start == span.start_char


def test_desertion_report_has_exactly_its_eight_figures(nlp: Language) -> None:
    found = figures(nlp, EXAMPLE.read_text(encoding="utf-8"))
    assert [(f.text, f.low, f.high, f.approximate) for f in found] == [
        ("between 100,000 and 200,000", 100000, 200000, False),
        ("21,600", 21600, 21600, False),
        ("180,000", 180000, 180000, False),
        ("15,000 to 18,000", 15000, 18000, False),
        ("over 230,000", 230000, None, False),
        ("hundreds of thousands", 100000, 999999, True),
        ("tens of thousands", 10000, 99999, True),
        ("millions", 1000000, None, True),
    ]


@pytest.mark.slow
def test_e2e_figures_on_the_full_model() -> None:
    from claimledger.nlp import load

    doc = load()(EXAMPLE.read_text(encoding="utf-8"))
    assert len(doc.spans[FIGURES_KEY]) == 8


# ---- property: any number written in a news style reads back to its bounds ----

SMALL_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
               "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS_WORDS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}


def spell(n: int) -> str:
    """English words for 0 <= n < 1,000,000 (the generator of the property test)."""
    if n >= 1000:
        head, rest = divmod(n, 1000)
        return spell(head) + " thousand" + (" " + spell(rest) if rest else "")
    if n >= 100:
        head, rest = divmod(n, 100)
        return spell(head) + " hundred" + (" and " + spell(rest) if rest else "")
    if n >= 20:
        tens, unit = divmod(n, 10)
        return TENS_WORDS[tens * 10] + ("-" + SMALL_WORDS[unit] if unit else "")
    return SMALL_WORDS[n]


def written(n: int, style: str) -> str:
    if style == "comma":
        return f"{n:,}"
    if style == "space":
        return f"{n:,}".replace(",", " ")
    if style == "k":
        return f"{n / 1000:g}k"
    if style == "thousand":
        return f"{n / 1000:g} thousand"
    if style == "million":
        return f"{n / 1_000_000:g} million"
    if style == "bn":
        return f"${n / 1_000_000_000:g}bn"
    return spell(n)


UNSCALED = ("comma", "space", "words")


def styled_values() -> st.SearchStrategy[tuple[int, str]]:
    return st.one_of(
        st.integers(10_000, 999_999_999).map(lambda n: (n, "comma")),
        st.integers(10_000, 999_999).map(lambda n: (n, "space")),
        st.integers(1, 9_999).map(lambda n: (n * 100, "k")),
        st.integers(1, 9_999).map(lambda n: (n * 100, "thousand")),
        st.integers(1, 9_999).map(lambda n: (n * 100_000, "million")),
        st.integers(1, 999).map(lambda n: (n * 100_000_000, "bn")),
        st.integers(2, 999_999).map(lambda n: (n, "words")),
    )


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 300)), deadline=None)
@given(first=styled_values(), second=styled_values(), form=st.sampled_from(["single", "between", "to", "over"]))
def test_written_numbers_read_back(first: tuple[int, str], second: tuple[int, str], form: str) -> None:
    (a, a_style), (b, b_style) = sorted([first, second])
    x, y = written(a, a_style), written(b, b_style)
    if form == "single":
        phrase, low, high = x, a, a
    elif form == "over":
        phrase, low, high = f"over {x}", a, None
    elif a == b:
        return
    # "2 to 3.5 million" means 2-3.5 million: a scale on the upper end carries to a smaller,
    # unscaled lower end, so such pairs do not read back as two plain numbers.
    assume(not (a_style in UNSCALED and b_style not in UNSCALED and a <= float(y.strip("$").split()[0].rstrip("kbn"))))
    if form == "between":
        phrase, low, high = f"between {x} and {y}", a, b
    else:
        phrase, low, high = f"{x} to {y}", a, b
    text = f"Officials said {phrase} people were affected."
    found = list(find_figures(text))
    assert [f.text for f in found] == [phrase]
    assert found[0].low == pytest.approx(low)
    assert found[0].high == (pytest.approx(high) if high is not None else None)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between one hundred and one hundred and one", 100, 101),
        ("from two hundred and five to three hundred", 205, 300),
    ],
)
def test_spelled_range_ends_that_contain_and(text: str, low: float, high: float) -> None:
    """Found by the property test: a spelled number's own "and" must not end the range early."""
    [figure] = find_figures(text)
    assert (figure.text, figure.low, figure.high) == (text, low, high)


@pytest.mark.parametrize(
    "text",
    [
        "In the first ten months of 2025, 161,461 cases were registered.",
        "Over the past 12 months, 161,461 cases were registered.",
        "In the last three years 161,461 cases were registered.",
    ],
)
def test_the_length_of_a_period_is_not_a_figure(text: str) -> None:
    assert [f.text for f in find_figures(text)] == ["161,461"]


# ---- what a figure means: currency, number formats, non-figures, role, status ----

@pytest.mark.parametrize(
    ("sentence", "text", "currency"),
    [
        ("Aid reached $2bn.", "$2bn", "USD"),
        ("Aid reached 5 billion U.S. dollars.", "5 billion U.S. dollars", "USD"),
        ("Canada paid C$40 million.", "C$40 million", "CAD"),
        ("The fund holds €1.5bn.", "€1.5bn", "EUR"),
        ("Bonds worth 1.5bn euros were issued.", "1.5bn euros", "EUR"),
        ("The deal is worth £300m over a decade.", "£300m", "GBP"),
        ("Salaries rose to 30,000 hryvnias.", "30,000 hryvnias", "UAH"),
        ("Fines reached 2 million rubles.", "2 million rubles", "RUB"),
        ("The scheme costs Rs 5 crore.", "Rs 5 crore", "INR"),
        ("The state spent ₹1.2 lakh crore.", "₹1.2 lakh crore", "INR"),
    ],
)
def test_money_carries_its_iso_currency(nlp: Language, sentence: str, text: str, currency: str) -> None:
    figure = only_figure(nlp, sentence)
    assert (figure.text, figure.unit, figure.currency) == (text, "money", currency)


def test_a_count_has_no_currency(nlp: Language) -> None:
    assert only_figure(nlp, "Police arrested 14 protesters.").currency is None


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The population is 56 949 009 people.", "56 949 009", 56_949_009),
        ("The state reported 5,22,908 cases.", "5,22,908", 522_908),
        ("Some 1,7 million people fled.", "Some 1,7 million", None),
        ("Exactly 1,7 million people fled.", "1,7 million", 1_700_000),
        ("Rs 1 lakh was paid.", "Rs 1 lakh", 100_000),
    ],
)
def test_number_formats_of_world_news(nlp: Language, sentence: str, text: str, value: float | None) -> None:
    figure = only_figure(nlp, sentence)
    assert figure.text == text
    if value is not None:
        assert figure.low == figure.high == value


def test_a_decimal_comma_needs_a_scale_word(nlp: Language) -> None:
    """"1,7" alone is no decimal (it could be a list); "1,700" stays one thousand seven hundred."""
    assert [f.low for f in figures(nlp, "They counted 1,700 million votes.")] == [1_700_000_000]


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks lasted two months.",
        "Power was cut for 24 hours.",
        "The war has gone on for nearly four years.",
        "It was a 12-month programme.",
        "The ruins are thousands of years old.",
        "Philip Galbraith, 52, said he had seen it.",
        "1. Introduction",
        "The case number is 20231145.",
        "Photo 34512 shows the bridge.",
        "Call 044 123 4567 for details.",
    ],
)
def test_durations_ages_labels_and_ids_are_not_figures(nlp: Language, sentence: str) -> None:
    assert [f.text for f in figures(nlp, sentence)] == []


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("In Kharkiv, 52 people were killed.", "52"),
        ("Philip Galbraith said 52 people were hurt.", "52"),
        ("12 soldiers deserted in two months.", "12"),
        ("The plant has 2023 workers.", None),
    ],
)
def test_near_misses_of_non_figures_stay_figures(nlp: Language, sentence: str, text: str | None) -> None:
    found = [f.text for f in figures(nlp, sentence)]
    assert found == ([text] if text else [])


@pytest.mark.parametrize(
    ("sentence", "text", "role", "per"),
    [
        ("Deaths rose by 7,000 last year.", "7,000", "change", None),
        ("Prices were up 20% on the year.", "20%", "change", None),
        ("Support fell 0.4 percentage points.", "0.4 percentage points", "change", None),
        ("Sales rose 5% in the quarter.", "5%", "change", None),
        ("A 5% increase was recorded.", "5%", "change", None),
        ("The rate is 21.7 per 100,000 people.", "21.7", "rate", "100,000 people"),
        ("About 3 a day are killed.", "About 3", "rate", "day"),
        ("The bank pays $0.52 a share.", "$0.52", "rate", "share"),
        ("Only 5% of the cases were solved.", "5%", "share", None),
        ("One in five soldiers deserted.", "One in five", "share", None),
        ("Russia has twice as many tanks.", "twice", "ratio", None),
        ("Deaths rose to 7,000 last year.", "7,000", "level", None),
        ("Police arrested 14 protesters.", "14", "level", None),
        ("It happened a year ago to 300 people.", "300", "level", None),
        ("The tax is 20 per cent.", "20 per cent", "share", None),
        ("The deficit stayed at 4 per cent of the total size of the economy.", "4 per cent", "ratio", None),
        ("Exports were 4 per cent of the total size of the order book.", "4 per cent", "share", None),
    ],
)
def test_role_and_its_denominator(nlp: Language, sentence: str, text: str, role: str, per: str | None) -> None:
    figure = next(f for f in figures(nlp, sentence) if f.text == text)
    assert (figure.role, figure.per) == (role, per)


def test_a_change_from_one_level_to_another_is_two_levels_and_a_change(nlp: Language) -> None:
    found = figures(nlp, "The number of crossings fell from 79,000 to 72,000 in 2024.")
    assert [(f.text, f.low, f.role) for f in found] == [
        ("from 79,000 to 72,000", -7000, "change"),
        ("79,000", 79000, "level"),
        ("72,000", 72000, "level"),
    ]


def test_a_change_of_shares_is_in_percentage_points(nlp: Language) -> None:
    change = figures(nlp, "Support rose from 30% to 35.5%.")[0]
    assert (change.low, change.unit, change.role) == (5.5, "percentage_points", "change")


@pytest.mark.parametrize(
    "sentence",
    ["Estimates range from 15,000 to 18,000 a month.", "Between 15,000 and 18,000 people fled.", "Fighting from 2014 to 2022 killed many."],
)
def test_a_range_of_one_quantity_is_not_a_change(nlp: Language, sentence: str) -> None:
    assert all(f.role != "change" for f in figures(nlp, sentence))


def test_a_stated_change_is_not_derived_twice(nlp: Language) -> None:
    found = figures(nlp, "Crossings fell by 7,000 from 79,000 to 72,000.")
    assert [(f.text, f.role) for f in found] == [("7,000", "change"), ("79,000", "level"), ("72,000", "level")]


def test_two_numbers_of_different_units_are_not_a_range(nlp: Language) -> None:
    found = figures(nlp, "Sales rose 5% to $4.9bn.")
    assert [(f.text, f.role) for f in found] == [("5%", "change"), ("$4.9bn", "level")]


@pytest.mark.parametrize(
    ("sentence", "text", "status"),
    [
        ("Revenue is expected to reach $5bn.", "$5bn", "expected"),
        ("The IMF forecast growth of 2.1% next year.", "2.1%", "forecast"),
        ("Sales beat analysts' estimates of $4.8bn.", "$4.8bn", "forecast"),
        ("Revenue rose to $13.5 billion, well above Wall Street's estimate of $12.04 billion.", "$12.04 billion",
         "forecast"),
        ("The state's estimate of 3,000 deaths was revised.", "3,000", "estimate"),
        ("The target is 500,000 homes by 2030.", "500,000", "target"),
        ("An estimated 3,000 people stayed.", "An estimated 3,000", "estimate"),
        ("Revenue was $4.9bn, above the $4.8bn analysts had expected.", "$4.8bn", "expected"),
        ("Revenue was $4.9bn, above the $4.8bn analysts had expected.", "$4.9bn", None),
        ("Deaths were higher than expected at 500.", "500", None),
        ("The party will take about 52 seats.", "about 52", "forecast"),
        ("Inflation is above the Bank's 2 per cent target.", "2 per cent", "target"),
        ("The party took 52 seats.", "52", None),
        ("Police arrested 14 protesters.", "14", None),
    ],
)
def test_status_keeps_projections_apart_from_results(nlp: Language, sentence: str, text: str, status: str | None) -> None:
    figure = next(f for f in figures(nlp, sentence) if f.text == text)
    assert figure.status == status


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Employment increased 17,200 to 3,612,400.", [("17,200", "change"), ("3,612,400", "level")]),
        ("It rose by 250 to 237,500.", [("250", "change"), ("237,500", "level")]),
        ("Profit was $598 million or $15.70 per share.", [("$598 million", "level"), ("$15.70", "rate")]),
        ("Revenue rose nearly 50 percent to $13.5 billion.", [("nearly 50 percent", "change"), ("$13.5 billion", "level")]),
        # near-misses: a range of one change, a range of one level
        ("The cost rose 20 to 30 percent.", [("20 to 30 percent", "change")]),
        ("15,000 to 18,000 deserters leave.", [("15,000 to 18,000", "level")]),
    ],
)
def test_a_change_then_the_level_it_reached_is_two_figures(nlp: Language, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.text, f.role) for f in figures(nlp, sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high"),
    [
        ("For 2023 the number was 17 658, and for 2022 — 6 641.", "6 641", 6641, 6641),
        ("The workweek held steady at 34.4 hours.", "34.4", 34.4, 34.4),
        ("Deaths surpassed 100,000 for the first time.", "100,000", 100000, None),
        ("The participation rate inched up to 64.8 percent.", "64.8 percent", 64.8, 64.8),
        ("India's $250-billion IT industry grew.", "$250-billion", 250e9, 250e9),
        ("CPI rose to 3.2pc in October.", "3.2pc", 3.2, 3.2),
    ],
)
def test_more_news_number_shapes(nlp: Language, sentence: str, text: str, low: float, high: float | None) -> None:
    figure = next(f for f in figures(nlp, sentence) if f.text == text)
    assert (figure.low, figure.high) == (low, high)


def test_up_to_as_a_bound_and_a_whole_duration_stay_as_they_were(nlp: Language) -> None:
    assert only_figure(nlp, "Up to 18,000 troops could be deployed.").low == 0
    assert figures(nlp, "The strike lasted 24 hours.") == []


@pytest.mark.parametrize(
    ("sentence", "text", "role"),
    [
        ("U.S. employers added 204,000 jobs in October.", "204,000", "change"),
        ("Employment went up by only 6,700 in September.", "6,700", "change"),
        ("The firm has 204,000 jobs in total.", "204,000", "level"),  # near-miss: a stock, not what was added
    ],
)
def test_jobs_added_are_a_change(nlp: Language, sentence: str, text: str, role: str) -> None:
    assert next(f for f in figures(nlp, sentence) if f.text == text).role == role


@pytest.mark.parametrize(
    ("sentence", "text", "role", "per"),
    [
        ("There were 10 people per boat.", "10", "rate", "boat"),
        ("The rate was 21.7 deaths per 100,000 people.", "21.7", "rate", "100,000 people"),
        ("Inflation was 3.5 per cent in May.", "3.5 per cent", "share", None),  # per cent is a unit (near-miss)
    ],
)
def test_a_denominator_after_the_counted_noun_makes_a_rate(nlp: Language, sentence: str, text: str, role: str, per: str | None) -> None:
    figure = next(f for f in figures(nlp, sentence) if f.text == text)
    assert (figure.role, figure.per) == (role, per)
