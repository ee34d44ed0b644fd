"""The ledger in the terminal: a header and one Rich table per kind of entry.

Every value from the article goes into a ``Text`` rather than a plain string:
Rich would otherwise read "[citation needed]" in an article as markup.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimledger.model import Ledger
from claimledger.report.format import (
    NONE,
    article_heading,
    by_severity,
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

SEVERITY_STYLES: dict[str, str] = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "green"}


def _table(title: str) -> Table:
    return Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
        expand=True,
    )


def _header(ledger: Ledger) -> Text:
    article = ledger.article
    details = [article.outlet] if article.outlet else []
    details.append(f"published {article.published.isoformat()}" if article.published else "no publication date")
    details.append(f"id {short_id(article.id)}")
    header = Text(article_heading(article), style="bold")
    header.append("\n" + " · ".join(details) + "\n" + summary(ledger), style="dim")
    return header


def _figures(ledger: Ledger) -> Table:
    table = _table("Figures")
    table.add_column("#", style="dim", no_wrap=True)
    table.add_column("figure", ratio=2, min_width=8)
    table.add_column("bounds", style="bold", no_wrap=True)
    table.add_column("counted (measure)", ratio=3)
    table.add_column("unit", no_wrap=True)
    table.add_column("period", ratio=2, min_width=10)
    table.add_column("aggregation", no_wrap=True)
    table.add_column("attribution", ratio=3)
    for claim in ledger.figures:
        figure = claim.figure
        assert figure is not None  # ledger.figures holds only claims with a figure
        table.add_row(
            Text(claim.id),
            Text(figure.text),
            Text(format_bounds(figure)),
            Text(format_counted(figure)),
            Text(figure.unit or NONE),
            Text(format_period(claim.period)),
            Text(format_aggregation(claim.period)),
            Text(format_chain(ledger, claim)),
        )
    return table


def _spoken(ledger: Ledger) -> Table:
    table = _table("Quotes and statements")
    table.add_column("#", style="dim", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("text", ratio=4)
    table.add_column("attribution", ratio=2)
    table.add_column("setting", ratio=1)
    for claim in spoken_claims(ledger):
        setting = claim.quote.setting if claim.quote and claim.quote.setting else NONE
        chain = format_chain(ledger, claim)
        table.add_row(Text(claim.id), Text(claim.kind), Text(claim.text), Text(chain), Text(setting))
    return table


def _sources(ledger: Ledger) -> Table:
    table = _table("Sources")
    table.add_column("#", style="dim", no_wrap=True)
    table.add_column("name", ratio=2)
    table.add_column("kind", no_wrap=True)
    table.add_column("role", ratio=2)
    table.add_column("affiliation", ratio=2)
    table.add_column("mentions", justify="right", no_wrap=True)
    for source in ledger.sources:
        table.add_row(
            Text(source.id),
            Text(source.name),
            Text(source.kind),
            Text(source.role or NONE),
            Text(source.affiliation or NONE),
            Text(str(len(source.mentions))),
        )
    return table


def _findings(ledger: Ledger) -> Table:
    table = _table("Findings")
    table.add_column("#", style="dim", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("claims")
    table.add_column("message", ratio=4)
    for finding in by_severity(ledger.findings):
        table.add_row(
            Text(finding.id),
            Text(finding.type),
            Text(finding.severity, style=SEVERITY_STYLES.get(finding.severity, "")),
            Text(", ".join(finding.claims) or NONE),
            Text(finding.message),
        )
    return table


def _framing(ledger: Ledger) -> Table:
    table = _table(f"Framing: {framing_headline(ledger)}")
    table.add_column("technique", no_wrap=True)
    table.add_column("author", justify="right", no_wrap=True)
    table.add_column("quoted", justify="right", no_wrap=True)
    table.add_column("spans (whose words)", ratio=4)
    spans = framing_spans(ledger)
    for technique, author, quoted in framing_rows(ledger):
        texts = [f"“{text}”" + ("" if whose == "author" else f" ({whose})") for t, text, whose in spans if t == technique]
        table.add_row(Text(technique), Text(str(author)), Text(str(quoted)), Text("; ".join(texts)))
    return table


def render(ledger: Ledger, console: Console) -> None:
    """Print the ledger. Only the tables with rows are printed: the header's counts
    already say what is missing."""
    console.print(_header(ledger))
    if ledger.figures:
        console.print(_figures(ledger))
    if spoken_claims(ledger):
        console.print(_spoken(ledger))
    if ledger.sources:
        console.print(_sources(ledger))
    if ledger.framing is not None:
        console.print(_framing(ledger))
    if ledger.findings:
        console.print(_findings(ledger))
