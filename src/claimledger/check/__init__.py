"""Checks: the program's judgement of a ledger, as findings. A check never edits a claim."""

from __future__ import annotations

from claimledger.check import registry
from claimledger.model import Finding, Ledger


def run_checks(ledger: Ledger) -> list[Finding]:
    """Every within-article check the registry names (``registry.LEDGER_CHECKS``), findings
    numbered f1, f2, … in a stable order: the registry's order of checks, then each check's own.

    The checks read the ledger alone (what they need from the text, extraction recorded on it),
    so a ledger read back from JSON gets exactly the findings it was written with.
    """
    findings = [finding for name in registry.LEDGER_CHECKS for finding in registry.check_function(name)(ledger)]
    for number, finding in enumerate(findings, start=1):
        finding.id = f"f{number}"
    return findings
