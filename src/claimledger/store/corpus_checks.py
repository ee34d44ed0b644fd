"""The corpus findings, kept current: copied_text, name_variant, figure_mismatch_reference.

Unlike an article's own findings, these change when other articles arrive: a new
copy, a new spelling, a new reference series. Every stored article carries a
``corpus_checked`` flag that storing it clears; ``refresh`` takes the unchecked
articles, widens them to the articles their findings touch (the copies they have,
the other spellings of their names), recomputes the corpus findings of all of those
and stores them in one transaction. A run killed before its refresh leaves the flag
clear, so the next one catches up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, and_, delete, select, update

from claimledger.check import copies, names, reference
from claimledger.model import Claim, Figure, Finding, Period, ReferenceRow
from claimledger.store import db, ledgers, queries
from claimledger.store import schema as s

CHUNK = 500
WHAT = {"person": "name", "outlet": "outlet", "organization": "organisation"}


def _chunks(items: Iterable[str]) -> Iterator[list[str]]:
    items = list(items)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def refresh(engine: Engine) -> int:
    """Recompute the corpus findings of every unchecked article and of the articles they touch; how many."""
    return db.write(engine, _refresh)


def _refresh(connection: Connection) -> int:
    a = s.articles.c
    unchecked = {row[0] for row in connection.execute(select(a.id).where(a.corpus_checked.is_(False)))}
    if not unchecked:
        return 0
    found_copies = _copies(connection, unchecked)
    affected = unchecked | {other for article in unchecked for other, _ in found_copies.get(article, [])}
    found_copies.update(_copies(connection, affected - unchecked))
    clusters = names.variants(queries.names(connection))
    affected |= _sharing_names(connection, unchecked, clusters)
    findings = _findings(connection, affected, found_copies, clusters)
    for chunk in _chunks(affected):
        connection.execute(
            delete(s.findings).where(s.findings.c.article_id.in_(chunk), s.findings.c.scope == ledgers.CORPUS_SCOPE)
        )
        connection.execute(update(s.articles).where(a.id.in_(chunk)).values(corpus_checked=True))
    rows: ledgers.Rows = defaultdict(list)
    for article, found in findings.items():
        for number, finding in enumerate(found, start=1):
            finding.id = f"x{number}"
        ledgers.finding_rows(article, found, ledgers.CORPUS_SCOPE, rows)
    ledgers.insert(connection, rows)
    return len(affected)


# Copies ---------------------------------------------------------------------------------


def _copies(connection: Connection, ids: Iterable[str]) -> dict[str, list[tuple[str, float]]]:
    """Each article's near-copies (another article, estimated share of shingles): LSH candidates, then verified."""
    b1, b2 = s.bands.alias("b1"), s.bands.alias("b2")
    pairs: set[tuple[str, str]] = set()
    for chunk in _chunks(ids):
        query = (
            select(b1.c.article_id, b2.c.article_id)
            .select_from(b1.join(b2, and_(b1.c.band == b2.c.band, b1.c.bucket == b2.c.bucket)))
            .where(b1.c.article_id.in_(chunk), b2.c.article_id != b1.c.article_id)
            .distinct()
        )
        pairs.update((row[0], row[1]) for row in connection.execute(query))
    signatures = _signatures(connection, {article for pair in pairs for article in pair})
    found: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for first, second in sorted(pairs):
        share = copies.similarity(signatures[first], signatures[second])
        if share >= copies.THRESHOLD:
            found[first].append((second, share))
    return found


def _signatures(connection: Connection, ids: set[str]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for chunk in _chunks(ids):
        rows = connection.execute(select(s.signatures).where(s.signatures.c.article_id.in_(chunk)))
        found.update({row.article_id: bytes(row.minhash) for row in rows})
    return found


# Names ------------------------------------------------------------------------------------


@dataclass
class _Name:
    article: str
    source: str | None
    """The source id, or None for the article's outlet."""
    text: str
    group: str
    span: tuple[int, int] | None


def _names_of(connection: Connection, ids: Iterable[str] | None, texts: Iterable[str] | None) -> list[_Name]:
    """The compared names (sources and outlets) of the articles ``ids``, or of those using one of ``texts``."""
    c, a = s.sources.c, s.articles.c
    found: list[_Name] = []
    keys = list(ids if ids is not None else texts or [])
    for chunk in _chunks(keys):
        source_filter = c.article_id.in_(chunk) if ids is not None else c.name.in_(chunk)
        outlet_filter = a.id.in_(chunk) if ids is not None else a.outlet.in_(chunk)
        for row in connection.execute(select(c.article_id, c.id, c.name, c.kind, c.mentions).where(source_filter)):
            group = names.group_of(row.kind)
            if group is not None:
                span = tuple(row.mentions[0]) if row.mentions else None
                found.append(_Name(row.article_id, row.id, row.name, group, span))  # type: ignore[arg-type]
        for row in connection.execute(select(a.id, a.outlet).where(outlet_filter, a.outlet.is_not(None))):
            found.append(_Name(row.id, None, row.outlet, "outlet", None))
    return found


def _sharing_names(
    connection: Connection, ids: set[str], clusters: dict[tuple[str, str], names.Variants]
) -> set[str]:
    """Articles that write a name of the same person or outlet as ``ids`` do, in another spelling."""
    touched = {id(cluster): cluster for n in _names_of(connection, ids, None)
               if (cluster := clusters.get((n.group, names.normalise(n.text)))) is not None}
    texts = {text for cluster in touched.values() for spelling in cluster.spellings for text in spelling.texts}
    return {n.article for n in _names_of(connection, None, texts)}


def _name_findings(
    connection: Connection, ids: set[str], clusters: dict[tuple[str, str], names.Variants]
) -> dict[str, list[Finding]]:
    attributed = _attributed_claims(connection, ids)
    found: dict[str, list[Finding]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()
    ordered = sorted(_names_of(connection, ids, None), key=lambda n: (n.article, n.source is None, n.span or (0, 0)))
    for name in ordered:
        key = (name.group, names.normalise(name.text))
        cluster = clusters.get(key)
        if cluster is None or (name.article, *key) in seen:
            continue
        seen.add((name.article, *key))
        claims = attributed.get((name.article, name.source), []) if name.source else []
        what = WHAT[name.group] if name.source else "publishing outlet"
        found[name.article].append(names.finding(name.text, cluster, what, claims, name.span))
    return found


def _attributed_claims(connection: Connection, ids: set[str]) -> dict[tuple[str, str], list[str]]:
    """The claims each source of these articles is given for, in claim order."""
    at, cl = s.attributions.c, s.claims.c
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for chunk in _chunks(ids):
        query = (
            select(at.article_id, at.source_id, at.claim_id)
            .select_from(s.attributions.join(s.claims, and_(cl.article_id == at.article_id, cl.id == at.claim_id)))
            .where(at.article_id.in_(chunk))
            .order_by(at.article_id, cl.position)
        )
        for row in connection.execute(query):
            claims = found[(row.article_id, row.source_id)]
            if row.claim_id not in claims:
                claims.append(row.claim_id)
    return found


# Reference series ---------------------------------------------------------------------------


def _reference_findings(connection: Connection, ids: set[str]) -> dict[str, list[Finding]]:
    series: dict[str, list[ReferenceRow]] = defaultdict(list)
    for row in reference_rows(connection, None):
        series[row.measure].append(row)
    found: dict[str, list[Finding]] = defaultdict(list)
    if not series:
        return found
    f, p = s.figures.c, s.periods.c
    for chunk in _chunks(ids):
        query = (
            select(s.figures, p.start.label("p_start"), p.end.label("p_end"), p.aggregation, p.text.label("p_text"))
            .select_from(s.figures.join(s.periods, and_(p.article_id == f.article_id, p.claim_id == f.claim_id)))
            .where(f.article_id.in_(chunk), f.measure.in_(list(series)), p.start.is_not(None))
            .order_by(f.article_id, f.claim_id)
        )
        for r in connection.execute(query):
            figure = Figure(r.start, r.end, r.text, r.low, r.high, r.approximate, r.unit, r.measure, r.counted)
            claim = Claim(r.claim_id, "figure", r.start, r.end, r.text, figure, Period(r.p_start, r.p_end, r.aggregation, r.p_text))
            found[r.article_id].extend(reference.check(claim, series[r.measure]))
    return found


def store_reference(connection: Connection, rows: list[ReferenceRow]) -> int:
    """Insert the rows not stored yet and mark the articles of their measures for checking; how many were new."""
    r = s.reference_rows.c
    key = (r.measure, r.unit, r.period_start, r.period_end, r.aggregation, r.value, r.publisher, r.reported_by)
    stored = set(connection.execute(select(*key)).all())
    new = []
    for row in rows:
        values = (row.measure, row.unit, row.period.start, row.period.end, row.period.aggregation, row.value,
                  row.publisher, row.reported_by)
        if values not in stored:
            stored.add(values)
            new.append(row)
    if new:
        connection.execute(s.reference_rows.insert(), [_reference_values(row) for row in new])
        measures = sorted({row.measure for row in new})
        figures = select(s.figures.c.article_id).where(s.figures.c.measure.in_(measures))
        connection.execute(update(s.articles).where(s.articles.c.id.in_(figures)).values(corpus_checked=False))
    return len(new)


def _reference_values(row: ReferenceRow) -> dict[str, object]:
    return {
        "series": row.series, "measure": row.measure, "counted": row.counted, "unit": row.unit,
        "period_start": row.period.start, "period_end": row.period.end, "aggregation": row.period.aggregation,
        "value": row.value, "low": row.low, "high": row.high, "publisher": row.publisher,
        "reported_by": row.reported_by, "reported_on": row.reported_on,
    }


def reference_rows(connection: Connection, measure: str | None) -> list[ReferenceRow]:
    r = s.reference_rows.c
    query = select(s.reference_rows).order_by(r.measure, r.period_start, r.period_end, r.publisher, r.id)
    if measure is not None:
        query = query.where(r.measure == measure)
    return [
        ReferenceRow(
            measure=row.measure, counted=row.counted, unit=row.unit,
            period=Period(row.period_start, row.period_end, row.aggregation), value=row.value, low=row.low,
            high=row.high, publisher=row.publisher, reported_by=row.reported_by, reported_on=row.reported_on,
            series=row.series,
        )
        for row in connection.execute(query)
    ]


# All three --------------------------------------------------------------------------------------


def _findings(
    connection: Connection,
    ids: set[str],
    found_copies: dict[str, list[tuple[str, float]]],
    clusters: dict[tuple[str, str], names.Variants],
) -> dict[str, list[Finding]]:
    """Every corpus finding of the articles ``ids``: copies, then names, then reference mismatches."""
    meta = _metadata(connection, ids | {other for i in ids for other, _ in found_copies.get(i, [])})
    result: dict[str, list[Finding]] = defaultdict(list)
    for article in sorted(ids):
        others = [copies.Copy(other, *meta[other], share) for other, share in found_copies.get(article, [])]
        finding = copies.copied_text(article, meta[article][2], others)
        if finding is not None:
            result[article].append(finding)
    for article, found in _name_findings(connection, ids, clusters).items():
        result[article].extend(found)
    for article, found in _reference_findings(connection, ids).items():
        result[article].extend(found)
    return result


def _metadata(connection: Connection, ids: set[str]) -> dict[str, tuple[str | None, str | None, object]]:
    a = s.articles.c
    found = {}
    for chunk in _chunks(ids):
        for row in connection.execute(select(a.id, a.title, a.outlet, a.published).where(a.id.in_(chunk))):
            found[row.id] = (row.title, row.outlet, row.published)
    return found


def spellings(connection: Connection, name: str) -> list[str]:
    """Every way the corpus writes the person or outlet ``name`` (case and punctuation aside)."""
    counted = queries.names(connection)
    key = names.normalise(name)
    clusters = names.variants(counted)
    keys = {spelling.key for (group, k), cluster in clusters.items() if k == key for spelling in cluster.spellings}
    keys.add(key)
    return sorted({n.text for n in counted if names.normalise(n.text) in keys})
