"""Questions asked of the whole corpus: listings, counts, search and the names of sources.

Every query here is one or two SQL statements that work the same on SQLite and
PostgreSQL (no FTS or dialect functions), ordered so the same corpus always gives
the same answer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, and_, distinct, func, literal, or_, select, union_all

from claimledger.check.names import NameCount
from claimledger.model import Article, ArticleHit, CorpusStats, MeasureSummary, SourceClaim, SourceHit
from claimledger.store import schema as s
from claimledger.store.db import chunks

SNIPPET = 80
"""Characters shown either side of a search match."""


def articles(connection: Connection, limit: int, offset: int, outlet: str | None) -> list[Article]:
    """Newest first: by publication date (undated last), then most recently added."""
    a = s.articles.c
    query = (
        select(a.id, a.text, a.title, a.url, a.outlet, a.published, a.language)
        .order_by(a.published.is_(None), a.published.desc(), a.added_at.desc(), a.id)
        .limit(limit)
        .offset(offset)
    )
    if outlet is not None:
        query = query.where(a.outlet == outlet)
    return [
        Article(text=r.text, id=r.id, title=r.title, url=r.url, outlet=r.outlet, published=r.published,
                language=r.language)
        for r in connection.execute(query)
    ]


def stats(connection: Connection) -> CorpusStats:
    def count(column: object, table: object) -> int:
        return int(connection.execute(select(column).select_from(table)).scalar_one())

    return CorpusStats(
        articles=count(func.count(), s.articles),
        outlets=count(func.count(distinct(s.articles.c.outlet)), s.articles),
        sources=count(func.count(distinct(s.sources.c.name)), s.sources),
        figures=count(func.count(), s.figures),
        findings=count(func.count(), s.findings),
        reference_rows=count(func.count(), s.reference_rows),
        last_added=_iso(connection.execute(select(func.max(s.articles.c.added_at))).scalar_one()),
    )


def _iso(value: object) -> str | None:
    """SQLite returns the stored text, PostgreSQL a datetime: one ISO string either way."""
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value).replace(" ", "T")


def measures(connection: Connection) -> list[MeasureSummary]:
    """Each measure and unit with its figures, articles and conflicts; most conflicts first."""
    f, fd, fc = s.figures.c, s.findings.c, s.finding_claims.c
    counts = (
        select(f.measure, f.unit, func.count().label("figures"), func.count(distinct(f.article_id)).label("articles"))
        .where(f.measure.is_not(None))
        .group_by(f.measure, f.unit)
    )
    conflicts = (
        select(f.measure, f.unit, func.count(distinct(fd.article_id + literal("/") + fd.id)).label("conflicts"))
        .select_from(
            s.findings.join(s.finding_claims, and_(fc.article_id == fd.article_id, fc.finding_id == fd.id)).join(
                s.figures, and_(f.article_id == fc.article_id, f.claim_id == fc.claim_id)
            )
        )
        .where(fd.type.in_(("figure_conflict", "figure_mismatch_reference")), f.measure.is_not(None))
        .group_by(f.measure, f.unit)
    )
    found = {(r.measure, r.unit): r.conflicts for r in connection.execute(conflicts)}
    summaries = [
        MeasureSummary(r.measure, r.unit, r.figures, r.articles, found.get((r.measure, r.unit), 0))
        for r in connection.execute(counts)
    ]
    return sorted(summaries, key=lambda m: (-m.conflicts, -m.figures, m.measure, m.unit or ""))


def _snippet(text: str, query: str) -> str:
    at = text.casefold().find(query.casefold())
    if at < 0:
        return text[: 2 * SNIPPET].strip() + ("…" if len(text) > 2 * SNIPPET else "")
    start, end = max(0, at - SNIPPET), min(len(text), at + len(query) + SNIPPET)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def search_articles(connection: Connection, query: str, limit: int) -> list[ArticleHit]:
    """Articles whose title or text contains the query (any case), newest first."""
    a = s.articles.c
    found = connection.execute(
        select(a.id, a.title, a.outlet, a.published, a.text)
        .where(or_(a.title.icontains(query, autoescape=True), a.text.icontains(query, autoescape=True)))
        .order_by(a.published.is_(None), a.published.desc(), a.id)
        .limit(limit)
    )
    return [ArticleHit(r.id, r.title, r.outlet, r.published, _snippet(r.text, query)) for r in found]


def search_sources(connection: Connection, query: str, limit: int) -> list[SourceHit]:
    c = s.sources.c
    found = connection.execute(
        select(c.name, c.kind, func.count(distinct(c.article_id)).label("articles"))
        .where(c.name.icontains(query, autoescape=True))
        .group_by(c.name, c.kind)
        .order_by(func.count(distinct(c.article_id)).desc(), c.name)
        .limit(limit)
    )
    return [SourceHit(r.name, r.kind, r.articles) for r in found]


def search_measures(connection: Connection, query: str, limit: int) -> list[str]:
    f = s.figures.c
    key = query.strip().lower().replace(" ", "_")
    found = connection.execute(
        select(f.measure)
        .distinct()
        .where(or_(f.measure.icontains(key, autoescape=True), f.counted.icontains(query, autoescape=True)))
        .where(f.measure.is_not(None))
        .order_by(f.measure)
        .limit(limit)
    )
    return [row[0] for row in found]


def names(connection: Connection) -> list[NameCount]:
    """Every source name and outlet with its kind and how many articles use it, for name variants."""
    c, a = s.sources.c, s.articles.c
    sources = select(c.name, c.kind, func.count(distinct(c.article_id)).label("articles")).group_by(c.name, c.kind)
    outlets = (
        select(a.outlet.label("name"), literal("outlet").label("kind"), func.count().label("articles"))
        .where(a.outlet.is_not(None))
        .group_by(a.outlet)
    )
    return [NameCount(r.name, r.kind, r.articles) for r in connection.execute(union_all(sources, outlets))]


def source_rows(connection: Connection, spellings: Iterable[str]) -> list[object]:
    """The sources of every article whose name is one of ``spellings``."""
    c = s.sources.c
    return list(connection.execute(select(s.sources).where(c.name.in_(list(spellings)))))


def source_claims(connection: Connection, spellings: Iterable[str], limit: int) -> list[SourceClaim]:
    """Claims attributed to a source under any of its spellings, newest articles first."""
    at, c, cl, f, a = s.attributions.c, s.sources.c, s.claims.c, s.figures.c, s.articles.c
    query = (
        select(at.article_id, at.claim_id, at.position, at.relation, at.cue, cl.kind, cl.text, f.text.label("figure"),
               a.outlet, a.published)
        .select_from(
            s.attributions.join(s.sources, and_(c.article_id == at.article_id, c.id == at.source_id))
            .join(s.claims, and_(cl.article_id == at.article_id, cl.id == at.claim_id))
            .join(s.articles, a.id == at.article_id)
            .outerjoin(s.figures, and_(f.article_id == at.article_id, f.claim_id == at.claim_id))
        )
        .where(c.name.in_(list(spellings)))
        .order_by(a.published.is_(None), a.published.desc(), at.article_id, cl.position, at.position)
        .limit(limit)
    )
    return [
        SourceClaim(r.article_id, r.claim_id, r.kind, r.text, r.figure, r.relation, r.cue, r.position, r.outlet,
                    r.published)
        for r in connection.execute(query)
    ]


def kinds_and_details(rows: list[object]) -> tuple[str, list[str], list[str], dict[str, int]]:
    """The most common kind, the roles and affiliations given, and articles per spelling."""
    kinds = Counter(r.kind for r in rows)  # type: ignore[attr-defined]
    roles = sorted({r.role for r in rows if r.role})  # type: ignore[attr-defined]
    affiliations = sorted({r.affiliation for r in rows if r.affiliation})  # type: ignore[attr-defined]
    per_name: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        per_name[r.name].add(r.article_id)  # type: ignore[attr-defined]
    kind = min(kinds, key=lambda k: (-kinds[k], k)) if kinds else "person"
    return kind, roles, affiliations, {name: len(ids) for name, ids in per_name.items()}


def article_urls(connection: Connection, ids: Iterable[str]) -> dict[str, str | None]:
    """The URL stored with each of these articles."""
    a = s.articles.c
    found: dict[str, str | None] = {}
    for chunk in chunks(list(ids)):
        found.update({r.id: r.url for r in connection.execute(select(a.id, a.url).where(a.id.in_(chunk)))})
    return found
