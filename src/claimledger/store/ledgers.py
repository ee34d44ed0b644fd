"""Ledgers in and out of the database: rows for bulk inserts, and the ledger read back from them.

Writing is the hot path of ``add`` (it must cost a small share of analysis), so a
batch of ledgers becomes one list of plain dicts per table, inserted with one
``executemany`` each; no ORM objects are made. Reading rebuilds the ledger field for
field, so ``ledger(id)`` equals what ``analyze`` returned when it was stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, Table, delete, select

from claimledger.model import (
    FIGURE_MEANING_FIELDS,
    Article,
    Attribution,
    Claim,
    ClaimLink,
    Figure,
    Finding,
    FramingSummary,
    Inherited,
    Ledger,
    Period,
    Quote,
    Source,
)
from claimledger.store import schema as s
from claimledger.store.db import chunks

ARTICLE_SCOPE = "article"
CORPUS_SCOPE = "corpus"


@dataclass
class StoredLedger:
    """A ledger with what the corpus keeps beside it."""

    ledger: Ledger
    author: str | None
    signature: bytes
    buckets: list[int]


Rows = dict[Table, list[dict[str, Any]]]


def _rows(entry: StoredLedger, version: str, added_at: datetime, rows: Rows) -> None:
    ledger, article = entry.ledger, entry.ledger.article
    key = article.id
    rows[s.articles].append(
        {
            "id": key,
            "title": article.title,
            "url": article.url,
            "outlet": article.outlet,
            "author": entry.author,
            "published": article.published,
            "language": article.language,
            "text": article.text,
            "framing": ledger.framing.to_dict() if ledger.framing is not None else None,
            "version": version,
            "added_at": added_at,
            "corpus_checked": False,
        }
    )
    for source in ledger.sources:
        rows[s.sources].append(
            {
                "article_id": key,
                "id": source.id,
                "name": source.name,
                "kind": source.kind,
                "role": source.role,
                "affiliation": source.affiliation,
                "mentions": [list(m) for m in source.mentions],
            }
        )
    for position, claim in enumerate(ledger.claims):
        _claim_rows(key, position, claim, rows)
    finding_rows(key, ledger.findings, ARTICLE_SCOPE, rows)
    rows[s.signatures].append({"article_id": key, "minhash": entry.signature})
    rows[s.bands].extend({"article_id": key, "band": band, "bucket": bucket} for band, bucket in enumerate(entry.buckets))


def _meaning(figure: Figure) -> dict[str, Any] | None:
    """The figure's optional fields as the contract writes them; None when it has none."""
    written = figure.to_dict()
    return {key: written[key] for key in FIGURE_MEANING_FIELDS if key in written} or None


def _claim_rows(key: str, position: int, claim: Claim, rows: Rows) -> None:
    ids = {"article_id": key, "claim_id": claim.id}
    rows[s.claims].append(
        {
            "article_id": key,
            "id": claim.id,
            "position": position,
            "kind": claim.kind,
            "start": claim.start,
            "end": claim.end,
            "text": claim.text,
            "hedges": list(claim.hedges),
            "quote_direct": claim.quote.direct if claim.quote else None,
            "quote_setting": claim.quote.setting if claim.quote else None,
            "links": [link.to_dict() for link in claim.links] or None,
            "inherited": [i.to_dict() for i in claim.inherited] or None,
        }
    )
    figure = claim.figure
    if figure is not None:
        rows[s.figures].append(
            {
                **ids,
                "start": figure.start,
                "end": figure.end,
                "text": figure.text,
                "low": figure.low,
                "high": figure.high,
                "approximate": figure.approximate,
                "unit": figure.unit,
                "measure": figure.measure,
                "counted": figure.counted,
                "meaning": _meaning(figure),
            }
        )
    if claim.period is not None:
        period = claim.period
        rows[s.periods].append(
            {**ids, "start": period.start, "end": period.end, "aggregation": period.aggregation, "text": period.text}
        )
    rows[s.attributions].extend(
        {
            **ids,
            "position": number,
            "source_id": link.source,
            "relation": link.relation,
            "cue": link.cue,
            "start": link.start,
            "end": link.end,
        }
        for number, link in enumerate(claim.attribution)
    )


def finding_rows(key: str, findings: Iterable[Finding], scope: str, rows: Rows) -> None:
    for position, finding in enumerate(findings):
        rows[s.findings].append(
            {
                "article_id": key,
                "id": finding.id,
                "position": position,
                "scope": scope,
                "type": finding.type,
                "severity": finding.severity,
                "start": finding.start,
                "end": finding.end,
                "message": finding.message,
            }
        )
        rows[s.finding_claims].extend(
            {"article_id": key, "finding_id": finding.id, "position": number, "claim_id": claim}
            for number, claim in enumerate(finding.claims)
        )


# Parents before children: the order to insert in (deletes cascade the other way).
INSERT_ORDER = (
    s.articles, s.sources, s.claims, s.figures, s.periods, s.attributions, s.findings, s.finding_claims,
    s.signatures, s.bands,
)


def insert(connection: Connection, rows: Rows) -> None:
    """One executemany per table."""
    for table in INSERT_ORDER:
        if rows.get(table):
            connection.execute(table.insert(), rows[table])


def store(connection: Connection, entries: Sequence[StoredLedger], version: str, replace: Iterable[str] = ()) -> None:
    """Insert ``entries``, first deleting the stored rows of the articles in ``replace``."""
    delete_articles(connection, list(replace))
    rows: Rows = defaultdict(list)
    added_at = datetime.now(timezone.utc).replace(tzinfo=None)
    for entry in entries:
        _rows(entry, version, added_at, rows)
    insert(connection, rows)


def delete_articles(connection: Connection, ids: list[str]) -> None:
    """Every row of these articles (the foreign keys cascade from ``articles``)."""
    for chunk in chunks(ids):
        connection.execute(delete(s.articles).where(s.articles.c.id.in_(chunk)))


def versions(connection: Connection, ids: Iterable[str]) -> dict[str, str]:
    """The program version that analysed each of ``ids`` that is stored."""
    found: dict[str, str] = {}
    for chunk in chunks(ids):
        query = select(s.articles.c.id, s.articles.c.version).where(s.articles.c.id.in_(chunk))
        found.update({row.id: row.version for row in connection.execute(query)})
    return found


# Reading back --------------------------------------------------------------------------


def read(connection: Connection, article_id: str) -> Ledger | None:
    """The stored ledger of one article, exactly as analysed (corpus findings are read separately)."""
    row = connection.execute(select(s.articles).where(s.articles.c.id == article_id)).first()
    if row is None:
        return None
    article = Article(
        text=row.text,
        id=row.id,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        published=row.published,
        language=row.language,
    )
    return Ledger(
        article=article,
        sources=_sources(connection, article_id),
        claims=_claims(connection, article_id),
        findings=read_findings(connection, article_id, ARTICLE_SCOPE),
        framing=FramingSummary.from_dict(row.framing) if row.framing else None,
    )


def _by_article(connection: Connection, table: Table, article_id: str, *order: str) -> list[Any]:
    query = select(table).where(table.c.article_id == article_id).order_by(*(table.c[name] for name in order))
    return list(connection.execute(query))


def _sources(connection: Connection, article_id: str) -> list[Source]:
    found = [
        Source(
            id=r.id,
            name=r.name,
            kind=r.kind,
            role=r.role,
            affiliation=r.affiliation,
            mentions=[(int(a), int(b)) for a, b in r.mentions],
        )
        for r in _by_article(connection, s.sources, article_id)
    ]
    return sorted(found, key=lambda source: _local_number(source.id))


def _local_number(local_id: str) -> int:
    """``s10`` sorts after ``s9``: the number after the letter."""
    return int(local_id[1:]) if local_id[1:].isdigit() else 0


def _figure(row: Any) -> Figure:
    core = {key: getattr(row, key) for key in ("start", "end", "text", "low", "high", "approximate", "unit",
                                              "measure", "counted")}
    return Figure.from_dict({**core, **(row.meaning or {})})


def _claims(connection: Connection, article_id: str) -> list[Claim]:
    figures = {r.claim_id: r for r in _by_article(connection, s.figures, article_id, "claim_id")}
    periods = {r.claim_id: r for r in _by_article(connection, s.periods, article_id, "claim_id")}
    links: dict[str, list[Attribution]] = defaultdict(list)
    for r in _by_article(connection, s.attributions, article_id, "claim_id", "position"):
        links[r.claim_id].append(Attribution(r.source_id, r.relation, r.cue, r.start, r.end))
    claims = []
    for r in _by_article(connection, s.claims, article_id, "position"):
        f, p = figures.get(r.id), periods.get(r.id)
        claims.append(
            Claim(
                id=r.id,
                kind=r.kind,
                start=r.start,
                end=r.end,
                text=r.text,
                figure=_figure(f) if f is not None else None,
                period=Period(p.start, p.end, p.aggregation, p.text) if p is not None else None,
                attribution=links.get(r.id, []),
                hedges=list(r.hedges),
                quote=Quote(bool(r.quote_direct), r.quote_setting) if r.quote_direct is not None else None,
                links=[ClaimLink.from_dict(link) for link in r.links or ()],
                inherited=[Inherited.from_dict(i) for i in r.inherited or ()],
            )
        )
    return claims


def read_findings(connection: Connection, article_id: str, scope: str) -> list[Finding]:
    claims: dict[str, list[str]] = defaultdict(list)
    for r in _by_article(connection, s.finding_claims, article_id, "finding_id", "position"):
        claims[r.finding_id].append(r.claim_id)
    query = (
        select(s.findings)
        .where(s.findings.c.article_id == article_id, s.findings.c.scope == scope)
        .order_by(s.findings.c.position)
    )
    return [
        Finding(
            id=r.id,
            type=r.type,
            severity=r.severity,
            message=r.message,
            claims=claims.get(r.id, []),
            start=r.start,
            end=r.end,
        )
        for r in connection.execute(query)
    ]
