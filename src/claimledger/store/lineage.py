"""Lineages in the corpus: figures indexed by value and month, each linked to the earlier figure it came from.

Storing an article stages its figures (``stage``: one ``lineage_figures`` row each, not yet
linked). ``link`` then takes the unlinked rows and finds each one's candidates with one
indexed query over its value bucket and the neighbouring ones, within a few months
(``ix_lineage_value``) — never a scan of all pairs — and chooses its parent with
``check/lineage.py``. A new figure can also be earlier than figures stored before (an
article published earlier arrives later), so the later candidates it matches are offered
it as a parent too. The work is proportional to the new figures and their neighbours,
whatever the size of the corpus.

Reading a lineage walks the parent links: up to the root, then down through the children
(``ix_lineage_parent``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Connection, String, and_, bindparam, func, or_, select, tuple_, type_coerce, update

from claimledger.check import lineage as logic
from claimledger.model import (
    ChainLink,
    Citation,
    Lineage,
    LineageEdge,
    LineageNode,
    Period,
    Qualifiers,
)
from claimledger.store import db, ledgers
from claimledger.store import schema as s

Copies = Callable[[Connection, set[str]], dict[frozenset[str], float]]


def _row(entry: logic.Entry, added_at: datetime) -> dict[str, Any]:
    period = entry.period
    reading = entry.reading
    assert reading is not None  # staged entries are eligible
    meaning = {
        "currency": entry.currency, "status": entry.status,
        "qualifiers": entry.qualifiers.to_dict() if entry.qualifiers else None,
    }
    return {
        "article_id": entry.article, "claim_id": entry.claim, "position": entry.position, "text": entry.text,
        "wording": entry.wording, "low": entry.low, "high": entry.high, "approximate": entry.approximate,
        "unit": entry.unit, "measure": entry.measure, "counted": entry.counted,
        "period_start": period.start if period else None, "period_end": period.end if period else None,
        "aggregation": period.aggregation if period else None, "period_text": period.text if period else None,
        "meaning": meaning if any(meaning.values()) else None, "outlet": entry.outlet, "author": entry.author,
        "title": entry.title, "published": entry.published, "added_at": added_at,
        "chain": [link.to_dict() for link in entry.chain], "nominal": reading.nominal,
        "bucket": entry.bucket, "month": entry.month, "linked": False,
        "parent_article_id": None, "parent_claim_id": None, "edge": None,
    }


def stage(connection: Connection, stored: Sequence[ledgers.StoredLedger]) -> int:
    """Rows for the figures of freshly stored ledgers, to be linked by ``link``; how many."""
    added_at = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = [
        _row(entry, added_at)
        for item in stored
        for entry in logic.entries(item.ledger, item.author, added_at.isoformat(sep=" "))
    ]
    if rows:
        connection.execute(s.lineage_figures.insert(), rows)
    return len(rows)


def backfill(connection: Connection) -> int:
    """Stage every stored ledger when the corpus has figures but no lineage rows (a corpus from before 0003)."""
    if connection.execute(select(s.lineage_figures.c.article_id).limit(1)).first() is not None:
        return 0
    a = s.articles.c
    with_figures = select(s.figures.c.article_id).distinct()
    staged = 0
    for row in connection.execute(select(a.id, a.author).where(a.id.in_(with_figures))).all():
        ledger = ledgers.read(connection, row.id)
        if ledger is not None:
            staged += stage(connection, [ledgers.StoredLedger(ledger, row.author, b"", [])])
    return staged


def pending(connection: Connection) -> bool:
    """Whether ``link`` (or ``backfill``) has work: unlinked rows, or figures stored before lineages existed."""
    c = s.lineage_figures.c
    if connection.execute(select(c.article_id).where(c.linked.is_(False)).limit(1)).first() is not None:
        return True
    empty = connection.execute(select(c.article_id).limit(1)).first() is None
    return empty and connection.execute(select(s.figures.c.article_id).limit(1)).first() is not None


def _entry(row: Any) -> logic.Entry:
    meaning = row.meaning or {}
    period = (
        Period(row.period_start, row.period_end, row.aggregation, row.period_text)
        if row.aggregation is not None
        else None
    )
    return logic.Entry(
        row.article_id, row.claim_id, row.position, row.text, row.low, row.high, row.approximate, row.unit,
        row.measure, row.counted, period, row.wording, row.outlet, row.author, row.published, str(row.added_at_text),
        [ChainLink(**link) for link in row.chain], meaning.get("currency"), meaning.get("status"),
        Qualifiers.from_dict(meaning["qualifiers"]) if meaning.get("qualifiers") else None, row.title,
    )


def _select() -> Any:
    return select(s.lineage_figures, type_coerce(s.lineage_figures.c.added_at, String).label("added_at_text"))


def _entries(connection: Connection, condition: Any) -> dict[str, tuple[logic.Entry, Any]]:
    return {
        f"{row.article_id}:{row.claim_id}": (_entry(row), row) for row in connection.execute(_select().where(condition))
    }


def _by_keys(connection: Connection, keys: Iterable[str]) -> dict[str, tuple[logic.Entry, Any]]:
    c = s.lineage_figures.c
    found: dict[str, tuple[logic.Entry, Any]] = {}
    pairs = sorted({tuple(key.split(":", 1)) for key in keys})
    for chunk in db.chunks(pairs):
        found.update(_entries(connection, tuple_(c.article_id, c.claim_id).in_(chunk)))
    return found


def _neighbours(connection: Connection, pending: list[logic.Entry]) -> dict[str, tuple[logic.Entry, Any]]:
    """Every stored figure in a value bucket next to a pending one, within a few months of it (or undated)."""
    c = s.lineage_figures.c
    reach = logic.settings()["candidate_months"]
    dated: set[tuple[int, int]] = set()
    buckets: set[int] = set()
    undated_buckets: set[int] = set()
    for entry in pending:
        assert entry.reading is not None
        home, when = entry.bucket, entry.month
        assert home is not None
        for b in (home - 1, home, home + 1):
            buckets.add(b)
            if when is None:
                undated_buckets.add(b)
            else:
                dated.update((b, m) for m in range(when - reach, when + reach + 1))
    found: dict[str, tuple[logic.Entry, Any]] = {}
    for chunk in db.chunks(sorted(dated)):
        found.update(_entries(connection, tuple_(c.bucket, c.month).in_(chunk)))
    for chunk in db.chunks(sorted(buckets)):
        found.update(_entries(connection, and_(c.bucket.in_(chunk), c.month.is_(None))))
    for chunk in db.chunks(sorted(undated_buckets)):  # a figure without any date may relay one of any month
        found.update(_entries(connection, c.bucket.in_(chunk)))
    return found


def link(connection: Connection, copies: Copies, similarity: logic.Similarity | None) -> int:
    """Choose the parents of the unlinked figures, and offer them as parents to the later figures they match; how many."""
    c = s.lineage_figures.c
    unlinked = _entries(connection, c.linked.is_(False))
    if not unlinked:
        return 0
    pending = sorted((entry for entry, _ in unlinked.values()), key=lambda e: e.order)
    pool = _neighbours(connection, pending)
    pool.update(unlinked)
    copied = copies(connection, {entry.article for entry in pending})
    pending_keys = {entry.key for entry in pending}
    everyone = _Index(entry for entry, _ in pool.values())
    offered = {child.key: _candidates(child, everyone.near(child), copied, similarity) for child in pending}
    changed: dict[str, logic.Candidate | None] = dict(_choose(offered, pool))
    fresh = _Index(pending)
    first = pending[0].order
    later = {
        entry.key: near
        for entry, _ in pool.values()
        if entry.key not in pending_keys and entry.order > first and (near := fresh.near(entry))
    }
    offers = {key: found for key, near in later.items() if (found := _candidates(pool[key][0], near, copied, similarity))}
    current = _by_keys(connection, {key for child in offers if (key := _parent_key(pool[child][1]))})
    # The current parent competes with its full evidence: its copy share too (neither article is new).
    copied.update(copies(connection, {pool[key][0].article for key in offers} - {e.article for e in pending}))
    for child_key, found in offers.items():
        child, parent_key = pool[child_key][0], _parent_key(pool[child_key][1])
        if parent_key and parent_key in current:
            kept = logic.candidate(current[parent_key][0], child, copied.get(_pair(current[parent_key][0], child)), similarity)
            found += [kept] if kept else []
    for child_key, chosen in _choose(offers, pool).items():
        if chosen is not None and chosen.parent.key != _parent_key(pool[child_key][1]):
            changed[child_key] = chosen
    edges = _edges(connection, {key: (pool[key][0], chosen) for key, chosen in changed.items() if chosen is not None})
    rows = []
    for key, chosen in changed.items():
        child = pool[key][0]
        values = {"key_article": child.article, "key_claim": child.claim, "parent_article_id": None,
                  "parent_claim_id": None, "edge": None}
        if chosen is not None:
            made = edges[key]
            values.update(
                parent_article_id=chosen.parent.article, parent_claim_id=chosen.parent.claim,
                edge={"matched": [m.to_dict() for m in made.matched], "drifts": [d.to_dict() for d in made.drifts]},
            )
        rows.append(values)
    statement = (
        update(s.lineage_figures)
        .where(c.article_id == bindparam("key_article"), c.claim_id == bindparam("key_claim"))
        .values(linked=True, parent_article_id=bindparam("parent_article_id"),
                parent_claim_id=bindparam("parent_claim_id"), edge=bindparam("edge"))
    )
    connection.execute(statement, rows)  # one executemany
    return len(pending)


def _edges(
    connection: Connection, chosen: dict[str, tuple[logic.Entry, logic.Candidate]]
) -> dict[str, LineageEdge]:
    """The edges to the chosen parents, their drifts read against every source each article names.

    A source the extraction did not attach to the figure may still stand in the article ("as
    noted by journalist …"): before a source is called dropped or new, the other article's
    text is searched for it (only for edges that would carry such a drift: few texts read).
    """
    named = _article_names(connection, {e.article for child, c in chosen.values() for e in (child, c.parent)})
    made: dict[str, LineageEdge] = {}
    texts_needed: dict[str, tuple[logic.Entry, logic.Candidate]] = {}
    for key, (child, candidate) in chosen.items():
        child.article_names = named.get(child.article, frozenset())
        candidate.parent.article_names = named.get(candidate.parent.article, frozenset())
        made[key] = logic.edge(candidate, child)
        if any(d.type == "source_drift" for d in made[key].drifts):
            texts_needed[key] = (child, candidate)
    texts = _texts(connection, {e.article for child, c in texts_needed.values() for e in (child, c.parent)})
    for key, (child, candidate) in texts_needed.items():
        parent = candidate.parent
        child.article_names |= logic.names_in(parent.chain, texts.get(child.article, ""))
        parent.article_names |= logic.names_in(child.chain, texts.get(parent.article, ""))
        made[key] = logic.edge(candidate, child)
    return made


def _texts(connection: Connection, articles: set[str]) -> dict[str, str]:
    a = s.articles.c
    found: dict[str, str] = {}
    for chunk in db.chunks(sorted(articles)):
        found.update({row.id: row.text for row in connection.execute(select(a.id, a.text).where(a.id.in_(chunk)))})
    return found


def _article_names(connection: Connection, articles: set[str]) -> dict[str, frozenset[str]]:
    """Each article's source names (people, organisations, outlets), folded (``logic.names_of``)."""
    c = s.sources.c
    found: dict[str, list[str]] = defaultdict(list)
    for chunk in db.chunks(sorted(articles)):
        query = select(c.article_id, c.name).where(c.article_id.in_(chunk), c.kind.in_(logic.AUTHORITIES))
        for row in connection.execute(query):
            found[row.article_id].append(row.name)
    return {article: logic.names_of(found_names) for article, found_names in found.items()}


def _choose(
    offered: dict[str, list[logic.Candidate]], pool: dict[str, tuple[logic.Entry, Any]]
) -> dict[str, logic.Candidate | None]:
    """Each figure's parent among its candidates, the figures of one article weighed together (``logic.best``)."""
    by_article: dict[str, list[list[logic.Candidate]]] = defaultdict(list)
    for key, found in offered.items():
        by_article[pool[key][0].article].append(found)
    support = {article: logic.article_support(found) for article, found in by_article.items()}
    return {key: logic.best(found, support[pool[key][0].article]) for key, found in offered.items()}


class _Index:
    """Entries by value bucket and month, in memory: the neighbours of one figure without looking at the others."""

    def __init__(self, entries: Iterable[logic.Entry]) -> None:
        self.by_bucket: dict[int, list[logic.Entry]] = defaultdict(list)
        for entry in entries:
            assert entry.bucket is not None
            self.by_bucket[entry.bucket].append(entry)

    def near(self, entry: logic.Entry) -> list[logic.Entry]:
        """Entries in the figure's bucket or a neighbouring one, within the candidate months (any month when undated)."""
        assert entry.bucket is not None
        home, when = entry.bucket, entry.month
        reach = logic.settings()["candidate_months"]
        return [
            other
            for b in (home - 1, home, home + 1)
            for other in self.by_bucket.get(b, [])
            if when is None or other.month is None or abs(other.month - when) <= reach
        ]


def _pair(a: logic.Entry, b: logic.Entry) -> frozenset[str]:
    return frozenset((a.article, b.article))


def _parent_key(row: Any) -> str | None:
    return f"{row.parent_article_id}:{row.parent_claim_id}" if row.parent_article_id else None


def _candidates(
    child: logic.Entry, pool: Sequence[logic.Entry], copied: dict[frozenset[str], float],
    similarity: logic.Similarity | None,
) -> list[logic.Candidate]:
    """The earlier figures of other articles the child could come from; one per article (its first figure)."""
    found: dict[str, logic.Candidate] = {}
    for parent in sorted(pool, key=lambda e: e.order):
        if parent.order >= child.order or parent.article in found:
            continue
        made = logic.candidate(parent, child, copied.get(_pair(parent, child)), similarity)
        if made is not None:
            found[parent.article] = made
    return list(found.values())


# Reading ---------------------------------------------------------------------------------------


def _node(entry: logic.Entry, row: Any, depth: int) -> LineageNode:
    return LineageNode(
        id=entry.key, article=entry.article, claim=entry.claim, outlet=entry.outlet, title=entry.title,
        published=entry.published, text=entry.text, wording=entry.wording, low=entry.low, high=entry.high,
        approximate=entry.approximate, unit=entry.unit, measure=entry.measure, counted=entry.counted,
        period=entry.period, attribution=list(entry.chain), parent=_parent_key(row), depth=depth,
    )


def _edge(row: Any) -> LineageEdge:
    edge = row.edge or {}
    return LineageEdge.from_dict(
        {"parent": _parent_key(row), "child": f"{row.article_id}:{row.claim_id}", **edge}
    )


def _tree(root: str, rows: dict[str, tuple[logic.Entry, Any]], children: dict[str, list[str]], number: int) -> Lineage:
    """The lineage under ``root``: nodes in publication order (undated last), edges in the order of their children."""
    depth = {root: 0}
    todo = [root]
    while todo:
        key = todo.pop()
        for child in children.get(key, []):
            if child not in depth:
                depth[child] = depth[key] + 1
                todo.append(child)
    ordered = sorted(depth, key=lambda key: rows[key][0].order)
    nodes = [_node(rows[key][0], rows[key][1], depth[key]) for key in ordered]
    nodes[0].parent = None
    edges = [_edge(rows[key][1]) for key in ordered[1:]]
    return Lineage(f"L{number}", nodes, edges)


def trace(connection: Connection, article: str, claim: str) -> Lineage | None:
    """The lineage that holds one figure, upstream and downstream; None when the figure has no lineage row."""
    c = s.lineage_figures.c
    rows = _by_keys(connection, [f"{article}:{claim}"])
    if not rows:
        return None
    key = f"{article}:{claim}"
    seen = {key}
    while (parent := _parent_key(rows[key][1])) is not None and parent not in seen:
        rows.update(_by_keys(connection, [parent]))
        if parent not in rows:
            break
        seen.add(parent)
        key = parent
    root = key
    children: dict[str, list[str]] = defaultdict(list)
    members, frontier = {root}, [root]
    while frontier:
        found: dict[str, tuple[logic.Entry, Any]] = {}
        for chunk in db.chunks([tuple(k.split(":", 1)) for k in frontier]):
            found.update(_entries(connection, tuple_(c.parent_article_id, c.parent_claim_id).in_(chunk)))
        frontier = []
        for child, (entry, row) in found.items():
            if child not in members:
                members.add(child)
                rows[child] = (entry, row)
                children[_parent_key(row) or ""].append(child)
                frontier.append(child)
    return _tree(root, rows, children, 1)


def lineages(connection: Connection, measure: str | None = None, minimum: int = 2) -> list[Lineage]:
    """Every lineage of at least ``minimum`` articles (touching ``measure`` when given), largest first."""
    c = s.lineage_figures.c
    linked = _entries(connection, or_(c.parent_article_id.is_not(None), c.linked.is_(True)))
    children: dict[str, list[str]] = defaultdict(list)
    roots = []
    for key, (_, row) in linked.items():
        parent = _parent_key(row)
        if parent is not None and parent in linked:
            children[parent].append(key)
        else:
            roots.append(key)
    found = []
    for root in roots:
        if not children.get(root):
            continue
        tree = _tree(root, linked, children, 0)
        if tree.articles >= minimum and (measure is None or any(n.measure == measure for n in tree.nodes)):
            found.append(tree)
    found.sort(key=lambda t: (-t.articles, t.root.published or date.max, t.root.id))
    for number, tree in enumerate(found, start=1):
        tree.id = f"L{number}"
    return found


def find(connection: Connection, text: str, measure: str | None) -> list[tuple[str, str]]:
    """Figures written ``text`` (of ``measure`` when given), earliest first, as (article, claim)."""
    c = s.lineage_figures.c
    query = select(c.article_id, c.claim_id).where(func.lower(c.text) == text.strip().lower())
    if measure is not None:
        query = query.where(c.measure == measure)
    query = query.order_by(c.published.is_(None), c.published, c.added_at, c.article_id, c.position)
    return [(row.article_id, row.claim_id) for row in connection.execute(query)]


def citations(connection: Connection, measure: str) -> list[Citation]:
    """Who cites whom for a measure: each outlet and the sources its articles credit for the measure's figures."""
    c = s.lineage_figures.c
    counted: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in connection.execute(select(c.article_id, c.outlet, c.chain).where(c.measure == measure)):
        for link in row.chain:
            if link["kind"] not in ("anonymous", "unattributed"):
                counted[(row.outlet or "(no outlet)", link["name"], link["kind"])].add(row.article_id)
    found = [Citation(outlet, source, kind, len(articles)) for (outlet, source, kind), articles in counted.items()]
    return sorted(found, key=lambda x: (-x.articles, x.outlet, x.source))


def counts(connection: Connection, article: str) -> dict[str, tuple[int, int]]:
    """For each figure of an article that lies in a lineage: (articles the lineage spans, drifts on its edges)."""
    c = s.lineage_figures.c
    found = {}
    for row in connection.execute(select(c.claim_id).where(c.article_id == article)):
        tree = trace(connection, article, row.claim_id)
        if tree is not None and tree.articles > 1:
            found[row.claim_id] = (tree.articles, len(tree.drifts))
    return found
