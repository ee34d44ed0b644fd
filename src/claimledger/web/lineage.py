"""The lineage page's timeline: one number's appearances on a time axis, as plain SVG (no script, no CDN).

Each appearance is a dot at its publication date (undated ones in a band at the right,
marked), one row per appearance in publication order; a line joins each dot to the one it
came from, red where the edge carries a high-severity drift, amber for medium.
"""

from __future__ import annotations

from html import escape

from claimledger.model import Lineage

WIDTH, ROW, LEFT, RIGHT, UNDATED = 720, 22, 170, 20, 70


def timeline(lineage: Lineage, focus: str | None = None) -> str:
    """The SVG of the lineage (a figure of ``focus`` id drawn larger)."""
    dated = [n.published for n in lineage.nodes if n.published is not None]
    first, last = (min(dated), max(dated)) if dated else (None, None)
    span = max(1, (last - first).days) if first and last else 1
    plot = WIDTH - LEFT - RIGHT - UNDATED
    where: dict[str, tuple[float, float]] = {}
    for row, node in enumerate(lineage.nodes):
        x = LEFT + (plot * (node.published - first).days / span if node.published and first else plot + UNDATED / 2)
        where[node.id] = (x, ROW * row + ROW / 2)
    height = ROW * len(lineage.nodes)
    parts = [f'<svg class="timeline" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"'
             f' aria-label="When each article carried the number">']
    severities = {edge.child: {d.severity for d in edge.drifts} for edge in lineage.edges}
    for edge in lineage.edges:
        if edge.parent in where and edge.child in where:
            (x1, y1), (x2, y2) = where[edge.parent], where[edge.child]
            marks = severities.get(edge.child, set())
            colour = "#c0392b" if "high" in marks else "#d68910" if "medium" in marks else "#7f8c8d"
            parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" stroke-width="1.5"/>')
    for node in lineage.nodes:
        x, y = where[node.id]
        when = node.published.isoformat() if node.published else "undated"
        label = escape(f"{when} {node.outlet or node.article[:12]}")
        radius = 6 if node.id == focus else 4
        parts.append(f'<text x="4" y="{y + 4:.1f}" font-size="11">{label}</text>')
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}"><title>{escape(node.text)} · {label}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)
