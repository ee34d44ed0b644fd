"""Lineages in the terminal: each number's journey as a tree, with dates, outlets, wording and drift marks.

One line per appearance (date — or "undated" — outlet, the figure and what it counts, the
period, the chain of sources), and under it the drifts of the edge that brought it there,
most misleading first, so the reader sees at a glance where the number changed.
"""

from __future__ import annotations

import json
from collections import defaultdict

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from claimledger.model import FigureGroup, Lineage, LineageEdge, LineageNode
from claimledger.report.compare import chain_text
from claimledger.report.format import short_id
from claimledger.report.table import SEVERITY_STYLES


def heading(lineage: Lineage) -> str:
    drifts = len(lineage.drifts)
    return (
        f"{lineage.id} · “{lineage.root.text}” travelled through {lineage.articles} articles · "
        f"{drifts} drift{'s' if drifts != 1 else ''}"
    )


def node_text(node: LineageNode) -> Text:
    when = node.published.isoformat() if node.published else "undated"
    line = Text(f"{when} ", style="bold" if node.published else "bold yellow")
    line.append(f"{node.outlet or short_id(node.article)} ")
    line.append(f"“{node.text}”", style="bold")
    counted = node.counted or node.measure
    if counted:
        line.append(f" {counted}")
    line.append(f" ({node.unit or 'no unit'})", style="dim")
    period = node.period.text if node.period and node.period.text else None
    if period:
        line.append(f" · {period}")
    line.append(f" · {chain_text(node.attribution)}", style="dim")
    return line


def _edge_lines(edge: LineageEdge, branch: Tree) -> None:
    matched = "; ".join(f"{m.kind}: {m.detail}" for m in edge.matched if m.kind != "meaning")
    branch.add(Text(f"matched {matched}", style="dim"))
    for drift in edge.drifts:
        mark = Text(f"⚠ {drift.type} {drift.severity}: ", style=SEVERITY_STYLES.get(drift.severity, ""))
        mark.append(drift.message)
        branch.add(mark)


def tree(lineage: Lineage) -> Tree:
    """The lineage as a Rich tree rooted at its earliest article; children in publication order, undated last."""
    root = Tree(Text(heading(lineage), style="bold"))
    edges = {edge.child: edge for edge in lineage.edges}
    children: dict[str, list[LineageNode]] = defaultdict(list)
    for node in lineage.nodes[1:]:
        children[node.parent or ""].append(node)

    def grow(node: LineageNode, parent: Tree) -> None:
        branch = parent.add(node_text(node))
        if node.id in edges:
            _edge_lines(edges[node.id], branch)
        for child in children.get(node.id, []):
            grow(child, branch)

    grow(lineage.root, root)
    return root


def render_table(lineages: list[Lineage], console: Console) -> None:
    if not lineages:
        console.print("No figure travelled through more than one article.")
        return
    for lineage in lineages:
        console.print(tree(lineage))
        console.print()


def attach(groups: list[FigureGroup], lineages: list[Lineage]) -> None:
    """Give each group the lineages that hold one of its figures (the optional ``lineages`` field)."""
    holding: dict[tuple[str, str], list[Lineage]] = defaultdict(list)
    for lineage in lineages:
        for node in lineage.nodes:
            holding[(node.article, node.claim)].append(lineage)
    for group in groups:
        found: dict[str, Lineage] = {}
        for figure in group.figures:
            for lineage in holding.get((figure.article, figure.claim), []):
                found.setdefault(lineage.id, lineage)
        group.lineages = list(found.values())


def render_json(lineage: Lineage, indent: int | None = 2) -> str:
    return json.dumps(lineage.to_dict(), ensure_ascii=False, indent=indent)
