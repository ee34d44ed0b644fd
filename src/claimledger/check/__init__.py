"""Checks: the program's judgement of a ledger, as findings. A check never edits a claim."""

from __future__ import annotations

from claimledger.check.sourcing import check_sourcing
from claimledger.check.within import check_figures
from claimledger.model import Finding, Ledger


def run_checks(ledger: Ledger) -> list[Finding]:
    """Every within-article check, findings numbered f1, f2, … in a stable order."""
    findings = check_figures(ledger.claims)
    findings += check_sourcing(ledger)
    for number, finding in enumerate(findings, start=1):
        finding.id = f"f{number}"
    return findings
