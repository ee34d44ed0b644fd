"""``claimledger compare`` output: a table per group in the terminal, JSON (docs/compare-format.md), or CSV.

The table leads with what a fact-checker asks first: which values circulate for a
measure and period, where each first appeared, who repeated it and on whose
authority; then the findings with their arithmetic.
"""

from __future__ import annotations

import csv
import io
import json

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimledger.model import ChainLink, Figure, FigureGroup, GroupFigure, Period, SameMeaning, Spread
from claimledger.report.format import NONE, format_bounds, format_number, short_id
from claimledger.report.table import SEVERITY_STYLES

CSV_COLUMNS = (
    "group", "measure", "unit", "period_start", "period_end", "aggregation", "value", "first", "article", "claim",
    "outlet", "published", "figure", "low", "high", "approximate", "attribution",
)


def chain_text(chain: list[ChainLink]) -> str:
    return " → ".join(link.name for link in chain) if chain else "(no source)"


def _bounds(figure: GroupFigure) -> str:
    return format_bounds(Figure(0, 0, figure.text, figure.low, figure.high, figure.approximate))


def _where(figure: GroupFigure) -> str:
    published = figure.published.isoformat() if figure.published else "undated"
    return f"{figure.outlet or short_id(figure.article)}, {published}"


def period_heading(group: FigureGroup) -> str:
    period: Period | None = group.period
    if period is None or period.start is None:
        words = f" (“{period.text}”)" if period is not None and period.text else ""
        return f"no dates{words}, {period.aggregation if period else 'unknown'}"
    return f"{period.text}, {period.aggregation}"


def spread_text(spread: Spread) -> str:
    high = format_number(spread.max) if spread.max is not None else "no upper bound"
    low = format_number(spread.min) if spread.min is not None else NONE
    median = format_number(spread.median) if spread.median is not None else NONE
    return f"{spread.figures} figures in {spread.articles} articles · spread {low} – {high}, median {median}"


def same_meaning_text(same: SameMeaning) -> str:
    """Which other measure keys the group holds and why: their counted phrases mean the group's."""
    joined = "; ".join(f"{m.measure} (“{m.phrase}”, {m.similarity:.2f})" for m in same.measures)
    return f"also compared as “{same.phrase}” by meaning (MiniLM ≥ {same.threshold}): {joined}"


def render_table(groups: list[FigureGroup], console: Console) -> None:
    if not groups:
        console.print("No figures to compare.")
        return
    for group in groups:
        console.rule(Text(f"{group.id} · {group.measure} ({group.unit or 'no unit'}) · {period_heading(group)}"))
        console.print(Text(spread_text(group.spread)))
        if group.same_meaning is not None:
            console.print(Text(same_meaning_text(group.same_meaning), style="dim"))
        table = Table(box=box.SIMPLE_HEAD, show_lines=False, expand=True)
        for header in ("value", "bounds", "first appeared", "attributed to", "repeated by (attributed to)"):
            table.add_column(header, overflow="fold")
        for value in group.lineage:
            repeats = "\n".join(f"{_where(f)} ({chain_text(f.attribution)})" for f in value.repeated_by) or NONE
            table.add_row(
                Text(f"{value.id} {value.text}"), Text(_bounds(value.first)), Text(_where(value.first)),
                Text(chain_text(value.first.attribution)), Text(repeats),
            )
        console.print(table)
        for finding in group.findings:
            line = Text(f"{finding.id} {finding.type} ", style=SEVERITY_STYLES.get(finding.severity, ""))
            line.append(f"{finding.severity} [{', '.join(finding.values)}] ", style="dim")
            line.append(finding.message)
            console.print(line)


def render_json(groups: list[FigureGroup], indent: int | None = 2) -> str:
    return json.dumps([group.to_dict() for group in groups], ensure_ascii=False, indent=indent)


def render_csv(groups: list[FigureGroup]) -> str:
    """One row per figure, the group's and the value's columns repeated, ``first`` marking first appearances."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for group in groups:
        period = group.period
        firsts = {(v.first.article, v.first.claim) for v in group.lineage}
        for f in group.figures:
            writer.writerow([
                group.id, group.measure, group.unit or "",
                period.start.isoformat() if period and period.start else "",
                period.end.isoformat() if period and period.end else "",
                period.aggregation if period else "", f.value, (f.article, f.claim) in firsts, f.article, f.claim,
                f.outlet or "", f.published.isoformat() if f.published else "", f.text,
                "" if f.low is None else format_number(f.low).replace(",", ""),
                "" if f.high is None else format_number(f.high).replace(",", ""),
                f.approximate, chain_text(f.attribution) if f.attribution else "",
            ])
    return out.getvalue()
