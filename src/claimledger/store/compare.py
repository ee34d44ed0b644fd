"""The figures a corpus comparison groups, read from the store as plain model objects.

``check/across.py`` groups and judges them; this module is the query: the countable figures
(not shares or ratios) of a measure whose periods meet a window, each with the attribution
chain its article gives it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection, String, and_, or_, select, type_coerce

from claimledger.check.across import StoredFigure
from claimledger.check.within import NOT_COUNTS
from claimledger.model import ChainLink, GroupFigure, Period, Qualifiers
from claimledger.store import schema as s
from claimledger.store.exports import figure_window


def load(connection: Connection, measure: str | None, since: date | None, until: date | None) -> list[StoredFigure]:
    """The countable figures (not shares or ratios) of a measure (all when None) whose periods meet since–until.

    With ``since`` or ``until`` only dated figures are taken: an undated one cannot be placed.
    """
    f, p, a = s.figures.c, s.periods.c, s.articles.c
    conditions = [f.measure.is_not(None), f.low.is_not(None), or_(f.unit.is_(None), f.unit.not_in(NOT_COUNTS))]
    if measure is not None:
        conditions.append(f.measure == measure)
    conditions += figure_window(since, until)
    query = (
        select(
            f.article_id, f.claim_id, f.text, f.low, f.high, f.approximate, f.unit, f.measure, f.counted, f.meaning,
            p.start.label("p_start"), p.end.label("p_end"), p.aggregation, p.text.label("p_text"),
            a.outlet, a.title, a.published, type_coerce(a.added_at, String).label("added_at"),
        )
        .select_from(
            s.figures.join(s.articles, a.id == f.article_id).outerjoin(
                s.periods, and_(p.article_id == f.article_id, p.claim_id == f.claim_id)
            )
        )
        .where(*conditions)
    )
    chains = _chains(connection, measure)
    found = []
    for r in connection.execute(query).all():
        period = Period(r.p_start, r.p_end, r.aggregation, r.p_text) if r.aggregation is not None else None
        figure = GroupFigure(
            r.article_id, r.claim_id, "", r.outlet, r.title, r.published, r.text, r.low, r.high, r.approximate,
            period, chains.get((r.article_id, r.claim_id), []),
        )
        qualifiers = (r.meaning or {}).get("qualifiers")
        found.append(StoredFigure(
            figure, r.measure, r.unit, r.aggregation or "unknown", r.added_at, r.counted,
            Qualifiers.from_dict(qualifiers) if qualifiers else None,
        ))
    return found


def _chains(connection: Connection, measure: str | None) -> dict[tuple[str, str], list[ChainLink]]:
    """The attribution chain of every figure of the measure, as names (nearest first)."""
    at, src, f = s.attributions.c, s.sources.c, s.figures.c
    query = (
        select(at.article_id, at.claim_id, src.name, src.kind, at.relation, at.cue)
        .select_from(
            s.attributions.join(s.sources, and_(src.article_id == at.article_id, src.id == at.source_id)).join(
                s.figures, and_(f.article_id == at.article_id, f.claim_id == at.claim_id)
            )
        )
        .order_by(at.article_id, at.claim_id, at.position)
    )
    if measure is not None:
        query = query.where(f.measure == measure)
    chains: dict[tuple[str, str], list[ChainLink]] = defaultdict(list)
    for r in connection.execute(query).all():
        chains[(r.article_id, r.claim_id)].append(ChainLink(r.name, r.kind, r.relation, r.cue))
    return chains
