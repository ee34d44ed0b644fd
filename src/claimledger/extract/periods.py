"""claimledger_periods: the time each figure covers, and how it is aggregated.

Period expressions are found with a small regular grammar over the text, not
with the NER's DATE entities: the small model mislabels exactly the phrases that
matter here ("year-to-date", "each month", "H1 2024"), and tests can then run on
``spacy.blank("en")``. The words of the grammar live in
``data/periods_words.json``; the shapes (range, since, first N months …) are here.

Relative expressions are resolved against ``Doc._.cl_published``; without it
they keep their words and leave ``start``/``end`` as None, because guessing a
year would turn a vague claim into a false precise one.

Rules worth knowing (each has a test):

- ``in October`` is the latest October on or before publication.
- A year-to-date total ends at publication, except in a sentence that names a
  month (``21,600 in October alone, bringing the year-to-date total to
  180,000``): the running total is then reported after that month, so it ends
  at that month's end.
- ``since …`` is cumulative from its date to publication (open without a publication
  date; docs/ledger-format.md, shared with periods_intl.py); ``each month`` and its kin give a
  rate (``per_month``) and combine with dates in the same clause.
- A figure takes the period of its own clause or of a clause governing it (with
  the parser), else of its comma segment (without it). With no period in its
  sentence, it inherits the one period of the previous sentence only when that
  sentence speaks of the same measure (``losses in October`` → ``tens of
  thousands of casualties``). A figure that is the object of a present perfect
  (``a war that has claimed hundreds of thousands of lives``) is a running total:
  cumulative to publication, its start unknown.
- Aggregation follows from the figure and its period (docs/ledger-format.md): a toll to a day
  is cumulative to that day; a percent with a rate word is a total over what it compares; an
  undated change is a total; an undated count of deaths, injuries or damage is the toll so far.
- A day on a verb of reporting dates the report, not its figures; a date on the event a figure
  counts ("seats in the elections held on Sunday") or at the end of coordinated verbs dates it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimledger import datafiles
from claimledger.extract import measures
from claimledger.extract.config import english_with_packaged_lexicon
from claimledger.extract.extensions import FIGURES_KEY, PERIODS_KEY, doc_text, register
from claimledger.model import Inherited, Period

RATE_KINDS = ("per_day", "per_week", "per_month", "per_year")
CUE_KINDS = frozenset((*RATE_KINDS, "total", "cumulative"))
_UNKNOWN = Period(None, None, "unknown", None)
_VERB_POS = ("VERB", "AUX")
_NOT_CLAUSE_DEPS = ("amod", "aux", "auxpass", "compound")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass")
_SEGMENT_BREAK = re.compile(r"[,;:](?=\s)|[()\u2014]|\s[-\u2013]\s")
_INHERIT_DISTANCE = 3
_WINDOW_MARGIN = 100
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class _Found:
    """A period expression: its span, the grammar rule that found it, its value."""

    span: Span
    kind: str
    period: Period


# --- the grammar ----------------------------------------------------------


def _words() -> dict[str, Any]:
    return datafiles.load("periods_words")


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so ``Sept`` wins over ``Sep``; spaces match any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _ci(words: Iterable[str]) -> str:
    return f"(?i:{_alt(words)})"


@cache
def _grammar() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The rules in priority order (an earlier rule wins a tie on length).

    Month names are case-sensitive (``may`` the verb is not ``May``); the
    function words around them are not.
    """
    w = _words()
    s = r"\s+"

    def month(g: str) -> str:
        return rf"\b(?P<{g}>{_alt(w['months'])})\b(?:\.(?=\s+\d))?"

    def year(g: str) -> str:
        return rf"(?<![\d,.])(?P<{g}>(?:19|20)\d\d)\b"

    def day(g: str) -> str:
        return rf"(?<![\d,.])(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?\b(?![,.]\d)"

    count = rf"(?P<n>\b{_ci(w['counts'])}\b|\d{{1,2}})"
    the_year = rf"(?:{year('year')}|(?P<this>(?i:the|this)){s}(?i:year))"
    parts = _ci([*w["halves"], *w["quarters"]])
    since = rf"\b(?i:(?:in{s}total{s})?since){s}(?:(?i:the{s}(?:start|beginning){s}of){s})?"
    rules: list[tuple[str, str]] = [
        ("day_range", rf"\b(?i:from|between){s}(?:{day('a1')}{s})?{month('m1')}(?:{s}{day('a2')})?,?(?:{s}{year('y1')})?{s}"
                      rf"(?i:to|and|through|until|till){s}(?:{day('b1')}{s})?{month('m2')}(?:{s}{day('b2')})?,?(?:{s}{year('y2')})?"),
        ("same_period", rf"\b(?:(?i:in|during|over|for){s})?(?i:the){s}(?i:same){s}(?i:period|month|quarter|week|time|months|half)"
                        rf"(?:{s}(?i:of))?{s}(?:(?i:last){s}(?i:year)|(?i:a){s}(?i:year){s}(?i:earlier|ago|before)"
                        rf"|(?i:the){s}(?i:previous|prior){s}(?i:year)|{year('year')})"),
        ("same_period", rf"\b(?i:in|during|over|for){s}(?i:the){s}(?i:same){s}(?i:period)\b"),
        ("relative_day", rf"\b(?P<rel>(?i:yesterday|today|last{s}night)|(?i:on|last){s}(?:{_alt(w['weekdays'])}))\b"),
        ("until_day", rf"\b(?i:by|as{s}of|through|until|till){s}(?:(?i:late|early){s})?(?P<rel>{_alt(w['weekdays'])})\b"
                      rf"(?:{s}(?i:night|morning|evening|afternoon)\b)?"),
        ("same_day_earlier", rf"\b(?:(?i:at|by){s})?(?i:this|the{s}same){s}(?i:time|point|stage|date){s}"
                             rf"(?:(?i:last{s}year|a{s}year{s}(?:ago|earlier))|(?i:in){s}{year('year')})"),
        ("month_range", rf"\b(?i:from|between){s}{month('m1')}(?:{s}{year('y1')})?{s}"
                        rf"(?i:to|and|through|until|till){s}{month('m2')}(?:{s}{year('y2')})?"),
        ("month_range", rf"{month('m1')}(?:{s}{year('y1')})?\s*[-\u2013\u2014]\s*{month('m2')}(?:{s}{year('y2')})?"),
        ("year_month_range", rf"\b(?i:from|between){s}{year('y1')}{s}(?i:to|and|through|until|till){s}"
                             rf"(?:(?i:the{s}end{s}of){s})?{month('m2')},?{s}{year('y2')}"),
        ("year_range", rf"\b(?i:from|between){s}{year('y1')}{s}(?i:to|and|through|until){s}{year('y2')}"),
        ("year_range", rf"{year('y1')}\s*[-\u2013]\s*{year('y2')}"),
        ("first_months", rf"(?:\b(?i:in|during|over){s})?(?:\b(?i:the){s})?\b(?i:first){s}{count}{s}"
                         rf"(?i:months?){s}(?i:of){s}{the_year}"),
        ("part_of_year", rf"(?:\b(?i:in|during){s})?(?:\b(?i:the){s})?\b(?P<part>{parts}){s}(?i:of){s}{the_year}"),
        ("part_of_year", rf"\b(?P<part>(?i:h[12]|q[1-4])){s}{year('year')}"),
        ("year_to_date", rf"\b{_ci(w['year_to_date'])}\b"),
        ("open_start", rf"\b(?i:(?:in{s}total{s})?){_ci(w['open_starts'])}\b"),
        ("since", rf"{since}(?:{day('d1')}{s})?{month('month')}(?:{s}{day('d2')},?)?(?:{s}{year('year')})?"),
        ("since", rf"{since}{year('year')}"),
        ("until", rf"\b(?i:by|as{s}of|through|until|till|up{s}to){s}(?:(?i:the{s}end{s}of){s})?"
                  rf"(?:{month('month')}{s})?{year('year')}"),
        ("until_month", rf"\b(?i:as{s}of|until|till|up{s}to|through|by){s}(?:(?i:the{s}end{s}of){s})?{month('month')}"
                        rf"(?:{s}{day('d2')}\b(?!,\d),?)?"),
        ("quarter_ended", rf"\b(?i:(?:fiscal{s}|financial{s})?(?:(?:first|second|third|fourth){s}(?:fiscal{s})?)?"
                          rf"(?:quarter|three{s}months|period|half|year)"
                          rf"(?:{s}that)?{s}(?:ended|ending|to)(?:{s}on)?){s}"
                          rf"(?:{day('d1')}{s})?{month('month')}(?:{s}{day('d2')})?(?:,?{s}{year('year')})?"),
        ("months_to", rf"\b(?i:in|during|over)?\s*(?i:the){s}(?P<n>12|twelve|three|six|nine|3|6|9){s}(?i:months){s}"
                      rf"(?i:to|through|ended|ending){s}(?:(?i:the{s}end{s}of){s})?{month('month')}(?:{s}{year('year')})?"),
        ("bare_quarter", rf"\b(?P<part>{_ci(w['bare_quarters'])})(?=[\s-]+(?i:quarter|quarterly|half)?)"),
        ("full_scale", rf"\b{_ci(w['dated_starts'])}\b"),
        ("rolling", rf"(?:\b(?i:over|in|during|within){s})?\b(?i:the){s}(?i:past|last){s}(?:{count}{s})?"
                    rf"(?P<unit>(?i:hours?|days?|weeks?|months?|years?))\b"),
        ("calendar", rf"\b(?P<which>(?i:last|previous|this|current)){s}(?P<unit>(?i:week|month|year))\b"),
        ("month", rf"(?:\b(?P<prep>{_ci(w['month_prepositions'])}){s})?(?:\b(?i:early|mid|late)[\s-]*)?"
                  rf"(?:{day('d1')}{s})?{month('month')}(?:{s}{day('d2')},?)?(?:{s}{year('year')})?"
                  rf"(?:{s}(?i:alone)\b)?"),
        ("year", rf"\b(?i:in|during|for|throughout|over|of)(?:{s}(?i:all{s}of|the{s}whole{s}of))?{s}"
                 rf"{year('year')}(?:{s}(?i:alone)\b)?"),
        *((kind, rf"\b{_ci(cues)}\b") for kind, cues in w["rates"].items()),
        ("cumulative", rf"\b{_ci(w['cumulatives'])}\b"),
        ("total", rf"\b{_ci(w['totals'])}\b"),
    ]
    return tuple((kind, re.compile(pattern)) for kind, pattern in rules)


# --- dates ----------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _latest_year(month: int, published: date) -> int:
    """The year of the latest ``month`` on or before publication."""
    return published.year if month <= published.month else published.year - 1


def _months_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _number(word: str | None) -> int:
    if word is None:
        return 1
    return int(word) if word.isdigit() else _words()["counts"][word.lower()]


def _month_number(name: str) -> int:
    return _words()["months"][name]


# --- one resolver per rule: (match, text, published) -> Period | None (None = not a period)

Resolver = Callable[[re.Match[str], date | None], Period | None]


def _month_is_date(m: re.Match[str]) -> bool:
    """Keep ``in May`` and ``October 2025``; drop ``officials May …``, ``the October Revolution``."""
    if m["year"] or m["d1"] or m["d2"]:
        return True
    if m["prep"]:
        return True
    before = m.string[: m.start()].rstrip().rsplit(None, 1)
    if m["month"] in _words()["ambiguous_months"] or (before and before[-1].lower() == "the"):
        return False
    following = m.string[m.end():].lstrip()[:1]
    return not following.isupper()


def _resolve_month(m: re.Match[str], published: date | None) -> Period | None:
    if not _month_is_date(m) or (m["prep"] or "").lower() == "since" and _after_a_superlative(m):
        return None
    month = _month_number(m["month"])
    if m["year"]:
        year = int(m["year"])
    elif published is None:
        return Period(None, None, "total", m[0])
    else:
        year = _latest_year(month, published)
        if (m["prep"] or "").lower() == "last" and month == published.month:
            year -= 1
    day = m["d1"] or m["d2"]
    if day:
        try:
            single = date(year, month, int(day))
        except ValueError:
            return None
        return Period(single, single, "total", m[0])
    return Period(date(year, month, 1), _month_end(year, month), "total", m[0])


def _resolve_day_range(m: re.Match[str], published: date | None) -> Period | None:
    """``from September 5, 2019 to July 31, 2020``: both ends to the day (a month range without days
    is the month_range rule's)."""
    first_day, last_day = m["a1"] or m["a2"], m["b1"] or m["b2"]
    if not (first_day and last_day):
        return None
    first, last = _month_number(m["m1"]), _month_number(m["m2"])
    if m["y2"]:
        end_year = int(m["y2"])
    elif published is not None:
        end_year = _latest_year(last, published)
    else:
        return Period(None, None, "total", m[0])
    start_year = int(m["y1"]) if m["y1"] else end_year - ((first, int(first_day)) > (last, int(last_day)))
    try:
        start, end = date(start_year, first, int(first_day)), date(end_year, last, int(last_day))
    except ValueError:
        return None
    return Period(start, end, "total", m[0]) if start <= end else None


def _resolve_same_period(m: re.Match[str], published: date | None) -> Period | None:
    """``the same period last year``: undated here; ``_same_period_a_year_back`` dates it from the period it repeats."""
    return Period(None, None, "total", m[0])


def _resolve_relative_day(m: re.Match[str], published: date | None) -> Period | None:
    """``yesterday``, ``today``, ``on Tuesday`` (the latest Tuesday before publication; on the day itself,
    that day): one day."""
    if published is None:
        return Period(None, None, "total", m[0])
    words = m["rel"].lower().split()
    days_back = _words()["days_back"]
    named = next((phrase for phrase in (" ".join(words), words[0]) if phrase in days_back), None)
    if named is not None:
        day = published - timedelta(days=days_back[named])
    else:
        weekday = _words()["weekdays"][m["rel"].split()[-1].capitalize()]
        back = (published.weekday() - weekday) % 7
        if words[0] == "last" and back == 0:
            back = 7
        day = published - timedelta(days=back)
    return Period(day, day, "total", m[0])


def _resolve_until_day(m: re.Match[str], published: date | None) -> Period | None:
    """``by late Sunday night``, ``as of Tuesday``: a running total to that day (the latest such day)."""
    day = _resolve_relative_day(m, published)
    return Period(None, day.end, "cumulative", m[0]) if day is not None else None


def _resolve_same_day_earlier(m: re.Match[str], published: date | None) -> Period | None:
    """``this time last year``, ``at this stage in 2022``: the running total of that year up to the
    publication's day of the year (channel crossings, year-to-date tolls compared year on year)."""
    if published is None:
        return Period(None, None, "cumulative", m[0])
    year = int(m["year"]) if m["year"] else published.year - 1
    if year >= published.year:
        return None
    return Period(date(year, 1, 1), _shift_years(published, published.year - year), "cumulative", m[0])


def _resolve_month_range(m: re.Match[str], published: date | None) -> Period | None:
    first, last = _month_number(m["m1"]), _month_number(m["m2"])
    if m["y2"]:
        end_year = int(m["y2"])
    elif m["y1"]:
        end_year = int(m["y1"]) + (last < first)
    elif published is not None:
        end_year = _latest_year(last, published)
    else:
        return Period(None, None, "total", m[0])
    start_year = int(m["y1"]) if m["y1"] else end_year - (first > last)
    return Period(date(start_year, first, 1), _month_end(end_year, last), "total", m[0])


def _resolve_year_month_range(m: re.Match[str], published: date | None) -> Period | None:
    """``from 2022 to July 2025``: the first year's January to the end of the named month."""
    first, last = int(m["y1"]), int(m["y2"])
    if last < first:
        return None
    return Period(date(first, 1, 1), _month_end(last, _month_number(m["m2"])), "total", m[0])


def _resolve_year_range(m: re.Match[str], published: date | None) -> Period | None:
    first, last = int(m["y1"]), int(m["y2"])
    if last <= first:
        return None
    return Period(date(first, 1, 1), date(last, 12, 31), "total", m[0])


def _the_year(m: re.Match[str], published: date | None) -> int | None:
    if m["year"]:
        return int(m["year"])
    return published.year if published is not None else None


def _resolve_first_months(m: re.Match[str], published: date | None) -> Period | None:
    months = _number(m["n"])
    if not 1 <= months <= 12:
        return None
    year = _the_year(m, published)
    if year is None:
        return Period(None, None, "total", m[0])
    return Period(date(year, 1, 1), _month_end(year, months), "total", m[0])


def _resolve_part_of_year(m: re.Match[str], published: date | None) -> Period | None:
    words = _words()
    part = " ".join(m["part"].lower().split())
    first, last = (words["halves"] | words["quarters"])[part]
    year = _the_year(m, published)
    if year is None:
        return Period(None, None, "total", m[0])
    return Period(date(year, first, 1), _month_end(year, last), "total", m[0])


def _resolve_year_to_date(m: re.Match[str], published: date | None) -> Period | None:
    if published is None:
        return Period(None, None, "total", m[0])
    return Period(date(published.year, 1, 1), published, "total", m[0])


def _resolve_open_start(m: re.Match[str], published: date | None) -> Period | None:
    return Period(None, published, "cumulative", m[0])


def _after_a_superlative(m: re.Match[str]) -> bool:
    """``the lowest since July 1975``, ``highest level since 2014``: a record, not a running total."""
    before = re.findall(r"[\w-]+", m.string[max(0, m.start() - 40) : m.start()].lower())[-3:]
    return any(w.endswith("est") or w in _words()["superlatives"] for w in before)


def _resolve_since(m: re.Match[str], published: date | None) -> Period | None:
    """``since February 2022``: a running total from that day to publication (the ledger's convention
    for a "since" without an end, shared with periods_intl.py; open when the date is unknown)."""
    if _after_a_superlative(m):
        return None
    if m.groupdict().get("month") is None:
        return _since(date(int(m["year"]), 1, 1), published, m[0])
    month = _month_number(m["month"])
    year = _year_of(m, month, published)
    if year is None:
        return Period(None, None, "cumulative", m[0])
    try:
        start = date(year, month, int(m["d1"] or m["d2"] or 1))
    except ValueError:
        return None
    return _since(start, published, m[0])


def _since(start: date, published: date | None, text: str) -> Period:
    """A running total from ``start`` to publication; a start after publication is no such total."""
    if published is not None and start > published:
        return Period(start, None, "cumulative", text)
    return Period(start, published, "cumulative", text)


def _year_of(m: re.Match[str], month: int, published: date | None) -> int | None:
    """The year written with the month, else the latest such month by publication (None: no date to go by)."""
    if m["year"]:
        return int(m["year"])
    return _latest_year(month, published) if published is not None else None


def _resolve_until(m: re.Match[str], published: date | None) -> Period | None:
    year = int(m["year"])
    end = _month_end(year, _month_number(m["month"])) if m["month"] else date(year, 12, 31)
    return Period(None, end, "cumulative", m[0])


def _resolve_until_month(m: re.Match[str], published: date | None) -> Period | None:
    """``as of July``, ``till October``: a running total to the end of that month (or that day)."""
    month = _month_number(m["month"])
    if published is None:
        return Period(None, None, "cumulative", m[0])
    year = _latest_year(month, published)
    if m["d2"]:
        try:
            return Period(None, date(year, month, int(m["d2"])), "cumulative", m[0])
        except ValueError:
            return None
    return Period(None, _month_end(year, month), "cumulative", m[0])


def _resolve_quarter_ended(m: re.Match[str], published: date | None) -> Period | None:
    """``the quarter that ended on March 29``: a fiscal quarter (three months back from that day), not the year's."""
    month = _month_number(m["month"])
    year = _year_of(m, month, published)
    if year is None:
        return Period(None, None, "total", m[0])
    day = m["d1"] or m["d2"]
    try:
        end = date(year, month, int(day)) if day else _month_end(year, month)
    except ValueError:
        return None
    words = m[0].lower()
    months = 12 if "year" in words else 6 if "half" in words else 3
    if end == _month_end(end.year, end.month):  # "ended June 30": April 1 - June 30
        return Period(_months_back(end.replace(day=1), months - 1), end, "total", m[0])
    return Period(_months_back(end, months) + timedelta(days=1), end, "total", m[0])


def _resolve_months_to(m: re.Match[str], published: date | None) -> Period | None:
    """``in the 12 months to March``: the months ending with that month (a year-on-year figure)."""
    months = _number(m["n"]) if not m["n"].isdigit() else int(m["n"])
    month = _month_number(m["month"])
    year = _year_of(m, month, published)
    if year is None:
        return Period(None, None, "total", m[0])
    end = _month_end(year, month)
    return Period(_months_back(end.replace(day=1), months - 1), end, "total", m[0])


def _resolve_bare_quarter(m: re.Match[str], published: date | None) -> Period | None:
    """``fourth-quarter earnings`` with no year: the latest such quarter that ended by publication."""
    if published is None:
        return Period(None, None, "total", m[0])
    words = _words()
    first, last = (words["halves"] | words["quarters"])[" ".join(m["part"].lower().split())]
    year = published.year if _month_end(published.year, last) <= published else published.year - 1
    return Period(date(year, first, 1), _month_end(year, last), "total", m[0])


def _resolve_dated_start(m: re.Match[str], published: date | None) -> Period | None:
    """``since the start of the full-scale invasion``: a running total from the date the words name."""
    start = date.fromisoformat(_dated_starts()[" ".join(m[0].lower().split())])
    return _since(start, published, m[0])


@cache
def _dated_starts() -> dict[str, str]:
    return {" ".join(k.lower().split()): v for k, v in _words()["dated_starts"].items()}


def _resolve_rolling(m: re.Match[str], published: date | None) -> Period | None:
    if published is None:
        return Period(None, None, "total", m[0])
    count, unit = _number(m["n"]), m["unit"].lower().rstrip("s")
    if unit == "hour":  # "in the past 24 hours": from the day before publication
        start = published - timedelta(days=max(1, -(-count // 24)))
    elif unit == "day":
        start = published - timedelta(days=count - 1)
    elif unit == "week":
        start = published - timedelta(weeks=count) + timedelta(days=1)
    else:
        start = _months_back(published, count * (12 if unit == "year" else 1)) + timedelta(days=1)
    return Period(start, published, "total", m[0])


def _resolve_calendar(m: re.Match[str], published: date | None) -> Period | None:
    if published is None:
        return Period(None, None, "total", m[0])
    previous, unit = m["which"].lower() in _words()["previous_words"], m["unit"].lower()
    if unit == "year":
        if previous:
            return Period(date(published.year - 1, 1, 1), date(published.year - 1, 12, 31), "total", m[0])
        return Period(date(published.year, 1, 1), published, "total", m[0])
    if unit == "month":
        if previous:
            last = published.replace(day=1) - timedelta(days=1)
            return Period(last.replace(day=1), last, "total", m[0])
        return Period(published.replace(day=1), published, "total", m[0])
    monday = published - timedelta(days=published.weekday())
    if previous:
        return Period(monday - timedelta(weeks=1), monday - timedelta(days=1), "total", m[0])
    return Period(monday, published, "total", m[0])


def _resolve_year(m: re.Match[str], published: date | None) -> Period | None:
    year = int(m["year"])
    return Period(date(year, 1, 1), date(year, 12, 31), "total", m[0])


def _rate_is_rate(m: re.Match[str]) -> bool:
    """``a year`` is a rate in ``5,000 a year`` but not in ``a year ago`` or ``for a year``."""
    words = _words()
    before = m.string[: m.start()].split()
    after = m.string[m.end():].split()
    if before and before[-1].lower().strip(",") in words["rate_guard_before"]:
        return False
    return not (after and after[0].lower().strip(",.") in words["rate_guard_after"])


def _cue_resolver(kind: str) -> Resolver:
    def resolve(m: re.Match[str], published: date | None) -> Period | None:
        if kind in RATE_KINDS and not _rate_is_rate(m):
            return None
        return Period(None, None, kind, m[0])  # type: ignore[arg-type]

    return resolve


_RESOLVERS: dict[str, Resolver] = {
    "month": _resolve_month,
    "month_range": _resolve_month_range,
    "day_range": _resolve_day_range,
    "same_period": _resolve_same_period,
    "relative_day": _resolve_relative_day,
    "same_day_earlier": _resolve_same_day_earlier,
    "until_day": _resolve_until_day,
    "year_range": _resolve_year_range,
    "year_month_range": _resolve_year_month_range,
    "first_months": _resolve_first_months,
    "part_of_year": _resolve_part_of_year,
    "year_to_date": _resolve_year_to_date,
    "open_start": _resolve_open_start,
    "since": _resolve_since,
    "until": _resolve_until,
    "until_month": _resolve_until_month,
    "quarter_ended": _resolve_quarter_ended,
    "months_to": _resolve_months_to,
    "bare_quarter": _resolve_bare_quarter,
    "full_scale": _resolve_dated_start,
    "rolling": _resolve_rolling,
    "calendar": _resolve_calendar,
    "year": _resolve_year,
    **{kind: _cue_resolver(kind) for kind in CUE_KINDS},
}


@cache
def _triggers() -> frozenset[str]:
    w = _words()
    return frozenset(word.lower() for word in (*w["months"], *w["triggers"]))


def _is_trigger(word: str) -> bool:
    return word.lower() in _triggers() or (len(word) == 4 and word[:2] in ("19", "20") and word.isdigit())


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text near a trigger word, merged: the only places a period can be.

    ``_WINDOW_MARGIN`` exceeds the longest expression, so no match is cut short.
    """
    windows: list[tuple[int, int]] = []
    for m in (m for m in _WORD.finditer(text) if _is_trigger(m[0])):
        start, end = max(0, m.start() - _WINDOW_MARGIN), min(len(text), m.end() + _WINDOW_MARGIN)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _resolve(kind: str, match: re.Match[str], published: date | None) -> Period | None:
    """The period a match names, or None when it falls off the calendar (years 1–9999): "last month" of 0001-01."""
    try:
        return _RESOLVERS[kind](match, published)
    except (OverflowError, ValueError):
        return None


def find_periods(text: str, published: date | None) -> list[tuple[int, int, str, Period]]:
    """Non-overlapping period expressions as (start, end, rule, period), longest first on overlap."""
    candidates: list[tuple[int, int, int, str, Period]] = []
    windows = _windows(text)
    for rank, (kind, pattern) in enumerate(_grammar()):
        for m in (m for start, end in windows for m in pattern.finditer(text, start, end)):
            period = _resolve(kind, m, published)
            if period is not None:
                candidates.append((m.start(), m.end(), rank, kind, period))
    candidates.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken: list[tuple[int, int, str, Period]] = []
    for start, end, _, kind, period in candidates:
        if all(end <= s or start >= e for s, e, _, _ in taken):
            taken.append((start, end, kind, period))
    return sorted(taken, key=lambda t: t[0])


# --- sentences, clauses and distances ---------------------------------------


@dataclass(frozen=True)
class _Context:
    """What every figure's decision reads, computed once per Doc (``Doc.has_annotation`` and
    ``Span.sent`` walk the tokens on every call)."""

    parsed: bool
    sentences: list[Span]
    starts: list[int]
    found: list[_Found]
    figures: list[Span]

    @classmethod
    def of(cls, doc: Doc, found: list[_Found], figures: list[Span]) -> _Context:
        parsed = doc.has_annotation("DEP")
        sentences = list(doc.sents) if parsed or doc.has_annotation("SENT_START") else [doc[:]]
        return cls(parsed, sentences, [s.start for s in sentences], found, figures)

    def sentence(self, span: Span) -> Span:
        return self.sentences[bisect_right(self.starts, span.start) - 1]


def _inside(span: Span, outer: Span) -> bool:
    return outer.start <= span.start and span.end <= outer.end


def _clause_verb(token: Token) -> Token:
    """The nearest verb heading ``token``, or the root of its tree."""
    for t in (token, *token.ancestors):
        if t.pos_ in _VERB_POS and t.dep_ not in _NOT_CLAUSE_DEPS:
            return t
    return next((t for t in token.ancestors if t.head == t), token)


def _tree_distance(a: Token, b: Token) -> int:
    up = {t.i: k for k, t in enumerate((a, *a.ancestors))}
    for k, t in enumerate((b, *b.ancestors)):
        if t.i in up:
            return k + up[t.i]
    return len(a.doc)


def _own_clauses(figure: Span) -> set[int]:
    """The clause(s) stating the figure: a reduced clause on the counted noun
    (``cases opened since …``) if there is one, else the nearest verb."""
    noun = measures.counted_noun(figure)
    reduced = {c.i for c in (noun.children if noun is not None else ()) if c.dep_ in ("acl", "relcl")}
    return reduced or {_clause_verb(figure.root).i}


def _governing(clauses: set[int], doc: Doc) -> set[int]:
    return {a.i for i in clauses for a in doc[i].ancestors if a.pos_ in _VERB_POS}


def _conjoined(clauses: set[int], doc: Doc) -> set[int]:
    """Verbs coordinated after the figure's own (``357 were killed and 1,000 injured in the past 24
    hours``, parsed with "1,000 injured" as a conjoined noun and its participle): a date at the end of
    the coordination covers each of its verbs."""
    verbs: set[int] = set()
    for conj in (c for i in clauses for c in doc[i].children if c.dep_ == "conj"):
        if conj.pos_ in _VERB_POS:
            verbs.add(conj.i)
        else:
            verbs.update(c.i for c in conj.children if c.dep_ == "acl" and c.pos_ in _VERB_POS)
    return verbs


def _segment(doc: Doc, char: int, sentence: Span) -> int:
    # the sentence's text, not doc.text: spaCy rebuilds that from every token on each access
    return len(_SEGMENT_BREAK.findall(sentence.text, 0, char - sentence.start_char))


def _char_distance(a: Span, b: Span) -> int:
    return max(a.start_char - b.end_char, b.start_char - a.end_char, 0)


def _best(figure: Span, found: list[_Found], ctx: _Context, cue: bool) -> _Found | None:
    """The period expression that governs ``figure``; rates and totals only from its own clause.

    Without a parse, a comma segment stands for a clause, and a date in another
    segment is taken only if no other figure claims that segment.
    """
    doc, sentence = figure.doc, ctx.sentence(figure)
    scored: list[tuple[tuple[int, int, int], _Found]] = []
    if ctx.parsed:
        own = _own_clauses(figure)
        governing = set() if cue else _governing(own, doc) | _conjoined(own, doc)
        for f in found:
            verb = _clause_verb(f.span.root)
            if not cue and _dates_the_telling(f, verb, own):
                continue
            rank = (
                0 if verb.i in own else 1 if verb.i in governing
                else 2 if not cue and _dates_an_event(verb, own, figure, ctx.figures) else None
            )
            if rank is not None:
                scored.append(((rank, _tree_distance(f.span.root, figure.root), _char_distance(f.span, figure)), f))
    else:
        segment = _segment(doc, figure.start_char, sentence)
        taken = {_segment(doc, other.start_char, sentence) for other in ctx.figures if other != figure}
        for f in found:
            where = _segment(doc, f.span.start_char, sentence)
            if where == segment or not (cue or where in taken):
                scored.append(((where != segment, 0, _char_distance(f.span, figure)), f))
    return min(scored, key=lambda pair: pair[0])[1] if scored else None


def _dates_the_telling(found: _Found, verb: Token, own: set[int]) -> bool:
    """``The bureau reported on Friday that employers added 187,000 jobs``: a single day on the verb
    of saying or reporting that governs the figure dates the report, not what it counts."""
    period = found.period
    return (
        verb.i not in own and period.start is not None and period.start == period.end
        and verb.lemma_.lower() in _words()["report_verbs"]
    )


def _dates_an_event(verb: Token, own: set[int], figure: Span, figures: list[Span]) -> bool:
    """``won 167 seats in the elections held on Sunday``: a reduced or relative clause dating a noun
    that is an object or a prepositional object in the figure's own clause dates the figure too; one
    on its subject (``the party, founded in 1990, won 43 seats``) dates only the subject, and one on
    a noun counted by another figure (``… each month, with 230,000 cases opened since 2022``) that figure."""
    if verb.dep_ not in ("acl", "relcl"):
        return False
    noun = verb.head
    if noun.dep_ in _SUBJECT_DEPS or noun.dep_ == "appos" or _clause_verb(noun).i not in own:
        return False
    phrase = range(noun.left_edge.i, noun.right_edge.i + 1)
    return not any(other != figure and other.start in phrase for other in figures)


def _combine(dated: _Found | None, cue: _Found | None) -> Period:
    """Dates from the date expression, the aggregation from a rate cue (``18,000 a month since January``)."""
    if dated is None:
        assert cue is not None
        return cue.period
    if cue is not None and cue.kind == "cumulative" and dated.period.aggregation != "cumulative":
        # "the death toll rose to 5,894 on Tuesday": a running total as of that day; over a stated span
        # ("from 2022 to September 2025, bringing the total to …") a running total of that span
        start = dated.period.start if dated.period.start != dated.period.end else None
        return Period(start, dated.period.end, "cumulative", dated.period.text)
    if cue is None or cue.kind not in RATE_KINDS:
        return dated.period
    first, second = sorted((dated.span, cue.span), key=lambda s: s.start_char)
    doc = first.doc
    gap = doc.text[first.end_char : second.start_char]
    text = doc.text[first.start_char : second.end_char] if not gap.strip() else f"{first.text} … {second.text}"
    return Period(dated.period.start, dated.period.end, cue.period.aggregation, text)


def _inherited(figure: Span, ctx: _Context) -> Period | None:
    """The previous sentence's one period, when it speaks of the figure's measure (``losses in October``)."""
    sentence = ctx.sentence(figure)
    noun = measures.counted_noun(figure)
    key = measures.lexical_measure([noun.lemma_]) if noun is not None else None
    if key is None or sentence.start == 0:
        return None
    previous = ctx.sentence(figure.doc[sentence.start - 1 : sentence.start])
    if any(_inside(f, previous) for f in ctx.figures):
        return None
    dated = [f for f in ctx.found if _inside(f.span, previous) and f.kind not in CUE_KINDS]
    if len(dated) != 1:
        return None
    for token in previous:
        if (
            token.pos_ == "NOUN"
            and measures.lexical_measure([token.lemma_]) == key
            and _tree_distance(token, dated[0].span.root) <= _INHERIT_DISTANCE
        ):
            return dated[0].period
    return None


def _running_total(figure: Span) -> Period | None:
    """A figure that is the object of a present perfect, or the subject of a passive one, is a total
    up to now (``has claimed …``, ``2,670 Palestinians have been killed``)."""
    token = figure.root
    while token.pos_ not in _VERB_POS or token.dep_ in _NOT_CLAUSE_DEPS:
        if token.dep_ == "nsubj" or token.head == token:
            return None  # the doer of a present perfect ("100,000 have abandoned …") need not be a running total
        token = token.head
    verb = token
    auxiliaries = [c for c in verb.children if c.dep_ == "aux"]
    if not auxiliaries and verb.dep_ == "conj":
        auxiliaries = [c for c in verb.head.children if c.dep_ == "aux"]
    have = [a for a in auxiliaries if a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP")]
    if verb.tag_ != "VBN" or not have:
        return None
    return Period(None, figure.doc._.cl_published, "cumulative", f"{have[0].text} {verb.text}")


def _period_for(figure: Span, ctx: _Context) -> Period:
    sentence = ctx.sentence(figure)
    local = [f for f in ctx.found if _inside(f.span, sentence) and not _overlap(f.span, figure)]
    dated = _best(figure, [f for f in local if f.kind not in CUE_KINDS], ctx, cue=False)
    cue = _best(figure, [f for f in local if f.kind in CUE_KINDS], ctx, cue=True) or _toll_word(figure, sentence, ctx)
    if dated is not None or cue is not None:
        period = _year_on_year(figure, sentence, _percent_is_not_a_rate(figure, _combine(dated, cue)))
        return _to_publication(period, figure.doc._.cl_published)
    if not ctx.parsed:
        return _undated(figure)
    return (
        _inherited(figure, ctx) or _running_total(figure) or _context_period(figure, ctx) or _toll(figure)
        or _completed(figure) or _undated(figure)
    )


def _toll_word(figure: Span, sentence: Span, ctx: _Context) -> _Found | None:
    """"The death toll rose to 5,894 (on Tuesday)": a toll in the figure's own clause makes it a running
    total, like a cumulative cue; the word stays out of the period spans, as it is what is counted."""
    for token in sentence:
        if token.lower_ != "toll":
            continue
        if ctx.parsed:
            same_clause = _clause_verb(token).i in _own_clauses(figure)
        else:
            same_clause = _segment(figure.doc, token.idx, sentence) == _segment(figure.doc, figure.start_char, sentence)
        if same_clause:
            return _Found(sentence[token.i - sentence.start : token.i - sentence.start + 1], "cumulative",
                          Period(None, None, "cumulative", token.text))
    return None


def _toll(figure: Span) -> Period | None:
    """An undated count of deaths, injuries, the missing or the displaced, or of damage, is the toll of
    its event so far ("at least 92 were killed", "two women died"): cumulative to publication, while
    an undated count of arrests or votes in the simple past stays the total of one event."""
    noun = measures.counted_noun(figure)
    lemmas = [t.lemma_.lower() for t in (noun, _clause_verb(figure.root)) if t is not None]
    if not any(_counts_a_toll(lemma) for lemma in lemmas):
        return None
    return Period(None, figure.doc._.cl_published, "cumulative", None)


@cache
def _counts_a_toll(lemma: str) -> bool:
    """Whether the lexicon measures this lemma as a toll (looked up once per lemma: the lexicon is long)."""
    return measures.lexical_measure([lemma]) in _words()["toll_measures"]


_UNDATED_CHANGE = Period(None, None, "total", None)


def _undated(figure: Span) -> Period:
    """A figure no words date: a change ("rose by 7,000", "up 20%") is still the total change over
    some span, so ``total``; a level's aggregation is unknown."""
    cl_figure = figure._.cl_figure
    return _UNDATED_CHANGE if cl_figure is not None and cl_figure.role == "change" else _UNKNOWN


def _to_publication(period: Period, published: date | None) -> Period:
    """A running total stated without a date ("the toll stands at 95", "so far") is one as of publication."""
    if period.aggregation != "cumulative" or period.end is not None or period.start is not None:
        return period
    return Period(None, published, "cumulative", period.text)


def _completed(figure: Span) -> Period | None:
    """A figure stated in the simple past ("the party won 43 seats", "police seized £55,000") counts
    one finished event or period: a total, its dates unknown; so does the simple past passive ("285
    people were arrested"). A present tense or a perfect ("have been arrested", "had arrived") stays
    unknown or a running total."""
    verb = _clause_verb(figure.root)
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    simple_past = verb.tag_ == "VBD" and not helpers
    past_passive = (
        verb.tag_ == "VBN" and len(helpers) == 1 and helpers[0].dep_ == "auxpass" and helpers[0].tag_ == "VBD"
    )
    return Period(None, None, "total", None) if simple_past or past_passive else None


_CONTEXT_SENTENCES = 2


def _context_period(figure: Span, ctx: _Context) -> Period | None:
    """The nearest dated period stated before the figure in its paragraph (or in the two sentences
    before it, across a paragraph break) in a sentence that states figures too: news dates a report
    once ("In the third quarter, revenue was $4.9bn. Net income rose to $1.2bn."); "the army's
    losses in October" in a sentence without figures dates only those losses. The span that states
    it is kept on the figure (``Claim.inherited``)."""
    sentence = ctx.sentence(figure)
    number = ctx.starts.index(sentence.start)
    doc = figure.doc
    earlier = [f for f in ctx.found if f.kind not in CUE_KINDS and f.span.end <= sentence.start and f.period.start is not None]
    for last in reversed(earlier):
        source = ctx.sentence(last.span)
        if not any(_inside(f, source) for f in ctx.figures):
            continue  # only a period that dated figures dates the figures after them
        # of that sentence's periods, the one nearest its root: "Food prices rose in September, by 0.4%
        # after a 0.1% increase in August" dates what follows September, not the comparison
        # and not the day a report was made ("X on Wednesday reported fourth-quarter earnings of …")
        stated = [f for f in earlier if _inside(f.span, source)]
        stated = [f for f in stated if not _dates_the_telling(f, _clause_verb(f.span.root), set())] or stated
        found = min(stated, key=lambda f: (_depth(f.span.root), f.span.start))
        same_paragraph = "\n" not in doc.text[source.start_char : sentence.start_char].strip()
        if same_paragraph or number - ctx.starts.index(source.start) <= _CONTEXT_SENTENCES:
            figure._.cl_inherited = [
                *(figure._.cl_inherited or []),
                Inherited("period", found.span.start_char, found.span.end_char, found.span.text),
            ]
            return _as_dated_there(figure, found, source, ctx)
        return None
    return None


def _as_dated_there(figure: Span, found: _Found, source: Span, ctx: _Context) -> Period:
    """The inherited period as it dated a figure of the same unit in the source sentence: "annual
    inflation was 58.94% in August. ENAG put the figure at 128.05%" covers the same twelve months."""
    cl_figure = figure._.cl_figure
    if _says(ctx.sentence(figure), "not"):  # "Month-on-month, prices rose 3.15%": the month itself
        return found.period
    for other in ctx.figures:
        if not _inside(other, source) or other._.cl_figure is None or cl_figure is None:
            continue
        period = other._.cl_period
        if (
            period is not None and period.end == found.period.end and period.aggregation == found.period.aggregation
            and other._.cl_figure.unit == cl_figure.unit
        ):
            return period
    return found.period


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


_SHORT_PERIOD_DAYS = 95
_PERCENT_UNITS = ("percent", "percentage_points")
_RATE_UNIT_DAYS = {"per_day": 1, "per_week": 7, "per_month": 31, "per_year": 366}


def _percent_is_not_a_rate(figure: Span, period: Period) -> Period:
    """A percent with a rate cue names what it compares, not a count per unit of time: "an annual rise
    of 7% in February" covers the twelve months to February's end, "0.4% monthly in March" that month;
    both are totals over the time they compare. A count ("5,000 a year") and a percent over several
    units ("2% a year between 2010 and 2020") stay rates."""
    cl_figure = figure._.cl_figure
    if cl_figure is None or cl_figure.unit not in _PERCENT_UNITS or period.aggregation not in RATE_KINDS:
        return period
    start, end = period.start, period.end
    if start is not None and end is not None:
        if (end - start).days + 1 > _RATE_UNIT_DAYS[period.aggregation]:
            return period
        if period.aggregation == "per_year" and (end - start).days <= _SHORT_PERIOD_DAYS:
            start = _months_back(end.replace(day=1), 11)
    return Period(start, end, "total", period.text)


def _year_on_year(figure: Span, sentence: Span, period: Period) -> Period:
    """A percent for a month or quarter said year on year ("prices rose 3.2% in March from a year
    earlier", annual inflation) covers the twelve months to that month's end."""
    cl_figure = figure._.cl_figure
    if cl_figure is None or cl_figure.unit != "percent" or period.start is None or period.end is None:
        return period
    if (period.end - period.start).days > _SHORT_PERIOD_DAYS:
        return period
    if not _says(sentence, "cues") or _says(sentence, "not"):
        return period
    return Period(_months_back(period.end.replace(day=1), 11), period.end, period.aggregation, period.text)


def _says(sentence: Span, which: str) -> bool:
    """Whether the sentence says it compares year on year (``cues``) or with the previous month (``not``)."""
    text = sentence.text.lower()
    return any(re.search(rf"\b{re.escape(cue)}\b", text) for cue in _words()["year_on_year"][which])


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _years_back(words: str, reference_end: date) -> int:
    """How far ``the same period …`` lies behind the period it repeats: the year it names, a year for
    "last year"/"a year earlier", none for a bare "in the same period" (the same dates again)."""
    written = re.search(r"(?:19|20)\d\d", words)
    if written:
        return reference_end.year - int(written.group())
    return 1 if re.search(r"(?i)\byear\b", words) else 0


def _same_period_a_year_back(ctx: _Context) -> list[_Found]:
    """``the same period last year``: the dated period it refers to (the nearest before it in its
    sentence, else the last one before it in the text), a year back (or in the year it names);
    ``in the same period`` alone: that period itself."""
    result: list[_Found] = []
    dated = [f for f in ctx.found if f.kind not in CUE_KINDS and f.kind != "same_period" and f.period.start and f.period.end]
    for f in ctx.found:
        if f.kind == "same_period":
            before = [d for d in dated if d.span.end <= f.span.start]
            sentence = ctx.sentence(f.span)
            own = [d for d in before if _inside(d.span, sentence)] or before
            if own:
                reference = own[-1].period
                assert reference.start is not None and reference.end is not None
                years = _years_back(f.period.text or "", reference.end)
                f = _Found(f.span, f.kind, Period(_shift_years(reference.start, years), _shift_years(reference.end, years),
                                                  reference.aggregation, f.period.text))
        result.append(f)
    return result


def _year_to_date_through_month(ctx: _Context) -> list[_Found]:
    """A year-to-date total in a sentence naming a month runs to that month's end (see module doc)."""
    found = ctx.found
    months = [f for f in found if f.kind == "month" and f.period.start and f.period.start != f.period.end]
    result: list[_Found] = []
    for f in found:
        sentence = ctx.sentence(f.span)
        named = [m for m in months if _inside(m.span, sentence)]
        if f.kind == "year_to_date" and named:
            month = min(named, key=lambda m: (m.span.start > f.span.start, abs(m.span.start - f.span.start)))
            end = month.period.end
            assert end is not None
            f = _Found(f.span, f.kind, Period(date(end.year, 1, 1), end, "total", f.period.text))
        result.append(f)
    return result


# --- the component ----------------------------------------------------------


class PeriodsComponent:
    """Writes ``doc.spans["cl_periods"]`` and ``cl_period`` on every figure span."""

    def __call__(self, doc: Doc) -> Doc:
        found: list[_Found] = []
        for start, end, kind, period in find_periods(doc_text(doc), doc._.cl_published):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                found.append(_Found(span, kind, period))
        figures = list(doc.spans.get(FIGURES_KEY, []))
        ctx = _Context.of(doc, found, figures)
        ctx = replace(ctx, found=_year_to_date_through_month(ctx))
        ctx = replace(ctx, found=_same_period_a_year_back(ctx))
        for f in ctx.found:
            f.span._.cl_period = f.period
        doc.spans[PERIODS_KEY] = [f.span for f in ctx.found]
        for figure in figures:
            figure._.cl_period = _period_for(figure, ctx)
        return doc


@Language.factory(
    "claimledger_periods",
    assigns=["doc.spans", "span._.cl_period", "span._.cl_inherited"],
    requires=["doc.sents", "token.dep", "token.tag", "token.lemma", "span._.cl_figure"],
    default_config={"lang": None, "lexicon": "periods_words"},
)
def make_periods(nlp: Language, name: str, lang: str | None, lexicon: str) -> PeriodsComponent:
    english_with_packaged_lexicon("claimledger_periods", nlp, lang, lexicon, "periods_words")
    register()
    return PeriodsComponent()
