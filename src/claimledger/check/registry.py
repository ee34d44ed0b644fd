"""Every finding type in one place: its default severity, what its check reads, and why it exists.

The vocabulary itself is ``model.FindingType`` (a finding of another type cannot be made); this
registry says, for each, what a reader needs to weigh it. Checks take their severity from here
(``severity(type)``); a check that gives another one does so for the reason ``graded`` states
and only to a severity named in ``also``. ``tests/test_check_registry.py`` holds the registry to
the documentation (docs/ledger-format.md, docs/compare-format.md) and to a producing case for
every type, built from model objects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any, Literal

from claimledger.model import DriftType, FindingType, Severity

Reads = Literal["ledger", "corpus", "compare"]
"""What a check reads: one article's ledger; that article set against the rest of the corpus (a corpus
view store/ builds: its copies, the spellings of its names, reference series); or the figures of
many articles grouped by measure and period (docs/compare-format.md)."""

FIGURES, SOURCING, FRAMING = "within.check_figures", "sourcing.check_sourcing", "framing.check_framing"
CORPUS = "corpus.corpus_findings"
CONTRADICTIONS = "contradiction.check_contradictions"

LEDGER_CHECKS: tuple[str, ...] = ("within.check_ledger_figures", SOURCING, FRAMING, CONTRADICTIONS)
"""The checks ``run_checks`` runs over one ledger, in this order (the order of its findings): each a
``module.function`` of claimledger.check taking the ledger alone. ``within.check_ledger_figures`` is
``within.check_figures`` given the ledger's claims, text and date."""
FRAMING_WHY = "a framing technique of the PTC taxonomy in the author's own voice: it colours a claim, it does not falsify it"


@dataclass(frozen=True)
class Registered:
    """One finding type: its default severity, what its check reads, why a reader is told."""

    type: FindingType
    severity: Severity
    reads: tuple[Reads, ...]
    check: str
    """The check that makes it (``module.function`` of claimledger.check); compare groups reuse
    ``within.compare_pair``, the reconciliation of ``within.check_figures``."""
    why: str
    also: tuple[Severity, ...] = ()
    """The other severities its check may give, for the reason ``graded`` states."""
    graded: str = ""


def _framing(technique: FindingType) -> Registered:
    return Registered(technique, "low", ("ledger",), FRAMING, FRAMING_WHY)


REGISTRY: dict[str, Registered] = {
    entry.type: entry
    for entry in (
        Registered(
            "figure_conflict", "medium", ("ledger", "compare"), FIGURES,
            "two figures of one quantity, once periods and aggregation are reconciled, cannot both hold",
            also=("high",),
            graded="high for a clear miss (10% past the other's bound) between firm figures; an approximate figure, "
            "an estimate or an assumed period keeps it at medium",
        ),
        Registered("figure_consistent", "info", ("ledger", "compare"), FIGURES,
                   "figures that explain one another agree: the reconciliation shown, nothing wrong"),
        Registered("figure_implication", "info", ("ledger", "compare"), FIGURES,
                   "figures together imply a bound the text does not state"),
        Registered("unattributed", "medium", ("ledger",), SOURCING,
                   "a factual claim that rests on no source a reader could ask"),
        Registered("anonymous_source", "medium", ("ledger",), SOURCING,
                   "an unnamed source: a reader cannot check who said it"),
        Registered("vague_source", "low", ("ledger",), SOURCING,
                   "a group too broad to check; someone in it may have said it"),
        Registered("unverifiable_setting", "medium", ("ledger",), SOURCING,
                   "a quote from a setting no outsider can check"),
        Registered("secondhand", "medium", ("ledger",), SOURCING,
                   "a figure relayed through an intermediary whose primary is neither quoted nor linked"),
        Registered("self_contradiction", "medium", ("ledger",), CONTRADICTIONS,
                   "two statements of one article cannot both hold"),
        Registered("loaded_language", "low", ("ledger",), FRAMING,
                   "the author's own loaded word tells the reader how to feel instead of reporting"),
        Registered("hedging", "low", ("ledger",), FRAMING,
                   "the author's own hedge weakens a claim with no source owning the doubt"),
        Registered("rhetorical_question", "low", ("ledger",), FRAMING, "the author's question frames a conclusion"),
        *(
            _framing(technique)
            for technique in (
                "repetition", "name_calling_labeling", "flag_waving", "exaggeration_minimisation", "doubt",
                "appeal_to_fear_prejudice", "causal_oversimplification", "whataboutism_straw_men_red_herring",
                "thought_terminating_cliches", "slogans", "appeal_to_authority", "black_and_white_fallacy",
                "bandwagon_reductio_ad_hitlerum",
            )
        ),
        Registered(
            "copied_text", "low", ("corpus",), CORPUS,
            "the article repeats another of the corpus nearly word for word",
            also=("info",), graded="info for the earliest of the copies: it is the original the others repeat",
        ),
        Registered("name_variant", "low", ("corpus",), CORPUS,
                   "a person or outlet spelled otherwise in other articles: one of the spellings is likely wrong"),
        Registered(
            "figure_mismatch_reference", "medium", ("corpus",), CORPUS,
            "a dated figure disagrees with a loaded reference series for its measure and period",
            also=("high",), graded="as figure_conflict: the reference comparison is that reconciliation",
        ),
        Registered("reference_different_unit", "info", ("corpus",), CORPUS,
                   "a reference row would disagree but counts something else: said so the reader does not ask"),
    )
}


def severity(finding_type: FindingType) -> Severity:
    """The default severity of a finding type."""
    return REGISTRY[finding_type].severity


@dataclass(frozen=True)
class RegisteredDrift:
    """One drift type of a lineage edge (``lineage.drifts``, over the corpus's figures): as a finding type's entry."""

    type: DriftType
    severity: Severity
    why: str
    also: tuple[Severity, ...] = ()
    graded: str = ""


DRIFTS: dict[str, RegisteredDrift] = {
    entry.type: entry
    for entry in (
        RegisteredDrift("meaning_drift", "medium", "the counted thing changed on the way: the relayed figure counts something else",
                        also=("high",), graded="high when the unit changed (cases → people)"),
        RegisteredDrift("rounding_drift", "low", "precision lost or a bound added: the figure is less exact than its origin",
                        also=("medium",), graded="medium when the bound the relay adds excludes the number it relays"),
        RegisteredDrift("period_drift", "medium", "the period changed on the way: the figure is said of another span",
                        also=("high",), graded="high for a month's figure relayed as one for a longer span"),
        RegisteredDrift("source_drift", "medium", "the attribution chain changed on the way: the reader is told another origin",
                        also=("low",), graded="low for a misspelled name, the furthest source dropped while others remain, "
                        "or the sources replaced by a document alone"),
    )
}


def drift_severity(drift_type: DriftType) -> Severity:
    """The default severity of a drift type."""
    return DRIFTS[drift_type].severity


def check_function(name: str) -> Callable[..., Any]:
    """The function a registered ``module.function`` names, imported when asked: the checks import
    this registry for their severities, so it cannot import them before they are loaded."""
    module, function = name.rsplit(".", 1)
    return getattr(import_module(f"claimledger.check.{module}"), function)
