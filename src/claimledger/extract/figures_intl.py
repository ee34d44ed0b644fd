"""claimledger_figures for Russian, Ukrainian and German: numbers found by patterns from the language's data file.

The English component leans on the trained English parser; these languages have no trained
spaCy pipeline, so figures are read from the characters, as a reader of the language writes
them, with every word taken from ``data/<lang>/figures.json``:

- digits grouped by spaces (``21 602``, also with no-break spaces) or dots (``21.602``), a
  decimal comma (``1,7``), a scale word or abbreviation after them (``1,7 млн``, ``тыс.``,
  ``тисяч``, ``Tausend``, ``Mio.``, ``Mrd.``);
- number words in any case form: Russian and Ukrainian words are lemmatised by pymorphy3
  (``двадцяти тисяч`` -> ``двадцять тисяча``) and read by number-parser; German compounds
  (``zwanzigtausend``) by text2num;
- bound words before the number (``более``, ``понад``, ``майже``, ``около``, ``rund``,
  ``mehr als``, ``knapp``) and what they do to the interval (the factors of
  ``figures_bounds.json``); ranges (``от 15 000 до 18 000``, ``15–18 тыс.``,
  ``zwischen 100 und 200``); vague magnitudes (``десятки тысяч``, ``Zehntausende``);
- per cent and money (the currency word after the number, or its sign before it).

A number is no figure when a date, time or duration word follows it (``2025 года``,
``5 лет``, ``24. Februar``), when a reference word precedes it (``статья 407``,
``Artikel 5``), when it is a bare year (1900–2100), a lone "1", or sits in parentheses.
The component fills the same spans and ``model.Figure`` objects as the English one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimledger import datafiles
from claimledger.extract.config import language
from claimledger.extract.extensions import FIGURES_KEY, register
from claimledger.extract.morphology import is_numeral, is_verb, lemma
from claimledger.model import Figure

_DIGITS = (
    r"(?<![\w.,:/])(?<![^\W\d_]-)"
    r"(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d{1,3}(?:\.\d{3})+(?![\d]|,\d)|\d+)"
    r"(?:,\d+(?![.\d])|\.\d{1,2}(?!\d))?"
)
_FROM_NUMBER = re.compile(r"\d[%.]?\s*(?:[^\W\d_]+\.?)?\s*$")
"""A number right before an upper-bound word: "с 18 до 15", "з 320,5 тис. до 289 тис." go from one figure to another."""
_COMPOSITE = re.compile(r"\s(\d{1,3})(?![\d,.]\d)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _alternatives(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Grammar:
    """The compiled patterns of one language."""

    lang: str
    number: re.Pattern[str]
    scales: tuple[tuple[re.Pattern[str], float], ...]
    scale_any: re.Pattern[str]
    bound: re.Pattern[str]
    bounds: dict[str, dict[str, Any]]
    joint: re.Pattern[str]
    opened_joint: re.Pattern[str] | None
    opener: re.Pattern[str]
    percent: re.Pattern[str]
    point: re.Pattern[str]
    currencies: tuple[tuple[re.Pattern[str], str], ...]
    currency_prefix: dict[str, str]
    not_after: re.Pattern[str]
    not_before: re.Pattern[str]
    vague: re.Pattern[str]
    vague_bounds: dict[str, list[float]]
    number_words: re.Pattern[str] | None
    number_lemmas: frozenset[str]
    scale_lemmas: frozenset[str]


@cache
def grammar(lang: str, lexicon: str = "figures") -> Grammar:
    """The patterns of ``lang`` built from its lexicon (``data/<lang>/figures.json`` or a configured file)."""
    data = datafiles.lexicon(lexicon, lang)
    scales = tuple((re.compile(rf"(?:{pattern})", re.I), float(value)) for pattern, value in data["scales"].items())
    return Grammar(
        lang=lang,
        number=re.compile(_DIGITS),
        scales=scales,
        scale_any=re.compile(r"[ \u00a0\u202f]?(?:" + "|".join(data["scales"]) + r")(?!\w)", re.I),
        bound=re.compile(r"(?<!\w)(?P<bound>" + _alternatives([re.escape(b) for b in data["bounds"]]) + r")\s+$", re.I),
        bounds={key.lower(): value for key, value in data["bounds"].items()},
        joint=re.compile(data["range_joints"], re.I),
        opened_joint=re.compile(data["opened_joints"], re.I) if "opened_joints" in data else None,
        opener=re.compile(r"(?<!\w)(?:" + data["range_openers"] + r")\s+$", re.I),
        percent=re.compile(r"\s?(?:" + data["percent"] + r")(?!\w)", re.I),
        point=re.compile(r"\s?(?:" + data["percentage_point"] + r")", re.I),
        currencies=tuple((re.compile(r"\s?(?:" + pattern + r")(?!\w)", re.I), code) for pattern, code in data["currency"].items()),
        currency_prefix=data.get("currency_prefix", {}),
        not_after=re.compile(r"[\s\u00a0]*(?:" + data["not_after"] + r")(?!\w)", re.I),
        not_before=re.compile(r"(?<!\w)(?:" + data["not_before"] + r")\s*$", re.I),
        vague=re.compile(r"(?<!\d\s)(?<!\w)(?:" + _alternatives([re.escape(v) for v in data["vague"]]) + r")(?!\w)", re.I),
        vague_bounds={key.lower(): value for key, value in data["vague"].items()},
        number_words=re.compile(r"(?<!\w)" + data["number_words"] + r"(?:\s+" + data["number_words"] + r")*(?!\w)", re.I)
        if "number_words" in data
        else None,
        number_lemmas=frozenset(data.get("number_lemmas", [])),
        scale_lemmas=frozenset(data.get("scale_lemmas", [])),
    )


@dataclass
class _Reading:
    start: int
    end: int
    low: float | None
    high: float | None
    approximate: bool = False
    unit: str | None = None
    currency: str | None = None
    scaled: bool = False
    worded: bool = False
    factor: float = 1.0


def _digits_value(written: str) -> float:
    compact = re.sub(r"[ \u00a0\u202f]", "", written)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", compact):
        return float(compact.replace(".", ""))
    return float(compact.replace(",", "."))


def _scale_at(g: Grammar, text: str, end: int) -> tuple[float, int]:
    match = g.scale_any.match(text, end)
    if not match:
        return 1.0, end
    word = match.group().strip()
    for pattern, value in g.scales:
        if pattern.fullmatch(word):
            return value, match.end()
    return 1.0, end


def _words_value(g: Grammar, written: str) -> float | None:
    """The value of number words: pymorphy3 lemmas read by number-parser (ru, uk), text2num (de)."""
    if g.lang == "de":
        from text_to_num import text2num

        try:
            return float(text2num(written.lower().replace(" ", ""), "de"))
        except ValueError:
            return None
    from number_parser import parse_number

    value = parse_number(" ".join(lemma(w.lower(), g.lang) for w in written.split()), language=g.lang)
    if value is None:  # a form number-parser knows as written but not as lemmatised ("три тисячі")
        value = parse_number(written.lower(), language=g.lang)
    return float(value) if value is not None else None


def _number_words(g: Grammar, text: str) -> Iterator[tuple[int, int]]:
    """Runs of number words (ru/uk: words pymorphy3 reads as numerals or lists as number nouns; de: the pattern)."""
    if g.number_words is not None:
        for match in g.number_words.finditer(text):
            yield match.span()
        return
    for start, end in _word_runs(g, text):
        words = [w.lower() for w in text[start:end].split()]
        counting = any(is_numeral(w, g.lang) or lemma(w, g.lang) in g.number_lemmas for w in words)
        if counting or (len(words) == 1 and words[0] in g.scale_lemmas):
            yield start, end  # "тысяч" alone is the start of a vague magnitude ("десятки тысяч"), not 1,000


def _word_runs(g: Grammar, text: str) -> Iterator[tuple[int, int]]:
    run: tuple[int, int] | None = None
    for match in _WORD.finditer(text):
        word = match.group().lower()
        numeric = is_numeral(word, g.lang) or lemma(word, g.lang) in g.number_lemmas | g.scale_lemmas
        if numeric and run is not None and re.fullmatch(r"\s+", text[run[1] : match.start()]):
            run = (run[0], match.end())
        elif numeric:
            if run is not None:
                yield run
            run = match.span()
        else:
            if run is not None:
                yield run
            run = None
    if run is not None:
        yield run


def _single(g: Grammar, text: str, start: int, end: int, worded: bool) -> _Reading | None:
    if worded:
        value = _words_value(g, text[start:end])
        if value is None:
            return None
    else:
        value = _digits_value(text[start:end])
    factor, end = _scale_at(g, text, end)
    value *= factor
    scaled, first_factor = factor != 1.0, factor
    while factor > 1:  # "2 тыс. 863", "29 млн 527 тисяч 744": the smaller parts that follow a scale
        part = _COMPOSITE.match(text, end)
        if not part:
            break
        smaller, part_end = _scale_at(g, text, part.end())
        amount = _digits_value(part.group(1)) * smaller
        if smaller >= factor or amount >= factor:
            break
        value, end, factor = value + amount, part_end, smaller
    return _Reading(start, end, value, value, scaled=scaled, worded=worded, factor=first_factor)


def _with_unit(g: Grammar, text: str, reading: _Reading) -> None:
    for pattern, unit in ((g.point, "percentage_points"), (g.percent, "percent")):
        match = pattern.match(text, reading.end)
        if match:
            reading.unit, reading.end = unit, match.end()
            return
    for pattern, code in g.currencies:
        match = pattern.match(text, reading.end)
        if match:
            reading.unit, reading.currency, reading.end = "money", code, match.end()
            return
    sign = text[reading.start - 1 : reading.start]
    if sign in g.currency_prefix:
        reading.unit, reading.currency, reading.start = "money", g.currency_prefix[sign], reading.start - 1


def _range(g: Grammar, text: str, first: _Reading, candidates: dict[int, tuple[int, bool]]) -> _Reading:
    """``first`` widened to a range when a joint and a second number follow it."""
    joint = g.joint.match(text, first.end)
    if not joint and g.opened_joint is not None and g.opener.search(text[max(0, first.start - 30) : first.start]):
        joint = g.opened_joint.match(text, first.end)
    if not joint or joint.end() not in candidates:
        return first
    second_end, worded = candidates[joint.end()]
    second = _single(g, text, joint.end(), second_end, worded)
    if second is None or second.low is None or first.low is None:
        return first
    low = first.low
    if second.scaled and not first.scaled:
        low *= second.factor  # "15–18 тыс.": the scale of the second end is the first's too
    elif second.worded and first.worded and first.low < 1000 <= second.low:
        low *= 1000 ** int(math.log(second.low, 1000))  # "дві-три тисячі": so is the scale inside its words
    if low > second.low:
        return first
    return _Reading(first.start, second.end, low, second.high, scaled=True, worded=first.worded)


def _apply_bound(reading: _Reading, effect: dict[str, Any]) -> None:
    low_factor, high_factor = effect["low"], effect["high"]
    low, high = reading.low, reading.high
    reading.low = 0.0 if low_factor == 0 else (None if low is None else low * low_factor)
    reading.high = None if high_factor is None or high is None else high * high_factor
    reading.approximate = reading.approximate or bool(effect.get("approximate"))


def _excluded(g: Grammar, text: str, reading: _Reading, bare: bool) -> bool:
    if text[reading.start - 1 : reading.start] == "(" and text[reading.end : reading.end + 1] == ")":
        # "(52)", "(3)": an age or a citation; "(495)", "(64,38%)" are figures, yesterday's count, a share
        if reading.unit is None and reading.low is not None and reading.low.is_integer() and reading.low < 120:
            return True
    if g.not_before.search(text, max(0, reading.start - 30), reading.start):
        return True
    if reading.unit is None and not reading.scaled and g.not_after.match(text, reading.end):
        return True
    if bare and reading.unit is None and not reading.scaled:
        written = text[reading.start : reading.end]
        if _YEAR.fullmatch(written) or written == "1":
            return True
    return False


def _after_change_verb(ahead: str, lang: str) -> bool:
    """"зросла до 0,8%", "снизилась до 4%": after a verb, "до" says where a change went, not an upper bound."""
    words = _WORD.findall(ahead)
    return bool(words) and is_verb(words[-1].lower(), lang)


def _clean(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def find_figures(text: str, lang: str, lexicon: str = "figures") -> list[Figure]:
    """The figures of ``text`` in order (character offsets; no Doc needed)."""
    g = grammar(lang, lexicon)
    candidates: dict[int, tuple[int, bool]] = {m.start(): (m.end(), False) for m in g.number.finditer(text)}
    for start, end in _number_words(g, text):
        candidates.setdefault(start, (end, True))
    figures: list[Figure] = []
    taken_until = -1
    for start in sorted(candidates):
        if start < taken_until:
            continue
        end, worded = candidates[start]
        reading = _single(g, text, start, end, worded)
        if reading is None or reading.low is None:
            continue
        if worded and reading.low == 1 and not reading.scaled:
            continue  # "один", "eine": an article or a pronoun more often than a count
        reading = _range(g, text, reading, candidates)
        ranged = reading.high != reading.low
        _with_unit(g, text, reading)
        if _excluded(g, text, reading, bare=not ranged):
            continue
        before = text[max(0, reading.start - 40) : reading.start]
        opener = g.opener.search(before) if ranged else None
        bound = None if opener else g.bound.search(before)
        if opener:
            reading.start -= len(opener.group())
        elif bound:
            effect = g.bounds[re.sub(r"\s+", " ", bound.group("bound").lower())]
            ahead = before[: len(before) - len(bound.group())]
            if effect["low"] != 0 or not (_FROM_NUMBER.search(ahead) or _after_change_verb(ahead, g.lang)):
                _apply_bound(reading, effect)
                reading.start -= len(bound.group())
        taken_until = reading.end
        figures.append(_figure(text, reading))
    figures.extend(_vague(g, text, figures))
    figures.sort(key=lambda f: f.start)
    return figures


def _figure(text: str, reading: _Reading) -> Figure:
    return Figure(
        start=reading.start, end=reading.end, text=text[reading.start : reading.end],
        low=_clean(reading.low), high=_clean(reading.high), approximate=reading.approximate,
        unit=reading.unit, currency=reading.currency,
    )


def _vague(g: Grammar, text: str, found: list[Figure]) -> Iterator[Figure]:
    """Magnitudes without a number (десятки тысяч, Zehntausende) that no numeric figure covers."""
    for match in g.vague.finditer(text):
        if any(f.start <= match.start() < f.end or match.start() <= f.start < match.end() for f in found):
            continue
        previous = _WORD.findall(text[max(0, match.start() - 20) : match.start()])
        if previous and text[match.start() - 1 : match.start()].isspace() and is_numeral(previous[-1].lower(), g.lang):
            continue  # "три тисячі" is a number that was not read, not "thousands"
        low, high = g.vague_bounds[match.group().lower()]
        yield Figure(start=match.start(), end=match.end(), text=match.group(), low=float(low), high=float(high), approximate=True)


class FiguresIntl:
    """Writes ``doc.spans["cl_figures"]`` with ``span._.cl_figure`` and the sentence as ``span._.cl_clause``."""

    def __init__(self, lang: str, lexicon: str = "figures") -> None:
        register()
        self.lang, self.lexicon = lang, lexicon
        grammar(lang, lexicon)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for figure in find_figures(doc.text, self.lang, self.lexicon):
            span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
            if span is None:
                continue
            span._.cl_figure = figure
            span._.cl_clause = span.sent if doc.has_annotation("SENT_START") else None
            spans.append(span)
        doc.spans[FIGURES_KEY] = spans
        return doc


@Language.factory(
    "claimledger_figures_intl",
    assigns=["doc.spans", "span._.cl_figure", "span._.cl_clause"],
    requires=["doc.sents", "token.lemma"],
    default_config={"lang": None, "lexicon": "figures"},
)
def make_figures_intl(nlp: Language, name: str, lang: str | None, lexicon: str) -> FiguresIntl:
    return FiguresIntl(language(nlp, lang), lexicon)
