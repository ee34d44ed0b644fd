"""Russian, Ukrainian and German: figures, periods, measures, sources and attribution into the same ledger.

Every test runs the blank ru/uk/de pipelines (``nlp.blank_pipeline``), which are fast; each
construction comes with a near-miss that must not give the same reading.
"""

from __future__ import annotations

from datetime import date

import pytest

from claimledger.extract.figures_intl import find_figures
from claimledger.extract.periods_intl import find_periods
from claimledger.model import Article, Ledger
from claimledger.nlp import blank_pipeline
from claimledger.pipeline import analyze

PUBLISHED = date(2025, 11, 20)


def ledger(text: str, lang: str) -> Ledger:
    return analyze(Article(text=text, language=lang, published=PUBLISHED), nlp=blank_pipeline(lang))


def figures(text: str, lang: str) -> list[tuple[str, float | None, float | None]]:
    return [(f.text, f.low, f.high) for f in find_figures(text, lang)]


# --- figures ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ru", "21 602 военнослужащих", [("21 602", 21602, 21602)]),
        ("ru", "21\u00a0602 военнослужащих", [("21\u00a0602", 21602, 21602)]),
        ("de", "21.602 Soldaten", [("21.602", 21602, 21602)]),
        ("ru", "1,7 млн человек", [("1,7 млн", 1_700_000, 1_700_000)]),
        ("ru", "20 тыс. дел", [("20 тыс.", 20000, 20000)]),
        ("uk", "21 тисячу військових", [("21 тисячу", 21000, 21000)]),
        ("de", "20 Tausend Soldaten", [("20 Tausend", 20000, 20000)]),
        ("de", "3 Mio. Menschen", [("3 Mio.", 3_000_000, 3_000_000)]),
        ("de", "2,5 Mrd. Euro", [("2,5 Mrd. Euro", 2_500_000_000, 2_500_000_000)]),
        ("uk", "двадцяти тисяч кримінальних проваджень", [("двадцяти тисяч", 20000, 20000)]),
        ("ru", "двадцати одной тысячи дел", [("двадцати одной тысячи", 21000, 21000)]),
        ("de", "zwanzigtausend Soldaten", [("zwanzigtausend", 20000, 20000)]),
        ("ru", "2 тыс. 863 человека", [("2 тыс. 863", 2863, 2863)]),
        ("uk", "29 млн 527 тисяч 744 виборці", [("29 млн 527 тисяч 744", 29_527_744, 29_527_744)]),
        ("uk", "27-28 тисяч", [("27-28 тисяч", 27000, 28000)]),
        ("ru", "с 18 до 15 батальонов", [("18", 18, 18), ("15", 15, 15)]),  # from one count to another, no bound
        ("ru", "умерли 546 (днем ранее 495)", [("546", 546, 546), ("495", 495, 495)]),
        ("ru", "выздоровели 8036 (7605)", [("8036", 8036, 8036), ("7605", 7605, 7605)]),
        ("ru", "как пишет Иванов (2019)", []),  # a citation year
        ("ru", "Иван Петров (52) заявил", []),  # an age
    ],
)
def test_numbers_of_each_language(lang: str, text: str, expected: list) -> None:
    assert figures(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "low", "high", "approximate"),
    [
        ("ru", "более 230 тыс. дел", 230000, None, False),
        ("uk", "понад 21 тисячу справ", 21000, None, False),
        ("uk", "майже 20 тисяч справ", 18000, 20000, True),
        ("ru", "около 20 тыс. солдат", 18000, 22000, True),
        ("de", "rund 1000 Soldaten", 900, 1100, True),
        ("de", "mehr als zwanzigtausend Soldaten", 20000, None, False),
        ("de", "knapp 3000 Soldaten", 2700, 3000, True),
        ("ru", "от 15 000 до 18 000 дезертиров", 15000, 18000, False),
        ("ru", "15–18 тыс. дезертиров", 15000, 18000, False),
        ("de", "zwischen 100 und 200 Toten", 100, 200, False),
        ("ru", "десятки тысяч человек", 10000, 99999, True),
        ("uk", "сотні тисяч людей", 100000, 999999, True),
        ("de", "Zehntausende Menschen", 10000, 99999, True),
    ],
)
def test_bounds_ranges_and_vague_magnitudes(lang: str, text: str, low: float, high: float | None, approximate: bool) -> None:
    [figure] = find_figures(text, lang)
    assert (figure.low, figure.high, figure.approximate) == (low, high, approximate)


def test_money_and_percent() -> None:
    [rubles] = find_figures("бюджет 5 млрд рублей", "ru")
    assert (rubles.low, rubles.unit, rubles.currency) == (5e9, "money", "RUB")
    [inflation] = find_figures("Die Inflation lag bei 2,7 Prozent.", "de")
    assert (inflation.low, inflation.unit) == (2.7, "percent")
    [share] = find_figures("інфляція 12,3%", "uk")
    assert (share.low, share.unit) == (12.3, "percent")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "в 2025 году"),
        ("ru", "24 февраля 2022 года"),
        ("ru", "статья 407 УК"),
        ("ru", "в течение 5 лет"),
        ("ru", "3-й батальон"),
        ("uk", "у 2024 році"),
        ("uk", "стаття 407 ККУ"),
        ("de", "am 24. Februar 2022"),
        ("de", "Artikel 5 der Nato"),
        ("de", "seit 2022"),
        ("de", "eine Frau"),
        ("ru", "Су-34"),
    ],
)
def test_dates_years_references_and_durations_are_no_figures(lang: str, text: str) -> None:
    assert find_figures(text, lang) == []


# --- periods ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "start", "end", "aggregation"),
    [
        ("ru", "в октябре", date(2025, 10, 1), date(2025, 10, 31), "total"),
        ("ru", "в декабре", date(2024, 12, 1), date(2024, 12, 31), "total"),
        ("uk", "у жовтні 2025 року", date(2025, 10, 1), date(2025, 10, 31), "total"),
        ("de", "im Oktober", date(2025, 10, 1), date(2025, 10, 31), "total"),
        ("ru", "с начала года", date(2025, 1, 1), PUBLISHED, "total"),
        ("de", "seit Jahresbeginn", date(2025, 1, 1), PUBLISHED, "total"),
        ("uk", "з початку повномасштабного вторгнення", date(2022, 2, 24), PUBLISHED, "cumulative"),
        ("ru", "с начала полномасштабного вторжения", date(2022, 2, 24), PUBLISHED, "cumulative"),
        ("ru", "за первые семь месяцев", date(2025, 1, 1), date(2025, 7, 31), "total"),
        ("uk", "за перші 10 місяців 2024 року", date(2024, 1, 1), date(2024, 10, 31), "total"),
        ("de", "seit Februar 2022", date(2022, 2, 1), PUBLISHED, "cumulative"),
        ("ru", "с 30 января", date(2025, 1, 30), PUBLISHED, "cumulative"),
        ("ru", "по итогам января‒июля", date(2025, 1, 1), date(2025, 7, 31), "total"),
        ("uk", "у лютому–березні 2024 року", date(2024, 2, 1), date(2024, 3, 31), "total"),
        ("ru", "12 июня 1991 года", date(1991, 6, 12), date(1991, 6, 12), "total"),
        ("ru", "в 2024-м", date(2024, 1, 1), date(2024, 12, 31), "total"),
        ("de", "im Jahr 2024", date(2024, 1, 1), date(2024, 12, 31), "total"),
        ("ru", "в прошлом месяце", date(2025, 10, 1), date(2025, 10, 31), "total"),
        ("ru", "С начала февраля", date(2025, 2, 1), PUBLISHED, "total"),
        ("ru", "за весь 2022 год", date(2022, 1, 1), date(2022, 12, 31), "total"),
        ("ru", "за период с 17 по 24 февраля", date(2025, 2, 17), date(2025, 2, 24), "total"),
        ("uk", "у період з 25 червня по 27 листопада цього року", date(2025, 6, 25), date(2025, 11, 27), "total"),
        ("uk", "З 25.06.2025 по 27.11.2025", date(2025, 6, 25), date(2025, 11, 27), "total"),
        ("de", "am 25.11.2022", date(2022, 11, 25), date(2022, 11, 25), "total"),
        ("de", "vom 25. bis 28. November", date(2025, 11, 25), date(2025, 11, 28), "total"),
        ("de", "am Dienstag", date(2025, 11, 18), date(2025, 11, 18), "total"),  # published on a Thursday
        ("ru", "в четверг", PUBLISHED, PUBLISHED, "total"),
        ("de", "für das kommende Jahr", date(2026, 1, 1), date(2026, 12, 31), "total"),
        ("uk", "наступного року", date(2026, 1, 1), date(2026, 12, 31), "total"),
        ("ru", "Сегодня утром", PUBLISHED, PUBLISHED, "total"),
        ("ru", "По последним данным", None, PUBLISHED, "cumulative"),
        ("de", "seit Beginn des großflächigen russischen Angriffs", date(2022, 2, 24), PUBLISHED, "cumulative"),
        ("ru", "Август – 15 470", date(2025, 8, 1), date(2025, 8, 31), "total"),
        ("uk", "Цьогоріч", date(2025, 1, 1), PUBLISHED, "total"),
        ("de", "in diesem Jahr", date(2025, 1, 1), PUBLISHED, "total"),
    ],
)
def test_periods_resolve_as_in_english(lang: str, text: str, start: date, end: date | None, aggregation: str) -> None:
    [(_, _, period)] = find_periods(text, lang, PUBLISHED)
    assert (period.start, period.end, period.aggregation) == (start, end, aggregation)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "у червоному секторі"), ("ru", "в мареве"), ("de", "im Maisfeld"),
        ("de", "Der Donnerstag war ruhig"),  # a weekday without "am" is no date
        ("ru", "Август выдался жарким"),  # a month that opens a sentence heads no list item
        ("de", "31.02.2024"),  # no such day
        ("ru", "в том году"),  # "that year" names no year; "this year" does
    ],
)
def test_words_that_start_like_a_month_are_no_period(lang: str, text: str) -> None:
    assert find_periods(text, lang, PUBLISHED) == []


def test_each_figure_takes_the_period_of_its_clause() -> None:
    text = "В феврале 2014 года индекс составлял 100,7%, с начала 2014 года — 101,3%."
    first, second = [c.period for c in ledger(text, "ru").claims if c.figure]
    assert (first.start, first.end) == (date(2014, 2, 1), date(2014, 2, 28))
    assert (second.start, second.text) == (date(2014, 1, 1), "с начала 2014 года")


def test_a_bare_figure_keeps_the_period_named_in_its_paragraph_or_the_one_before_but_no_further() -> None:
    text = "В октябре открыто 900 дел о СЗЧ. Из них 300 переданы в суд.\nЕще 200 закрыты.\n\nВсего 500 дел."
    periods = [c.period for c in ledger(text, "ru").claims if c.figure]
    assert periods[0].start == date(2025, 10, 1) and periods[1] == periods[0] == periods[2]
    assert periods[3] is None


def test_a_year_that_opens_a_sentence_is_its_period_but_not_a_figure() -> None:
    [claim] = [c for c in ledger("2023 wurden 24.000 Verfahren eingeleitet.", "de").claims if c.figure]
    assert (claim.figure.low, claim.period.start, claim.period.end) == (24000, date(2023, 1, 1), date(2023, 12, 31))


def _periods(text: str, lang: str, published: date = PUBLISHED) -> list[tuple]:
    result = analyze(Article(text=text, language=lang, published=published), nlp=blank_pipeline(lang))
    return [(c.period.start, c.period.end) if c.period else None for c in result.claims if c.figure]


def test_a_year_right_before_its_figure_in_a_list_is_its_period() -> None:
    text = "Im Jahr 2022 wurden 6.641 Verfahren eröffnet und 2023 17.658."
    assert _periods(text, "de")[1] == (date(2023, 1, 1), date(2023, 12, 31))
    assert find_periods("Seite 2023 des Berichts", "de", PUBLISHED) == []  # a year with no figure after it


def test_a_compared_period_is_not_the_figures() -> None:
    text = "З січня по серпень 2025 року відкрито 35 599 проваджень. Це на 1,5 раза менше, ніж за аналогічний період минулого року."
    assert _periods(text, "uk") == [(date(2025, 1, 1), date(2025, 8, 31))] * 2
    assert _periods("Минулого року відкрито 900 проваджень.", "uk") == [(date(2024, 1, 1), date(2024, 12, 31))]


def test_the_span_of_a_record_is_not_the_figures_period() -> None:
    assert _periods("Die Inflation stieg auf 2 Prozent, den höchsten Stand seit 2021.", "de") == [None]
    assert _periods("Seit 2021 stieg die Zahl auf 500 Fälle.", "de") == [(date(2021, 1, 1), PUBLISHED)]
    assert _periods("Инфляция впервые с 2015 года превысила 16%.", "ru") == [None]
    # the month that dates an earlier low in a later clause is not the figure's; one before it in its sentence is
    assert _periods("Inflation steigt auf 2 Prozent - nach niedrigstem Wert seit 2021 im September", "de") == [None]
    assert _periods("Im September fiel die Inflation auf den tiefsten Stand seit 2021: 1,6 Prozent.", "de") == [
        (date(2025, 9, 1), date(2025, 9, 30))
    ]
    assert _periods("Die Inflation stieg auf 2 Prozent - im Oktober.", "de") == [(date(2025, 10, 1), date(2025, 10, 31))]


def test_a_dash_joins_a_figure_to_its_period_and_a_later_clause_keeps_its_own() -> None:
    text = "Ціни зросли на 2,5% у жовтні, 1,9% – у вересні."
    assert _periods(text, "uk")[1] == (date(2025, 9, 1), date(2025, 9, 30))
    text = "У 2023 році відкрили 82 тисячі справ. Щомісяця починали 7 тисяч проваджень, а в період із травня по серпень – 8 тисяч."
    assert _periods(text, "uk")[1:] == [(date(2023, 1, 1), date(2023, 12, 31)), (date(2025, 5, 1), date(2025, 8, 31))]


def test_a_list_heading_gives_its_period_to_the_items() -> None:
    heading = "За 10 місяців 2025 року поліцією зареєстровано:\nтяжких злочинів (91,5 тис.);"
    assert _periods(heading, "uk") == [(date(2025, 1, 1), date(2025, 10, 31))]
    assert _periods(heading.replace(":\n", ":\n\n\n"), "uk") == [None]  # paragraphs away: no longer its period


def test_a_period_carries_over_a_one_sentence_paragraph_but_not_a_blank_line() -> None:
    text = "Окупанти в ніч на 5 жовтня завдали удару.\nПро це повідомляє РБК-Україна.\nПонад 73 тисячі абонентів знеструмлені."
    assert _periods(text, "uk") == [(date(2025, 10, 5), date(2025, 10, 5))]
    assert _periods(text.replace("\nПро це", "\n\nПро це"), "uk") == [None]


def test_a_headline_without_a_period_takes_the_ledes() -> None:
    text = "Правоохоронці закрили понад 4500 проваджень\nВід січня 2022 року до серпня 2025-го порушили 270 000 проваджень."
    assert _periods(text, "uk")[0] == (date(2022, 1, 1), date(2025, 8, 31))
    assert _periods("Правоохоронці закрили понад 4500 проваджень\nСправи розглядають суди.", "uk") == [None]


def test_a_sentence_cut_after_a_years_abbreviation_keeps_the_year() -> None:
    assert _periods("Інфляція в Україні у 2022 р. становила 26,6%", "uk", date(2023, 1, 10)) == [(date(2022, 1, 1), date(2022, 12, 31))]


def test_a_month_without_a_publication_date_keeps_its_words() -> None:
    [(_, _, period)] = find_periods("в октябре", "ru", None)
    assert (period.start, period.end, period.text) == (None, None, "в октябре")


# --- measures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "measure", "unit"),
    [
        ("ru", "В октябре СЗЧ совершили 21 602 военнослужащих.", "unauthorized_absence", "people"),
        ("ru", "Открыто 5 000 дел о самовольном оставлении части.", "unauthorized_absence", "cases"),
        ("uk", "Відкрито 5 000 проваджень за самовільне залишення частини.", "unauthorized_absence", "cases"),
        ("ru", "Зафиксировано 300 случаев дезертирства.", "desertion", "cases"),
        ("de", "Es gab 300 Verfahren wegen Fahnenflucht.", "desertion", "cases"),
        ("ru", "Открыто 900 уголовных производств.", "criminal_cases", "cases"),
        ("uk", "Відкрито 900 кримінальних проваджень.", "criminal_cases", "cases"),
        ("de", "Es wurden 900 Strafverfahren eingeleitet.", "criminal_cases", "cases"),
        ("ru", "Погибли 40 мирных жителей.", "deaths", "people"),
        ("de", "Bei dem Angriff gab es 40 Kriegstote.", "deaths", "people"),
        ("uk", "Інфляція прискорилася до 12,3%.", "inflation_rate", "percent"),
    ],
)
def test_measures_take_the_english_keys(lang: str, text: str, measure: str, unit: str) -> None:
    [claim] = [c for c in ledger(text, lang).claims if c.figure]
    assert (claim.figure.measure, claim.figure.unit) == (measure, unit)


def test_a_measure_word_in_the_next_clause_is_not_the_figures() -> None:
    [claim] = [c for c in ledger("Прибыли 500 солдат; дезертирство растет.", "ru").claims if c.figure]
    assert claim.figure.measure == "troops"
    ratio, share = [c.figure for c in ledger("Це у чотири рази більше, ніж торік, а до суду доходить лише 5% справ.", "uk").claims if c.figure]
    assert ratio.measure != "cases_sent_to_court" and share.measure == "cases_sent_to_court"
    assert [c.figure.measure for c in ledger("В области нет 741 жилого дома.", "ru").claims if c.figure] != ["buildings_damaged"]


def _measures(text: str, lang: str) -> list[str | None]:
    return [c.figure.measure for c in ledger(text, lang).claims if c.figure]


def test_a_count_of_those_who_hold_figures_counts_them() -> None:
    assert _measures("22 Unternehmen steigerten ihren Gewinn.", "de") == ["companies"]
    assert _measures("Санкции ввели 40 стран.", "ru") == ["countries"]
    assert _measures("Der Gewinn stieg auf 5 Milliarden Euro für das Land.", "de") == ["net_income"]  # money, not countries
    assert _measures("Без света остались 5 тысяч жителей города.", "ru") != ["cities"]  # residents of a city, not cities


def test_a_stage_of_proceedings_named_before_the_figure_outranks_the_offence_they_are_about() -> None:
    text = "До суду направлено 13 625 проваджень щодо самовільного залишення частини."
    [figure] = [c.figure for c in ledger(text, "uk").claims if c.figure]
    assert figure.measure == "cases_sent_to_court"
    assert figure.qualifiers is not None and figure.qualifiers.subject == "самовільного залишення частини"
    assert _measures("В суд направлено 500 дел о дезертирстве.", "ru") == ["cases_sent_to_court"]
    # near-miss: with no stage named before it, the offence is what the proceedings count
    assert _measures("Зареєстровано 13 625 проваджень щодо самовільного залишення частини.", "uk") == ["unauthorized_absence"]


def test_a_count_of_settlements_is_its_own_unit_among_flooded_homes() -> None:
    [settlements, homes] = [c.figure for c in ledger("В девяти населенных пунктах остаются подтопленными 2 тыс. жилых домов.", "ru").claims if c.figure]
    assert settlements.unit == "settlements" and settlements.measure not in ("buildings_damaged", "homes_flooded")
    assert homes.measure == "buildings_damaged"
    assert _measures("У трьох селах пошкоджено 40 будинків.", "uk")[0] != "buildings_damaged"
    # near-miss: the homes themselves, with no settlement counted, stay homes
    assert _measures("Подтоплены 9 жилых домов.", "ru") == ["buildings_damaged"]


def _qualifier(name: str, text: str, lang: str) -> list[str | None]:
    return [getattr(c.figure.qualifiers, name) if c.figure.qualifiers else None for c in ledger(text, lang).claims if c.figure]


def test_a_place_in_the_genitive_after_the_counted_noun_is_the_place_qualifier() -> None:
    assert _qualifier("place", "Без світла 67 тисяч абонентів обласного центру.", "uk") == ["обласного центру"]
    assert _qualifier("place", "Без света остались 5 тысяч жителей города.", "ru") == ["города"]
    # near-misses: no place noun after the counted noun; a preposition between is not a genitive
    assert _qualifier("place", "Понад 73 тисячі абонентів знеструмлені внаслідок атаки.", "uk") == [None]
    assert _qualifier("place", "Без світла 67 тисяч абонентів у центрі.", "uk") == [None]


def test_goods_named_after_a_price_verb_are_the_figures_subject() -> None:
    assert _qualifier("subject", "На 2,5% подорожчали олія, молоко та хліб.", "uk") == ["олія, молоко та хліб"]
    assert _qualifier("subject", "На 3% подешевели овощи и фрукты.", "ru") == ["овощи и фрукты"]
    # near-miss: prices as a whole name no goods
    assert _qualifier("subject", "Ціни зросли на 0,7%.", "uk") == [None]


def test_the_nearest_measure_word_wins_among_equals() -> None:
    assert _measures("Понад 24,8 мільйона пацієнтів одужали, понад 1 мільйон померли.", "uk") == ["recoveries", "deaths"]


def test_a_figure_naming_no_measure_counts_what_the_last_measured_one_counts() -> None:
    text = "По статье о СЗЧ в 2022 году зарегистрировано 6 988 производств, в 2024-м — 67 840 производств."
    assert _measures(text, "ru") == ["unauthorized_absence", "unauthorized_absence"]
    spending = "Расходы составили 25,2 трлн рублей, что выше уровня предыдущего года на 20,8%."
    assert _measures(spending, "ru") == ["spending", "spending"]  # a percent change of an amount
    # near-misses: a count of another named noun keeps its own; a share is no change of an amount
    assert _measures("Погибли 40 человек. В больницы доставлены 100 человек.", "ru")[1] != "deaths"
    assert _measures("Расходы составили 25,2 трлн рублей, из них 20,8% пошли на оборону.", "ru")[1] != "spending"


def _meaning(ledger: Ledger) -> list[tuple]:
    return [
        (c.figure.low, c.figure.high, c.figure.unit, c.figure.measure, c.period.start, c.period.end, c.period.aggregation)
        for c in ledger.claims
        if c.figure and c.period
    ]


def test_russian_figure_reads_as_the_english_one_does() -> None:
    """What the English pipeline gives for "21,602 soldiers in October 2025" (see the slow test below)."""
    ru = ledger("21 602 военнослужащих в октябре 2025 года.", "ru")
    assert _meaning(ru) == [(21602, 21602, "people", "troops", date(2025, 10, 1), date(2025, 10, 31), "total")]


@pytest.mark.slow
def test_e2e_russian_ukrainian_german_and_english_meet() -> None:
    english = analyze(Article(text="21,602 soldiers in October 2025.", published=PUBLISHED))
    assert _meaning(english) == _meaning(ledger("21 602 военнослужащих в октябре 2025 года.", "ru"))
    assert _meaning(english) == _meaning(ledger("21 602 військовослужбовців у жовтні 2025 року.", "uk"))
    assert _meaning(english) == _meaning(ledger("21.602 Soldaten im Oktober 2025.", "de"))


# --- sources, quotes, attribution ---------------------------------------------------


def _chain(ledger: Ledger, kind: str = "figure") -> list[tuple[str, str, str]]:
    names = {s.id: s.name for s in ledger.sources}
    [claim] = [c for c in ledger.claims if c.kind == kind]
    return [(names[a.source], a.relation, a.cue) for a in claim.attribution]


@pytest.mark.parametrize(
    ("lang", "text", "chain"),
    [
        ("ru", "В октябре СЗЧ совершили 21 602 военнослужащих, заявил Дмитрий Лубинец.", [("Дмитрий Лубинец", "said", "заявил")]),
        ("ru", "Прокуратура сообщила, что открыто 900 дел.", [("Прокуратура", "reported", "сообщила")]),
        ("ru", "По данным Офиса генерального прокурора, открыто 900 дел.", [("Офис генерального прокурора", "reported", "По данным")]),
        ("ru", "По словам Залужного, погибли 40 человек.", [("Залужный", "said", "По словам")]),
        ("uk", "За даними Опендатабот, відкрито 900 справ.", [("Опендатабот", "reported", "За даними")]),
        ("uk", "Відкрито 900 справ, повідомили в Офісі генпрокурора.", [("Офіс генпрокурора", "reported", "повідомили")]),
        ("de", "Laut Staatsanwaltschaft wurden 900 Verfahren eingeleitet.", [("Staatsanwaltschaft", "reported", "Laut")]),
        ("de", "Der Staatsanwaltschaft zufolge wurden 900 Verfahren eingeleitet.", [("Staatsanwaltschaft", "reported", "zufolge")]),
        ("de", "Es seien 900 Soldaten desertiert, sagte Christoph Wanner.", [("Christoph Wanner", "said", "sagte")]),
        (
            "ru", "ТАСС со ссылкой на Минобороны сообщил, что в плен сдались 1500 военных.",
            [("ТАСС", "said", "со ссылкой на"), ("Минобороны", "cited", "со ссылкой на")],
        ),
        (
            "de", "Die Welt berichtet unter Berufung auf die Generalstaatsanwaltschaft, dass 900 Soldaten desertierten.",
            [("Die Welt", "reported", "berichtet"), ("Generalstaatsanwaltschaft", "cited", "unter Berufung auf")],
        ),
    ],
)
def test_attribution_cues_of_each_language(lang: str, text: str, chain: list) -> None:
    assert _chain(ledger(text, lang)) == chain


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "В октябре в Москве открыто 900 дел."),  # a place is no source
        ("uk", "У жовтні відкрито 900 справ про СЗЧ."),
        ("de", "Im Oktober wurden in Berlin 900 Verfahren eingeleitet."),
        ("ru", "Открыто 900 дел.\nЛубинец заявил о проблемах в армии."),  # a new paragraph's cue without "Об этом" is its own
    ],
)
def test_no_cue_no_source(lang: str, text: str) -> None:
    assert _chain(ledger(text, lang)) == []


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        ("ru", "Открыто 900 дел. Об этом заявил Лубинец.", "Лубинец"),
        ("ru", "Открыто 900 дел.\nОб этом говорится в ответе Офиса генерального прокурора на запрос УП.", "Офис генерального прокурора"),
        ("ru", "Киев потерял 17 тыс. военнослужащих. Это следует из данных сводки Минобороны России.", "Минобороны"),
        ("uk", "Відкрито 900 справ.\nПро це свідчать дані Опендатабот, передає Цензор.НЕТ.", "Опендатабот"),
        ("uk", "ЦВК опрацювала 100% протоколів.\nПро це повідомляється на сайті ЦВК.", "ЦВК"),
        ("de", "Die Preise lagen um 2,0 Prozent höher. Das teilte das Statistische Bundesamt mit.", "Statistische Bundesamt"),
    ],
)
def test_a_report_sentence_attributes_the_figures_before_it(lang: str, text: str, source: str) -> None:
    """As in English: "This was reported by …" covers the figures before it (its paragraph, or the one before
    when it opens with an anaphor)."""
    assert _chain(ledger(text, lang))[0][0] == source


def test_a_report_sentence_does_not_reach_past_its_paragraph_without_an_anaphor() -> None:
    text = "Открыто 900 дел.\nСледователи работают.\nВ Минобороны заявили о новых наборах."
    assert _chain(ledger(text, "ru")) == []


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        ("ru", "С начала года открыто 161 461 дело, сообщает сервис «Опендатабот».", "Опендатабот"),
        ("de", "Sie lag bei 3,8 Prozent, wie das Statistische Bundesamt am Montag mitteilte.", "Statistische Bundesamt"),
        ("de", "Sie stieg um 2,9 Prozent, wie aus der Pressemitteilung hervorgeht.", "Pressemitteilung"),
        ("uk", "Відкрито 4753 нові випадки, свідчать дані РНБО.", "РНБО"),
    ],
)
def test_quoted_names_wie_clauses_and_data_cues(lang: str, text: str, source: str) -> None:
    assert _chain(ledger(text, lang))[0][0] == source


def test_an_impersonal_cue_after_a_named_source_is_its_message() -> None:
    text = 'Про це повідомив Іван Федоров.\n"Понад 73 тисячі абонентів знеструмлені", - йдеться у повідомленні.'
    assert _chain(ledger(text, "uk"))[0][0] == "Іван Федоров"
    [(name, _, _)] = _chain(ledger('"Понад 73 тисячі абонентів знеструмлені", - йдеться у повідомленні.', "uk"))
    assert name == "йдеться"  # nobody named before: the cue stays the unattributed source


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("ru", "«Мы видим рост дезертирства», — заявил Дмитрий Лубинец.", "Дмитрий Лубинец"),
        ("uk", "«Ситуація складна», — сказав Олександр Сирський.", "Олександр Сирський"),
        ("de", "„Die Lage ist ernst“, sagte Christoph Wanner.", "Christoph Wanner"),
        ("de", "‚Die Lage ist ernst‘, sagte Christoph Wanner.", "Christoph Wanner"),
    ],
)
def test_quotes_in_the_marks_of_each_language(lang: str, text: str, speaker: str) -> None:
    [(name, relation, _)] = _chain(ledger(text, lang), kind="quote")
    assert (name, relation) == (speaker, "said")


def test_case_forms_of_a_name_are_one_source() -> None:
    text = (
        "Генерал Валерий Залужный заявил, что погибли 40 человек. По словам Залужного, ранены 100 человек."
        " Захаровой заявлено 5 случаев. Мария Захарова сообщила о 7 случаях."
    )
    names = [s.name for s in ledger(text, "ru").sources]
    assert names.count("Валерий Залужный") == 1 and "Залужного" not in names
    assert "Мария Захарова" in names and not any(n.startswith("Захаровой") for n in names)


def test_a_german_genitive_joins_the_name_and_a_name_ending_in_s_keeps_it() -> None:
    text = "Christoph Wanner sagte, 900 Soldaten seien geflohen. Wanners Angaben zufolge sind es 1000 Soldaten."
    assert [s.name for s in ledger(text, "de").sources] == ["Christoph Wanner"]
    reuters = ledger("Laut Reuters wurden 900 Verfahren eingeleitet.", "de")
    assert [s.name for s in reuters.sources] == ["Reuters"]


# --- reports ----------------------------------------------------------------------


def test_html_report_keeps_the_russian_text_and_shows_the_reading_in_english() -> None:
    from claimledger.report.html import render

    text = "По данным Офиса генерального прокурора, в октябре 2025 года СЗЧ совершили 21 602 военнослужащих."
    page = render(ledger(text, "ru"))
    assert '<html lang="en">' in page and 'class="article-text" lang="ru"' in page
    assert "21 602 военнослужащих" in page.replace("</span>", "").replace('<span class="', "") or "военнослужащих" in page
    assert "21,602" in page and "unauthorized_absence" in page and "2025-10-01" in page
    assert "в октябре 2025 года" in page  # the period as written, beside its dates


def test_markdown_and_json_keep_cyrillic_and_german_letters() -> None:
    from claimledger.report.json_report import render as render_json
    from claimledger.report.markdown import render as render_md

    german = ledger("Laut Staatsanwaltschaft wurden im Oktober 21.602 Strafverfahren wegen Fahnenflucht eingeleitet.", "de")
    assert "Strafverfahren wegen Fahnenflucht" in render_md(german)
    russian = ledger("По словам Залужного, погибли 40 человек.", "ru")
    assert "Залужный" in render_json(russian) and '"language": "ru"' in render_json(russian)


def test_a_capitalised_first_word_is_no_name_unless_it_could_be_one() -> None:
    assert _chain(ledger("Цьогоріч повідомили про 900 справ.", "uk")) == []
    assert _chain(ledger("Лубинец сообщил о 900 делах.", "ru")) == [("Лубинец", "reported", "сообщил")]


def test_figures_the_sentence_does_not_attribute_keep_the_source_the_article_relays() -> None:
    text = (
        "Шахрайств стало більше: 35 599 справ.\n"
        "За даними Опендатабот, зареєстровано 35 599 кримінальних проваджень.\n"
        "Це на 1,5 раза менше, ніж торік."
    )
    chains = [[a.source for a in c.attribution] for c in ledger(text, "uk").claims if c.figure]
    assert chains == [["s1"], ["s1"], ["s1"]]
    assert [c.attribution for c in ledger("Відкрито 900 справ. Закрито 300.", "uk").claims if c.figure] == [[], []]


@pytest.mark.parametrize(
    ("lang", "text", "start", "end", "aggregation"),
    [
        ("de", "bis September 2024", None, date(2024, 9, 30), "cumulative"),
        ("de", "von Januar 2022 bis September 2025", date(2022, 1, 1), date(2025, 9, 30), "cumulative"),
        ("de", "zwischen 2022 und Juli 2025", date(2022, 1, 1), date(2025, 7, 31), "cumulative"),
        ("ru", "с 2022 года по июль 2025 года", date(2022, 1, 1), date(2025, 7, 31), "cumulative"),
        ("de", "im ersten Halbjahr 2024", date(2024, 1, 1), date(2024, 6, 30), "total"),
        ("uk", "у третьому кварталі", date(2025, 7, 1), date(2025, 9, 30), "total"),
        ("de", "in den ersten neun Monaten des Jahres 2024", date(2024, 1, 1), date(2024, 9, 30), "total"),
    ],
)
def test_spans_until_and_parts_of_a_year(lang: str, text: str, start: date | None, end: date, aggregation: str) -> None:
    [(_, _, period)] = find_periods(text, lang, PUBLISHED)
    assert (period.start, period.end, period.aggregation) == (start, end, aggregation)


def test_a_span_that_runs_backwards_is_no_period() -> None:
    found = [p for _, _, p in find_periods("von 2025 bis 2022", "de", PUBLISHED)]
    assert not any(p.start and p.end and p.start > p.end for p in found)
    assert not any(p.text == "von 2025 bis 2022" for p in found)


def test_an_office_with_a_place_and_a_name_is_one_person_source() -> None:
    [source] = ledger("Об этом заявил президент России Владимир Путин: погибли 40 человек.", "ru").sources
    assert (source.name, source.role, source.kind) == ("Владимир Путин", "президент России", "person")
    [place] = ledger("В России, заявил Лубинец, погибли 40 человек.", "ru").sources
    assert place.name == "Лубинец"


@pytest.mark.parametrize(
    ("lang", "text", "cue"),
    [("de", "Es gebe 900 Fälle, heißt es.", "heißt es"), ("ru", "Сообщается, что погибли 40 человек.", "Сообщается")],
)
def test_an_impersonal_cue_is_an_unattributed_source(lang: str, text: str, cue: str) -> None:
    result = ledger(text, lang)
    [source] = result.sources
    assert (source.kind, _chain(result)[0][2]) == ("unattributed", cue)
    assert ledger("Es gibt 900 Fälle.", "de").sources == []


@pytest.mark.slow
def test_e2e_a_russian_relay_joins_its_english_source_in_one_comparison(tmp_path) -> None:
    """The corpus compares figures across languages: one group, one value, both articles in its lineage."""
    from claimledger.corpus import Corpus

    (tmp_path / "en.txt").write_text(
        "Ukraine's prosecutors opened 21,602 criminal cases for unauthorized absence in October 2025,"
        " the Prosecutor General's Office said.", "utf-8",
    )
    (tmp_path / "ru.txt").write_text(
        "По данным Офиса генерального прокурора, в октябре 2025 года открыто 21 602 уголовных производства"
        " о самовольном оставлении части.", "utf-8",
    )
    corpus = Corpus(str(tmp_path / "corpus.db"))
    summary = corpus.add([tmp_path / "en.txt", tmp_path / "ru.txt"], published=PUBLISHED)
    assert summary.added == 2 and not summary.failures
    [group] = [g for g in corpus.compare() if g.measure == "unauthorized_absence"]
    assert len(group.figures) == 2 and group.spread.min == group.spread.max == 21602
    assert len(group.lineage) == 1 and len(group.lineage[0].repeated_by) == 1


@pytest.mark.parametrize(
    ("lang", "text", "start", "end"),
    [
        ("uk", "З січня по серпень 2025 року", date(2025, 1, 1), date(2025, 8, 31)),
        ("uk", "в період із травня по серпень", date(2025, 5, 1), date(2025, 8, 31)),
        ("uk", "у 2022-2025 роках", date(2022, 1, 1), date(2025, 12, 31)),
        ("uk", "Від січня 2022 року до серпня 2025-го", date(2022, 1, 1), date(2025, 8, 31)),
        ("uk", "упродовж січня 2022 — вересня 2024 років", date(2022, 1, 1), date(2024, 9, 30)),
        ("uk", "у 2022 р.", date(2022, 1, 1), date(2022, 12, 31)),
    ],
)
def test_more_spans(lang: str, text: str, start: date, end: date) -> None:
    [(_, _, period)] = find_periods(text, lang, PUBLISHED)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("lang", "text", "aggregation"),
    [
        ("uk", "Нині щомісяця відкривають приблизно 4,5 тисячі проваджень.", "per_month"),
        ("de", "Täglich kommen 300 Menschen an.", "per_day"),
        ("ru", "Ежемесячно регистрируется порядка 16 тыс. новых производств.", "per_month"),
        ("ru", "В октябре открыто 16 тыс. производств, а за месяц до того — 12 тыс.", "total"),  # "месяц" is no frequency
    ],
)
def test_a_frequency_word_makes_a_rate(lang: str, text: str, aggregation: str) -> None:
    first = next(c for c in ledger(text, lang).claims if c.figure)
    assert first.period is not None and first.period.aggregation == aggregation


@pytest.mark.parametrize(
    ("lang", "text", "measure"),
    [
        ("uk", "Зареєстровано 35 599 кримінальних проваджень за фактами шахрайства.", "fraud_cases"),
        ("uk", "Базова інфляція становила 22,6%.", "core_inflation_rate"),
        ("uk", "Інфляція становила 26,6%.", "inflation_rate"),
        ("ru", "В стране сделали 135 912 тестов на коронавирус.", "tests"),
        ("ru", "Выявили 22 415 заболевших коронавирусом.", "disease_cases"),
        ("de", "Die Kerninflation lag bei 2,7 Prozent.", "core_inflation_rate"),
        ("ru", "С 30 января ключевая ставка составляет 15%.", "interest_rate"),
        ("ru", "Инфляция составляет 15%.", "inflation_rate"),  # near-miss: no rate word
        ("de", "Der Leitzins liegt bei 4,5 Prozent.", "interest_rate"),
        ("ru", "Киев потерял за неделю порядка 17 тыс. военнослужащих.", "casualties"),
        ("ru", "В кризис потеряли работу 500 человек.", "jobs"),  # near-miss: a lost job is no casualty
        ("uk", "Бійці за місяць ліквідували понад 25 тисяч окупантів.", "deaths"),
        ("de", "In Berlin demonstrierten mindestens 300.000 Menschen.", "protesters"),
        ("de", "Dafür stimmten 379 Abgeordnete.", "votes"),
        ("de", "Im Quartal stieg der Umsatz um 1,1 Prozent.", "revenue"),
        ("ru", "В области подтоплен 741 жилой дом.", "buildings_damaged"),  # a trigger's words on both sides
        ("ru", "В явке приняли участие 79 498 240 человек.", "turnout"),
        ("uk", "За добу виявили 4753 нові випадки COVID-19.", "disease_cases"),  # a name with its number
        ("uk", "Правоохоронці закрили понад 4500 проваджень.", "closed_cases"),
    ],
)
def test_general_news_measures(lang: str, text: str, measure: str) -> None:
    [claim] = [c for c in ledger(text, lang).claims if c.figure]
    assert claim.figure.measure == measure


def test_hyphenated_institutions_and_long_offices_stay_whole() -> None:
    [press] = ledger("Умерли 546 человек, сообщает пресс-служба Минздрава.", "ru").sources
    assert (press.name, press.kind) == ("пресс-служба Минздрав", "organization")
    text = "Такие данные привел командующий Объединенной группировкой российских войск генерал армии Сергей Суровикин: 12 тысяч."
    [general] = ledger(text, "ru").sources
    assert (general.name, general.kind) == ("Сергей Суровикин", "person")


@pytest.mark.parametrize(
    ("lang", "text", "start", "end", "aggregation"),
    [
        ("uk", "Від січня 2022 року до серпня 2025-го", date(2022, 1, 1), date(2025, 8, 31), "cumulative"),
        ("uk", "За добу", PUBLISHED, PUBLISHED, "total"),
        ("uk", "за весь час пандемії", None, PUBLISHED, "cumulative"),
        ("ru", "на сегодняшний день", None, PUBLISHED, "cumulative"),
        ("uk", "від початку 2025 року", date(2025, 1, 1), PUBLISHED, "total"),
    ],
)
def test_running_totals_and_the_day_reported(lang: str, text: str, start: date | None, end: date, aggregation: str) -> None:
    [(_, _, period)] = find_periods(text, lang, PUBLISHED)
    assert (period.start, period.end, period.aggregation) == (start, end, aggregation)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("uk", "Це десятки тисяч людей", [("десятки тисяч", 10000, 99999)]),
        ("uk", "інфляція знизилася до 0,8%", [("0,8%", 0.8, 0.8)]),  # "to", after a verb of change
        ("uk", "зарплата до 50 тисяч гривень", [("до 50 тисяч гривень", 0, 50000)]),
        ("uk", "менш як 2%", [("менш як 2%", 0, 2)]),
        ("uk", "дві-три тисячі", [("дві-три тисячі", 2000, 3000)]),
        ("uk", "три тисячі", [("три тисячі", 3000, 3000)]),
    ],
)
def test_vague_after_a_word_and_do_after_a_verb(lang: str, text: str, expected: list) -> None:
    assert figures(text, lang) == expected


# --- German reported speech (SpkAtt constructions) ------------------------------------


def _statements(text: str) -> list[tuple[str, str]]:
    result = ledger(text, "de")
    names = {s.id: s.name for s in result.sources}
    return [(c.text, names[c.attribution[0].source]) for c in result.claims if c.kind == "statement" and c.attribution]


def test_reportative_soll_and_any_konjunktiv_one_continue_the_source_before() -> None:
    said = "Die Polizei teilte mit, es seien viele Menschen verletzt worden."
    assert _statements(said + " Dabei sollen vor allem Jugendliche verhaftet worden sein.")[-1][1] == "Polizei"
    weather = "Der Wetterdienst erklärte, es werde stürmisch. Da Deutschland am Rand eines Tiefs liege, komme milde Luft."
    assert _statements(weather)[-1] == ("Da Deutschland am Rand eines Tiefs liege, komme milde Luft", "Wetterdienst")
    # near-misses: the indicative does not continue; nor does a reported mood with no source before it
    assert len(_statements(said + " Deutschland liegt am Rand eines Tiefs.")) == 1
    assert _statements("Da Deutschland am Rand eines Tiefs liege, komme milde Luft.") == []


def test_the_verb_framing_a_quotation_is_its_cue() -> None:
    [(name, relation, cue)] = _chain(ledger("„Er war ein leuchtendes Beispiel für uns alle“, würdigte der Präsident den Toten.", "de"), "quote")
    assert (name, cue) == ("Präsident", "würdigte")
    assert ledger("Die Organisation „Obraz“ gründeten junge Männer.", "de").sources == []  # a name in marks frames nothing


def test_a_verb_form_that_opens_a_german_sentence_is_no_source() -> None:
    assert ledger("Gemessen an der Kopfstärke bedeutet diese Zahl, dass jeder 14. Soldat desertiert.", "de").sources == []
    [source] = ledger("Behörden teilten mit, dass 900 Verfahren eröffnet wurden.", "de").sources
    assert source.name == "Behörden"


def test_a_subject_with_its_apposition_opens_the_sentence_after_a_line_break() -> None:
    text = "Erster Satz.\nDie Regierungspartei Palästinas, die Hamas, bezeichnete die Anschläge als Selbstverteidigung."
    assert _statements(text)[0][1] == "Regierungspartei Palästinas"
    assert _statements("Erster Satz.\nAm Montag bezeichnete die Hamas die Anschläge als Selbstverteidigung.")[0][1] == "Hamas"


# --- status: a projection is not a result -----------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("uk", "Нацбанк зберіг прогноз інфляції на рівні 30%, тоді як уряд поліпшив його з 30,1% до 29,3%.",
         {"30%": "forecast", "30,1%": "forecast", "29,3%": "forecast"}),
        ("uk", "Інфляція у 2022 році становила 26,6%, що нижче прогнозу Нацбанку.", {"26,6%": None}),
        ("ru", "ЦБ сохранил прогноз инфляции на уровне 7%. Инфляция в мае составила 8,3%.",
         {"7%": "forecast", "8,3%": None}),
        ("de", "Die Bundesbank erwartet für 2024 eine Inflation von 2,5 Prozent. Im Mai lag sie bei 2,4 Prozent.",
         {"2,5 Prozent": "expected", "2,4 Prozent": None}),
    ],
)
def test_a_word_of_projection_before_a_figure_in_its_sentence_makes_it_one(lang: str, text: str, expected: dict) -> None:
    statuses = {c.figure.text: c.figure.status for c in ledger(text, lang).claims if c.figure is not None}
    assert statuses == expected
