"""Sourcing findings: who a claim rests on, and whether a reader could check it.

- ``unattributed``: the claim's only source is no source (``reports indicating``, ``it is believed``, ``reportedly``);
- ``anonymous_source``: a link of the chain is an unnamed source (``sources close to the Russian administration``);
- ``vague_source``: a link is a group too broad to check (``Ukrainian officials``, ``experts``);
- ``unverifiable_setting``: a quote given in a setting no outsider can check (``in a closed-door meeting``);
- ``secondhand``: a figure reaches the article through an intermediary (A citing B) and B's own
  words are not quoted in the article (a quote attributed to B first-hand would be).

Claims resting on the same source through the same words share one finding. Every message quotes
the words of the article it rests on.
"""

from __future__ import annotations

from functools import cache

from claimledger import datafiles
from claimledger.model import Claim, Finding, Ledger, Source

_NUMBERS = {"unattributed": "medium", "anonymous_source": "medium", "vague_source": "low",
            "unverifiable_setting": "medium", "secondhand": "medium"}


@cache
def _unverifiable_words() -> tuple[str, ...]:
    data = datafiles.load("quotes_settings")
    return tuple(sorted(data["unverifiable_words"], key=len, reverse=True))


def _label(claim: Claim) -> str:
    if claim.figure is not None:
        return f"the figure {claim.figure.text} ({claim.id})"
    if claim.kind == "quote":
        text = claim.text if len(claim.text) <= 60 else claim.text[:57] + "…"
        return f"the quote {text} ({claim.id})"
    text = claim.text if len(claim.text) <= 60 else claim.text[:57] + "…"
    return f"the statement “{text}” ({claim.id})"


def _labels(claims: list[Claim]) -> str:
    names = [_label(c) for c in claims]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def check_sourcing(ledger: Ledger) -> list[Finding]:
    text = ledger.article.text
    sources = {s.id: s for s in ledger.sources}
    groups: dict[tuple, list[Claim]] = {}
    detail: dict[tuple, tuple[str, int, int, Source]] = {}
    first_hand = {c.attribution[0].source for c in ledger.claims if c.kind == "quote" and c.attribution}

    for claim in ledger.claims:
        for n, link in enumerate(claim.attribution):
            source = sources.get(link.source)
            if source is None:
                continue
            kind = None
            if source.kind == "unattributed" and n == 0:
                kind = "unattributed"
            elif source.kind == "anonymous":
                kind = "anonymous_source"
            elif source.vague:
                kind = "vague_source"
            if kind is None:
                continue
            lo, hi = source.words_near(text, link.start, link.end)
            if kind in ("anonymous_source", "vague_source") and source.mentions:
                lo, hi = source.mention_nearest(link.start, link.end)
            words = text[lo:hi]
            if kind == "unattributed" and claim.hedges:
                words = claim.hedges[0]
                if claim.evidence is not None:  # where extraction found the hedge
                    lo, hi = claim.evidence
            key = (kind, source.id, lo, hi)
            groups.setdefault(key, []).append(claim)
            detail[key] = (words, lo, hi, source)
        if claim.kind == "quote" and claim.quote and claim.quote.setting:
            setting = claim.quote.setting
            low = setting.lower()
            if any(w in low for w in _unverifiable_words()):
                lo, hi = claim.quote.setting_span or (claim.start, claim.end)
                words = text[lo:hi]
                key = ("unverifiable_setting", claim.id, lo, hi)
                groups.setdefault(key, []).append(claim)
                detail[key] = (words, lo, hi, None)  # type: ignore[assignment]
        if claim.figure is not None and len(claim.attribution) >= 2:
            primary = sources.get(claim.attribution[-1].source)
            relay = sources.get(claim.attribution[0].source)
            if primary is not None and relay is not None and primary.id not in first_hand:
                last = claim.attribution[-1]
                key = ("secondhand", tuple(a.source for a in claim.attribution), last.start, last.end)
                groups.setdefault(key, []).append(claim)
                detail[key] = (text[last.start : last.end], last.start, last.end, primary)

    findings: list[Finding] = []
    for key, claims in groups.items():
        kind = key[0]
        words, lo, hi, source = detail[key]
        label = _labels(claims)
        if kind == "unattributed":
            message = f"{label} rests on “{words}”: the text names no source for it"
        elif kind == "anonymous_source":
            message = f"{label} comes from an unnamed source, “{words}”: a reader cannot check who said it"
        elif kind == "vague_source":
            message = f"{label} is attributed to “{words}”, a group too broad to check (no one is named)"
        elif kind == "unverifiable_setting":
            message = f"{label} was said “{words}”, a setting no outsider can check"
        else:
            chain = [sources[s] for s in key[1]]
            path = " citing ".join(s.name for s in chain)
            message = (
                f"{label} {'reach' if len(claims) > 1 else 'reaches'} the article secondhand: {path} (“{words}”); "
                f"{chain[-1].name}'s own figures are not quoted or linked"
            )
        single = len({(c.start, c.end) for c in claims}) >= 1
        findings.append(
            Finding(
                id="",
                type=kind,
                severity=_NUMBERS[kind],  # type: ignore[arg-type]
                message=message,
                claims=[c.id for c in claims],
                start=lo if single else None,
                end=hi if single else None,
            )
        )
    findings.sort(key=lambda f: (f.start if f.start is not None else -1, f.type))
    return findings
