"""The corpus findings, kept current: copied_text, name_variant, figure_mismatch_reference.

Unlike an article's own findings, these change when other articles arrive: a new
copy, a new spelling, a new reference series. Every stored article carries a
``corpus_checked`` flag that storing it clears; ``refresh`` takes the unchecked
articles, widens them to the articles their findings touch (the copies they have,
the other spellings of their names), recomputes the corpus findings of all of those
and stores them in one transaction. A run killed before its refresh leaves the flag
clear, so the next one catches up.

This module runs the queries: it reads each article's view of the corpus (its near-copies,
the names it writes, its dated figures) into model objects, and check/corpus.py judges them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from sqlalchemy import Connection, Engine, and_, delete, select, update

from claimledger.check import copies, names
from claimledger.check.corpus import CorpusNames, CorpusView, Published, WrittenName, corpus_findings
from claimledger.model import Claim, Figure, Finding, Period, ReferenceRow
from claimledger.store import db, ledgers, queries
from claimledger.store import schema as s


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
    users = _users(connection, _names_of(connection, unchecked, _texts(clusters.values())), clusters, {})
    affected |= set().union(*users.values())  # the articles that spell their names otherwise
    findings = _findings(connection, affected, found_copies, clusters, users)
    for chunk in db.chunks(affected):
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
    for chunk in db.chunks(ids):
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
    for chunk in db.chunks(ids):
        rows = connection.execute(select(s.signatures).where(s.signatures.c.article_id.in_(chunk)))
        found.update({row.article_id: bytes(row.minhash) for row in rows})
    return found


# Names ------------------------------------------------------------------------------------


Written = tuple[str, WrittenName]
"""A name and the article that writes it."""


def _names_of(connection: Connection, ids: Iterable[str] | None, texts: Iterable[str], spans: bool = False) -> list[Written]:
    """The names of ``texts`` (sources and outlets) as written in the articles ``ids`` (None: in any article).

    ``spans``: with each source's first mention.
    """
    c, a = s.sources.c, s.articles.c
    found: list[Written] = []
    texts = sorted(set(texts))
    if not texts:
        return found
    columns = [c.article_id, c.id, c.name, c.kind, *([c.mentions] if spans else [])]
    for chunk in db.chunks(ids if ids is not None else texts):
        if ids is None:
            source_filter, outlet_filter = c.name.in_(chunk), a.outlet.in_(chunk)
        else:
            source_filter = and_(c.article_id.in_(chunk), c.name.in_(texts))
            outlet_filter = and_(a.id.in_(chunk), a.outlet.in_(texts))
        for row in connection.execute(select(*columns).where(source_filter)):
            group = names.group_of(row.kind)
            if group is not None:
                span = tuple(row.mentions[0]) if spans and row.mentions else None
                found.append((row.article_id, WrittenName(row.id, row.name, group, span)))  # type: ignore[arg-type]
        for row in connection.execute(select(a.id, a.outlet).where(outlet_filter, a.outlet.is_not(None))):
            found.append((row.id, WrittenName(None, row.outlet, "outlet")))
    return found


Users = dict[tuple[str, str], set[str]]


def _texts(clusters: Iterable[names.Variants]) -> set[str]:
    """Every way these people and outlets are written."""
    return {text for cluster in clusters for spelling in cluster.spellings for text in spelling.texts}


def _users(
    connection: Connection, used: list[Written], clusters: dict[tuple[str, str], names.Variants], known: Users
) -> Users:
    """For each spelling of the people and outlets named in ``used`` that have variants: the articles using it.

    Spellings already in ``known`` are not looked up again.
    """
    touched = {id(cluster): cluster for _, n in used if (cluster := clusters.get(n.key)) is not None}
    fresh = [cluster for cluster in touched.values() if (cluster.group, cluster.spellings[0].key) not in known]
    found: Users = defaultdict(set, known)
    for article, name in _names_of(connection, None, _texts(fresh)):
        found[name.key].add(article)
    return found


def _written_names(
    connection: Connection, ids: set[str], clusters: dict[tuple[str, str], names.Variants], known: Users
) -> tuple[dict[str, list[WrittenName]], CorpusNames]:
    """The names each article writes that have variants in the corpus (with the claims given for each source),
    and the articles that write each spelling of them."""
    texts = _texts(clusters.values())
    attributed = _attributed_claims(connection, ids, texts)
    here = _names_of(connection, ids, texts, spans=True)
    users = _users(connection, here, clusters, known)
    meta = _metadata(connection, set().union(*users.values()))
    writers = {key: [Published(article, meta[article][1], meta[article][2]) for article in articles]
               for key, articles in users.items()}
    written: dict[str, list[WrittenName]] = defaultdict(list)
    for article, name in here:
        claims = tuple(attributed.get((article, name.source), [])) if name.source else ()
        written[article].append(replace(name, claims=claims))
    return written, CorpusNames(clusters, writers)


def _attributed_claims(connection: Connection, ids: set[str], texts: set[str]) -> dict[tuple[str, str], list[str]]:
    """The claims each source named one of ``texts`` is given for in these articles, in claim order."""
    at, cl, src = s.attributions.c, s.claims.c, s.sources.c
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for chunk in db.chunks(ids):
        query = (
            select(at.article_id, at.source_id, at.claim_id)
            .select_from(
                s.attributions.join(s.claims, and_(cl.article_id == at.article_id, cl.id == at.claim_id)).join(
                    s.sources, and_(src.article_id == at.article_id, src.id == at.source_id)
                )
            )
            .where(at.article_id.in_(chunk), src.name.in_(texts))
            .order_by(at.article_id, cl.position)
        )
        for row in connection.execute(query):
            claims = found[(row.article_id, row.source_id)]
            if row.claim_id not in claims:
                claims.append(row.claim_id)
    return found


# Reference series ---------------------------------------------------------------------------


def _series(connection: Connection) -> dict[str, list[ReferenceRow]]:
    """The reference rows by measure."""
    series: dict[str, list[ReferenceRow]] = defaultdict(list)
    for row in reference_rows(connection, None):
        series[row.measure].append(row)
    return series


def _dated_figures(connection: Connection, ids: set[str], measures: list[str]) -> dict[str, list[Claim]]:
    """Each article's dated figure claims of these measures, in claim id order."""
    found: dict[str, list[Claim]] = defaultdict(list)
    if not measures:
        return found
    f, p = s.figures.c, s.periods.c
    for chunk in db.chunks(ids):
        query = (
            select(s.figures, p.start.label("p_start"), p.end.label("p_end"), p.aggregation, p.text.label("p_text"))
            .select_from(s.figures.join(s.periods, and_(p.article_id == f.article_id, p.claim_id == f.claim_id)))
            .where(f.article_id.in_(chunk), f.measure.in_(measures), p.start.is_not(None))
            .order_by(f.article_id, f.claim_id)
        )
        for r in connection.execute(query):
            figure = Figure(r.start, r.end, r.text, r.low, r.high, r.approximate, r.unit, r.measure, r.counted)
            period = Period(r.p_start, r.p_end, r.aggregation, r.p_text)
            found[r.article_id].append(Claim(r.claim_id, "figure", r.start, r.end, r.text, figure, period))
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
    users: Users,
) -> dict[str, list[Finding]]:
    """Every corpus finding of the articles ``ids``: each article's view of the corpus, judged by check/corpus.py."""
    meta = _metadata(connection, ids | {other for i in ids for other, _ in found_copies.get(i, [])})
    written, spellings = _written_names(connection, ids, clusters, users)
    series = _series(connection)
    figures = _dated_figures(connection, ids, list(series))
    result: dict[str, list[Finding]] = {}
    for article in sorted(ids):
        view = CorpusView(
            article, meta[article][2],
            copies=[copies.Copy(other, *meta[other], share) for other, share in found_copies.get(article, [])],
            names=written.get(article, []), figures=figures.get(article, []),
        )
        result[article] = corpus_findings(view, spellings, series)
    return result


def _metadata(connection: Connection, ids: set[str]) -> dict[str, tuple[str | None, str | None, date | None]]:
    a = s.articles.c
    found = {}
    for chunk in db.chunks(ids):
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


def near_copies(connection: Connection, ids: set[str]) -> dict[frozenset[str], float]:
    """The near-copies of these articles as unordered pairs with their estimated share of shingles (lineage ties)."""
    return {frozenset((a, b)): share for a, found in _copies(connection, ids).items() for b, share in found}
