"""Checks: the program's judgement of a ledger, as findings. A check never edits a claim."""

from __future__ import annotations

from spacy.tokens import Doc

from claimledger.check.contradiction import check_contradictions
from claimledger.check.framing import check_framing
from claimledger.check.sourcing import check_sourcing
from claimledger.check.within import check_figures
from claimledger.model import Finding, Ledger


def run_checks(ledger: Ledger, doc: Doc | None = None) -> list[Finding]:
    """Every within-article check, findings numbered f1, f2, … in a stable order.

    ``doc`` is the parsed article: the self-contradiction check needs the parse, which the
    ledger does not keep; without it (a ledger read back from JSON) that check is skipped.
    """
    findings = check_figures(ledger.claims, ledger.article.text, ledger.article.published)
    findings += check_sourcing(ledger)
    findings += check_framing(ledger)
    if doc is not None:
        findings += check_contradictions(doc, ledger.claims)
    for number, finding in enumerate(findings, start=1):
        finding.id = f"f{number}"
    return findings
