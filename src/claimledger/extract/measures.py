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

import os
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimledger import datafiles
from claimledger.extract.config import english_with_packaged_lexicon
from claimledger.extract.extensions import FIGURES_KEY, PERIODS_KEY, register
from claimledger.errors import BadMeasuresFile
from claimledger.model import Figure, Inherited, Qualifiers

_NUMBER_DEPS = ("nummod", "quantmod", "amod", "compound", "nmod", "det")
_NOUN_POS = ("NOUN", "PROPN")
_VERB_POS = ("VERB", "AUX")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_OBJECT_DEPS = ("dobj", "obj", "oprd", "attr")
_NOUN_MODIFIER_DEPS = ("amod", "compound", "nmod")
_VERB_GROUP_DEPS = ("aux", "auxpass", "neg", "prt")
_VERB_OBJECT_DEPS = ("dobj", "acomp", "oprd", "attr", "npadvmod", "advmod")
_CLAUSE_DEPS = ("ROOT", "ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "pcomp", "csubj", "csubjpass", "parataxis")
_MAX_PREP_PHRASE = 5


@dataclass(frozen=True)
class _Measure:
    key: str
    unit: str | None
    priority: int
    triggers: tuple[frozenset[str], ...]
    synonyms: tuple[str, ...] = ()
    money: bool | None = None
    """True: only money figures take it; False: never a money figure; None: any figure."""
    percent_key: str | None = None
    percent_role: str | None = None
    """The role of a percent of this measure when its words do not say ("revenue rose 8%" is a change)."""
    population: frozenset[str] = frozenset()
    """Lemmas of the nouns this measure counts by default (deserters are soldiers): no subgroup."""
    narrows: tuple[str, ...] = ()
    """Broader keys this measure is a kind of: in an article that has stated it, a later figure of the
    broader key is read as this one (overdose deaths, then "deaths rose 4%")."""
    figure_units: tuple[str | None, ...] = ()
    """The units a figure of this measure may be written in (empty: any)."""

    def fits(self, unit: str | None) -> bool:
        """A money measure takes money figures and their percents and ratios ("revenue rose 8%"); a
        count measure never a money figure ("losses of $5bn" are no casualties); a measure that names
        its figure units takes only those (a magnitude is no distance in miles)."""
        if self.figure_units and unit not in self.figure_units:
            return False
        if self.money is None:
            return True
        if self.money:
            return unit in _MONEY_LIKE_UNITS
        return unit != "money"


_MONEY_LIKE_UNITS = ("money", "percent", "percentage_points", "ratio", "permille")

USER_MEASURES_ENV = "CLAIMLEDGER_MEASURES"
"""The environment variable naming a user measures file; set by ``use_measures`` so that
worker processes (``scale.py``) read the same measures as the process that started them."""


def _lexicon() -> dict[str, Any]:
    return datafiles.load("measures_lexicon")


def _measure_of(entry: dict[str, Any], default_priority: int) -> _Measure:
    triggers = [t.split() if isinstance(t, str) else list(t) for t in entry.get("triggers", [])]
    synonyms = [s.lower() for s in entry.get("synonyms", [])]
    return _Measure(
        str(entry["key"]),
        entry.get("unit"),
        int(entry.get("priority", default_priority)),
        tuple(frozenset(w.lower() for w in t) for t in triggers if t),
        tuple(synonyms),
        entry.get("money"),
        entry.get("percent_key"),
        entry.get("percent_role"),
        frozenset(w.lower() for w in entry.get("population", [])),
        tuple(entry.get("narrows", [])),
        tuple(entry.get("figure_units", [])),
    )


def read_measures_file(path: str | os.PathLike[str]) -> tuple[_Measure, ...]:
    """A user's measures, from YAML or JSON: a list of entries (or ``{"measures": [...]}``) shaped
    like the taxonomy's (``key``, ``triggers`` as lemma lists or phrases, ``synonyms``, ``unit``,
    ``priority``, ``money``, ``percent_key``, ``role``). Unless they say otherwise they rank above
    the built-in measures (priority 4), since a user adds a measure to have it win."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))  # YAML is a superset of JSON
    except (OSError, yaml.YAMLError) as error:
        raise BadMeasuresFile(f"{path}: cannot read the measures file: {error}") from None
    entries = data.get("measures") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise BadMeasuresFile(f"{path}: expected a list of measures (or a 'measures' list)")
    measures = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("key") or not (entry.get("triggers") or entry.get("synonyms")):
            raise BadMeasuresFile(f"{path}: measure {number} needs a 'key' and 'triggers' or 'synonyms'")
        measures.append(_measure_of(entry, default_priority=4))
    return tuple(measures)


def use_measures(path: str | os.PathLike[str] | None) -> None:
    """Add the measures of a user's file to the taxonomy for this process and the workers it starts
    (None: the built-in taxonomy only). The file is read now, so a bad file fails before any analysis."""
    if path is None:
        os.environ.pop(USER_MEASURES_ENV, None)
    else:
        read_measures_file(path)
        os.environ[USER_MEASURES_ENV] = str(Path(path).resolve())
    _user_measures.cache_clear()


@cache
def _user_measures() -> tuple[_Measure, ...]:
    path = os.environ.get(USER_MEASURES_ENV)
    return read_measures_file(path) if path else ()


def _measures() -> tuple[_Measure, ...]:
    """The user's measures first (they win ties), then the built-in taxonomy."""
    return _user_measures() + _builtin_measures()


@cache
def _builtin_measures() -> tuple[_Measure, ...]:
    return tuple(_measure_of(m, default_priority=1) for m in _lexicon()["measures"])


@cache
def _kinds() -> dict[str, frozenset[str]]:
    return {kind: frozenset(members) for kind, members in _lexicon()["kinds"].items()}


@cache
def _unit_of_lemma() -> dict[str, str]:
    return {lemma: unit for unit, lemmas in _lexicon()["units"].items() for lemma in lemmas}


def _find_measure(lemmas: Iterable[str], text: str = "", unit: str | None = None) -> _Measure | None:
    """The best measure whose trigger lemmas all occur (or whose synonym is written) and that fits the unit."""
    surface = [w.strip("-") for w in re.findall(r"[a-z0-9-]+", text.lower())]  # "-Earnings (Q4):" is a list item
    # surface words too: the lemmatizer cuts "measles" to "measle"; a naive singular for plurals it missed
    present = {lemma.lower().strip("-") for lemma in lemmas} | set(surface) | {w[:-1] for w in surface if w.endswith("s")}
    present |= {kind for kind, members in _kinds().items() if not present.isdisjoint(members)}  # pistols are weapons
    written = f" {' '.join(surface)} "
    best: tuple[tuple[int, int, int], _Measure] | None = None
    for order, measure in enumerate(_measures()):
        if not measure.fits(unit):
            continue
        sizes = [len(t) for t in measure.triggers if t <= present]
        sizes += [len(s.split()) for s in measure.synonyms if f" {s} " in written]
        if sizes:
            score = (measure.priority, max(sizes), -order)
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
    if cl_figure is not None and cl_figure.role == "ratio" and cl_figure.unit == "percent":
        return None  # "3.5% of GDP": GDP is what it is compared with, not what it counts
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
        elif child.dep_ == "conj" and child.pos_ == "VERB" and not any(c.dep_ in _SUBJECT_DEPS for c in child.children):
            tokens.extend([child, *(c for c in verb.children if c.dep_ == "cc")])  # "were killed or injured"
        elif child.dep_ == "xcomp" and child.pos_ == "VERB" and child.i > verb.i and child.i not in excluded:
            tokens.extend([child, *(c for c in child.children if c.dep_ == "aux")])  # "registered to vote"
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
    whole = _whole_of(noun, figure, excluded)
    anchor = noun if figure.root.head == noun else figure.root
    reduced = _reduced_clause(noun)
    if reduced is not None:
        return phrase, _verb_group(reduced, excluded), []
    while anchor.dep_ in ("conj", "appos") and anchor.head.pos_ in _NOUN_POS:  # "recovered 16 g of cocaine, six pistols, …"
        anchor = anchor.head
    verb = anchor.head
    if anchor.dep_ in _SUBJECT_DEPS and verb.pos_ in _VERB_POS:
        return phrase, _verb_group(verb, excluded), []
    if anchor.dep_ in _OBJECT_DEPS and verb.pos_ in _VERB_POS:
        return (phrase, [verb], whole) if _is_generic(noun) else (phrase, [], [verb, *whole])
    return phrase, [], whole


def _whole_of(noun: Token, figure: Span, excluded: set[int]) -> list[Token]:
    """``losses of 5,000 troops``, ``deaths of 50 children``: the noun the counted one is "of" helps find the measure."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.pos_ != "NOUN":
        return []
    whole = prep.head
    if whole.i in excluded or _in(whole, figure) or not whole.is_alpha or _lemma(whole) in _lexicon()["summary_nouns"]:
        return []
    return [whole]


def _participle_after(figure: Span) -> Token | None:
    """``millions [displaced]``: a bare magnitude followed by what happened to it; ``300 [died]``,
    ``5,000 [fled]``: a bare figure that is the subject of its verb."""
    if figure.end < len(figure.doc):
        token = figure.doc[figure.end]
        if token.tag_ == "VBN":
            return token
    root = figure.root
    if root.dep_ in _SUBJECT_DEPS and root.head.pos_ == "VERB" and root.head.i > root.i:
        return _last_xcomp(root.head)
    if root.dep_ == "dobj" and root.head.pos_ == "VERB":
        return root.head  # "… and displaced over 14 million": the verb a bare object figure undergoes
    return None


def _last_xcomp(verb: Token) -> Token:
    """``are believed to have fled``, ``have managed to reach``: the verb the chain of complements ends in."""
    while True:
        following = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if following is None:
            return verb
        verb = following


def _subject_of(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in _VERB_POS:
        subject = next((c for c in verb.head.children if c.dep_ in _SUBJECT_DEPS), None)
    return subject if subject is not None and subject.pos_ in _NOUN_POS else None


def _owner(figure: Span, token: Token | None = None) -> tuple[Token | None, Token | None]:
    """(noun, verb) a bare figure (or its counted ``token``) is the value of: ``revenue of $4.9bn``,
    ``Turnout was 62%``, ``inflation slowed to 3.2%``, ``the fire has burned 20,000 hectares``,
    ``the toll rose to 381 people`` (the verb helps find the measure)."""
    token, lexicon = token if token is not None else figure.root, _lexicon()
    head = token.head
    if token.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.lower_ in lexicon["value_prepositions"]:
        owner = head.head
        if owner.pos_ in _NOUN_POS and not _in(owner, figure):
            if _lemma(owner) in lexicon["level_nouns"] and owner.dep_ in ("pobj", "dobj", "attr"):
                return _owner(figure, owner)  # "rose to a four-month high of 3.2%": inflation's high
            return owner, None
        if owner.pos_ in _VERB_POS:
            return _subject_of(owner), owner
    if token.dep_ in ("attr", "dobj", "npadvmod", "oprd", "acomp", "advmod") and head.pos_ in _VERB_POS:
        return _subject_of(head), head
    return None, None


def _holder(noun: Token) -> bool:
    """A name that holds a figure (a party, a company, a country), or a pronoun; without the entity
    recognizer, a proper noun that no measure is triggered by ("Turnout" capitalised is still a measure)."""
    if noun.pos_ == "PRON" or noun.ent_type_ in _lexicon()["holder_entities"]:
        return True
    return noun.pos_ == "PROPN" and not noun.doc.has_annotation("ENT_IOB") and _find_measure([noun.lemma_], noun.text) is None


def _owner_counted(figure: Span, excluded: set[int], unit: str | None, token: Token | None = None) -> _Counted | None:
    noun, verb = _owner(figure, token)
    if noun is not None and _holder(noun):
        # "Labour got 35%", "The EU pledged €5bn": who has the figure; only the verb says what it counts
        measure = _find_measure([verb.lemma_], verb.text, unit) if verb is not None else None
        return _Counted(verb.text, measure.key, measure.unit, [verb], None, measure) if measure and verb else None
    if noun is None or noun.i in excluded:
        return None
    whose = {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}  # "the Congressional Budget Office's analysis"
    phrase = [t for t in _noun_phrase(noun, excluded) if (t.dep_ != "det" and t.i not in whose) or t == noun]
    reduced = _reduced_clause(noun)
    hint = [t for t in (verb, reduced) if t is not None]  # "hours worked … dropped by 0.4%"
    measure = _find_measure([t.lemma_ for t in phrase + hint], _text(phrase), unit)
    if measure is None and not _keyable(noun) and _of_object(noun) is None:
        return None
    key = measure.key if measure else _fallback_key(noun, [])
    noun_unit = _unit_of_lemma().get(_lemma(noun))
    return _Counted(_text(phrase), key, noun_unit or (measure.unit if measure else None), phrase,
                    _qualifiers(noun, phrase, [], measure), measure)


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
    return token.dep_ == "prep" and token.lower_ in _lexicon()["absolute_prepositions"] and any(
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
    qualifiers: Qualifiers | None = None
    found: _Measure | None = None


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _keyable(noun: Token) -> bool:
    """A noun that can name a measure: not a pronoun, number, time unit, or a noun that says nothing alone."""
    lexicon = _lexicon()
    return (
        noun.pos_ in _NOUN_POS
        and not noun.like_num
        and _lemma(noun) not in lexicon["time_nouns"]
        and _lemma(noun) not in lexicon["meaningless_alone"]
    )


def _key_modifier(noun: Token) -> Token | None:
    """The modifier nearest the noun that says what kind it is (``measles`` cases, ``overdose`` deaths)."""
    stop = _lexicon()["key_modifier_stop"]
    for child in sorted(noun.lefts, key=lambda t: -t.i):
        if child.dep_ in _NOUN_MODIFIER_DEPS and child.is_alpha and child.pos_ in ("NOUN", "PROPN", "ADJ"):
            if _lemma(child) not in stop and _lemma(child) not in _lexicon()["time_nouns"]:
                return child
    return None


def _written_noun(noun: Token) -> str:
    """The plural as written ("cases"), the lemma otherwise: keys name what is counted, in the plural."""
    return noun.lower_ if noun.tag_ in ("NNS", "NNPS") else _lemma(noun)


def _of_object(noun: Token) -> Token | None:
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((o for o in prep.children if o.dep_ == "pobj" and o.pos_ in _NOUN_POS), None)
    return None


def _noun_unit(noun: Token) -> str | None:
    """The unit a counted noun names when no lexicon does: its plural ("boats", "hours" in "34.4 hours")."""
    lemma = _lemma(noun)
    if lemma in _lexicon()["time_nouns"] and noun.pos_ == "NOUN":
        return lemma if lemma.endswith("s") else lemma + "s"
    holder = lemma in _lexicon()["holder_nouns"] and noun.pos_ == "NOUN"  # "17 states", "three companies"
    return _written_noun(noun) if _keyable(noun) or holder else None


def _fallback_key(noun: Token, verb_part: list[Token]) -> str | None:
    """A key built from the counted noun and its key modifier ("measles_cases"), or None when the
    noun says nothing alone: "seats" need what they are seats of, "states" and "records" stay unkeyed."""
    lemma = _lemma(noun)
    if noun.pos_ != "NOUN" or noun.like_num or lemma in _lexicon()["time_nouns"]:
        return None  # a proper noun names who holds a figure ("Labour: 410"), not what it counts
    if lemma in _lexicon()["meaningless_alone"]:
        of = _of_object(noun)
        if of is None or not _keyable(of):
            return None
        if lemma in _lexicon()["of_heads"]:  # "the number of deaths", "a rise of arrests": what it is of is counted
            return _fallback_key(of, [])
        return _key([_written_noun(noun), "of", _written_noun(of)])
    if lemma in _lexicon()["group_nouns"] or lemma in _lexicon()["generic_people"]:
        return None  # "50 children", "300 people": who, not what of them is counted (the context may say)
    modifier = _key_modifier(noun)
    words = ([_lemma(modifier)] if modifier is not None else []) + [_written_noun(noun)]
    verbs = [_lemma(t) for t in verb_part if t.pos_ == "VERB"]
    if _is_generic(noun):
        words += verbs[:1]
    elif any(v in _lexicon()["seizure_verbs"] for v in verbs):
        words += ["seized"]  # "40 weapons seized": what was seized, not the weapons in general
    return _key(words) or None


def _rate_key(noun: Token, figure: Figure | None) -> str | None:
    """"10 people per boat": a rate of who is counted per what ("people_per_boat"), for a noun that names no
    measure alone; the denominator's last word names the unit it is per."""
    per_words = re.findall(r"[a-z]+", (figure.per or "").lower()) if figure is not None and figure.role == "rate" else []
    if not per_words or not noun.is_alpha or per_words[-1] in (_lemma(noun), noun.lower_):
        return None
    if per_words[-1].rstrip("s") in _lexicon()["time_nouns"]:
        return None  # "82 people a day" is a daily rate of the measure around it, not a measure of its own
    return _key([_written_noun(noun), "per", per_words[-1]])


def _subject_tokens(noun: Token, excluded: set[int]) -> list[Token]:
    """What a case noun is of: its own ``of/under/for`` phrase, else one on the clause's verb
    ("Under the article on AWOL, 6,900 proceedings were registered")."""
    prepositions = _lexicon()["subject_prepositions"]
    heads = [noun]
    verb = noun.head if noun.head.pos_ in _VERB_POS else None
    if verb is not None:
        heads.append(verb)
    for head in heads:
        tokens = [
            t
            for child in head.children
            if child.dep_ == "prep" and child.lower_ in prepositions and child.i not in excluded
            for t in child.subtree
            if t.i not in excluded
        ]
        if tokens:
            return tokens
    return _about(noun, excluded)


def _about(noun: Token, excluded: set[int]) -> list[Token]:
    """"cases involving unauthorized absence", "56,200 cases concern desertion": the object of a verb of
    aboutness whose subject (or reduced clause) the case noun is."""
    verbs = [c for c in noun.rights if c.dep_ == "acl" and c.pos_ == "VERB"]
    if noun.dep_ in _SUBJECT_DEPS and noun.head.pos_ == "VERB":
        verbs.append(noun.head)
    for verb in verbs:
        if _lemma(verb) in _lexicon()["subject_verbs"]:
            objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
            if objects:
                return [verb, *(t for t in objects[0].subtree if t.i not in excluded)]
    return []


def _place(tokens: Iterable[Token], verb: Token | None) -> str | None:
    """Where the counted thing is: a place entity in the phrase or in an ``in``/``across`` phrase of its
    verb; without the entity recognizer, a proper noun after ``in``."""
    candidates = list(tokens)
    if verb is not None:
        candidates += [
            t for child in verb.children if child.dep_ == "prep" and child.lower_ in _lexicon()["place_prepositions"]
            for t in child.subtree
        ]
    if not candidates:
        return None
    doc = candidates[0].doc
    if doc.has_annotation("ENT_IOB"):
        for token in candidates:
            if token.ent_type_ in ("GPE", "LOC", "FAC") and not _modifies_object(token):
                return next((e.text for e in doc.ents if e.start <= token.i < e.end), token.text)
        return None
    for token in candidates:
        if token.pos_ == "PROPN" and token.dep_ == "pobj" and token.head.lower_ in _lexicon()["place_prepositions"]:
            return _text(t for t in token.subtree if t.pos_ == "PROPN")
    return None


def _modifies_object(token: Token) -> bool:
    """``deserters leave [Ukrainian] military units``: a place adjective of what the verb acts on says whose
    units they are, not where the counted thing is (``Ukrainian deserters``, ``in Ukrainian cities`` still do)."""
    return token.dep_ == "amod" and token.head.dep_ == "dobj"


def _group(noun: Token, measure: _Measure | None) -> str | None:
    """A subgroup named by the counted noun (``children`` killed), unless it is the measure's own population."""
    lemma = _lemma(noun)
    if lemma not in _lexicon()["group_nouns"] or measure is None or lemma in measure.population:
        return None
    modifiers = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and c.is_alpha and _lemma(c) not in _lexicon()["key_modifier_stop"]]
    return _text([*modifiers, noun])


def _qualifiers(noun: Token | None, tokens: list[Token], subject: list[Token], measure: _Measure | None) -> Qualifiers | None:
    if noun is None:
        return None
    verb = noun.head if noun.head.pos_ in _VERB_POS else None
    found = Qualifiers(
        place=_place(tokens, verb),
        group=_group(noun, measure),
        subject=_text(subject) if subject else None,
    )
    return found or None


def _among(noun: Token) -> list[Token]:
    """``children among the dead``: the total the noun is a group of."""
    return [
        o for p in noun.rights if p.dep_ == "prep" and p.lower_ in _lexicon()["group_prepositions"]
        for o in p.children if o.dep_ == "pobj"
    ]


def _counted(figure: Span, excluded: set[int], previous: _Counted | None) -> _Counted:
    cl_figure: Figure | None = figure._.cl_figure
    unit = cl_figure.unit if cl_figure is not None else None
    noun = counted_noun(figure)
    if noun is not None and _across_lines(figure, noun):
        noun = None  # "Labour: 410\nConservatives: 131": the next line's name is not what 410 counts
    written_in = _unit_noun(noun, excluded) if noun is not None else None
    if noun is not None and written_in is not None:
        # "edged down by 0.1 hour to 3.0 hours", "by 35 basis points": the unit; what is measured is the owner's
        holder = noun.head if noun.dep_ in _NOUN_MODIFIER_DEPS and noun.head.pos_ in _NOUN_POS else None
        measure = _find_measure([holder.lemma_], holder.text, written_in) if holder is not None else None
        if holder is not None and measure is not None and _measured_in(measure, written_in):  # "the 36,000-acre fire"
            return _Counted(_text([noun, holder]), measure.key, written_in, [noun, holder], None, measure)
        owned = _counted_without_noun(figure, excluded, previous, unit, noun)
        return _Counted(owned.text, owned.measure, written_in, owned.tokens, owned.qualifiers, owned.found)
    if noun is not None:
        phrase, verb_part, hint = _with_noun(figure, noun, excluded)
        tokens = phrase + verb_part
        case = _lemma(noun) in _lexicon()["case_nouns"]
        subject = _subject_tokens(noun, excluded) if case else [
            t for t in phrase if t.dep_ == "prep" and t.head == noun and t.lower_ not in _lexicon()["place_prepositions"]
        ][:1]  # "deaths in Turkey": a place, not what the deaths are of
        if not case and subject:
            subject = [t for t in subject[0].subtree if t.i not in excluded]
        lemmas = [t.lemma_ for t in tokens + hint + _among(noun) + (subject if case else [])]
        measure = _find_measure(lemmas, _text(tokens + subject + hint), unit)
        noun_unit = _unit_of_lemma().get(_lemma(noun))
        if measure is None and previous is not None and previous.found is not None and _lemma(noun) in _lexicon()["group_nouns"]:
            measure = previous.found  # "300 people were killed, including 50 children"
        if measure is None and _lemma(noun) in (*_lexicon()["group_nouns"], *_lexicon()["generic_people"]):
            owned = _owner_counted(figure, excluded, unit, noun)  # "the death toll rose to 381 people"
            if owned is not None and owned.found is not None:
                measure = owned.found
        if case:
            noun_unit = noun_unit if noun_unit in ("cases", "sentences") else "cases"
            if measure is None and not subject:  # "Measles outbreak swells to 121 cases": the sentence names them
                leading = _leading_measure(figure, excluded, unit)
                measure = leading.found if leading is not None and leading.unit == "cases" else None
            if measure is None:
                of = next((t for t in subject if t.dep_ in ("pobj", "dobj") and _keyable(t)), None)
                key = _key([_written_noun(of), "cases"]) if of is not None else _fallback_key(noun, verb_part)
            else:
                key = measure.key
        else:
            key = measure.key if measure else _fallback_key(noun, verb_part + hint) or _rate_key(noun, cl_figure)
        text = _phrase_text(phrase, verb_part)
        if case and subject and not set(t.i for t in subject) <= {t.i for t in tokens}:
            text = f"{text} {_text(subject)}"
        unit_named = noun_unit or (measure.unit if measure else None) or _noun_unit(noun)
        return _Counted(text, key, unit_named, tokens, _qualifiers(noun, tokens, subject, measure), measure)
    return _counted_without_noun(figure, excluded, previous, unit)


def _counted_without_noun(
    figure: Span, excluded: set[int], previous: _Counted | None, unit: str | None, token: Token | None = None
) -> _Counted:
    """What a figure without a counted noun counts: its verb, its owner, the figure before it in the
    sentence, a summary noun, or the measure noun leading its line."""
    elided = _elided_subject(figure, excluded, previous, unit)
    if elided is not None:
        return elided
    participle = _participle_after(figure)
    measure = _find_measure([participle.lemma_], participle.text, unit) if participle is not None else None
    if participle is not None and measure is not None:  # a verb no measure knows ("made up of") says nothing
        implicit = _lexicon()["implicit_nouns"].get(measure.unit or "")
        text = f"{implicit} {participle.text}" if implicit else participle.text
        return _Counted(text, measure.key, measure.unit, [participle], found=measure)
    owned = _owner_counted(figure, excluded, unit, token)
    owner_noun, owner_verb = _owner(figure, token)
    if owned is not None and owned.measure is not None and (owner_verb is None or _own_subject(owned, previous, owner_noun, owner_verb)):
        return owned  # "$5.50 a share on revenue of $25 billion": a noun of its own names what it is
    if previous is not None and previous.measure is not None:
        return _Counted(previous.text, previous.measure, previous.unit, [], previous.qualifiers, previous.found)
    if owned is not None:
        return owned
    summary = _summary_phrase(figure, excluded)
    if summary:
        measure = _find_measure((t.lemma_ for t in summary), _text(summary), unit)
        nouns = [t for t in summary if t.pos_ in _NOUN_POS and _keyable(t)]
        key = measure.key if measure else (_key(_written_noun(t) for t in nouns) or None)
        head = next((t for t in summary if t.dep_ in (*_SUBJECT_DEPS, "dobj")), None)
        return _Counted(_text(summary), key, measure.unit if measure else None, summary,
                        _qualifiers(head, summary, [], measure) if head is not None else None, measure)
    leading = _leading_measure(figure, excluded, unit)
    if leading is not None:
        return leading
    return _Counted(None, None, None, [])


_LEADING_WINDOW = 10


def _across_lines(figure: Span, noun: Token) -> bool:
    """A line break between the figure and its noun (read off the tokens: ``Doc.text`` is rebuilt per call)."""
    first, last = (figure.end - 1, noun.i) if noun.i >= figure.end else (noun.i, figure.start)
    return any("\n" in t.whitespace_ or "\n" in t.text for t in figure.doc[first:last])


def _unit_noun(noun: Token, excluded: set[int]) -> str | None:
    """The unit a counted noun only writes the value in (hours, basis points), or None when it is what is
    counted ("hours worked" are counted time)."""
    modifier = next((c for c in noun.lefts if c.dep_ in _NOUN_MODIFIER_DEPS), None)
    named = " ".join(t for t in (modifier.lower_ if modifier is not None else "", _lemma(noun)) if t)
    units = _lexicon()["unit_nouns"]
    if named in units or noun.lower_ in units:
        return units.get(named) or units[noun.lower_]
    if _lemma(noun) in _lexicon()["time_nouns"] and noun.pos_ == "NOUN" and not _counts_time(noun, excluded):
        return _noun_unit(noun)
    return None


def _counts_time(noun: Token, excluded: set[int]) -> bool:
    """"Hours worked", "overtime hours": time itself is what a measure counts (in hours), not just a unit."""
    phrase = _noun_phrase(noun, excluded)
    reduced = _reduced_clause(noun)
    words = phrase + ([reduced] if reduced is not None else [])
    measure = _find_measure([t.lemma_ for t in words], _text(words))
    return measure is not None and measure.unit == "hours"


def _elided_subject(figure: Span, excluded: set[int], previous: _Counted | None, unit: str | None) -> _Counted | None:
    """"6,900 cases were opened for AWOL and about 30,000 for desertion": a figure after the first of its
    sentence whose noun is left out but whose own ``for``/``under``/``on`` phrase names a measure counts
    that measure, in the unit of the figure before it."""
    if previous is None:
        return None
    prepositions = [p for p in _lexicon()["subject_prepositions"] if p not in _lexicon()["value_prepositions"]]
    for prep in figure.root.rights:  # not "of": "3.5% of GDP" is a ratio to GDP, not GDP's
        if prep.dep_ != "prep" or prep.lower_ not in prepositions or prep.i in excluded:
            continue
        phrase = [t for t in prep.subtree if t.i not in excluded]
        measure = _find_measure([t.lemma_ for t in phrase], _text(phrase), unit)
        if measure is not None:
            noun = (previous.text or "").split(" ")[0]
            text = f"{noun} {_text(phrase)}" if noun else _text(phrase)
            return _Counted(text, measure.key, previous.unit or measure.unit, phrase, Qualifiers(None, None, _text(phrase)), measure)
    return None


def _own_subject(owned: _Counted, previous: _Counted | None, noun: Token | None, verb: Token) -> bool:
    """"the economy added 187,000 jobs and the unemployment rate fell to 3.5%": the figure's own verb's subject
    (not one borrowed from the clause above) that names a taxonomy measure is what the figure is of, over the
    figure before it in the sentence."""
    own = noun is not None and noun.head == verb
    return own and owned.found is not None and (previous is None or previous.measure != owned.measure)


def _leading_measure(figure: Span, excluded: set[int], unit: str | None) -> _Counted | None:
    """The nearest measure noun before a figure the parse ties to nothing, in its own sentence and clause:
    telegraphic results lines ("Ebitda down 3.8% at Rs 113.9 crore", "Apple shares were up nearly 1
    percent") name the measure first and leave the figure hanging off an adverb. Only a noun that a
    measure knows counts, so a bare noun on the way ("Bloomberg estimate") is passed over."""
    sentence_start = figure.sent.start
    for i in range(figure.start - 1, max(sentence_start, figure.start - _LEADING_WINDOW) - 1, -1):
        token = figure.doc[i]
        if token.text == ";" or "\n" in token.text or "\n" in token.whitespace_:
            return None
        dashed_item = token.pos_ == "PUNCT" and token.text.startswith("-") and token.text[1:].isalpha()  # "-EPS (Q4):"
        if token.i in excluded or (token.pos_ not in _NOUN_POS and not dashed_item):
            continue
        phrase = [*(c for c in token.lefts if c.dep_ in ("compound", "amod") and c.i not in excluded), token]
        measure = _find_measure([t.lemma_ for t in phrase], _text(phrase), unit)
        if measure is not None:
            return _Counted(_text(phrase), measure.key, measure.unit, phrase, None, measure)
    return None


def _stated_share(span: Span) -> bool:
    """``5% of the cases``, ``one in five``, ``two-thirds``: the text itself says the figure is a part of a
    whole (only a figure written as a percent leaves it to the measure)."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is not None and following.lower_ in _lexicon()["share_prepositions"]:
        return True
    return span[-1].lower_ not in _lexicon()["percent_words"]


def _apply(figure: Figure, counted: _Counted, stated_share: bool = False) -> None:
    """Write what the figure counts onto it; a percent of a measure may have a key of its own
    (unemployment 6% is the unemployment_rate), and a measure may say the figure's role (a rate)."""
    measure = counted.found
    key = counted.measure
    if measure is not None and figure.unit in ("percent", "percentage_points") and measure.percent_key:
        key = measure.percent_key
        measure = next((m for m in _measures() if m.key == key), measure)
    if figure.unit == "money" and figure.per == "share" and (measure is None or measure.key not in _lexicon()["per_share_measures"]):
        key = "earnings_per_share"
    figure.counted, figure.measure = counted.text, key
    if figure.unit is None:
        figure.unit = counted.unit
    if measure is not None and measure.percent_role and figure.unit == "percent" and figure.role == "share" and not stated_share:
        figure.role = measure.percent_role  # type: ignore[assignment]
    if counted.qualifiers:
        figure.qualifiers = counted.qualifiers


def _partitive_group(span: Span, figure: Figure) -> None:
    """``Six of those who died there``, ``five of the victims``: a count taken out of a whole the text
    names is a subgroup of it, so checks set it against that whole only as a part. A bare plural
    (``millions of people``, ``tens of thousands``) is the counted noun, not a whole."""
    if figure.unit in ("percent", "percentage_points") or (figure.qualifiers and figure.qualifiers.group):
        return
    of = next((c for c in span[-1].rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if whole is None or whole.like_num:
        return
    lexicon = _lexicon()
    determiners = lexicon["partitive_determiners"]
    pronoun = whole.pos_ == "PRON" and whole.lower_ in (*determiners, *lexicon["partitive_pronouns"])
    if not pronoun and not any(c.dep_ in ("det", "poss") and c.lower_ in determiners for c in whole.children):
        return
    place, subject = (figure.qualifiers.place, figure.qualifiers.subject) if figure.qualifiers else (None, None)
    figure.qualifiers = Qualifiers(place, _text(of.subtree), subject)


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


_CONTEXT_SENTENCES = 2


def _shares_context(doc: Doc, source: Span, sentence: Span, distance: int) -> bool:
    """A measure carries to a later figure of its paragraph, or of the next sentences across a
    paragraph break (news paragraphs are often one sentence): "Under the article on AWOL, 6,900
    proceedings were registered in 2022. In 2023 the figure was 17,600."."""
    same_paragraph = "\n" not in doc.text[source.start_char : sentence.start_char].strip()
    return same_paragraph or distance <= _CONTEXT_SENTENCES


_TIME_ENTITIES = frozenset({"DATE", "TIME"})


def _present_in_place(span: Span) -> bool:
    """"In the centre of Lampedusa there were 4,267 people": an existential that puts named things in a place
    says how many are there (an occupancy), whatever the sentences before counted; a bare "in 2015 there were
    93,540" or one dated only ("in 2015 there were 93,540 people") still goes on counting what they counted."""
    number = span.root
    noun = number.head if number.dep_ == "nummod" and number.head.pos_ in ("NOUN", "PROPN") else None
    if noun is None or noun.dep_ != "attr" or not any(c.dep_ == "expl" for c in noun.head.children):
        return False
    prepositions = [c for c in (*noun.children, *noun.head.children) if c.dep_ == "prep" and c.lower_ in _lexicon()["place_prepositions"]]
    objects = [o for p in prepositions for o in p.children if o.dep_ == "pobj"]
    return any(o.ent_type_ not in _TIME_ENTITIES and not o.like_num for o in objects)


def _inherit(span: Span, own: _Counted, source: Span, counted: _Counted) -> _Counted:
    """What the figure counts, taken from an earlier sentence; the span says where (``Claim.inherited``)."""
    if not source.start <= span.start < source.end:  # a figure of the same sentence is no inheritance
        span._.cl_inherited = [*(span._.cl_inherited or []), Inherited("measure", source.start_char, source.end_char, source.text)]
    return _Counted(own.text or counted.text, counted.measure, own.unit or counted.unit, own.tokens,
                    own.qualifiers or _without_group(counted.qualifiers), counted.found)


def _narrows_to(narrower: _Counted, counted: _Counted, unit: str | None) -> bool:
    """A figure of a broad measure is read as the narrower one stated before unless its words name their
    own kind ("net profit" after "operating profit") or it is a count where the narrower measure is a rate
    ("unemployment increased 12,800" after "the unemployment rate fell to 3.5%")."""
    if _names_its_kind(counted):
        return False
    rate = narrower.found is not None and narrower.found.unit in _PERCENT_UNITS
    return not rate or unit in _PERCENT_UNITS


_PERCENT_UNITS = ("percent", "percentage_points")


_POSITION_WINDOW = 4


def _position(figure: Span, excluded: set[int], unit: str) -> _Counted:
    """What a length says of a place: a distance ("65 km away", "200 miles from Fort Kent", "within 100
    metres of") or a depth ("10 kilometres below ground"), read off the words right after it (past
    punctuation and a parenthesised conversion) or the word before; nothing when none says which."""
    doc, positions = figure.doc, _lexicon()["positions"]
    sentence = figure.sent
    following = doc[figure.end : min(sentence.end, figure.end + _POSITION_WINDOW + 3)]
    after = [t for t in following if not t.is_punct and t.i not in excluded]
    nearby = after[:_POSITION_WINDOW] + ([doc[figure.start - 1]] if figure.start > sentence.start else [])
    for token in nearby:
        key = next((k for k, words in positions.items() if token.lower_ in words), None)
        if key is not None:
            measure = next(m for m in _measures() if m.key == key)
            return _Counted(key, key, unit, [token], None, measure)
    return _Counted(None, None, unit, [])


def _measured_in(measure: _Measure | None, unit: str) -> bool:
    return measure is not None and (measure.unit == unit or unit in measure.figure_units)


def _unit_takes(unit: str | None, counted: _Counted) -> bool:
    """A figure in this unit can count what ``counted`` counts: a measure's own unit rules (no money figure
    is a death toll), and a figure in a physical unit (km, feet, tonnes) only takes a measure in that unit,
    so "65 km away" after a death toll is no toll."""
    if counted.found is not None and not counted.found.fits(unit):
        return False
    if unit is None or unit in _MONEY_LIKE_UNITS or unit == counted.unit:
        return True
    return counted.found is not None and (counted.found.unit is None or _measured_in(counted.found, unit))


_CASES_LOOKBACK = 300


def _cases_named_before(figure: Span, excluded: set[int]) -> tuple[Span, _Counted] | None:
    """The nearest earlier case noun whose modifiers name a measure counted in cases ("Measles cases have
    increased sharply"), for a later bare "97 total cases" when no figure has stated them."""
    doc, case_nouns = figure.doc, _lexicon()["case_nouns"]
    for i in range(figure.start - 1, max(0, figure.start - _CASES_LOOKBACK) - 1, -1):
        token = doc[i]
        if token.i in excluded or _lemma(token) not in case_nouns:
            continue
        phrase = [*(c for c in token.lefts if c.dep_ in _NOUN_MODIFIER_DEPS), token]
        measure = _find_measure([t.lemma_ for t in phrase], _text(phrase))
        if measure is not None and measure.unit == "cases":
            return token.sent, _Counted(_text(phrase), measure.key, "cases", phrase, None, measure)
    return None


def _names_its_kind(counted: _Counted) -> bool:
    """The figure's words name the broad measure with the modifier that sets it apart ("net profit",
    "net income"): no narrower measure stated earlier replaces it, as a bare "profit" would be."""
    if counted.found is None or not counted.text:
        return False
    words = set(re.findall(r"[a-z]+", counted.text.lower()))
    words |= {w[:-1] for w in words if w.endswith("s")}
    return any(len(trigger) > 1 and trigger <= words for trigger in counted.found.triggers)


def _counts_holders(span: Span) -> bool:
    """The figure counts a noun of those who hold figures (``the 50 biggest cities``, ``three companies``)."""
    noun = counted_noun(span)
    return noun is not None and _lemma(noun) in _lexicon()["holder_nouns"]


def _without_group(qualifiers: Qualifiers | None) -> Qualifiers | None:
    """What an earlier sentence's figure passes on: its place and subject, not its subgroup. "Five babies
    were diagnosed … Of the first 34 people with measles, 28 were unvaccinated": the 34 are not babies."""
    if qualifiers is None or not qualifiers.group:
        return qualifiers
    return Qualifiers(qualifiers.place, None, qualifiers.subject) or None


class MeasuresComponent:
    """Fills ``counted``/``measure``/``unit`` of each figure and sets ``cl_clause`` on its span."""

    def __call__(self, doc: Doc) -> Doc:
        figures = sorted(doc.spans.get(FIGURES_KEY, []), key=lambda s: s.start)
        if not figures:
            return doc
        excluded = _excluded(doc)
        text = doc.text  # built once: Doc.text joins every token on each access
        parsed = doc.has_annotation("DEP")
        sentences = list(doc.sents) if parsed or doc.has_annotation("SENT_START") else []
        starts = [s.start for s in sentences]
        previous: tuple[int, _Counted, int] | None = None  # sentence start, what it counts, its end character
        context: tuple[int, Span, _Counted] | None = None  # the last measured figure: sentence number, sentence, counted
        cases: tuple[Span, _Counted] | None = None  # the last measure counted in cases: what bare "cases" are
        narrower: dict[str, tuple[Span, _Counted]] = {}  # broad key -> the last narrower measure stated before
        for span in figures:
            figure: Figure | None = span._.cl_figure
            number = bisect_right(starts, span.start) - 1
            sentence_span = sentences[number] if sentences else None
            if not parsed or figure is None:
                span._.cl_clause = sentence_span
                continue
            assert sentence_span is not None
            sentence = sentence_span.start
            same_line = previous is not None and previous[0] == sentence and "\n" not in text[previous[2] : span.start_char]
            counted = _counted(span, excluded, previous[1] if previous and same_line else None)
            if figure.unit in _lexicon()["length_units"] and not _measured_in(counted.found, figure.unit):
                counted = _position(span, excluded, figure.unit)  # "65 km away" is no toll of the clause it sits in
            unmeasured = counted.measure is None and not _counts_holders(span)  # "the 50 biggest cities" are cities
            unmeasured = unmeasured and not _present_in_place(span)  # "there were 4,267 people in the centre"
            if (
                unmeasured
                and context is not None
                and _unit_takes(figure.unit, context[2])
                and _shares_context(doc, context[1], sentence_span, number - context[0])
            ):
                counted = _inherit(span, counted, context[1], context[2])
            elif unmeasured and counted.unit == "cases" and (cases or _cases_named_before(span, excluded)) is not None:
                # bare "64 cases" in an article about measles cases, with or without a figure where it says so
                counted = _inherit(span, counted, *(cases or _cases_named_before(span, excluded)))
            elif counted.measure in narrower and _narrows_to(narrower[counted.measure][1], counted, figure.unit):
                # "deaths" in an article about overdose deaths
                counted = _inherit(span, counted, *narrower[counted.measure])
            _apply(figure, counted, _stated_share(span))
            _partitive_group(span, figure)
            if counted.measure is not None and counted.measure not in _lexicon()["positions"]:  # a place's distance is its own
                context = (number, sentence_span, counted)
                if counted.unit == "cases" and counted.found is not None:
                    cases = (sentence_span, counted)
                for broader in counted.found.narrows if counted.found is not None else ():
                    narrower[broader] = (sentence_span, counted)
            span._.cl_clause = _clause(span, {t.i for t in counted.tokens}) or sentence_span
            previous = (sentence, counted, span.end_char)
        _changes_count_their_levels(figures)
        return doc


@Language.factory(
    "claimledger_measures",
    assigns=["span._.cl_clause", "span._.cl_inherited"],
    requires=["doc.sents", "token.dep", "token.tag", "token.lemma", "token.ent_type", "span._.cl_figure", "span._.cl_period"],
    default_config={"lang": None, "lexicon": "measures_lexicon"},
)
def make_measures(nlp: Language, name: str, lang: str | None, lexicon: str) -> MeasuresComponent:
    english_with_packaged_lexicon("claimledger_measures", nlp, lang, lexicon, "measures_lexicon")
    register()
    return MeasuresComponent()
