"""The ledger as a Markdown report, laid out like a fact-checker's notes.

Text taken from the article is escaped: a Markdown viewer would otherwise turn
an article's "<script>" or "*" into markup, and a "|" would split a table cell.
"""

from __future__ import annotations

import re

from claimledger.model import Claim, Ledger
from claimledger.report.format import (
    NONE,
    article_heading,
    by_severity,
    claims_by_source,
    format_aggregation,
    format_bounds,
    format_chain,
    format_counted,
    format_period,
    framing_headline,
    framing_rows,
    framing_spans,
    short_id,
    spoken_claims,
    summary,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """Article text as literal Markdown on one line: markup escaped, and line breaks folded
    because they would end a table row."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [_row(header), _row(["---"] * len(header)), *(_row(r) for r in rows)]


def _figure_row(ledger: Ledger, claim: Claim) -> list[str]:
    figure = claim.figure
    assert figure is not None  # only called for ledger.figures
    return [
        claim.id,
        _md(figure.text),
        format_bounds(figure),
        _md(format_counted(figure)),
        _md(figure.unit or NONE),
        _md(format_period(claim.period)),
        format_aggregation(claim.period),
        _md(format_chain(ledger, claim)),
    ]


def _figures(ledger: Ledger) -> list[str]:
    if not ledger.figures:
        return ["No figures."]
    header = ["#", "figure", "bounds", "what is counted", "unit", "period", "aggregation"]
    header.append("attribution chain (nearest first)")
    return _table(header, [_figure_row(ledger, c) for c in ledger.figures])


def _spoken(ledger: Ledger) -> list[str]:
    lines = []
    for claim in spoken_claims(ledger):
        line = f"- {claim.id} ({claim.kind}): “{_md(claim.text)}” — {_md(format_chain(ledger, claim))}"
        if claim.quote and claim.quote.setting:
            line += f"; setting: {_md(claim.quote.setting)}"
        lines.append(line)
    return lines


def _sources(ledger: Ledger) -> list[str]:
    claims = claims_by_source(ledger)
    rows = [
        [
            s.id,
            _md(s.name),
            s.kind,
            _md(s.role or NONE),
            _md(s.affiliation or NONE),
            str(len(s.mentions)),
            ", ".join(claims.get(s.id, [])) or NONE,
        ]
        for s in ledger.sources
    ]
    return _table(["#", "name", "kind", "role", "affiliation", "mentions", "claims"], rows)


def _findings(ledger: Ledger) -> list[str]:
    if not ledger.findings:
        return ["No findings."]
    lines = []
    text = ledger.article.text
    for finding in by_severity(ledger.findings):
        refs = ", ".join(finding.claims)
        if finding.start is not None and finding.end is not None:
            quoted = f"“{_md(text[finding.start : finding.end])}”"
            refs = f"{refs}; {quoted}" if refs else quoted
        where = f"; {refs}" if refs else ""
        lines.append(f"- **{finding.type}** ({finding.severity}{where}): {_md(finding.message)}")
    return lines


def _framing(ledger: Ledger) -> list[str]:
    lines = [f"{framing_headline(ledger)}.", ""]
    lines += _table(["technique", "author", "quoted"], [[t, str(a), str(q)] for t, a, q in framing_rows(ledger)])
    spans = framing_spans(ledger)
    if spans:
        lines.append("")
        lines += [f"- {technique}: “{_md(text)}” ({_md(whose)})" for technique, text, whose in spans]
    return lines


def render(ledger: Ledger) -> str:
    article = ledger.article
    details = [_md(article.outlet)] if article.outlet else []
    details.append(f"published {article.published.isoformat()}" if article.published else "no publication date")
    details.append(f"id `{short_id(article.id)}`")
    lines = [
        f"# {_md(article_heading(article))}",
        "",
        " · ".join(details),
        "",
        summary(ledger),
        "",
        "## Figures",
        "",
        *_figures(ledger),
    ]
    if spoken_claims(ledger):
        lines += ["", "## Quotes and statements", "", *_spoken(ledger)]
    if ledger.sources:
        lines += ["", "## Sources", "", *_sources(ledger)]
    if ledger.framing is not None:
        lines += ["", "## Framing", "", *_framing(ledger)]
    lines += ["", "## Findings", "", *_findings(ledger)]
    return "\n".join(lines) + "\n"
