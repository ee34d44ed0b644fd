"""Which stored ledgers and claims an export takes: by measure, by period, or the articles a search found.

The period rule is compare's (``check/across.py`` uses ``figure_window`` too): a
figure is in a window ``since``–``until`` when its period reaches ``since`` or later
and starts on or before ``until``; an undated figure cannot be placed, so a window
leaves it out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator
from datetime import date

from sqlalchemy import ColumnElement, Connection, and_, or_, select

from claimledger.store import schema as s
from claimledger.store.db import chunks


def figure_window(since: date | None, until: date | None) -> list[ColumnElement[bool]]:
    """SQL conditions on ``periods`` for figures whose period meets since–until."""
    p = s.periods.c
    conditions: list[ColumnElement[bool]] = []
    if since is not None:
        conditions.append(or_(p.end >= since, and_(p.end.is_(None), p.start.is_not(None))))
    if until is not None:
        conditions.append(p.start <= until)
    return conditions


def selected_figures(
    connection: Connection, measure: str | None, since: date | None, until: date | None
) -> dict[str, frozenset[str]]:
    """The figure claims of each article that the measure and the window select."""
    f, p = s.figures.c, s.periods.c
    query = select(f.article_id, f.claim_id).select_from(
        s.figures.outerjoin(s.periods, and_(p.article_id == f.article_id, p.claim_id == f.claim_id))
    )
    conditions = figure_window(since, until)
    if measure is not None:
        conditions.append(f.measure == measure)
    found: dict[str, set[str]] = defaultdict(set)
    for row in connection.execute(query.where(*conditions)):
        found[row.article_id].add(row.claim_id)
    return {article: frozenset(claims) for article, claims in found.items()}


def article_ids(connection: Connection, among: Collection[str] | None = None) -> Iterator[str]:
    """Article ids by publication date (undated last), then id: the order every export lists articles in."""
    a = s.articles.c
    order = (a.published.is_(None), a.published, a.id)
    if among is None:
        yield from connection.execute(select(a.id).order_by(*order)).scalars()
        return
    found = []
    for chunk in chunks(among):
        found += connection.execute(select(a.id, a.published).where(a.id.in_(chunk))).all()
    found.sort(key=lambda r: (r.published is None, r.published or date.min, r.id))
    yield from (r.id for r in found)
