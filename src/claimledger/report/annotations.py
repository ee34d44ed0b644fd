"""The ledger as W3C Web Annotations (JSON-LD): an annotation layer over the article for annotation clients.

One ``AnnotationPage`` whose items are ``Annotation``s, one per figure, quote and
statement and one per finding. Each targets the article (``source``: its URL, else
``urn:sha256:<article id>``) with two selectors, as Hypothesis and other clients
anchor them: a ``TextQuoteSelector`` (the exact text with 32 characters of context
either side) and a ``TextPositionSelector`` (code-point offsets into the article text
as analysed, i.e. the text trafilatura extracted from a page). The body is a
``TextualBody`` with the card's text, and tags (``purpose: tagging``) with the claim's
kind, measure and findings' types, so a reader filters them by tag.

A finding with a span of its own targets that span; one without targets the claims
it is about.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from claimledger import __version__
from claimledger.model import Claim, Finding, Ledger, LedgerSelection
from claimledger.report.format import card_rows, claim_label, format_chain

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32
"""Prefix and suffix length: what Hypothesis stores with a quote."""
GENERATOR = {"type": "Software", "name": f"claimledger {__version__}"}

Json = dict[str, Any]


def source_iri(ledger: Ledger) -> str:
    """The article's URL, or a URN made of its id (the hash of its text) when it has none."""
    return ledger.article.url or f"urn:sha256:{ledger.article.id}"


def target(ledger: Ledger, start: int, end: int) -> Json:
    text = ledger.article.text
    return {
        "source": source_iri(ledger),
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": text[max(0, start - CONTEXT_CHARS) : start],
                "suffix": text[end : end + CONTEXT_CHARS],
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def _tags(*values: str | None) -> list[Json]:
    return [{"type": "TextualBody", "purpose": "tagging", "value": value} for value in dict.fromkeys(values) if value]


def _described(text: str) -> Json:
    return {"type": "TextualBody", "purpose": "describing", "format": "text/plain", "language": "en", "value": text}


def _claim_text(ledger: Ledger, claim: Claim) -> str:
    lines = [f"{claim.id} · {claim.kind}: {claim_label(claim, 200)}"]
    lines += [f"{label}: {value}" for label, value in card_rows(claim)]
    lines.append(f"attribution: {format_chain(ledger, claim)}")
    return "\n".join(lines)


def _annotation_id(ledger: Ledger, local_id: str) -> str:
    return f"urn:claimledger:{ledger.article.id}:{local_id}"


def claim_annotation(ledger: Ledger, claim: Claim, findings: list[Finding]) -> Json:
    about = [f for f in findings if claim.id in f.claims]
    measure = claim.figure.measure if claim.figure is not None else None
    return {
        "id": _annotation_id(ledger, claim.id),
        "type": "Annotation",
        "motivation": "describing",
        "body": [_described(_claim_text(ledger, claim)), *_tags(claim.kind, measure, *(f.type for f in about))],
        "target": target(ledger, claim.start, claim.end),
    }


def finding_annotation(ledger: Ledger, finding: Finding) -> Json | None:
    """None when the finding has neither a span nor a claim in this ledger to point at."""
    if finding.start is not None and finding.end is not None:
        targets = [target(ledger, finding.start, finding.end)]
    else:
        spans = {c.id: (c.start, c.end) for c in ledger.claims}
        targets = [target(ledger, *spans[claim]) for claim in finding.claims if claim in spans]
    if not targets:
        return None
    text = f"{finding.id} · {finding.type} ({finding.severity}): {finding.message}"
    return {
        "id": _annotation_id(ledger, finding.id),
        "type": "Annotation",
        "motivation": "assessing",
        "body": [_described(text), *_tags(finding.type, finding.severity)],
        "target": targets[0] if len(targets) == 1 else targets,
    }


def annotations(selection: LedgerSelection) -> list[Json]:
    """The selected claims of one ledger, and the findings about them (all findings when nothing is filtered)."""
    ledger = selection.ledger
    findings = [*ledger.findings, *selection.corpus_findings]
    kept = [claim for claim in ledger.claims if selection.selected(claim)]
    items = [claim_annotation(ledger, claim, findings) for claim in kept]
    kept_ids = {claim.id for claim in kept}
    for finding in findings:
        if selection.claims is not None and not kept_ids.intersection(finding.claims):
            continue
        annotation = finding_annotation(ledger, finding)
        if annotation is not None:
            items.append(annotation)
    return items


def page(selections: Iterable[LedgerSelection], page_id: str = "urn:claimledger:annotations") -> Json:
    items = [item for selection in selections for item in annotations(selection)]
    return {
        "@context": CONTEXT,
        "id": page_id,
        "type": "AnnotationPage",
        "generator": GENERATOR,
        "items": items,
    }


def render(selections: Iterable[LedgerSelection], page_id: str = "urn:claimledger:annotations") -> str:
    return json.dumps(page(selections, page_id), ensure_ascii=False, indent=2)
