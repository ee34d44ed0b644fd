"""What a component's spaCy config may set: its language and the lexicon it reads.

Every ``@Language.factory`` of ``claimledger.extract`` has ``lang`` and ``lexicon`` in its
``default_config`` (as spaCy's own components declare theirs), so a config file can point a
component at another lexicon: a data file name (``"measures"``, read from ``data/<lang>/`` for
the ru/uk/de components) or a path to a JSON file shaped like the packaged one. ``lang = null``
means the pipeline's language.

Some English components read their words module-wide from rules that other functions share
(figures, periods, measures, sources, attribution): for them only the packaged lexicon and
English can be configured, and asking for another is refused at construction rather than
silently ignored.
"""

from __future__ import annotations

from spacy.language import Language

from claimledger.errors import DataFileError, UnsupportedLanguage


def language(nlp: Language, lang: str | None) -> str:
    """The language a component works in: its ``lang`` setting, else the pipeline's."""
    return lang or nlp.lang


def english_with_packaged_lexicon(component: str, nlp: Language, lang: str | None, lexicon: str, packaged: str) -> None:
    """Refuse a setting the English component cannot honour: another language, or another lexicon."""
    if language(nlp, lang) != "en":
        raise UnsupportedLanguage(f"{component} is English only; for {language(nlp, lang)} use {component}_intl")
    if lexicon != packaged:
        raise DataFileError(f"{component} reads only its packaged lexicon {packaged!r}, not {lexicon!r}")
