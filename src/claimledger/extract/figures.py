"""``claimledger_figures``: every number an article states, read into inclusive bounds.

A figure is found by one compiled regular expression over ``doc.text``, built once from
the lexicons in ``claimledger/data/figures_*.json``, and mapped to tokens with
``doc.char_span(..., alignment_mode="expand")``. Scanning the text rather than the tokens
keeps the component cheap next to the statistical pipeline and lets it run on
``spacy.blank("en")``: nothing here needs a tagger, parser or entity recognizer.

Reading a match into bounds is a few small functions over the lexicons; every choice a
reader might question (what "over", "nearly" or "dozens" mean) lives in the data files
with its reason, not in the code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimledger import datafiles
from claimledger.extract import roles
from claimledger.extract.config import english_with_packaged_lexicon
from claimledger.extract.extensions import FIGURES_KEY, doc_text, register
from claimledger.model import Figure


def lexicon(name: str) -> dict[str, Any]:
    """One ``figures_<name>.json`` file, read once per process."""
    return datafiles.load(f"figures_{name}")


def _alt(phrases: Iterable[str], *, ignore_case: bool = False, word: bool = False) -> str:
    """An alternation that tries longer phrases first, so "more than" beats "more"."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        part = re.escape(phrase).replace(r"\ ", r"\s+")
        if word and phrase[-1].isalnum():
            part += r"\b"
        parts.append(part)
    return ("(?i:" if ignore_case else "(?:") + "|".join(parts) + ")"


@dataclass(frozen=True)
class _Patterns:
    scan: re.Pattern[str]
    quantity: re.Pattern[str]
    blockers: re.Pattern[str]
    following: re.Pattern[str]
    previous_word: re.Pattern[str]
    next_word: re.Pattern[str]
    sentence_start: re.Pattern[str]
    list_joint: re.Pattern[str]
    currency_scale: re.Pattern[str]
    short_integer: re.Pattern[str]
    currency: re.Pattern[str]


def _quantity_pattern(named: bool) -> str:
    """A single number with its currency, scale and unit; named groups only for reading it back."""

    def group(name: str, pattern: str) -> str:
        return f"(?P<{name}>{pattern})" if named else f"(?:{pattern})"

    numbers, units = lexicon("numbers"), lexicon("units")
    small = _alt(numbers["small"], ignore_case=True, word=True)
    scale = _alt(numbers["scales"], ignore_case=True, word=True)
    big_scale = _alt([w for w in numbers["scales"] if w != "hundred"], ignore_case=True, word=True)
    after_scale = "(?:" + "|".join(f"(?<={w})" for w in numbers["scales"]) + ")"
    word_number = (
        rf"(?:(?i:an?)\s+(?={scale}){scale}|{small})"
        rf"(?:(?:[ \t]+|-|(?i:{after_scale}\s+and\s+))(?:{small}|{scale}))*"
    )
    decimal_comma = rf"\d{{1,3}},\d{{1,2}}(?=\s+{big_scale})"
    indian = r"\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])"
    digits = (
        rf"{decimal_comma}|{indian}|"
        r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?!\d|,\d)|\d+)(?:\.\d+)?|\.\d+"
    )
    attached = _alt(numbers["attached_scales"]) + r"(?![A-Za-z])"
    spaced = rf"(?:\s+|-(?={big_scale}))(?:{scale}|{_alt(numbers['spaced_scales'], ignore_case=True, word=True)})(?:\s+{big_scale})?"
    half = rf"(?i:half\s+an?\s+){scale}"

    words, symbols = units["unit_words"], units["unit_symbols"]
    glued = [u for u in symbols if len(u) > 1 or not u.isalpha()]
    single = [u for u in symbols if u not in glued]
    exponent = r"(?:[−-][123](?!\d)|[²³]|⁻[¹²³])?"
    unit_token = _alt(symbols) + exponent
    compound = rf"(?:[/·]{unit_token})*"
    unit = (
        rf"\s?{_alt(glued)}{exponent}{compound}(?![\w/])"
        rf"|\s{_alt(single)}{exponent}{compound}(?![\w/])"
        rf"|\s+{_alt(words, ignore_case=True, word=True)}"
    )
    percent = _alt(units["percent"], ignore_case=True, word=True)
    point = _alt(units["percentage_point"], ignore_case=True)
    currency_word = _alt(units["currency_words"], ignore_case=True, word=True)
    suffix = "|".join(
        (
            group("pct", rf"\s?{percent}"),
            group("mille", r"\s?‰"),
            group("pp", rf"\s+{point}(?!\w)"),
            group("curword", rf"\s+{currency_word}"),
            group("unit", unit),
        )
    )
    number = "|".join((group("dig", digits) + f"(?:{group('att', attached)}|{group('spw', spaced)})?", group("half", half), group("word", word_number)))
    return rf"(?:{group('cur', _alt(units['currency_prefix']))}\s?)?{group('sign', '[-−]?')}(?:{number})(?:{suffix})?"


@cache
def patterns() -> _Patterns:
    numbers, bounds, context = lexicon("numbers"), lexicon("bounds"), lexicon("context")
    qty = _quantity_pattern(named=False)
    small = _alt(numbers["small"], ignore_case=True, word=True)
    scale = _alt(numbers["scales"], ignore_case=True, word=True)
    digits = r"\d{1,3}(?:,\d{3})+|\d+"
    small_stem = _alt([*numbers["small"], *numbers["scales"]], ignore_case=True)
    word_bounds = [b for b in bounds["prefix"] if b[0].isalpha()]
    symbol_bounds = [b for b in bounds["prefix"] if not b[0].isalpha()]
    post = [p for p in bounds["postfix"] if p[0].isalpha()]
    fractions = _alt(numbers["fraction_words"], ignore_case=True, word=True)
    comparatives = _alt(numbers["comparatives"], ignore_case=True, word=True)
    forms = "|".join(
        (
            rf"(?P<between>(?i:between)\s+{qty}(?:\s+(?i:and|to)\s+|\s*[–—-]\s*){qty})",
            rf"(?P<from_to>(?i:from)\s+{qty}(?:\s+(?i:to)\s+|\s*[–—-]\s*){qty})",
            rf"(?P<one_in>(?:{small}|\d+)\s+(?i:in|out\s+of|in\s+every|of\s+every)\s+(?:{small}|{digits})(?!\w))",
            rf"(?P<every>(?i:every)\s+(?:\d+(?:st|nd|rd|th)|{_alt(numbers['ordinals'], ignore_case=True)})(?!\w))",
            rf"(?P<fraction>(?:{small}-{fractions}|(?:{small}|(?i:an?))\s+{fractions}(?=\s+(?i:of)\b)))",
            rf"(?P<half>(?<!first )(?<!second )(?<!latter )(?<!former )(?<!other )(?i:half)(?=\s+(?i:of|the)\b))",
            rf"(?P<ratio>(?:{qty})\s+(?i:times)(?:\s+{comparatives}|(?=\s+(?i:as|the|that|over)\b))"
            rf"|(?:{small_stem}|\d+)[\s-]?(?i:fold)\b"
            rf"|{_alt(numbers['multiplier_words'], ignore_case=True)}(?=\s+(?i:as|the|that|more|over)\b))",
            rf"(?P<few>{_alt(bounds['few'], ignore_case=True)}\s+{scale}(?:\s+{scale})?)",
            rf"(?P<vague>(?i:many\s+)?{_alt(bounds['vague'], ignore_case=True, word=True)})",
            rf"(?P<plus_minus>{qty}\s*(?:±|\+/[-−])\s*{qty})",
            rf"(?P<range>{qty}(?:\s*[–—‒-]\s*|\s+(?i:to|or)\s+){qty})",
            rf"(?P<single>{qty})",
        )
    )
    scan = (
        r"(?<![\w.,/:#@$€£¥₽₴₹)\]])(?<!\w[-‐‑–−(])"
        rf"(?:(?P<bound>{_alt(word_bounds, ignore_case=True)})\s+|(?P<bsym>{_alt(symbol_bounds)})\s?)?"
        rf"(?:{forms})"
        rf"(?P<post>\s+{_alt(post, ignore_case=True, word=True)}|\+)?"
        r"(?![\w]|[.,:/]\d)"
    )
    return _Patterns(
        scan=re.compile(scan),
        quantity=re.compile(_quantity_pattern(named=True)),
        blockers=re.compile("|".join(f"(?:{b})" for b in context["blockers"])),
        following=re.compile("|".join(f"(?:{f})" for f in context["following"])),
        previous_word=re.compile(r"([^\s(\"'“‘]+)\s*$"),
        next_word=re.compile(r"\s+([A-Za-z]+)"),
        sentence_start=re.compile(r"(?:^|[.!?:;\"“”‘’'(\n])\s*$"),
        currency_scale=re.compile(rf"\d{_alt(numbers['scales_after_currency'])}(?!\w)"),
        short_integer=re.compile(r"\d{1,4}"),
        currency=re.compile(_alt(lexicon("units")["currency_prefix"])),
        list_joint=re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|&)\s+)"),
    )


@dataclass(frozen=True)
class _Quantity:
    """One number as written: its value, the multiplier a scale word gave it, its unit."""

    value: float
    base: float
    multiplier: float
    unit: str | None
    bare: bool
    spelled: str | None
    currency: str | None = None

    def scaled(self, multiplier: float) -> _Quantity:
        return _Quantity(self.value * multiplier, self.base, multiplier, self.unit, False, self.spelled, self.currency)


def words_value(text: str) -> float:
    """"three hundred and fifty thousand" -> 350000: hundred scales the group, thousand and up close it."""
    numbers = lexicon("numbers")
    small, scales = numbers["small"], numbers["scales"]
    total = current = 0.0
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in numbers["articles"]:
            current = current or 1
        elif word in small:
            current += small[word]
        elif word in numbers["group_scales"]:
            current = (current or 1) * scales[word]
        elif word in scales:
            total += (current or 1) * scales[word]
            current = 0
    return total + current


def _scale_of(text: str) -> float:
    numbers = lexicon("numbers")
    factor = 1.0
    for word in text.replace("-", " ").split():
        key = word.lower()
        factor *= numbers["scales"].get(key) or numbers["spaced_scales"].get(key, 1)
    return factor


def read_quantity(text: str) -> _Quantity:
    """The value and unit of one number as the scan matched it (``text`` is that match)."""
    found = patterns().quantity.fullmatch(text.strip())
    if found is None:
        raise ValueError(f"not a number: {text!r}")
    g = found.groupdict()
    spelled = None
    if g["dig"]:
        base = _digits_value(g["dig"])
        if g["att"]:
            multiplier = float(lexicon("numbers")["attached_scales"][g["att"]])
        else:
            multiplier = _scale_of(g["spw"]) if g["spw"] else 1.0
    elif g["half"]:
        base, multiplier = 0.5, _scale_of(g["half"].split()[-1])
    else:
        spelled = g["word"].lower()
        base, multiplier = words_value(g["word"]), 1.0
    if g["sign"]:
        base = -base
    if not math.isfinite(base * multiplier):  # "999,999,…" hundreds of digits long: no quantity anyone reports
        raise ValueError(f"not a finite number: {text[:40]!r}…")
    unit = _unit_of(g)
    bare = not (g["cur"] or g["att"] or g["spw"] or g["half"] or unit) and (spelled is None or " " not in spelled)
    return _Quantity(base * multiplier, base, multiplier, unit, bare, spelled, _currency_of(g))


_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")


def _digits_value(written: str) -> float:
    """"21,600" and "5,22,908" group digits; "1,7" (only ever matched before a scale word) is 1.7."""
    if _DECIMAL_COMMA.fullmatch(written):
        return float(written.replace(",", "."))
    return float(re.sub(r"[,\s\u00a0\u202f\u2009]", "", written))


def _currency_of(g: dict[str, str | None]) -> str | None:
    """The ISO 4217 code of the currency written before or after the number, when known."""
    written = g["cur"] or (g["curword"] or "").strip()
    if not written:
        return None
    codes = lexicon("units")["currency_codes"]
    return codes.get(written) or _currency_words().get(re.sub(r"\s+", " ", written).lower())


@cache
def _currency_words() -> dict[str, str]:
    return {word.lower(): code for word, code in lexicon("units")["currency_codes"].items()}


def _unit_of(g: dict[str, str | None]) -> str | None:
    if g["cur"] or g["curword"]:
        return "money"
    if g["pct"]:
        return "percent"
    if g["mille"]:
        return "permille"
    if g["pp"]:
        return "percentage_points"
    if g["unit"]:
        units = lexicon("units")
        written = re.sub(r"\s+", " ", g["unit"].strip())
        return units["unit_symbols"].get(written) or _unit_words().get(written.lower()) or written
    return None


@cache
def _unit_words() -> dict[str, str]:
    return {word.lower(): unit for word, unit in lexicon("units")["unit_words"].items()}


def _clean(value: float | None, digits: int = 6) -> float | None:
    """Rounded so that 0.9 * 230000 is 207000, not 207000.00000000003."""
    return None if value is None else round(value, digits) + 0.0


def _percent(numerator: float, denominator: float) -> float:
    return round(100 * numerator / denominator, 2)


@dataclass
class _Reading:
    low: float | None
    high: float | None
    approximate: bool = False
    unit: str | None = None
    bare: bool = False
    year_like: bool = False
    lone_one: bool = False
    currency: str | None = None


def _year_like(q: _Quantity, text: str) -> bool:
    first, last = lexicon("context")["year_range"]
    return q.bare and q.spelled is None and re.fullmatch(r"\s*\d{4}\s*", text) is not None and first <= q.value <= last


def _quantities(text: str) -> list[tuple[_Quantity, str]]:
    """The numbers inside a matched range, each with the text it was read from."""
    qty = patterns().quantity
    return [(read_quantity(m.group()), m.group()) for m in _iter_quantities(qty, text)]


def _iter_quantities(qty: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Non-overlapping numbers in a range's text, skipping its joining words ("between", "and")."""
    position = 0
    joiners = re.compile(r"(?i:between|from|and|to|or)\b|[\s–—‒±+/−-]+")
    while position < len(text):
        skip = joiners.match(text, position)
        if skip and skip.end() > position:
            position = skip.end()
            continue
        found = qty.match(text, position)
        if found is None or found.end() == position:
            raise ValueError(f"cannot read the range {text!r}")
        yield found
        position = found.end()


_RANGE_JOINT = re.compile(r"\s(?:and|to|or)\s", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"^(?:between|from)\s+", re.IGNORECASE)


def _range_ends(text: str) -> list[tuple[_Quantity, str]]:
    """The two ends of a range; spelled numbers can swallow the joining "and"
    ("between one hundred and one hundred and one"), so when the scan finds one
    number where two were joined, each joining word is tried as the split."""
    quantities = _quantities(text)
    if len(quantities) != 1 or not _RANGE_JOINT.search(text):
        return quantities
    for joint in _RANGE_JOINT.finditer(text):
        left = _RANGE_OPENER.sub("", text[: joint.start()])
        right = text[joint.end() :]
        try:
            return [(read_quantity(left), left), (read_quantity(right), right)]
        except ValueError:
            continue
    return quantities


def _read_range(text: str) -> _Reading | None:
    quantities = _range_ends(text)
    if len(quantities) == 1:  # "thirty-five thousand": the hyphen joined words, not ends
        return _read_single(text)
    if len(quantities) != 2:
        return None
    (first, first_text), (second, second_text) = quantities
    if second.multiplier > 1 and first.multiplier == 1 and 0 <= first.base <= second.base:
        first = first.scaled(second.multiplier)
    unit = second.unit or first.unit
    if _year_like(first, first_text) or _year_like(second, second_text):
        return None
    if first.value > second.value:
        return None
    currency = second.currency or first.currency
    return _Reading(first.value, second.value, unit=unit, bare=first.bare and second.bare, currency=currency)


def _read_single(text: str) -> _Reading:
    q = read_quantity(text)
    return _Reading(
        q.value, q.value, unit=q.unit, bare=q.bare, year_like=_year_like(q, text), lone_one=q.spelled == "one", currency=q.currency
    )


def _read_plus_minus(text: str) -> _Reading:
    (centre, _), (spread, _) = _quantities(text)[:2]
    return _Reading(
        centre.value - spread.value, centre.value + spread.value, unit=centre.unit or spread.unit, currency=centre.currency or spread.currency
    )


def _read(match: re.Match[str]) -> _Reading | None:
    """The bounds a match states before its bound words are applied."""
    kind = _form(match)
    text = match.group(kind)
    numbers, bounds = lexicon("numbers"), lexicon("bounds")
    if kind == "single":
        return _read_single(text)
    if kind in ("range", "between", "from_to"):
        return _read_range(text)
    if kind == "plus_minus":
        return _read_plus_minus(text)
    if kind == "vague":
        key = re.sub(r"\s+", " ", text.lower()).removeprefix("many ")
        low, high = bounds["vague"][key]
        return _Reading(low, high, approximate=True)
    if kind == "few":
        words = re.sub(r"\s+", " ", text.lower())
        phrase = max((p for p in bounds["few"] if words.startswith(p + " ")), key=len)
        low, high = bounds["few"][phrase]
        factor = _scale_of(words[len(phrase) :])
        return _Reading(low * factor, high * factor, approximate=True)
    if kind == "one_in":
        parts = re.split(r"(?i)\s+(?:in|out\s+of|in\s+every|of\s+every)\s+", text)
        part, whole = (read_quantity(p).value for p in parts)
        if whole == 0 or part > whole or _year_like(read_quantity(parts[1]), parts[1]):
            return None
        share = _percent(part, whole)
        return _Reading(share, share, unit="percent")
    if kind == "every":
        ordinal = text.split()[-1].lower()
        whole = float(re.sub(r"\D", "", ordinal)) if ordinal[0].isdigit() else numbers["ordinals"][ordinal]
        share = _percent(1, whole)
        return _Reading(share, share, unit="percent")
    if kind == "fraction":
        first, denominator_word = re.split(r"[\s-]+", text.lower())
        numerator = 1 if first in numbers["articles"] else numbers["small"][first]
        share = _percent(numerator, numbers["fraction_words"][denominator_word])
        return _Reading(share, share, unit="percent")
    if kind == "half":
        return _Reading(50.0, 50.0, unit="percent")
    if kind == "ratio":
        return _Reading(*[_ratio_value(text)] * 2, unit="ratio")
    raise AssertionError(f"unknown figure form {kind}")


def _form(match: re.Match[str]) -> str:
    for name in ("between", "from_to", "one_in", "every", "fraction", "half", "ratio", "few", "vague", "plus_minus", "range"):
        if match.group(name) is not None:
            return name
    return "single"


def _ratio_value(text: str) -> float:
    numbers = lexicon("numbers")
    lowered = text.lower()
    if lowered in numbers["multiplier_words"]:
        return float(numbers["multiplier_words"][lowered])
    head = re.split(r"(?i)\s+times\b|[\s-]?fold\b", text)[0]
    if head.lower() in numbers["scales"]:
        return float(numbers["scales"][head.lower()])
    return read_quantity(head).value


def _apply_bound(reading: _Reading, effect: dict[str, Any]) -> None:
    """Narrow or open the interval as a bound word says (factors from figures_bounds.json)."""
    low_factor, high_factor = effect["low"], effect["high"]
    low, high = reading.low, reading.high
    reading.low = 0.0 if low_factor == 0 else (None if low is None else low * low_factor)
    reading.high = None if high_factor is None or high is None else high * high_factor
    if reading.low is not None and reading.high is not None and reading.low > reading.high:
        reading.low, reading.high = reading.high, reading.low
    reading.approximate = reading.approximate or bool(effect.get("approximate"))
    reading.bare = False


def _effect(table: dict[str, Any], written: str) -> dict[str, Any]:
    return table[re.sub(r"\s+", " ", written.strip().lower())]


def _is_reference(text: str, start: int, end: int, value: float | None) -> bool:
    """A bare number that names or dates something rather than counting it.

    Article 407, page 12 (after a reference word), Voyager 1 and HEM 907 (a short integer
    after a capitalised word that does not open the sentence), 27 November (a day next to a month), "(22)" (a citation,
    or an age after a name).
    """
    p = patterns()
    context = lexicon("context")
    if text[start - 1 : start] in ("(", "[") and text[end : end + 1] in (")", "]"):
        return True
    day = value is not None and value.is_integer() and 1 <= value <= 31
    before = p.previous_word.search(text, max(0, start - 24), start)
    if before:
        word = before.group(1)
        if word.lower() in context["preceding"]:
            return True
        if word.istitle() and word.lower().rstrip(".,") in context["months"]:
            return day
        opens_sentence = p.sentence_start.search(text, max(0, before.start() - 4), before.start()) is not None
        if word.isalpha() and word[0].isupper() and not opens_sentence:
            return p.short_integer.fullmatch(text, start, end) is not None
    after = p.next_word.match(text, end)
    return day and bool(after and after.group(1).istitle() and after.group(1).lower() in context["months"])


_DECIMAL_TIME = re.compile(r"\d\.\d+\s+(?:hours?|minutes?|days?|weeks?|months?|years?)\b")


def _measured_time(text: str, start: int, end: int) -> bool:
    """"a workweek of 34.4 hours": a decimal of a time unit is a measurement, not a duration."""
    return _DECIMAL_TIME.search(text, start, min(len(text), end + 12)) is not None


def _previous_word(text: str, start: int) -> str:
    found = re.search(r"([A-Za-z]+)\W*$", text[max(0, start - 20) : start])
    return found.group(1).lower() if found else ""


def _verb_bound(text: str, start: int) -> dict[str, Any] | None:
    """The bound a verb right before the figure gives ("surpassed 100,000"), or None."""
    before = re.search(r"([A-Za-z]+)\s+$", text[max(0, start - 20) : start])
    return lexicon("bounds")["verbs"].get(before.group(1).lower()) if before else None


def _is_label(text: str, start: int, end: int, value: float | None) -> bool:
    """A bare number that labels rather than counts (see figures_context.json).

    A long run of digits is an ID; "Philip Galbraith, 52, said" is an age; "1." opening a
    line numbers a section or list item.
    """
    context = lexicon("context")
    written = text[start:end]
    if written.isdigit() and (len(written) >= context["long_id_digits"] or (len(written) > 1 and written[0] == "0")):
        return True
    if value is None or not value.is_integer():
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip() and re.match(r"[.)](?:\s|$)", text[end : end + 2]):
        return True
    youngest, oldest = context["age_range"]
    return youngest <= value <= oldest and _AGE_APPOSITION.search(text, max(0, start - 60), start) is not None and (
        re.match(r",\s|\)|\.(?:\s|$)", text[end : end + 2]) is not None
    )


_AGE_APPOSITION = re.compile(r"\b[A-Z][\w'’.-]+\s+[A-Z][\w'’-]+,\s*$")


def _figure(text: str, start: int, end: int, reading: _Reading, form: str) -> Figure:
    role, per = roles.role_of(text, start, end, form, reading.unit)
    return Figure(
        start=start,
        end=end,
        text=text[start:end],
        low=_clean(reading.low),
        high=_clean(reading.high),
        approximate=reading.approximate,
        unit=reading.unit,
        role=role,
        status=roles.status_of(text, start, end),
        currency=reading.currency,
        per=per,
    )


_CHANGE_TO_LEVEL = 3  # "increased 17,200 to 3,612,400": a "to" end this many times the first is a new level


def _two_figures(text: str, match: re.Match[str], bound: str | None) -> list[Figure] | None:
    """An "X to Y" that is not a range of one quantity, as two figures (None: a range).

    Not a range: two units ("rose 5% to $4.9bn"), a first end above the second joined by "or" or
    with units ("$598 million or $15.70 a share"; "won 3-1" stays no figure), a year and its value
    ("for 2022 — 6 641"), or a change then the level it reached ("rose by 250 to 237,500", "increased
    17,200 to 3,612,400": after a change word, with "by" or a second end many times the first).
    A bound word before the pair bounds the first figure only.
    """
    body = match.group("range")
    start = match.start("range")
    found = list(_iter_quantities(patterns().quantity, body))
    if len(found) != 2:
        return None
    first, second = (read_quantity(m.group()) for m in found)
    years = (_year_like(first, found[0].group()), _year_like(second, found[1].group()))
    joint = body[found[0].end() : found[1].start()]
    if all(years) or (any(years) and " " not in joint):
        return None  # "2022-23": a span of years
    if any(years):  # "for 2022 — 6 641": a year and the value it has (a spaced dash)
        quantity, m = (second, found[1]) if years[0] else (first, found[0])
        reading = _Reading(quantity.value, quantity.value, unit=quantity.unit, currency=quantity.currency)
        return [_figure(text, start + m.start(), start + m.end(), reading, "single")]
    units_differ = first.unit is not None and second.unit is not None and first.unit != second.unit
    joined_by_to = re.search(r"\sto\s", joint) is not None
    descending = first.value > second.value and (re.search(r"\sor\s", joint) is not None or (first.unit and second.unit))
    before = roles.segment_before(text, match.start())
    change_then_level = joined_by_to and roles.change_verb_before(text, match.start()) and (
        re.search(r"\bby\s*$", before, re.IGNORECASE) is not None
        or (first.value > 0 and second.value >= _CHANGE_TO_LEVEL * first.value)
    )
    if not (units_differ or descending or change_then_level):
        return None
    figures = []
    for index, (quantity, m) in enumerate(zip((first, second), found)):
        reading = _Reading(quantity.value, quantity.value, unit=quantity.unit, currency=quantity.currency)
        figure_start = start + m.start()
        if index == 0 and bound:
            _apply_bound(reading, _effect(lexicon("bounds")["prefix"], bound))
            figure_start = match.start()
        figures.append(_figure(text, figure_start, start + m.end(), reading, "single"))
    return figures


def _levels_and_change(text: str, match: re.Match[str]) -> list[Figure] | None:
    """"fell from 79,000 to 72,000": the two levels and the change between them (None: a range).

    Only after a change verb or noun ("fell", "rose sharply", "a drop"); "estimates range
    from 15,000 to 18,000" is one quantity's range. A change already stated in digits before
    the "from" ("fell by 7,000 from …") is not derived again: only the levels are added.
    """
    start = match.start("from_to")
    if not roles.change_verb_before(text, start):
        return None
    stated = re.search(r"\d", roles.segment_before(text, start)[-40:]) is not None
    qty = patterns().quantity
    body = match.group("from_to")
    found = list(_iter_quantities(qty, body))
    if len(found) != 2:
        return None
    first, second = (read_quantity(m.group()) for m in found)
    if _year_like(first, found[0].group()) or _year_like(second, found[1].group()):
        return None
    if second.multiplier > 1 and first.multiplier == 1 and 0 <= first.base < 1000:  # "from 1.2 to 1.1 million"
        first = first.scaled(second.multiplier)
    unit = second.unit or first.unit
    currency = second.currency or first.currency
    status = roles.status_of(text, start, match.end("from_to"))
    levels = []
    for quantity, m in ((first, found[0]), (second, found[1])):
        level_start, level_end = start + m.start(), start + m.end()
        levels.append(
            Figure(level_start, level_end, text[level_start:level_end], _clean(quantity.value), _clean(quantity.value),
                   unit=unit, role="share" if unit == "percent" else "level", status=status, currency=currency)
        )
    if stated:
        return levels
    change_unit = "percentage_points" if unit == "percent" else unit
    delta = second.value - first.value
    change = Figure(
        start, match.end("from_to"), body, _clean(delta), _clean(delta),
        unit=change_unit, role="change", status=status, currency=currency,
    )
    return [change, *levels]


def find_figures(text: str) -> Iterator[Figure]:
    """The figures of ``text`` in order, as character offsets (no Doc needed).

    A change "from X to Y" gives three figures: the change (spanning the whole phrase) and
    then its two levels inside it.
    """
    p = patterns()
    bounds = lexicon("bounds")
    blocked = [(m.start(), m.end()) for m in p.blockers.finditer(text)]
    reference_end = -1
    for match in p.scan.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in blocked):
            continue
        if p.following.match(text, end) and not _measured_time(text, start, end):
            continue
        if p.currency_scale.search(match.group()) and not p.currency.search(match.group()):
            continue  # "2010b" is a citation; only "$2b" is two billion
        bound = match.group("bound") or match.group("bsym")
        if bound and bound.lower().split()[0] == "up" and _previous_word(text, start) in lexicon("bounds")["not_bound_after"]:
            start = match.start("bound") + len(match.group("bound"))  # "inched up to 64.8%": a direction, no bound
            start += len(text[start:]) - len(text[start:].lstrip())
            bound = None
        form = _form(match)
        split = None
        if form == "from_to" and not bound:
            split = _levels_and_change(text, match)
        elif form == "range" and not match.group("post"):
            split = _two_figures(text, match, bound)
        if split is not None:
            yield from split
            continue
        try:
            reading = _read(match)
        except ValueError:  # words the scan joined but the grammar cannot read are no figure
            continue
        if reading is None:
            continue
        if bound:
            _apply_bound(reading, _effect(bounds["prefix"], bound))
        if match.group("post"):
            _apply_bound(reading, _effect(bounds["postfix"], match.group("post")))
        verb_bound = None if bound else _verb_bound(text, start)
        if verb_bound is not None:
            _apply_bound(reading, verb_bound)
        if reading.bare:
            # "phases 3, 5 and 7": the numbers listed after a reference are references too.
            listed = (
                reference_end >= 0
                and p.list_joint.fullmatch(text, reference_end, start) is not None
                and p.short_integer.fullmatch(match.group()) is not None
            )
            if listed or _is_reference(text, start, end, reading.low):
                reference_end = end
                continue
            if reading.year_like or reading.lone_one or _is_label(text, start, end, reading.low):
                continue
        yield _figure(text, start, end, reading, form)


class FiguresComponent:
    """Writes ``doc.spans["cl_figures"]``, each span carrying its ``model.Figure``."""

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for figure in find_figures(doc_text(doc)):
            span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
            if span is None:
                continue
            if (span.start_char, span.end_char) != (figure.start, figure.end):
                figure.start, figure.end, figure.text = span.start_char, span.end_char, span.text
            span._.cl_figure = figure
            spans.append(span)
        doc.spans[FIGURES_KEY] = spans
        return doc


@Language.factory(
    "claimledger_figures",
    assigns=["doc.spans", "span._.cl_figure"],
    requires=[],
    default_config={"lang": None, "lexicon": "figures"},
)
def make_figures(nlp: Language, name: str, lang: str | None, lexicon: str) -> FiguresComponent:
    english_with_packaged_lexicon("claimledger_figures", nlp, lang, lexicon, "figures")
    register()
    return FiguresComponent()
