"""Framing findings: the author's own loaded words, hedges, rhetorical questions and other techniques.

Reads only ``ledger.framing`` (the summary ``claimledger_framing`` produced), so a ledger read
back from JSON gives the same findings. Only spans in the author's voice become findings: a
loaded word inside a quote or a reported statement is the speaker's, and stays in the summary
under that speaker. The tagger's unlabelled ``Framing`` spans never become findings: their
precision on PTC is far below what a flag needs; they count in the summary only.

Finding types: ``loaded_language``, ``hedging``, ``rhetorical_question``, and for the other
techniques of the Propaganda Techniques Corpus taxonomy the technique's name in snake case
(``exaggeration_minimisation``, ``name_calling_labeling``, ``flag_waving``, ``doubt``,
``appeal_to_fear_prejudice``, ``causal_oversimplification``,
``whataboutism_straw_men_red_herring``, ``thought_terminating_cliches``, ``slogans``,
``repetition``, and the tagger's ``appeal_to_authority``, ``black_and_white_fallacy``,
``bandwagon_reductio_ad_hitlerum``). All are severity ``low`` (check/registry.py): framing
colours a claim, it does not falsify it.

One device is one finding: spans of one technique that overlap ("reports indicating" and its
"indicating") are read as one. A question standing alone on its line between paragraphs is a
subheading ("Why did unemployment rise?") that announces what follows, not a rhetorical question.
"""

from __future__ import annotations

import re

from claimledger.check.registry import severity
from claimledger.model import RHETORICAL, UNTYPED_FRAMING, Claim, Finding, FramingSpan, Ledger

_MESSAGES = {
    "Loaded_Language": "“{text}” is loaded language in the author's own voice: it tells the reader how to feel "
    "about what is reported rather than reporting it",
    "Hedging": "“{text}” hedges in the author's own voice: the claim is weakened without a source that owns the doubt",
    "Rhetorical_Question": "the question “{text}” is the author's, not a source's: it frames a conclusion instead of "
    "asking for information",
    "Repetition": "“{text}” is repeated by the author: repeating a loaded word drives the framing home",
}
_DEFAULT = "“{text}” is {technique} in the author's own voice"


def finding_type(technique: str) -> str:
    """``Exaggeration,Minimisation`` -> ``exaggeration_minimisation``; Hedging -> hedging."""
    return re.sub(r"[^a-z]+", "_", technique.lower()).strip("_")


def _claims_at(claims: list[Claim], span: FramingSpan) -> list[str]:
    return [c.id for c in claims if c.start <= span.start and span.end <= c.end]


SUBHEADING_WORDS = 15
"""A standalone question longer than this reads as a paragraph, not a subheading."""


def _merged(spans: list[FramingSpan]) -> list[FramingSpan]:
    """Overlapping spans of one technique become the one span that covers them all."""
    merged: list[FramingSpan] = []
    for span in sorted(spans, key=lambda s: (s.technique, s.start, -s.end)):
        last = merged[-1] if merged else None
        if last is not None and last.technique == span.technique and span.start < last.end:
            if span.end > last.end:
                merged[-1] = FramingSpan(last.start, span.end, last.text + span.text[last.end - span.start :],
                                         last.technique, last.voice, last.speaker)
            continue
        merged.append(span)
    return sorted(merged, key=lambda s: (s.start, s.end, s.technique))


def _subheading(text: str, span: FramingSpan) -> bool:
    """A short question that is a line of its own with text after it: a heading, not an argument."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    if line_end == -1 or not text[line_end:].strip():
        return False  # the closing line of an article is the author's last word, not a heading
    line = text[line_start:line_end].strip().lstrip("#*").strip()
    question = " ".join(span.text.split())
    return " ".join(line.split()) == question and len(question.split()) <= SUBHEADING_WORDS


def check_framing(ledger: Ledger) -> list[Finding]:
    if ledger.framing is None:
        return []
    findings = []
    authors = [s for s in ledger.framing.spans if s.voice == "author" and s.technique != UNTYPED_FRAMING]
    # unlabelled tagger spans (precision ~0.3 on PTC) are summary context, not flags
    for span in _merged(authors):
        if span.technique == RHETORICAL and _subheading(ledger.article.text, span):
            continue
        text = " ".join(span.text.split())
        template = _MESSAGES.get(span.technique, _DEFAULT)
        kind = finding_type(span.technique)
        technique = span.technique.replace("_", " ").replace(",", " / ").lower()
        findings.append(
            Finding(
                id="",
                type=kind,
                severity=severity(kind),
                message=template.format(text=text, technique=technique),
                claims=_claims_at(ledger.claims, span),
                start=span.start,
                end=span.end,
            )
        )
    return findings
