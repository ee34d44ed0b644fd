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
``repetition``). All are severity ``low``: framing colours a claim, it does not falsify it.
"""

from __future__ import annotations

import re

from claimledger.model import FRAMING, Claim, Finding, FramingSpan, Ledger

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


def check_framing(ledger: Ledger) -> list[Finding]:
    if ledger.framing is None:
        return []
    findings = []
    for span in ledger.framing.spans:
        if span.voice != "author" or span.technique == FRAMING:
            continue  # unlabelled tagger spans (precision ~0.3 on PTC) are summary context, not flags
        text = " ".join(span.text.split())
        template = _MESSAGES.get(span.technique, _DEFAULT)
        technique = span.technique.replace("_", " ").replace(",", " / ").lower()
        findings.append(
            Finding(
                id="",
                type=finding_type(span.technique),
                severity="low",
                message=template.format(text=text, technique=technique),
                claims=_claims_at(ledger.claims, span),
                start=span.start,
                end=span.end,
            )
        )
    return findings
