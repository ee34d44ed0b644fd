"""Wording shared by the table, Markdown and HTML reports.

A reader comparing the terminal table with the HTML page must see the same
"15,000–18,000" and the same "not stated"; keeping every human-readable form of
a ledger value here is what makes the three renderers agree.
"""

from __future__ import annotations

from dataclasses import replace

from claimledger.model import SEVERITIES, UNTYPED_FRAMING, Article, Claim, Figure, Finding, Ledger, Period

NONE = "—"
"""Shown for an empty cell, so an empty value is visibly empty rather than missing."""


def format_number(value: float) -> str:
    """Thousands separators make 180,000 and 18,000 impossible to confuse."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_bounds(figure: Figure) -> str:
    """Inclusive bounds as a reader checks them: 21,600 · 15,000–18,000 · ≥ 230,000 · ≈ 10,000–99,999.

    The "≈" prefix carries ``approximate`` so a vague magnitude never reads as
    a precise interval.
    """
    low, high = figure.low, figure.high
    if low is not None and high is not None:
        text = format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"
    elif low is not None:
        text = f"≥ {format_number(low)}"
    elif high is not None:
        text = f"≤ {format_number(high)}"
    else:
        text = "unknown"
    return f"≈ {text}" if figure.approximate else text


def format_period(period: Period | None) -> str:
    """Dates when resolved; the period's own words when they could not be resolved.

    An open end is written "(open)" rather than left blank so that "since
    February 2022" cannot be mistaken for a single day.
    """
    if period is None:
        return "not stated"
    if period.start is None and period.end is None:
        return f"“{period.text}” (no dates)" if period.text else "not stated"
    start = period.start.isoformat() if period.start else "(open)"
    end = period.end.isoformat() if period.end else "(open)"
    return f"{start} – {end}"


def format_aggregation(period: Period | None) -> str:
    return period.aggregation if period is not None else "unknown"


def format_counted(figure: Figure) -> str:
    """The text's own phrase first, the normalised measure key after it, because checks compare on the key."""
    if figure.counted and figure.measure:
        return f"{figure.counted} ({figure.measure})"
    return figure.counted or figure.measure or NONE


def source_name(ledger: Ledger, source_id: str) -> str:
    """A dangling source id is shown as the id itself: a report must not crash on a half-built ledger."""
    try:
        return ledger.source(source_id).name
    except KeyError:
        return source_id


def format_chain(ledger: Ledger, claim: Claim) -> str:
    """Nearest source first, as the contract orders it: who says it → whom they cite."""
    names = [source_name(ledger, link.source) for link in claim.attribution]
    return " → ".join(names) if names else NONE


def short_id(article_id: str) -> str:
    """Twelve hex digits are enough to tell articles apart by eye."""
    return article_id[:12]


def article_heading(article: Article, words: int = 8) -> str:
    """Most articles arrive without a title; their first words identify them well enough."""
    if article.title:
        return article.title
    head = article.text.split()
    if not head:
        return "(empty article)"
    text = " ".join(head[:words])
    return f"{text} …" if len(head) > words else text


def claim_label(claim: Claim, width: int = 60) -> str:
    """A short name for a claim in link texts and lists: the figure as written, or the quote's start."""
    text = claim.figure.text if claim.figure is not None else claim.text
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def card_rows(claim: Claim) -> list[tuple[str, str]]:
    """What a claim's card says about it, label and value, as the HTML page and the annotations show it."""
    rows: list[tuple[str, str]] = []
    if claim.figure is not None:
        figure = claim.figure
        rows += [
            ("bounds", format_bounds(figure)),
            ("counted", format_counted(figure)),
            ("unit", figure.unit or NONE),
            ("period", format_period(claim.period)),
            ("aggregation", format_aggregation(claim.period)),
        ]
        period = claim.period
        if period is not None and period.text and (period.start or period.end):
            # Unresolved periods already show their words in the "period" row.
            rows.append(("period as written", period.text))
    else:
        rows.append(("kind", claim.kind))
        if claim.quote is not None:
            rows.append(("quote", "direct" if claim.quote.direct else "indirect"))
            if claim.quote.setting:
                rows.append(("setting", claim.quote.setting))
    if claim.hedges:
        rows.append(("hedges", "; ".join(claim.hedges)))
    return rows


def spoken_claims(ledger: Ledger) -> list[Claim]:
    """Quotes and statements, which every report lists apart from the figures."""
    return [c for c in ledger.claims if c.kind in ("quote", "statement")]


def claims_by_source(ledger: Ledger) -> dict[str, list[str]]:
    """Claim ids per source id, from the attribution chains, so a source can be judged by what it carries."""
    result: dict[str, list[str]] = {s.id: [] for s in ledger.sources}
    for claim in ledger.claims:
        for link in claim.attribution:
            ids = result.setdefault(link.source, [])
            if claim.id not in ids:
                ids.append(claim.id)
    return result


def by_severity(findings: list[Finding]) -> list[Finding]:
    """High first, so the findings that matter are read first; ties keep the checks' order."""
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: rank.get(f.severity, len(rank)))


def at_least(ledger: Ledger, severity: str) -> Ledger:
    """The ledger with only the findings of ``severity`` or graver: what a reader asked to see.

    A view for reports (``--min-severity``, the web app's filter); the ledger itself is not changed.
    """
    if severity not in SEVERITIES:
        raise ValueError(f"not a severity: {severity!r} (one of {', '.join(SEVERITIES)})")
    allowed = SEVERITIES[: SEVERITIES.index(severity) + 1]
    return replace(ledger, findings=[f for f in ledger.findings if f.severity in allowed])


def severity_counts(findings: list[Finding]) -> dict[str, int]:
    """Counts in severity order, zero counts left out."""
    counts = {s: 0 for s in SEVERITIES}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return {s: n for s, n in counts.items() if n}


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def counts(ledger: Ledger) -> list[tuple[int, str]]:
    """How many of each thing the ledger holds, in the order every report shows them."""
    return [
        (len(ledger.figures), "figure"),
        (sum(c.kind == "quote" for c in ledger.claims), "quote"),
        (sum(c.kind == "statement" for c in ledger.claims), "statement"),
        (len(ledger.sources), "source"),
        (len(ledger.findings), "finding"),
    ]


def summary(ledger: Ledger) -> str:
    """One line of counts for a header: what the ledger holds, before any detail."""
    parts = [plural(n, noun) for n, noun in counts(ledger)]
    counts_by_severity = severity_counts(ledger.findings)
    if counts_by_severity:
        parts[-1] += " (" + ", ".join(f"{n} {s}" for s, n in counts_by_severity.items()) + ")"
    return " · ".join(parts)


def technique_name(technique: str) -> str:
    """``Exaggeration,Minimisation`` → "exaggeration / minimisation": the PTC label as a reader reads it."""
    return technique.replace("_", " ").replace(",", " / ").lower()


def framing_headline(ledger: Ledger) -> str | None:
    """The framing summary in one line; None when the ledger has no framing summary."""
    framing = ledger.framing
    if framing is None:
        return None
    return (
        f"{framing.framed_sentences} of {plural(framing.author_sentences, 'sentence')} in the author's voice "
        f"({framing.share:.0%}) carry framing"
    )


def framing_rows(ledger: Ledger) -> list[tuple[str, int, int]]:
    """(technique, uses in the author's voice, uses in quoted or attributed words), most used first.

    Untyped spans stay out: "framing: 12" tells a reader nothing to check (the JSON summary keeps them).
    """
    framing = ledger.framing
    if framing is None:
        return []
    names = (set(framing.counts) | set(framing.quoted_counts)) - {UNTYPED_FRAMING}
    rows = [(technique_name(n), framing.counts.get(n, 0), framing.quoted_counts.get(n, 0)) for n in names]
    return sorted(rows, key=lambda r: (-r[1], -r[2], r[0]))


def framing_spans(ledger: Ledger) -> list[tuple[str, str, str]]:
    """(technique, text, whose words) per span: "author", or the speaker the words belong to."""
    if ledger.framing is None:
        return []
    out = []
    for span in ledger.framing.spans:
        if not span.typed:
            continue
        if span.voice == "author":
            whose = "author"
        else:
            whose = f"{span.voice}: {source_name(ledger, span.speaker) if span.speaker else 'unknown speaker'}"
        out.append((technique_name(span.technique), " ".join(span.text.split()), whose))
    return out
