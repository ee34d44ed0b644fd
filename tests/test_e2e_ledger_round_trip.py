"""The ledger is the only thing that crosses from extraction to the checks (docs/architecture.md).

The example is analysed once (the real model, slow), its JSON ledger read back, and the checks
run again on what was read: they must find exactly what the fresh analysis found, including the
findings that rest on the text (self-contradiction pairs, vague sources, settings).
"""

from __future__ import annotations

import pytest

from claimledger.check import run_checks
from claimledger.model import Ledger


@pytest.mark.slow
def test_e2e_a_ledger_read_back_from_json_gets_the_same_findings(example_ledger: dict) -> None:
    ledger = Ledger.from_json(Ledger.from_dict(example_ledger).to_json())
    written = [finding.to_dict() for finding in ledger.findings]
    ledger.findings = []
    assert [finding.to_dict() for finding in run_checks(ledger)] == written
    kinds = {finding["type"] for finding in written}
    assert {"self_contradiction", "vague_source", "unverifiable_setting"} <= kinds
