"""claimledger_measures: what each figure counts, in words and as a key.

Two figures can only be compared when they count the same thing, and articles
rarely say it the same way twice ("deserted", "deserters", "abandoned their
posts"). So each figure gets the phrase the text uses (``counted``) and a short
key (``measure``) found by lemma in ``data/measures_lexicon.json``; a thing not in
the lexicon falls back to a key made of its own lemmas, so it is still
comparable with the same words elsewhere.

Everything is read off the dependency parse around each figure span (never the
whole Doc), which keeps the component cheap next to the parser itself.
``cl_clause`` is the smallest clause that states the figure: a ``with``-phrase
or relative clause rather than the whole sentence, so a claim quotes no more
than it has to.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimledger.extract.extensions import FIGURES_KEY, PERIODS_KEY, register
from claimledger.model import Figure

_NUMBER_DEPS = ("nummod", "quantmod", "amod", "compound", "nmod", "det")
_NOUN_POS = ("NOUN", "PROPN")
_VERB_POS = ("VERB", "AUX")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_OBJECT_DEPS = ("dobj", "obj", "oprd", "attr")
_NOUN_MODIFIER_DEPS = ("amod", "compound", "nmod")
_VERB_GROUP_DEPS = ("aux", "auxpass", "neg", "prt")
_VERB_OBJECT_DEPS = ("dobj", "acomp", "oprd", "attr", "npadvmod", "advmod")
_CLAUSE_DEPS = ("ROOT", "ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "pcomp", "csubj", "csubjpass", "parataxis")
_ABSOLUTE_PREPS = ("with", "without")
_MAX_PREP_PHRASE = 5


@dataclass(frozen=True)
class _Measure:
    key: str
    unit: str | None
    priority: int
    triggers: tuple[frozenset[str], ...]


@cache
def _lexicon() -> dict[str, Any]:
    path = resources.files("claimledger") / "data" / "measures_lexicon.json"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _measures() -> tuple[_Measure, ...]:
    return tuple(
        _Measure(m["key"], m.get("unit"), m["priority"], tuple(frozenset(t) for t in m["triggers"]))
        for m in _lexicon()["measures"]
    )


@cache
def _unit_of_lemma() -> dict[str, str]:
    return {lemma: unit for unit, lemmas in _lexicon()["units"].items() for lemma in lemmas}


def _find_measure(lemmas: Iterable[str]) -> _Measure | None:
    present = {lemma.lower() for lemma in lemmas}
    best: tuple[tuple[int, int, int], _Measure] | None = None
    for order, measure in enumerate(_measures()):
        for trigger in measure.triggers:
            if trigger <= present:
                score = (measure.priority, len(trigger), -order)
                if best is None or score > best[0]:
                    best = (score, measure)
    return best[1] if best else None


def lexical_measure(lemmas: Iterable[str]) -> str | None:
    """The lexicon's key for these lemmas, or None when the lexicon does not know them."""
    measure = _find_measure(lemmas)
    return measure.key if measure else None


def _key(words: Iterable[str]) -> str:
    return re.sub(r"[^a-z0-9]+", "_", "_".join(words).lower()).strip("_")


# --- the counted noun and phrase --------------------------------------------


def counted_noun(figure: Span) -> Token | None:
    """The noun the figure counts: ``21,600 [soldiers]``, ``tens of thousands of [casualties]``, ``$5 billion in [aid]``."""
    root = figure.root
    head = root.head
    if root.dep_ in _NUMBER_DEPS and head.pos_ in _NOUN_POS and not _in(head, figure):
        return head
    cl_figure = figure._.cl_figure
    money = cl_figure is not None and cl_figure.unit == "money"
    prepositions = _lexicon()["money_prepositions"] if money else ("of",)
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in prepositions:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ in _NOUN_POS:
                    return obj
    return None


def _in(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def _excluded(doc: Doc) -> set[int]:
    """Tokens that never belong to a counted phrase: periods and figures."""
    spans = [*doc.spans.get(PERIODS_KEY, []), *doc.spans.get(FIGURES_KEY, [])]
    return {i for span in spans for i in range(span.start, span.end)}


def _noun_phrase(noun: Token, excluded: set[int]) -> list[Token]:
    """The noun with its modifiers (``criminal cases``, ``cases of unauthorized absence``)."""
    tokens = [noun]
    for child in noun.lefts:
        if child.dep_ in _NOUN_MODIFIER_DEPS or child.dep_ in ("det", "poss"):
            tokens.extend(t for t in child.subtree if t.i not in excluded)
    return tokens + _small_prep_phrases(noun, excluded, _lexicon()["noun_prepositions"])


def _small_prep_phrases(head: Token, excluded: set[int], prepositions: Iterable[str] | None = None) -> list[Token]:
    """Short prepositional phrases that are not periods or clauses (``for unauthorized absences``)."""
    tokens: list[Token] = []
    for child in head.rights:
        if child.dep_ not in ("prep", "agent") or (prepositions is not None and child.lower_ not in prepositions):
            continue
        subtree = list(child.subtree)
        if len(subtree) <= _MAX_PREP_PHRASE and not any(
            t.i in excluded or t.pos_ in _VERB_POS for t in subtree
        ):
            tokens.extend(subtree)
    return tokens


def _verb_group(verb: Token, excluded: set[int]) -> list[Token]:
    """The verb with its auxiliaries, objects and short phrases (``have abandoned their posts``)."""
    tokens = [verb]
    for child in verb.children:
        if child.dep_ in _VERB_GROUP_DEPS:
            tokens.append(child)
        elif child.dep_ in _VERB_OBJECT_DEPS and child.i > verb.i and child.i not in excluded:
            tokens.extend(_noun_phrase(child, excluded) if child.pos_ in _NOUN_POS else [child])
    return tokens + _small_prep_phrases(verb, excluded)


def _reduced_clause(noun: Token) -> Token | None:
    for child in noun.rights:
        if child.dep_ in ("acl", "relcl") and child.pos_ in _VERB_POS:
            return child
    return None


def _is_generic(noun: Token) -> bool:
    return noun.lemma_.lower() in _lexicon()["generic_nouns"]


def _with_noun(figure: Span, noun: Token, excluded: set[int]) -> tuple[list[Token], list[Token], list[Token]]:
    """(noun phrase, verb part of the phrase, verb for the measure only) for a figure with a counted noun.

    The verb of an object joins the phrase only when the noun alone says too
    little (``lives claimed`` but ``casualties``); it always helps find the measure
    (``recruited 25,000 volunteers`` is mobilization).
    """
    phrase = _noun_phrase(noun, excluded)
    anchor = noun if figure.root.head == noun else figure.root
    reduced = _reduced_clause(noun)
    if reduced is not None:
        return phrase, _verb_group(reduced, excluded), []
    verb = anchor.head
    if anchor.dep_ in _SUBJECT_DEPS and verb.pos_ in _VERB_POS:
        return phrase, _verb_group(verb, excluded), []
    if anchor.dep_ in _OBJECT_DEPS and verb.pos_ in _VERB_POS:
        return (phrase, [verb], []) if _is_generic(noun) else (phrase, [], [verb])
    return phrase, [], []


def _participle_after(figure: Span) -> Token | None:
    """``millions [displaced]``: a bare magnitude followed by what happened to it."""
    if figure.end < len(figure.doc):
        token = figure.doc[figure.end]
        if token.tag_ == "VBN":
            return token
    return None


def _summary_phrase(figure: Span, excluded: set[int]) -> list[Token]:
    """What a bare figure's verb says it is: ``the number of deserters reached 21,600``, ``deserters numbered 15,000``."""
    verb = figure.root
    while verb.pos_ not in _VERB_POS and verb.head != verb:
        verb = verb.head
    lexicon = _lexicon()
    for child in verb.children:
        summary = child.dep_ in (*_SUBJECT_DEPS, "dobj") and child.lemma_.lower() in lexicon["summary_nouns"]
        stated = child.dep_ in _SUBJECT_DEPS and child.pos_ in _NOUN_POS and verb.lemma_ in lexicon["summary_verbs"]
        if summary or stated:
            tokens = [t for t in child.subtree if t.i not in excluded and t.dep_ not in ("det", "poss")]
            says_what = any(t.lemma_.lower() not in lexicon["summary_nouns"] for t in tokens)
            return tokens if says_what else []
    return []


def _text(tokens: Iterable[Token]) -> str:
    """The tokens as the text writes them, in text order; gaps become one space."""
    ordered = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    parts: list[str] = []
    for previous, token in zip([None, *ordered], ordered):
        if previous is not None:
            parts.append(previous.whitespace_ if token.i == previous.i + 1 else " ")
        parts.append(token.text)
    return "".join(parts)


def _phrase_text(phrase: list[Token], verb_part: list[Token]) -> str:
    """The thing first, then what it did: ``soldiers deserted``, and ``lives claimed`` for ``claimed … lives``."""
    if not verb_part or min(t.i for t in verb_part) > max(t.i for t in phrase):
        return _text(phrase + verb_part)
    return f"{_text(phrase)} {_text(verb_part)}"


# --- the clause ---------------------------------------------------------------


def _is_clause_head(token: Token) -> bool:
    if token.pos_ in _VERB_POS and token.dep_ in _CLAUSE_DEPS:
        return True
    return token.dep_ == "prep" and token.lower_ in _ABSOLUTE_PREPS and any(
        obj.dep_ == "pobj" and _reduced_clause(obj) is not None for obj in token.children
    )


def _clause(figure: Span, keep: set[int]) -> Span | None:
    """The smallest clause that states the figure, without the clauses nested in it (None: no clause head)."""
    head = next((t for t in figure.root.ancestors if _is_clause_head(t)), None)
    if head is None:
        return None
    dropped = {
        t.i
        for child in head.children
        if _is_clause_head(child) and not keep & {t.i for t in child.subtree}
        for t in child.subtree
    }
    start = figure.start
    while start > head.left_edge.i and start - 1 not in dropped:
        start -= 1
    end = figure.end
    while end <= head.right_edge.i and end not in dropped:
        end += 1
    return _trim(figure.doc[start:end], figure)


def _trim(span: Span, figure: Span) -> Span:
    """Without the edge words that tie it to its sentence (``that``, ``and``, commas, ``who``)."""
    start, end = span.start, span.end
    doc = span.doc

    def loose(token: Token) -> bool:
        return token.is_punct or token.is_space or token.dep_ in ("mark", "cc") or token.tag_ in ("WDT", "WP", "WRB")

    while start < figure.start and loose(doc[start]):
        start += 1
    while end > figure.end and loose(doc[end - 1]):
        end -= 1
    return doc[start:end]


# --- the component ------------------------------------------------------------


@dataclass
class _Counted:
    text: str | None
    measure: str | None
    unit: str | None
    tokens: list[Token]


def _generic_key(noun: Token | None, verb_part: list[Token]) -> str | None:
    verbs = [t.lemma_ for t in verb_part if t.pos_ == "VERB"][:1]
    words = [noun.lemma_] if noun is not None else []
    if noun is None or _is_generic(noun):
        words += verbs
    return _key(words) or None


def _counted(figure: Span, excluded: set[int], previous: _Counted | None) -> _Counted:
    noun = counted_noun(figure)
    if noun is not None:
        phrase, verb_part, hint = _with_noun(figure, noun, excluded)
        tokens = phrase + verb_part
        measure = _find_measure(t.lemma_ for t in tokens + hint)
        unit = _unit_of_lemma().get(noun.lemma_.lower()) or (measure.unit if measure else None)
        key = measure.key if measure else _generic_key(noun, verb_part)
        return _Counted(_phrase_text(phrase, verb_part), key, unit, tokens)
    participle = _participle_after(figure)
    if participle is not None:
        measure = _find_measure([participle.lemma_])
        unit = measure.unit if measure else None
        implicit = _lexicon()["implicit_nouns"].get(unit or "")
        text = f"{implicit} {participle.text}" if implicit else participle.text
        return _Counted(text, measure.key if measure else _key([participle.lemma_]), unit, [participle])
    if previous is not None and previous.measure is not None:
        return _Counted(previous.text, previous.measure, previous.unit, [])
    summary = _summary_phrase(figure, excluded)
    if summary:
        measure = _find_measure(t.lemma_ for t in summary)
        key = measure.key if measure else _key(t.lemma_ for t in summary if t.pos_ in _NOUN_POS)
        return _Counted(_text(summary), key, measure.unit if measure else None, summary)
    return _Counted(None, None, None, [])


def _changes_count_their_levels(figures: list[Span]) -> None:
    """"The number of migrants fell from 79,000 to 72,000": the change counts what its levels count."""
    for span in figures:
        change: Figure | None = span._.cl_figure
        if change is None or change.role != "change" or change.measure is not None:
            continue
        levels = [s._.cl_figure for s in figures if s is not span and span.start <= s.start and s.end <= span.end]
        counted = next((f for f in reversed(levels) if f is not None and f.measure is not None), None)
        if counted is not None:
            change.counted, change.measure = counted.counted, counted.measure
            change.unit = change.unit or counted.unit


class MeasuresComponent:
    """Fills ``counted``/``measure``/``unit`` of each figure and sets ``cl_clause`` on its span."""

    def __call__(self, doc: Doc) -> Doc:
        figures = sorted(doc.spans.get(FIGURES_KEY, []), key=lambda s: s.start)
        if not figures:
            return doc
        excluded = _excluded(doc)
        parsed = doc.has_annotation("DEP")
        sentences = list(doc.sents) if parsed or doc.has_annotation("SENT_START") else []
        starts = [s.start for s in sentences]
        previous: tuple[int, _Counted] | None = None
        for span in figures:
            figure: Figure | None = span._.cl_figure
            sentence_span = sentences[bisect_right(starts, span.start) - 1] if sentences else None
            if not parsed or figure is None:
                span._.cl_clause = sentence_span
                continue
            assert sentence_span is not None
            sentence = sentence_span.start
            counted = _counted(span, excluded, previous[1] if previous and previous[0] == sentence else None)
            figure.counted, figure.measure = counted.text, counted.measure
            figure.unit = figure.unit or counted.unit
            span._.cl_clause = _clause(span, {t.i for t in counted.tokens}) or sentence_span
            previous = (sentence, counted)
        _changes_count_their_levels(figures)
        return doc


@Language.factory("claimledger_measures", requires=["token.dep", "token.lemma"])
def make_measures(nlp: Language, name: str) -> MeasuresComponent:
    register()
    return MeasuresComponent()
