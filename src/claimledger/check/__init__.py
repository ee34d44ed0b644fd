"""Checks: the program's judgement of a ledger, as findings. A check never edits a claim."""

from __future__ import annotations

from claimledger.check.contradiction import check_contradictions
from claimledger.check.framing import check_framing
from claimledger.check.sourcing import check_sourcing
from claimledger.check.within import check_figures
from claimledger.model import Finding, Ledger


def run_checks(ledger: Ledger) -> list[Finding]:
    """Every within-article check, findings numbered f1, f2, … in a stable order.

    The checks read the ledger alone (what they need from the text, extraction recorded on it),
    so a ledger read back from JSON gets exactly the findings it was written with.
    """
    findings = check_figures(ledger.claims, ledger.article.text, ledger.article.published)
    findings += check_sourcing(ledger)
    findings += check_framing(ledger)
    findings += check_contradictions(ledger)
    for number, finding in enumerate(findings, start=1):
        finding.id = f"f{number}"
    return findings
