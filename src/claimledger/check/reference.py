"""figure_mismatch_reference: a stored figure against a reference series for the same measure and period.

A reference series is a CSV of official figures (shared/examples/ukraine-awol-cases.csv):
measure, what is counted, unit, period, aggregation, value, publisher, who reported it
and when. A row's bounds are its value, or, when the row says the value was rounded
("NV (rounded)"), half a step of its last significant digit either way (255,000 rounded
covers 254,500–255,500).

A figure is set against a row with the same reconciliation as two figures of one
article (check/within.py: same period, a month inside a year, a monthly rate against a
total), and a disagreement beyond the row's bounds is a figure_mismatch_reference
finding whose message names the row and its publisher. A figure that counts something
else than the row (people against criminal cases) would have disagreed but is not a
mismatch: that is reported as reference_different_unit (info).
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from claimledger.check.registry import severity
from claimledger.check.within import compare_pair
from claimledger.errors import BadFormat, MissingFile
from claimledger.model import AGGREGATIONS, Claim, Figure, Finding, Period, ReferenceRow

REQUIRED = ("measure", "unit", "period_start", "period_end", "aggregation", "value", "publisher")
OPTIONAL = ("counted", "reported_by", "reported_on")
ROUNDED = re.compile(r"\brounded\b", re.IGNORECASE)
REPORTED_ON = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
LABEL = "the reference"


def read_csv(path: Path) -> list[ReferenceRow]:
    """Every row of a reference series file; a coded error naming the line when one is wrong."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in REQUIRED if column not in (reader.fieldnames or [])]
            if missing:
                raise BadFormat(f"{path}: the header lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
            rows = [_row(record, f"{path} line {number}", path.name) for number, record in enumerate(reader, start=2)]
    except FileNotFoundError:
        raise MissingFile(f"no such file: {path}") from None
    except UnicodeDecodeError:
        raise BadFormat(f"{path} is not UTF-8 text") from None
    if not rows:
        raise BadFormat(f"{path} has no rows")
    return rows


def _row(record: dict[str, str | None], where: str, series: str) -> ReferenceRow:
    value = {key: (record.get(key) or "").strip() for key in (*REQUIRED, *OPTIONAL)}
    empty = [key for key in REQUIRED if not value[key]]
    if empty:
        raise BadFormat(f"{where}: empty {', '.join(empty)}")
    if value["aggregation"] not in AGGREGATIONS:
        raise BadFormat(f"{where}: aggregation {value['aggregation']!r} is not one of {', '.join(AGGREGATIONS)}")
    if value["reported_on"] and not REPORTED_ON.fullmatch(value["reported_on"]):
        raise BadFormat(f"{where}: reported_on {value['reported_on']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        start, end = date.fromisoformat(value["period_start"]), date.fromisoformat(value["period_end"])
        number = float(value["value"].replace(",", ""))
    except ValueError as error:
        raise BadFormat(f"{where}: {error}") from None
    if end < start or number < 0:
        raise BadFormat(f"{where}: the period ends before it starts or the value is negative")
    rounded = bool(ROUNDED.search(value["publisher"]) or ROUNDED.search(value["reported_by"]))
    low, high = rounding_bounds(number) if rounded else (number, number)
    return ReferenceRow(
        measure=value["measure"],
        counted=value["counted"] or None,
        unit=value["unit"],
        period=Period(start, end, value["aggregation"]),  # type: ignore[arg-type]
        value=number,
        low=low,
        high=high,
        publisher=value["publisher"],
        reported_by=value["reported_by"],
        reported_on=value["reported_on"],
        series=series,
    )


def rounding_bounds(value: float) -> tuple[float, float]:
    """A rounded value covers half a step of its last significant digit either way: 56,200 → 56,150–56,250."""
    whole = int(value)
    if whole != value or whole == 0:
        return value, value
    step = 1
    while whole % (step * 10) == 0:
        step *= 10
    return value - step / 2, value + step / 2


def as_claim(row: ReferenceRow, unit: str | None = None) -> Claim:
    """The row as a figure claim (counting ``unit`` instead of its own when given), so the
    within-article reconciliation applies to it unchanged."""
    text = f"{row.value:,.0f}" if row.low == row.high else f"{row.value:,.0f} (rounded)"
    figure = Figure(0, len(text), text, row.low, row.high, False, unit or row.unit, row.measure, row.counted)
    return Claim(id=LABEL, kind="figure", start=0, end=len(text), text=text, figure=figure, period=row.period)


def describe(row: ReferenceRow) -> str:
    """The row as the message names it: what, for when, whose figure, reported where."""
    reported = f", reported by {row.reported_by}" if row.reported_by else ""
    when = f" ({row.reported_on})" if row.reported_on else ""
    counted = f"{row.counted}, " if row.counted else ""
    return (
        f"{row.series} row: {counted}{row.period.start:%Y-%m-%d} – {row.period.end:%Y-%m-%d}, "
        f"{row.value:,.0f} {row.unit or ''}".rstrip()
        + f", published by {row.publisher}{reported}{when}"
    )


def check(claim: Claim, rows: list[ReferenceRow]) -> list[Finding]:
    """Findings for one dated figure claim against the reference rows of its measure."""
    figure = claim.figure
    if figure is None or claim.period is None or claim.period.start is None:
        return []
    found = []
    for row in rows:
        if row.measure != figure.measure:
            continue
        if figure.unit is not None and row.unit is not None and figure.unit != row.unit:
            would = compare_pair(claim, as_claim(row, unit=figure.unit))
            if would is not None and would.type == "figure_conflict":
                message = (
                    f"Not a mismatch: {claim.id} counts {figure.unit}, the reference counts {row.unit}; as the same "
                    f"count they would disagree ({_unquoted(would.message)}). Reference: {describe(row)}."
                )
                found.append(Finding("", "reference_different_unit", severity("reference_different_unit"), message, [claim.id]))
            continue
        result = compare_pair(claim, as_claim(row))
        if result is not None and result.type == "figure_conflict":
            message = f"{result.message} Reference: {describe(row)}."
            found.append(Finding("", "figure_mismatch_reference", result.severity, message, [claim.id]))  # graded as the conflict
    return found


def _unquoted(message: str) -> str:
    return message[:1].lower() + message[1:].rstrip(".")
