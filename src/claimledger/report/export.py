"""Tabular export: one row per figure claim, as CSV for a spreadsheet or Parquet for a notebook.

The columns are fixed and documented in docs/exports.md; ``analyze --format csv`` and
``export --format csv|parquet`` give the same rows (for the articles analysed, or
for the corpus). Parquet carries real types (dates as dates, bounds as floats with
nulls, ``approximate`` as a boolean); CSV writes them as ISO dates, plain numbers
and ``true``/``false``, with empty cells for nulls.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from claimledger.model import Claim, Finding, Ledger, LedgerSelection
from claimledger.report.format import source_name

# (column, pyarrow type name): the order of the columns in both formats.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "string"),
    ("url", "string"),
    ("outlet", "string"),
    ("title", "string"),
    ("published", "date"),
    ("claim_id", "string"),
    ("figure", "string"),
    ("low", "float"),
    ("high", "float"),
    ("approximate", "bool"),
    ("unit", "string"),
    ("currency", "string"),
    ("role", "string"),
    ("status", "string"),
    ("measure", "string"),
    ("counted", "string"),
    ("period_start", "date"),
    ("period_end", "date"),
    ("period_text", "string"),
    ("aggregation", "string"),
    ("attribution", "string"),
    ("attribution_json", "string"),
    ("finding_ids", "string"),
    ("finding_types", "string"),
)
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)
LIST_SEPARATOR = ";"
"""Between the ids (and the types) of a figure's findings, in order."""

Row = dict[str, Any]


def _chain(ledger: Ledger, claim: Claim) -> list[dict[str, str]]:
    return [
        {"name": source_name(ledger, link.source), "relation": link.relation, "cue": link.cue}
        for link in claim.attribution
    ]


def _findings_about(claim: Claim, findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if claim.id in finding.claims]


def figure_rows(selection: LedgerSelection) -> Iterator[Row]:
    """The rows of one ledger's selected figure claims, with the findings (its own and the corpus's) on each."""
    ledger = selection.ledger
    article = ledger.article
    findings = [*ledger.findings, *selection.corpus_findings]
    for claim in ledger.figures:
        if not selection.selected(claim):
            continue
        figure, period = claim.figure, claim.period
        assert figure is not None  # ledger.figures holds figure claims only
        chain = _chain(ledger, claim)
        about = _findings_about(claim, findings)
        yield {
            "article_id": article.id,
            "url": article.url,
            "outlet": article.outlet,
            "title": article.title,
            "published": article.published,
            "claim_id": claim.id,
            "figure": figure.text,
            "low": figure.low,
            "high": figure.high,
            "approximate": figure.approximate,
            "unit": figure.unit,
            "currency": figure.currency,
            "role": figure.role,
            "status": figure.status,
            "measure": figure.measure,
            "counted": figure.counted,
            "period_start": period.start if period else None,
            "period_end": period.end if period else None,
            "period_text": period.text if period else None,
            "aggregation": period.aggregation if period else None,
            "attribution": " → ".join(link["name"] for link in chain),
            "attribution_json": json.dumps(chain, ensure_ascii=False),
            "finding_ids": LIST_SEPARATOR.join(f.id for f in about),
            "finding_types": LIST_SEPARATOR.join(f.type for f in about),
        }


def rows(selections: Iterable[LedgerSelection]) -> Iterator[Row]:
    for selection in selections:
        yield from figure_rows(selection)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def write_csv(found: Iterable[Row], handle: TextIO) -> int:
    """CSV with a header row; the number of rows written."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(COLUMN_NAMES)
    count = 0
    for row in found:
        writer.writerow([_cell(row[name]) for name in COLUMN_NAMES])
        count += 1
    return count


def parquet_schema():  # noqa: ANN201 - pyarrow is imported only when Parquet is asked for
    import pyarrow as pa

    types = {"string": pa.string(), "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32()}
    return pa.schema([pa.field(name, types[kind]) for name, kind in COLUMNS])


def write_parquet(found: Iterable[Row], path: Path, batch_rows: int = 10_000) -> int:
    """A Parquet file written a batch at a time (a large corpus is never held whole); the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[Row] = []
        for row in found:
            batch.append(row)
            if len(batch) == batch_rows:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count, batch = count + len(batch), []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
