"""claimledger_periods for Russian, Ukrainian and German: the time each figure covers.

Periods are found by the patterns of ``data/<lang>/periods.json`` and resolved as the
English component resolves them (same ``model.Period`` shapes, same choices):

- a month, with or without its year ("в октябре", "у жовтні 2025 року", "im Oktober"):
  that month, ``total``; without a year, the latest such month on or before publication;
- a year ("в 2024 году", "за 2024 рік", "im Jahr 2024"): that year, ``total``;
- the year so far ("с начала года", "seit Jahresbeginn"): 1 January to publication, ``total``;
- the first N months ("за первые семь месяцев"): January to the N-th month, ``total``;
- since a month, a year or a named event ("с февраля 2022", "seit Februar 2022",
  "з початку повномасштабного вторгнення" -> 2022-02-24): from then to publication (open
  without a publication date), ``cumulative``, the convention the English component shares;
- last month / last year, relative to publication.

Without a publication date, relative periods keep their words with open dates. A figure
takes the period nearest to it in its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimledger import datafiles
from claimledger.extract.config import language
from claimledger.extract.extensions import FIGURES_KEY, PERIODS_KEY, register
from claimledger.model import Period

Resolver = Callable[[re.Match[str], date | None], Period | None]


def _month_end(year: int, month: int) -> date:
    return (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)


def _latest_year(month: int, published: date) -> int:
    return published.year if month <= published.month else published.year - 1


@dataclass(frozen=True)
class _Rules:
    months: tuple[tuple[re.Pattern[str], int], ...]
    count_words: dict[str, int]
    patterns: tuple[tuple[re.Pattern[str], Resolver], ...]
    rates: tuple[tuple[re.Pattern[str], str], ...] = ()
    comparison: re.Pattern[str] = re.compile(r"(?!)")
    abbreviated_year: re.Pattern[str] = re.compile(r"(?!)")
    record: re.Pattern[str] = re.compile(r"(?!)")
    record_words: re.Pattern[str] = re.compile(r"(?!)")


def _month_of(rules: _Rules, word: str) -> int:
    return next(number for pattern, number in rules.months if pattern.fullmatch(word))


@cache
def rules(lang: str, lexicon: str = "periods") -> _Rules:
    data = datafiles.lexicon(lexicon, lang)
    month = "(?P<month>" + "|".join(data["months"]) + ")"
    month_alone = "|".join(data["months"])
    year_word = rf"(?:\s+(?:{data['year_word']}))?" if data["year_word"] else ""
    year = rf"(?:\s+(?P<year>(?:19|20)\d\d){year_word})?"
    base = _Rules(tuple((re.compile(p, re.I), n) for p, n in data["months"].items()), data["count_words"], ())

    def month_period(m: re.Match[str], published: date | None) -> Period:
        number = _month_of(base, m["month"])
        if m["year"]:
            y = int(m["year"])
        elif published is not None:
            y = _latest_year(number, published)
        else:
            return Period(None, None, "total", m[0])
        return Period(date(y, number, 1), _month_end(y, number), "total", m[0])

    def since_month(m: re.Match[str], published: date | None) -> Period:
        number = _month_of(base, m["month"])
        y = int(m["year"]) if m["year"] else (_latest_year(number, published) if published else None)
        return Period(date(y, number, 1) if y else None, published, "cumulative", m[0])

    def since_year(m: re.Match[str], published: date | None) -> Period:
        return Period(date(int(m["year"]), 1, 1), published, "cumulative", m[0])

    def whole_year(m: re.Match[str], published: date | None) -> Period:
        y = int(m["year"])
        return Period(date(y, 1, 1), date(y, 12, 31), "total", m[0])

    def year_to_date(m: re.Match[str], published: date | None) -> Period:
        found = re.search(r"(?:19|20)\d\d", m[0])
        if found:
            y = int(found[0])
            return Period(date(y, 1, 1), published if published and published.year == y else date(y, 12, 31), "total", m[0])
        if published is None:
            return Period(None, None, "total", m[0])
        return Period(date(published.year, 1, 1), published, "total", m[0])

    def first_months(m: re.Match[str], published: date | None) -> Period | None:
        n = int(m["n"]) if m["n"].isdigit() else base.count_words.get(m["n"].lower())
        if n is None or not 1 <= n <= 12:
            return None
        y = int(m["year"]) if m["year"] else (published.year if published else None)
        if y is None:
            return Period(None, None, "total", m[0])
        return Period(date(y, 1, 1), _month_end(y, n), "total", m[0])

    def last_month(m: re.Match[str], published: date | None) -> Period:
        if published is None:
            return Period(None, None, "total", m[0])
        first = (published.replace(day=1) - timedelta(days=1)).replace(day=1)
        return Period(first, _month_end(first.year, first.month), "total", m[0])

    def last_year(m: re.Match[str], published: date | None) -> Period:
        if published is None:
            return Period(None, None, "total", m[0])
        return Period(date(published.year - 1, 1, 1), date(published.year - 1, 12, 31), "total", m[0])

    def month_range(m: re.Match[str], published: date | None) -> Period:
        first, last = _month_of(base, m["month"]), _month_of(base, m["last"])
        if m["year"]:
            y = int(m["year"])
        elif published is not None:
            y = _latest_year(last, published)
        else:
            return Period(None, None, "total", m[0])
        return Period(date(y, first, 1), _month_end(y, last), "total", m[0])

    def day(m: re.Match[str], published: date | None) -> Period | None:
        number = _month_of(base, m["month"])
        y = int(m["year"]) if m["year"] else (_latest_year(number, published) if published else None)
        try:
            when = date(y, number, int(m["day"])) if y else None
        except ValueError:
            return None
        if m["since"]:
            return Period(when, published, "cumulative", m[0])
        return Period(when, when, "total", m[0])

    def until(m: re.Match[str], published: date | None) -> Period:
        number = _month_of(base, m["month"])
        y = int(m["year"]) if m["year"] else (_latest_year(number, published) if published else None)
        return Period(None, _month_end(y, number) if y else None, "cumulative", m[0])

    def month_span(m: re.Match[str], published: date | None) -> Period | None:
        first, last = _month_of(base, m["month"]), _month_of(base, m["last"])
        y = int(m["year"]) if m["year"] else (_latest_year(last, published) if published else None)
        if y is None or first > last:
            return None if y is not None else Period(None, None, "total", m[0])
        return Period(date(y, first, 1), _month_end(y, last), "total", m[0])

    def span(m: re.Match[str], published: date | None) -> Period | None:
        groups = m.groupdict()
        first = _month_of(base, groups["month"]) if groups.get("month") else 1
        last = _month_of(base, groups["last"]) if groups.get("last") else 12
        start_year, end_year = int(m["year"]), int(m["end_year"])
        if (start_year, first) > (end_year, last):
            return None
        # a span across years is a running total ("Від січня 2022 року до серпня 2025-го"); within a year, a total
        aggregation = "cumulative" if start_year != end_year else "total"
        return Period(date(start_year, first, 1), _month_end(end_year, last), aggregation, m[0])

    def part(first: int, last: int) -> Resolver:
        def resolve(m: re.Match[str], published: date | None) -> Period:
            y = int(m["year"]) if m["year"] else (published.year if published else None)
            if y is None:
                return Period(None, None, "total", m[0])
            return Period(date(y, first, 1), _month_end(y, last), "total", m[0])

        return resolve

    def month_to_date(m: re.Match[str], published: date | None) -> Period:
        """"с начала февраля": the first of the month to publication."""
        number = _month_of(base, m["month"])
        y = int(m["year"]) if m["year"] else (_latest_year(number, published) if published else None)
        if y is None:
            return Period(None, None, "total", m[0])
        return Period(date(y, number, 1), published or _month_end(y, number), "total", m[0])

    def day_range(m: re.Match[str], published: date | None) -> Period | None:
        """"с 17 по 24 февраля", "з 25 червня по 27 листопада цього року", "vom 25. bis 28. November"."""
        last = _month_of(base, m["month"])
        first = _month_of(base, m["first"]) if m["first"] else last
        y = int(m["year"]) if m["year"] else (_latest_year(last, published) if published else None)
        if y is None:
            return Period(None, None, "total", m[0])
        try:
            start, end = date(y, first, int(m["day"])), date(y, last, int(m["day2"]))
        except ValueError:
            return None
        return Period(start, end, "total", m[0]) if start <= end else None

    def numeric_dates(m: re.Match[str], published: date | None) -> Period | None:
        """"З 25.06.2025 по 27.11.2025", "am 25.11.2022": written dates, a span or one day."""
        try:
            start = date(int(m["y"]), int(m["m"]), int(m["d"]))
            end = date(int(m["y2"]), int(m["m2"]), int(m["d2"])) if m["d2"] else start
        except ValueError:
            return None
        return Period(start, end, "total", m[0]) if start <= end else None

    def weekday(m: re.Match[str], published: date | None) -> Period | None:
        """"am Donnerstag", "в четверг": the latest such day on or before publication."""
        if published is None:
            return Period(None, None, "total", m[0])
        number = next(n for pattern, n in weekdays if pattern.fullmatch(m["weekday"]))
        day = published - timedelta(days=(published.weekday() - number) % 7)
        return Period(day, day, "total", m[0])

    def next_year(m: re.Match[str], published: date | None) -> Period:
        if published is None:
            return Period(None, None, "total", m[0])
        return Period(date(published.year + 1, 1, 1), date(published.year + 1, 12, 31), "total", m[0])

    def one_day(m: re.Match[str], published: date | None) -> Period:
        return Period(published, published, "total", m[0])

    def all_time(m: re.Match[str], published: date | None) -> Period:
        return Period(None, published, "cumulative", m[0])

    def event(start: str) -> Resolver:
        return lambda m, published: Period(date.fromisoformat(start), published, "cumulative", m[0])

    def word(pattern: str) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.I)

    weekdays = tuple((re.compile(p, re.I), n) for p, n in data["weekdays"].items())
    weekday_alone = "|".join(data["weekdays"])
    numeric = r"(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)"
    numeric_end = r"(?P<d2>[0-3]?\d)\.(?P<m2>[01]?\d)\.(?P<y2>(?:19|20)\d\d)"
    patterns: list[tuple[re.Pattern[str], Resolver]] = [(word(p), event(d)) for p, d in data["events"].items()]
    patterns += [
        (word(rf"(?:{data['range_from']})\s+{numeric}\s+(?:{data['range_to']})\s+{numeric_end}"), numeric_dates),
        (word(rf"(?:(?:{data['on_day']})\s+)?{numeric}(?P<d2>(?!))?(?P<m2>(?!))?(?P<y2>(?!))?"), numeric_dates),
        (
            word(
                rf"(?:{data['range_from']})\s+(?P<day>[0-3]?\d)\.?\s+(?:(?P<first>{month_alone})\s+)?"
                rf"(?:{data['range_to']})\s+(?P<day2>[0-3]?\d)\.?\s+{month}{year}(?:\s+(?:{data['this_year']}))?"
            ),
            day_range,
        ),
        (word(rf"(?:{data['month_to_date']})\s+{month}{year}"), month_to_date),
        (word(rf"(?:{data['on_day']})\s+(?P<weekday>{weekday_alone})"), weekday),
        (word(data["next_year"]), next_year),
    ]
    end_year_word = (rf"(?:\s+(?:{data['year_word']}))?" if data["year_word"] else "") + r"(?:-го|-м|-му)?"
    patterns += [
        (
            word(
                rf"(?:{data['range_from']})\s+(?:{month}\s+)?(?P<year>(?:19|20)\d\d){year_word}\s+(?:{data['range_to']})"
                rf"\s+(?:(?P<last>{month_alone})\s+)?(?P<end_year>(?:19|20)\d\d){end_year_word}"
            ),
            span,
        ),
        (
            word(rf"(?:{data['range_from']})\s+{month}\s+(?:{data['range_to']})\s+(?P<last>{month_alone}){year}"),
            month_span,
        ),
        (word(data["year_range"]), span),
        (word(rf"(?:{data['until']})\s+{month}{year}"), until),
        *((word(f"(?:{pattern}){year}"), part(first, last)) for pattern, (first, last) in data["parts"].items()),
        (word(data["year_to_date"]), year_to_date),
        (word(data["one_day"]), one_day),
        (word(data["all_time"]), all_time),
        (word(f"(?:{data['first_months']}){year}"), first_months),
        (word(rf"(?:{data['since']})\s+{month}{year}"), since_month),
        (word(rf"(?:{data['since']})\s+(?P<year>(?:19|20)\d\d){year_word}"), since_year),
        (word(data["whole_year"]), whole_year),
        # a year that opens a sentence before its verb: "2023 wurden 24.000 Verfahren eingeleitet"
        (re.compile(r"(?:^|(?<=[\n.!?;] ))(?P<year>(?:19|20)\d\d)(?=,?\s+[^\W\d_]+\s)", re.M), whole_year),
        # a year right before its figure in a list: "2022 6.641 Verfahren und 2023 17.658"
        (re.compile(r"(?<=\s)(?<![\d.,]\s)(?P<year>(?:19|20)\d\d)(?=[ \u00a0]+\d)"), whole_year),
        # a month that heads a list item: "Август – 15 470."
        (re.compile(rf"(?:^|(?<=[\n.!?] )){month}{year}(?=\s*[-–—:]\s*\d)", re.M | re.I), month_period),
        (word(rf"(?:(?:{data['in']})\s+)?{month}\s*[-–‒—]\s*(?P<last>{month_alone}){year}"), month_range),
        (word(rf"(?P<since>(?:{data['since']})\s+)?(?P<day>[0-3]?\d)\.?\s+{month}{year}"), day),
        (word(rf"(?:{data['in']})\s+{month}{year}"), month_period),
        (word(data["last_month"]), last_month),
        (word(data["last_year"]), last_year),
    ]
    rates = tuple((re.compile(rf"(?<!\w)(?:{p})(?!\w)", re.I), a) for p, a in data["rates"].items())
    comparison = re.compile(rf"(?<!\w)(?:{data['comparison']})\s*$", re.I)
    record = re.compile(rf"(?<!\w)(?:{data['record']})\s*(?=(?:{data['since']})\s)", re.I)
    # a sentence cut after a year's abbreviation: "у 2022 р." / "в 2024 г." (a whole word in the data's year words)
    abbreviations = [w for w in data["year_word"].split("|") if w.endswith("\\.")]
    abbreviated_year = re.compile(rf"(?:19|20)\d\d\s+(?:{'|'.join(abbreviations) or '(?!)'})\s*$")
    record_words = re.compile(rf"(?<!\w)(?:{data['record']})", re.I)
    return _Rules(base.months, base.count_words, tuple(patterns), rates, comparison, abbreviated_year, record, record_words)


def find_periods(text: str, lang: str, published: date | None, lexicon: str = "periods") -> list[tuple[int, int, Period]]:
    """(start, end, period) of every period in ``text``, earlier patterns first where they overlap."""
    found: list[tuple[int, int, Period]] = []
    for pattern, resolve in rules(lang, lexicon).patterns:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e, _ in found):
                continue
            period = resolve(match, published)
            if period is not None:
                found.append((match.start(), match.end(), period))
    return sorted(found, key=lambda item: item[0])


_CLAUSE_MARKS = re.compile(r"[,;:()—–]|\s-\s")


_DASHES = frozenset("-–—‒")


def _choose(
    text: str, figure: tuple[int, int], periods: list[tuple[int, int, Period]], carried: Period | None = None
) -> Period | None:
    """The period of the figure's clause (nearest), else the nearest one before it in the sentence, else the
    period the text goes on about (``carried``), else one after it in a later clause.

    "В феврале 2014 года индекс составлял 100,7%, с начала 2014 года — 101,3%": each figure takes its own
    clause's period; "1,9% – у вересні": a dash between a figure and its period joins them; "У середньому
    щомісяця починали 7 тисяч проваджень, а в період із травня по серпень – понад 8 тисяч": the later
    clause's period is the later figure's.
    """
    def same_clause(p: tuple[int, int, Period]) -> bool:
        low, high = (p[1], figure[0]) if p[1] <= figure[0] else (figure[1], p[0])
        if low > high:
            return True
        return text[low:high].strip() in _DASHES or not _CLAUSE_MARKS.search(text, low, high)

    def distance(p: tuple[int, int, Period]) -> int:
        return max(0, figure[0] - p[1], p[0] - figure[1])

    for candidates in ([p for p in periods if same_clause(p)], [p for p in periods if p[1] <= figure[0]]):
        if candidates:
            return min(candidates, key=distance)[2]
    if carried is not None:
        return carried
    return min(periods, key=distance)[2] if periods else None


def _window(figure: Span, lang: str, lexicon: str) -> tuple[int, int]:
    """Where the figure's periods may stand: its sentence within its paragraph, joined to the sentence before
    when the sentencizer cut after a year's abbreviation ("Інфляція у 2022 р. становила 26,6%")."""
    doc, text = figure.doc, figure.doc.text
    sentence = figure.sent
    paragraph_start = text.rfind("\n", 0, figure.start_char) + 1
    paragraph_end = text.find("\n", figure.end_char)
    start = sentence.start_char
    while sentence.start > 0 and rules(lang, lexicon).abbreviated_year.search(text, max(0, start - _YEAR_REACH), start):
        sentence = doc[sentence.start - 1].sent
        start = sentence.start_char
    return max(start, paragraph_start), min(figure.sent.end_char, paragraph_end if paragraph_end >= 0 else len(text))


_YEAR_REACH = 16
"""Characters before a sentence that may hold "2022 р. "."""


def _compared(text: str, period: tuple[int, int, Period], lang: str, lexicon: str) -> bool:
    """The period is the base of a comparison ("ніж за аналогічний період минулого року") or the span of a record
    ("erstmals seit 2019", "niedrigster Wert seit 2021"), not the figure's."""
    before = max(0, period[0] - _COMPARISON_REACH)
    if rules(lang, lexicon).comparison.search(text, before, period[0]):
        return True
    return any(m.end() == period[0] for m in rules(lang, lexicon).record.finditer(text, before, period[1]))


_COMPARISON_REACH = 60


def _of_a_record_after(text: str, figure: tuple[int, int], period: tuple[int, int, Period], lang: str, lexicon: str) -> bool:
    """The period dates a record named in a later clause ("steigt auf 2 Prozent – nach niedrigstem Wert seit 2021
    im September"): it is when the earlier low stood, not the figure's. One before the figure or in its own
    clause ("fiel im September auf den tiefsten Stand seit 2021: 1,6 Prozent") is left to the usual choice."""
    if period[0] < figure[1]:
        return False
    marks = list(_CLAUSE_MARKS.finditer(text, figure[1], period[0]))
    return bool(marks) and rules(lang, lexicon).record_words.search(text, marks[-1].end(), period[0]) is not None


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_CARRY_PARAGRAPHS = 2


def _near(text: str, start: int, end: int) -> bool:
    """At most two paragraph breaks on, with no blank line between: how far a period named once carries.
    News paragraphs are often one sentence ("Про це повідомляє РБК-Україна." between the night named and the
    toll); a blank line ends a section."""
    return text.count("\n", start, end) <= _CARRY_PARAGRAPHS and not _BLANK_LINE.search(text, start, end)


def _with_rate(
    text: str, figure: tuple[int, int], sentence: Span, period: Period | None, lang: str, lexicon: str
) -> Period | None:
    """A frequency word in the figure's clause ("щомісяця відкривають 4,5 тисячі") makes it a rate per month, day, …"""
    low, high = sentence.start_char, sentence.end_char
    for mark in _CLAUSE_MARKS.finditer(text, low, high):
        if mark.end() <= figure[0]:
            low = mark.end()
        elif mark.start() >= figure[1]:
            high = mark.start()
            break
    for pattern, aggregation in rules(lang, lexicon).rates:
        found = pattern.search(text, low, high)
        if found:
            if period is None:
                return Period(None, None, aggregation, found.group())  # type: ignore[arg-type]
            return Period(period.start, period.end, aggregation, period.text)  # type: ignore[arg-type]
    return period


class PeriodsIntl:
    """Writes ``doc.spans["cl_periods"]`` and sets ``span._.cl_period`` on each figure span."""

    def __init__(self, lang: str, lexicon: str = "periods") -> None:
        register()
        self.lang, self.lexicon = lang, lexicon
        rules(lang, lexicon)

    def __call__(self, doc: Doc) -> Doc:
        found = find_periods(doc.text, self.lang, doc._.cl_published, self.lexicon)
        spans = []
        for start, end, period in found:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                span._.cl_period = period
                spans.append(span)
        doc.spans[PERIODS_KEY] = spans
        previous = None
        for figure in doc.spans.get(FIGURES_KEY, []):
            sentence = figure.sent
            low, high = _window(figure, self.lang, self.lexicon)
            inside = [
                p
                for p in found
                if low <= p[0] and p[1] <= high and not _compared(doc.text, p, self.lang, self.lexicon)
                and not _of_a_record_after(doc.text, (figure.start_char, figure.end_char), p, self.lang, self.lexicon)
            ]
            period = _choose(doc.text, (figure.start_char, figure.end_char), inside, self._carried(doc, found, previous, low))
            figure._.cl_period = _with_rate(
                doc.text, (figure.start_char, figure.end_char), sentence, period, self.lang, self.lexicon
            )
            previous = figure
        self._headline_takes_the_ledes(doc, found)
        return doc

    def _headline_takes_the_ledes(self, doc: Doc, found: list[tuple[int, int, Period]]) -> None:
        """A headline names no period of its own ("Правоохоронці закрили понад 4500 проваджень"): its figures are
        the lede's, so they take the first period the next paragraph names."""
        text = doc.text
        headline_end = text.find("\n")
        if headline_end < 0:
            return
        lede_end = text.find("\n", headline_end + 1)
        lede = [p for p in found if headline_end < p[0] and (lede_end < 0 or p[1] <= lede_end) and not _compared(text, p, self.lang, self.lexicon)]
        if not lede or text[headline_end:lede[0][0]].count("\n") > 1:
            return
        for figure in doc.spans.get(FIGURES_KEY, []):
            if figure.end_char <= headline_end and figure._.cl_period is None:
                figure._.cl_period = lede[0][2]

    def _carried(self, doc: Doc, found: list[tuple[int, int, Period]], previous: Span | None, low: int) -> Period | None:
        """The period the text goes on about: the last one named since the previous figure, outside any figure's
        sentence ("За 10 місяців 2025 року поліцією зареєстровано:" heads a list), else the previous figure's; in
        the same paragraph or the next."""
        since = previous.end_char if previous is not None else 0
        named = [p for p in found if since <= p[0] and p[1] <= low and not _compared(doc.text, p, self.lang, self.lexicon)]
        if named and _near(doc.text, named[-1][1], low):
            return named[-1][2]
        if previous is not None and _near(doc.text, previous.end_char, low):
            return previous._.cl_period
        return None


@Language.factory(
    "claimledger_periods_intl",
    assigns=["doc.spans", "span._.cl_period"],
    requires=["doc.sents", "span._.cl_figure"],
    default_config={"lang": None, "lexicon": "periods"},
)
def make_periods_intl(nlp: Language, name: str, lang: str | None, lexicon: str) -> PeriodsIntl:
    return PeriodsIntl(language(nlp, lang), lexicon)
