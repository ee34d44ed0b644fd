"""The pipelines as configuration: what each factory declares, the order it makes checkable, the lexicon a config names."""

from __future__ import annotations

import json
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import claimledger.extract  # noqa: F401  (registers the factories)
from claimledger import nlp as pipelines
from claimledger.errors import DataFileError, UnsupportedLanguage

ROOT = Path(__file__).resolve().parents[1]
FACTORIES = sorted(name for name in Language.factories if name.startswith("claimledger_"))


def problems(nlp: Language) -> dict[str, list[str]]:
    """The requirements analyze_pipes finds unmet, by component."""
    return {name: unmet for name, unmet in nlp.analyze_pipes()["problems"].items() if unmet}


@pytest.mark.parametrize("lang", pipelines.INTL_LANGUAGES)
def test_the_intl_pipelines_meet_every_declared_requirement(lang: str) -> None:
    assert problems(pipelines.blank_pipeline(lang)) == {}


@pytest.mark.slow
def test_the_english_pipeline_meets_every_declared_requirement() -> None:
    assert problems(pipelines.load("en")) == {}


def test_a_component_before_what_it_requires_is_reported() -> None:
    """The near-miss: periods before figures, on a blank pipeline that has no parser either."""
    nlp = spacy.blank("en")
    nlp.add_pipe("claimledger_periods")
    nlp.add_pipe("claimledger_figures")
    assert {"span._.cl_figure", "token.dep"} <= set(problems(nlp)["claimledger_periods"])


@pytest.mark.parametrize("factory", FACTORIES)
def test_every_factory_declares_language_lexicon_and_what_it_assigns(factory: str) -> None:
    meta = Language.get_factory_meta(factory)
    assert {"lang", "lexicon"} <= set(meta.default_config)
    assert meta.assigns or meta.requires


def test_every_component_of_a_pipeline_has_a_factory_here() -> None:
    assert set(pipelines.BEFORE_PARSER) | set(pipelines.COMPONENTS) | set(pipelines.INTL_COMPONENTS) == set(FACTORIES)


def test_the_entry_points_list_every_factory() -> None:
    """Other pipelines find every component through ``spacy_factories``, without importing claimledger."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["entry-points"]["spacy_factories"]
    assert sorted(declared) == FACTORIES
    assert {ep.name for ep in entry_points(group="spacy_factories")} >= set(FACTORIES)


def _with_lexicon(lang: str, component: str, lexicon: str) -> Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    for name in pipelines.INTL_COMPONENTS:
        nlp.add_pipe(name, config={"lang": lang, **({"lexicon": lexicon} if name == component else {})})
    return nlp


def test_a_component_reads_the_lexicon_its_config_names(tmp_path: Path) -> None:
    """A German measures lexicon with one more measure: the figure gets it; with the packaged one it does not."""
    packaged = json.loads((ROOT / "src/claimledger/data/de/measures.json").read_text("utf-8"))
    packaged["measures"].append({"key": "windmills", "unit": None, "priority": 3, "triggers": [["windmühle"]]})
    mine = tmp_path / "measures.json"
    mine.write_text(json.dumps(packaged), encoding="utf-8")
    text = "Im Jahr 2024 wurden 412 Windmühlen gebaut."

    def measures(nlp: Language) -> list[str | None]:
        doc = nlp(text)
        return [span._.cl_figure.measure for span in doc.spans["cl_figures"] if span._.cl_figure.low == 412]

    assert measures(_with_lexicon("de", "claimledger_measures_intl", str(mine))) == ["windmills"]
    assert measures(pipelines.blank_pipeline("de")) != ["windmills"]


def test_a_missing_lexicon_fails_when_the_pipeline_is_built(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="nothing.json cannot be read"):
        _with_lexicon("ru", "claimledger_figures_intl", str(tmp_path / "nothing.json"))


def test_an_english_component_refuses_a_setting_it_cannot_honour(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    with pytest.raises(DataFileError, match="reads only its packaged lexicon"):
        nlp.add_pipe("claimledger_periods", config={"lexicon": str(tmp_path / "periods.json")})
    with pytest.raises(UnsupportedLanguage):
        spacy.blank("de").add_pipe("claimledger_figures")


def test_the_extensions_are_registered_once_however_often_components_are_built() -> None:
    """Two pipelines with the same components: the second registration is a no-op, not spaCy's E090."""
    from spacy.tokens import Span

    for _ in range(2):
        pipelines.blank_pipeline("de")
        claimledger.extract.extensions.register()
    assert Span.has_extension("cl_voice") and Span.has_extension("cl_figure")


def test_quotes_read_the_settings_lexicon_their_config_names(tmp_path: Path) -> None:
    """Without "film" among the title nouns, a film's quoted name is no longer a title (the near-miss: packaged)."""
    settings = json.loads((ROOT / "src/claimledger/data/quotes_settings.json").read_text("utf-8"))
    settings["title_nouns"].remove("film")
    mine = tmp_path / "quotes.json"
    mine.write_text(json.dumps(settings), encoding="utf-8")
    text = 'She starred in the film "Gone Girl" last year.'

    def kinds(config: dict[str, str]) -> list[str]:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("claimledger_quotes", config=config)
        doc = nlp(text)
        return [span._.cl_quote_kind for span in doc.spans["cl_quotes"]]

    assert kinds({}) == ["title"]
    assert kinds({"lexicon": str(mine)}) == ["scare"]


def test_a_pipeline_config_names_the_lexicons_and_rebuilds_the_pipeline() -> None:
    """The config is the pipeline: written out, it names each component's language and lexicon, and reads back."""
    from thinc.api import Config

    config = pipelines.blank_pipeline("uk").config
    assert config["components"]["claimledger_measures_intl"]["lexicon"] == "measures"
    assert config["components"]["claimledger_periods_intl"]["lang"] == "uk"
    rebuilt = spacy.util.load_model_from_config(Config().from_str(config.to_str()), auto_fill=True)
    assert rebuilt.pipe_names == ["sentencizer", *pipelines.INTL_COMPONENTS]
