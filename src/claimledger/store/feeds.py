"""What ``watch`` remembers in the corpus: each feed's validators and the items already handled.

Kept in the corpus rather than a file beside it, so that a watch run from cron on one
machine and one from another sharing the database agree on what is new.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone

from sqlalchemy import Connection, delete, select

from claimledger.model import FeedState, HandledItem
from claimledger.store import schema as s
from claimledger.store.db import chunks


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def state(connection: Connection, url: str) -> FeedState:
    """The feed's last validators (nothing when it was never read)."""
    row = connection.execute(select(s.feeds).where(s.feeds.c.url == url)).first()
    if row is None:
        return FeedState(url)
    return FeedState(url, row.title, row.etag, row.last_modified, row.error)


def save_state(connection: Connection, feed: FeedState) -> None:
    connection.execute(delete(s.feeds).where(s.feeds.c.url == feed.url))
    connection.execute(
        s.feeds.insert().values(
            url=feed.url, title=feed.title, etag=feed.etag, last_modified=feed.last_modified, checked_at=now(),
            error=feed.error,
        )
    )


def handled(connection: Connection, urls: Iterable[str]) -> set[str]:
    """Which of ``urls`` were handled before."""
    found: set[str] = set()
    for chunk in chunks(urls):
        found.update(connection.execute(select(s.fetched_urls.c.url).where(s.fetched_urls.c.url.in_(chunk))).scalars())
    return found


def record(connection: Connection, items: list[HandledItem]) -> None:
    """Remember items as handled (a second record of one URL replaces the first)."""
    if not items:
        return
    for chunk in chunks(item.url for item in items):
        connection.execute(delete(s.fetched_urls).where(s.fetched_urls.c.url.in_(chunk)))
    at = now()
    connection.execute(
        s.fetched_urls.insert(),
        [{"url": i.url, "feed": i.feed, "article_id": i.article_id, "error": i.error, "fetched_at": at} for i in items],
    )
