"""Lemmas for Russian and Ukrainian (pymorphy3) and German (simplemma), and the nominative of a name.

spaCy's blank ru/uk/de pipelines tokenize but do not lemmatize without extra tables, and
what the components need (the lemma of a measure word in any case, "Залужного" as
"Залужный") is what pymorphy3's dictionaries do best. Analysers load lazily, once per
language, so loading Russian costs English nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.errors import DataFileError
from claimledger.extract.config import language

_PYMORPHY = ("ru", "uk")
_NAME_TAGS = ("Surn", "Name", "Patr")
_OBLIQUE = ("gent", "datv", "accs", "ablt", "loct")


@cache
def _analyzer(lang: str):  # noqa: ANN202 - pymorphy3.MorphAnalyzer, imported lazily
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """The dictionary form of ``word`` in lower case (ё read as е), the word itself when unknown."""
    if lang in _PYMORPHY:
        return _analyzer(lang).parse(word)[0].normal_form.replace("ё", "е")
    if lang == "de":
        import simplemma

        return simplemma.lemmatize(word, lang="de").lower()
    return word.lower()


@lru_cache(maxsize=50_000)
def is_numeral(word: str, lang: str) -> bool:
    """pymorphy3 can read the word as a numeral (двадцати; "три", also the imperative of "терти"; тисяч is a noun)."""
    return lang in _PYMORPHY and any(p.tag.POS == "NUMR" for p in _analyzer(lang).parse(word))


@lru_cache(maxsize=50_000)
def name_form(word: str, lang: str) -> str:
    """A capitalised word of a name in the nominative: Залужного -> Залужный, Захаровой -> Захарова.

    A parse pymorphy3 knows as a name keeps its gender; an unknown name in an oblique case is
    taken as masculine (Ваннера -> Ваннер), the common reading after "по словам", "заявил".
    German names are left as written: whether "Wanners" is Wanner's genitive or a name of its
    own ("Reuters", "Klaus") only the rest of the article tells (``extract.sources_intl``).
    """
    if lang not in _PYMORPHY or not word[:1].isupper():
        return word
    parses = _analyzer(lang).parse(word)
    named = [p for p in parses if any(tag in p.tag for tag in _NAME_TAGS)]
    oblique = [p for p in parses if "NOUN" in p.tag and "masc" in p.tag and p.tag.case in _OBLIQUE]
    chosen = named[0] if named else (oblique[0] if oblique else None)
    if chosen is None:
        return word
    nominative = chosen.inflect({"nomn", "sing"}) if named else None
    form = (nominative.word if nominative else chosen.normal_form).replace("ё", "е")
    return form[:1].upper() + form[1:]


@lru_cache(maxsize=50_000)
def is_verb(word: str, lang: str) -> bool:
    """pymorphy3 reads the word as a verb form ("зросла", "снизилась"): "до" after it is "to", no bound."""
    return lang in _PYMORPHY and _analyzer(lang).parse(word)[0].tag.POS in ("VERB", "INFN", "PRTS", "PRTF", "GRND")


@lru_cache(maxsize=50_000)
def could_be_name(word: str, lang: str) -> bool:
    """A capitalised Russian/Ukrainian word that pymorphy3 does not know only as a common word (a sentence's first
    word is capitalised whatever it is: "Цьогоріч" is an adverb, "Лубинец" a name). In German, a word that
    simplemma reads as a form of a verb ("Gemessen an …" is "messen") is no name; nouns keep their capital."""
    if lang == "de":
        import simplemma

        lowered = word.lower()
        base = simplemma.lemmatize(lowered, lang="de")
        return not (base != lowered and base[:1].islower() and base.endswith("en"))
    if lang not in _PYMORPHY:
        return True
    parses = _analyzer(lang).parse(word)
    if not any(p.is_known for p in parses):
        return True
    wanted = {*_NAME_TAGS, "Orgn", "Geox", "Abbr", "Fixd"}
    return any(wanted & set(str(p.tag).replace(" ", ",").split(",")) for p in parses)


def lemmatizer(lang: str) -> Callable[[str], str]:
    """``lemma`` bound to a language."""
    return lambda word: lemma(word, lang)


class Lemmas:
    """Sets ``token.lemma_`` (lower case) on the words of a blank ru/uk/de Doc."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.is_alpha:
                token.lemma_ = lemma(token.text.lower() if self.lang in _PYMORPHY else token.text, self.lang)
        return doc


@Language.factory(
    "claimledger_lemmas", assigns=["token.lemma"], default_config={"lang": None, "lexicon": None}
)
def make_lemmas(nlp: Language, name: str, lang: str | None, lexicon: str | None) -> Lemmas:
    """``lexicon`` stays null: the lemmas come from pymorphy3's and simplemma's own dictionaries, not a data file."""
    if lexicon is not None:
        raise DataFileError(f"claimledger_lemmas reads pymorphy3's and simplemma's dictionaries, not {lexicon!r}")
    return Lemmas(language(nlp, lang))
