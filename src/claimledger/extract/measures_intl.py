"""claimledger_measures for Russian, Ukrainian and German: what each figure counts, under the English keys.

Without a parser, "what is counted" is read from the words around the figure: the
words after it up to the end of its clause (at most ``AFTER`` words: "21 602
военнослужащих", "кримінальних проваджень за самовільне залишення частини") and,
for a trigger, the words before it in its clause ("СЗЧ совершили 21 602
военнослужащих"). Lemmas make case forms meet their dictionary entry; the lexicon
(``data/<lang>/measures.json``) maps them to the English measure keys and units.
Fills ``figure.measure``, ``figure.unit`` (when the figures component left it open) and
``figure.counted`` (the words after the figure up to the counted noun).
"""

from __future__ import annotations


import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimledger import datafiles
from claimledger.extract.config import language
from claimledger.extract.extensions import FIGURES_KEY, register
from claimledger.extract.measures import lexical_measure
from claimledger.model import Figure, Qualifiers, Status

AFTER = 8
"""Words after a figure that may say what it counts."""
BEFORE = 12
"""Words before a figure, within its sentence, that may name its measure."""
COUNTED_WORDS = 4
"""Words after the figure that the counted phrase may hold up to its noun."""
HOLDER_WORDS = 2
"""Words after a figure up to a noun of holders ("40 größten Konzerne")."""
_CLAUSE_BREAK = frozenset(".;:!?()—–")
_SENTENCE_BREAK = frozenset(".;!?")
_DASHES = frozenset("—–-")


@dataclass(frozen=True)
class _Measure:
    key: str
    unit: str | None
    priority: int
    triggers: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class _Compounds:
    """How a trigger matches part of a compound the language writes as one word (German)."""

    last_part: int
    first_part: int
    adjective_endings: frozenset[str]


@dataclass(frozen=True)
class _Lexicon:
    measures: tuple[_Measure, ...]
    units: dict[str, str]
    counted: dict[str, str]
    change_prepositions: frozenset[str]
    ratio_words: frozenset[str]
    compounds: _Compounds | None  # None: a trigger matches whole lemmas only
    status_lemmas: dict[str, Status]
    clause_openers: frozenset[str]
    holders: dict[str, str]
    subject_prepositions: frozenset[str]
    own_units: frozenset[str]
    place_nouns: frozenset[str]
    price_verbs: frozenset[str]


def _english_key(noun: str) -> str:
    """The key the English component gives the same noun: its taxonomy's measure when one takes it
    ("soldier" is counted by ``troops``), else the noun itself, as the English fallback builds it."""
    return lexical_measure([noun]) or noun


@cache
def lexicon(lang: str, reference: str = "measures") -> _Lexicon:
    data = datafiles.lexicon(reference, lang)
    measures = tuple(
        _Measure(m["key"], m["unit"], m["priority"], tuple(tuple(t) for t in m["triggers"])) for m in data["measures"]
    )
    units = {lemma: unit for unit, lemmas in data["units"].items() for lemma in lemmas}
    part = data["compounds"]
    compounds = _Compounds(part["last_part"], part["first_part"], frozenset(part["adjective_endings"])) if part else None
    return _Lexicon(
        measures=measures,
        units=units,
        counted=data["counted_nouns"],
        change_prepositions=frozenset(data["change_prepositions"]),
        ratio_words=frozenset(data["ratio_words"]),
        compounds=compounds,
        status_lemmas=data["status_lemmas"],
        clause_openers=frozenset(data["clause_openers"]),
        holders=data["holder_nouns"],
        subject_prepositions=frozenset(data["subject_prepositions"]),
        own_units=frozenset(data["own_units"]),
        place_nouns=frozenset(data["place_nouns"]),
        price_verbs=frozenset(data["price_verbs"]),
    )


def _matches(word: str, trigger: str, compounds: _Compounds | None) -> bool:
    if word == trigger:
        return True
    if compounds is None:
        return False
    if word.endswith(trigger) and len(trigger) >= compounds.last_part:
        return True  # a compound's last part: Kriegstote, Zivilopfer
    if word.startswith(trigger) and len(trigger) >= compounds.first_part:
        return True  # a long first part: Desertionsfälle, Fahnenfluchtverfahren
    return word.startswith(trigger) and word[len(trigger) :] in compounds.adjective_endings


def _fits(measure: _Measure, unit: str | None) -> bool:
    """A share is no count and a count no share: "45% голосов" is vote_share, "1 000 голосов" votes."""
    if unit in ("percent", "percentage_points"):
        return measure.unit in (None, "percent")
    if unit == "money":
        return measure.unit in (None, "money")
    return measure.unit != "percent"


def _find(lemmas: Sequence[str], lex: _Lexicon, unit: str | None = None, anchor: int = 0) -> _Measure | None:
    """The measure of the highest priority, the longest trigger, then the trigger nearest the figure
    (``anchor``: where the figure stands among ``lemmas``; "24,8 млн пацієнтів одужали, … померли" counts
    recoveries), then the earlier entry."""
    best: tuple[int, int, int, int] | None = None
    found: _Measure | None = None
    for order, measure in enumerate(lex.measures):
        if not _fits(measure, unit):
            continue
        for trigger in measure.triggers:
            places = [[i for i, w in enumerate(lemmas) if _matches(w, t, lex.compounds)] for t in trigger]
            if all(places):
                distance = max(min(abs(i - anchor) for i in where) for where in places)
                rank = (measure.priority, len(trigger), -distance, -order)
                if best is None or rank > best:
                    best, found = rank, measure
    return found


def _genitive_place(after: list[Token], lemmas: Sequence[str], lex: _Lexicon) -> str | None:
    """The place a genitive right after the counted noun names ("67 тисяч абонентів обласного центру", "жителей
    города"): a place noun one or two words after the noun, the words touching (no comma) and none a preposition
    ("абонентів у центрі" is where they are reached, left to the place extractor); else None."""
    for at in (1, 2):
        if at >= len(after) or lemmas[at] not in lex.place_nouns:
            continue
        words = after[: at + 1]
        touching = all(b.i == a.i + 1 for a, b in zip(words, words[1:]))
        if touching and all(len(w.text) > 3 and w.lower_ not in lex.subject_prepositions for w in words[1:at]):
            return after[1].doc[after[1].i : after[at].i + 1].text
    return None


def _subject_at(lemmas: Sequence[str], measure: _Measure | None, lex: _Lexicon) -> int | None:
    """Where the phrase of a subject preposition starts ("проваджень щодо дезертирства", "дел о
    дезертирстве") when the measure found after the figure is named only inside it; else None."""
    words = _trigger_words(lemmas, measure, lex.compounds)
    at = next((i for i, lemma in enumerate(lemmas) if lemma in lex.subject_prepositions), None)
    if not words or at is None or min(words) < at:
        return None
    return at + 1 if at + 1 < len(lemmas) else None


def _trigger_words(lemmas: Sequence[str], measure: _Measure | None, compounds: _Compounds | None) -> list[int]:
    """Where the words of the measure's matching trigger stand among ``lemmas``."""
    if measure is None:
        return []
    for trigger in measure.triggers:
        found = [next((i for i, w in enumerate(lemmas) if _matches(w, t, compounds)), None) for t in trigger]
        if all(i is not None for i in found):
            return [i for i in found if i is not None]
    return []


def _words_after(figure: Span, others: list[Span], lex: _Lexicon) -> list[Token]:
    doc, limit = figure.doc, min(figure.sent.end, figure.end + AFTER * 2)
    next_figure = min((s.start for s in others if s.start >= figure.end), default=limit)
    words: list[Token] = []
    for token in doc[figure.end : min(limit, next_figure)]:
        if token.text in _DASHES and not words:
            continue  # "60 тисяч — за СЗЧ": the dash introduces what is counted
        if token.text in _CLAUSE_BREAK or len(words) >= AFTER or _opens_clause(token, lex):
            break
        if _is_word(token):
            words.append(token)
    return words


def _opens_clause(token: Token, lex: _Lexicon) -> bool:
    """A comma before a conjunction that opens the next clause ("…, а до суду доходить лише 5% справ")."""
    return token.text == "," and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in lex.clause_openers


def _is_word(token: Token) -> bool:
    """Letters, or a name with its number ("COVID-19"): a measure may be named by either."""
    return token.is_alpha or bool(_NAMED_NUMBER.fullmatch(token.text))


_NAMED_NUMBER = re.compile(r"[^\W\d_]+-\d+")


def _words_before(figure: Span) -> list[Token]:
    """The words before the figure in its sentence (a measure named once heads a list: "потери ВСУ: "Север" - 2 810, …")."""
    words: list[Token] = []
    for token in reversed(figure.doc[figure.sent.start : figure.start]):
        if token.text in _SENTENCE_BREAK or len(words) >= BEFORE:
            break
        if _is_word(token):
            words.append(token)
    return words[::-1]


def _near(a: Span, b: Span) -> bool:
    """The same paragraph or the next: a list's items go on counting what its head counted."""
    return a.doc.text.count("\n", a.end_char, b.start_char) <= 1


_STATED_UNITS = ("percent", "money")


def _inherit(figure: Figure, earlier: Figure, change: bool) -> None:
    """A figure that names no measure counts what the last measured figure before it counts, as in English:
    a bare one ("в 2023 году — 17 658", "(днем ранее – 18 912)"), one of generic cases ("в 2024-м — 67 840
    производств" after cases of AWOL), a percent change of an amount ("выше уровня прошлого года на 20,8%"
    after spending). A percent or an amount takes only a measure of its kind; a count of a named noun
    other than cases keeps its own ("1 000 человек" after deaths is no death toll)."""
    unit, theirs = figure.unit or None, earlier.unit or None
    if earlier.measure is None or (figure.counted is not None and unit != "cases"):
        return
    if (unit in _STATED_UNITS or theirs in _STATED_UNITS) and unit != theirs and not (change and unit == "percent"):
        return
    if unit not in _STATED_UNITS and theirs not in _STATED_UNITS and None not in (unit, theirs) and unit != theirs:
        if {unit, theirs} != {"people", "cases"}:  # cases of AWOL and the people who went AWOL count one thing
            return
    figure.measure = earlier.measure
    if figure.unit is None:
        figure.unit = earlier.unit


def _role(span: Span, figure: Figure, lex: _Lexicon) -> str:
    """level, unless a change word precedes it ("выросло на 40%", "stieg um 2 Prozent"), or it is a share or a ratio."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(span.sent.start, span.start - 2) : span.start]]
    if figure.unit == "ratio" or any(t.lower_ in lex.ratio_words for t in doc[span.end : min(span.end + 2, len(doc))]):
        return "ratio"
    if before and before[-1] in lex.change_prepositions:
        return "change"
    if figure.unit in ("percent", "percentage_points"):
        return "share" if figure.unit == "percent" else "change"
    return "level"


def _status(span: Span, lex: _Lexicon) -> Status | None:
    """'forecast' or 'expected' when a word of projection stands before the figure in its sentence ("зберіг
    прогноз інфляції … на рівні 30%, тоді як уряд поліпшив його з 30,1% до 29,3%"); None (a result) otherwise.
    The nearest such word decides; one after the figure ("26,6%, нижче прогнозу") does not make it a projection."""
    doc = span.doc
    for token in reversed(doc[span.sent.start : span.start]):
        status = lex.status_lemmas.get(_lemma(token))
        if status is not None:
            return status
    return None


def _lemma(token: Token) -> str:
    """The lower-case lemma without a number suffix ("COVID-19" -> "covid")."""
    return re.sub(r"-\d+$", "", (token.lemma_ or token.text).lower())


class MeasuresIntl:
    """Sets measure, unit and counted on each figure of the Doc."""

    def __init__(self, lang: str, reference: str = "measures") -> None:
        register()
        self.lang = lang
        self.lexicon = lexicon(lang, reference)

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lexicon
        spans = list(doc.spans.get(FIGURES_KEY, []))
        measured: Span | None = None  # the last figure that says what it counts
        for span in spans:
            others = [s for s in spans if s is not span]
            self._fill(span, _words_after(span, others, lex), _words_before(span), lex)
            figure = span._.cl_figure
            if figure.measure is None and measured is not None and _near(measured, span):
                change = span.start > span.sent.start and doc[span.start - 1].lower_ in lex.change_prepositions
                _inherit(figure, measured._.cl_figure, change)
            figure.role = _role(span, figure, lex)
            figure.status = figure.status or _status(span, lex)
            if figure.measure is not None:
                measured = span
        return doc

    def _fill(self, span: Span, after: list[Token], before: list[Token], lex: _Lexicon) -> None:
        figure = span._.cl_figure
        after_lemmas = [_lemma(t) for t in after]
        holder_at = next((i for i, lemma in enumerate(after_lemmas[:HOLDER_WORDS]) if lemma in lex.holders), None)
        nouns_before = holder_at is not None and any(w in lex.units or w in lex.counted for w in after_lemmas[:holder_at])
        if figure.unit is None and holder_at is not None and not nouns_before:  # "5 тысяч жителей города" counts residents
            # "22 Unternehmen steigerten ihren Gewinn": a count of those who hold figures, not of the measure named
            figure.unit = figure.measure = lex.holders[after_lemmas[holder_at]]
            figure.counted = span.doc[after[0].i : after[holder_at].i + 1].text
            return
        measure = _find(after_lemmas, lex, figure.unit)
        before_lemmas = [_lemma(t) for t in before]
        about = _subject_at(after_lemmas, measure, lex)
        if about is not None and measure is not None:
            # "До суду направлено 13 625 проваджень щодо самовільного залишення": the proceedings' stage named
            # before the figure is what is counted; the offence after "щодо" is only what they are about
            stage = _find(before_lemmas, lex, figure.unit)
            if stage is not None and stage.priority >= measure.priority:
                measure = stage
                figure.qualifiers = replace(figure.qualifiers or Qualifiers(), subject=span.doc[after[about].i : after[-1].i + 1].text)
        for reach in (3, 6, BEFORE):  # what follows the figure says what it counts; else the nearest named around it
            if measure is not None:
                break
            # "подтоплен 741 жилой дом": a trigger's words may stand on both sides of the figure
            near = before_lemmas[-reach:]
            measure = _find(near + after_lemmas, lex, figure.unit, anchor=len(near))
        noun_at = next((i for i, lemma in enumerate(after_lemmas[:COUNTED_WORDS]) if lemma in lex.units), None)
        if figure.unit is None:
            if noun_at is not None:
                figure.unit = lex.units[after_lemmas[noun_at]]
            elif measure is not None and measure.unit not in (None, "money", "percent"):
                figure.unit = measure.unit
        owns = noun_at is not None and figure.unit in lex.own_units  # "в девяти населённых пунктах" among flooded homes
        if measure is not None and not owns and (figure.unit == measure.unit or measure.unit is None or figure.unit in ("people", "cases")):
            figure.measure = measure.key
        elif noun_at is not None and after_lemmas[noun_at] in lex.counted:
            figure.measure = _english_key(lex.counted[after_lemmas[noun_at]])
        if len(after) > 1 and after_lemmas[0] in lex.price_verbs:
            # "На 2,5% подорожчали олія, молоко …": the goods after the verb are whose prices rose, not the index
            figure.qualifiers = replace(figure.qualifiers or Qualifiers(), subject=span.doc[after[1].i : after[-1].i + 1].text)
        place = _genitive_place(after, after_lemmas, lex)
        if place is not None:
            figure.qualifiers = replace(figure.qualifiers or Qualifiers(), place=place)
        last = max([noun_at if noun_at is not None else -1] + _trigger_words(after_lemmas, measure, lex.compounds))
        if last >= 0:
            # the noun and, when the measure is named after it, up to its last word: "Strafverfahren wegen Fahnenflucht"
            figure.counted = span.doc[after[0].i : after[last].i + 1].text


@Language.factory(
    "claimledger_measures_intl",
    requires=["doc.sents", "token.lemma", "span._.cl_figure"],
    default_config={"lang": None, "lexicon": "measures"},
)
def make_measures_intl(nlp: Language, name: str, lang: str | None, lexicon: str) -> MeasuresIntl:
    return MeasuresIntl(language(nlp, lang), lexicon)


