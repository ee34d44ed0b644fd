"""Plotly figures for the measure page, built here as JSON and drawn by plotly.js in the browser.

The server builds the whole figure (traces and layout), so the page's script
only hands it to ``Plotly.newPlot``; plotly.js itself comes from the installed
plotly package (``/static/plotly.min.js``), never from a CDN.

A figure's period is the x extent (a horizontal line from its first to its last
day), its bounds the y extent (an error bar from low to high, an upward triangle
when there is no upper bound), one colour per outlet. Figures of different
aggregations (a month's total, a running total, a monthly rate) are not on one
scale, so each aggregation gets its own chart. A loaded reference series is drawn
as a line. The dicts are plain plotly figure JSON (tests check them against
``plotly.graph_objects.Figure``); building them without the validating object
model keeps the measure page fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from claimledger.model import Figure, FigureGroup, GroupFigure, ReferenceRow
from claimledger.report.format import format_bounds, format_number, format_period

# Plotly's default qualitative colours, then a second set: one colour per outlet.
PALETTE = ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880", "#FF97FF",
           "#FECB52", "#1f77b4", "#8c564b", "#7f7f7f", "#bcbd22", "#17becf"]
REFERENCE_COLOUR = "#222222"
# Beyond this many outlets in one chart the legend stops helping; the rest share one entry.
MAX_OUTLETS = len(PALETTE)
OTHER = "other outlets"


@dataclass(frozen=True)
class ChartPoint:
    """One figure as the chart draws it."""

    outlet: str
    start: date
    end: date
    low: float
    high: float | None
    aggregation: str
    unit: str | None
    label: str
    url: str


@dataclass(frozen=True)
class ReferencePoint:
    start: date
    end: date
    value: float
    aggregation: str
    label: str


def _middle(start: date, end: date) -> str:
    return date.fromordinal((start.toordinal() + end.toordinal()) // 2).isoformat()


def _y(point: ChartPoint) -> float:
    return point.low if point.high is None else (point.low + point.high) / 2


def _outlet_traces(outlet: str, colour: str, points: list[ChartPoint]) -> list[dict[str, Any]]:
    """The period lines and the bound markers of one outlet, joined in the legend."""
    spans_x: list[str | None] = []
    spans_y: list[float | None] = []
    for point in points:
        y = _y(point)
        spans_x += [point.start.isoformat(), point.end.isoformat(), None]
        spans_y += [y, y, None]
    ys = [_y(p) for p in points]
    return [
        {
            "type": "scatter", "mode": "lines", "x": spans_x, "y": spans_y, "name": outlet, "legendgroup": outlet,
            "showlegend": False, "hoverinfo": "skip", "line": {"color": colour, "width": 3}, "opacity": 0.45,
        },
        {
            "type": "scatter", "mode": "markers", "name": outlet, "legendgroup": outlet,
            "x": [_middle(p.start, p.end) for p in points], "y": ys,
            "error_y": {
                "type": "data", "symmetric": False, "color": colour, "thickness": 1.5, "width": 6,
                "array": [0 if p.high is None else p.high - y for p, y in zip(points, ys)],
                "arrayminus": [y - p.low for p, y in zip(points, ys)],
            },
            "marker": {
                "color": colour, "size": 9, "line": {"color": "#fff", "width": 1},
                "symbol": ["triangle-up" if p.high is None else "circle" for p in points],
            },
            "text": [p.label for p in points], "hovertemplate": "%{text}<extra></extra>",
            "customdata": [[p.url] for p in points],
        },
    ]


def _reference_trace(rows: list[ReferencePoint]) -> dict[str, Any]:
    rows = sorted(rows, key=lambda r: (r.start, r.end))
    return {
        "type": "scatter", "mode": "lines+markers", "name": "reference series", "x": [_middle(r.start, r.end) for r in rows],
        "y": [r.value for r in rows], "text": [r.label for r in rows], "hovertemplate": "%{text}<extra></extra>",
        "line": {"color": REFERENCE_COLOUR, "width": 2, "dash": "dot"}, "marker": {"color": REFERENCE_COLOUR, "size": 6},
    }


def figure(title: str, points: Iterable[ChartPoint], reference: Iterable[ReferencePoint] = ()) -> dict[str, Any]:
    """One plotly figure: the points grouped by outlet (a colour each), the reference as a line."""
    by_outlet: dict[str, list[ChartPoint]] = {}
    for point in sorted(points, key=lambda p: (p.outlet, p.start, p.end)):
        by_outlet.setdefault(point.outlet, []).append(point)
    outlets = sorted(by_outlet, key=lambda o: (-len(by_outlet[o]), o))
    if len(outlets) > MAX_OUTLETS:
        rest = [p for o in outlets[MAX_OUTLETS - 1 :] for p in by_outlet.pop(o)]
        outlets = [*outlets[: MAX_OUTLETS - 1], OTHER]
        by_outlet[OTHER] = rest
    data: list[dict[str, Any]] = []
    for number, outlet in enumerate(outlets):
        data += _outlet_traces(outlet, PALETTE[number % len(PALETTE)], by_outlet[outlet])
    reference = list(reference)
    if reference:
        data.append(_reference_trace(reference))
    units = sorted({p.unit for ps in by_outlet.values() for p in ps if p.unit})
    return {
        "data": data,
        "layout": {
            "title": {"text": title},
            "xaxis": {"title": {"text": "period"}, "type": "date"},
            "yaxis": {"title": {"text": ", ".join(units) or "value"}, "rangemode": "tozero", "separatethousands": True},
            "legend": {"title": {"text": "outlet"}},
            "margin": {"l": 70, "r": 20, "t": 50, "b": 50},
            "hovermode": "closest",
            "template": {"layout": {"font": {"family": "system-ui, sans-serif"}}},
        },
    }


def by_aggregation(
    title: str, points: Iterable[ChartPoint], reference: Iterable[ReferencePoint] = ()
) -> list[dict[str, Any]]:
    """One figure per aggregation present, the reference rows of that aggregation on it; totals first."""
    order = ["total", "cumulative", "per_day", "per_week", "per_month", "per_year", "unknown"]
    grouped: dict[str, list[ChartPoint]] = {}
    for point in points:
        grouped.setdefault(point.aggregation, []).append(point)
    references: dict[str, list[ReferencePoint]] = {}
    for row in reference:
        references.setdefault(row.aggregation, []).append(row)
    keys = sorted(set(grouped) | set(references), key=lambda a: order.index(a) if a in order else len(order))
    return [
        figure(f"{title} · {key.replace('_', ' ')}", grouped.get(key, []), references.get(key, []))
        for key in keys
    ]


def _figure_point(group: FigureGroup, figure: GroupFigure) -> ChartPoint | None:
    """A stored figure on the time axis; None when its period has no dates to place it by.

    An open end ("since February 2022") runs to the article's publication date, the
    last day the figure can speak for; an open start cannot be placed.
    """
    period = figure.period or group.period
    if period is None or period.start is None or figure.low is None:
        return None
    end = period.end or figure.published or period.start
    outlet = figure.outlet or "unknown outlet"
    bounds = format_bounds(Figure(0, 0, figure.text, figure.low, figure.high, figure.approximate))
    label = f"{outlet}: {figure.text}<br>bounds {bounds}<br>{format_period(period)} ({period.aggregation})"
    return ChartPoint(outlet, period.start, max(end, period.start), figure.low, figure.high, period.aggregation,
                      group.unit, label, f"/articles/{figure.article}#{figure.claim}")


def _reference_point(row: ReferenceRow) -> ReferencePoint | None:
    period = row.period
    if period.start is None or period.end is None:
        return None
    label = f"reference: {format_number(row.value)}<br>{format_period(period)}<br>{row.publisher}"
    return ReferencePoint(period.start, period.end, row.value, period.aggregation, label)


def _merged(points: Iterable[ChartPoint]) -> list[ChartPoint]:
    """One point per outlet, period and bounds: a value an outlet repeats in many articles is drawn once.

    Its hover text says how many articles gave it, and it links to the first of them.
    """
    merged: dict[tuple[object, ...], list[ChartPoint]] = {}
    for point in points:
        key = (point.outlet, point.start, point.end, point.low, point.high, point.aggregation)
        merged.setdefault(key, []).append(point)
    return [
        same[0] if len(same) == 1 else replace(same[0], label=f"{same[0].label}<br>in {len(same)} articles")
        for same in merged.values()
    ]


def measure_chart(measure: str, groups: list[FigureGroup], reference: list[ReferenceRow]) -> list[dict[str, Any]]:
    """The measure page's charts: every dated figure of ``groups``, the reference series on the same axes."""
    points = _merged(p for group in groups for figure in group.figures if (p := _figure_point(group, figure)))
    rows = [p for row in reference if (p := _reference_point(row))]
    return by_aggregation(measure, points, rows)
