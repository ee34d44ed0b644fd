"""Reviews of claims in and out of the corpus: every rating kept, read back oldest first.

A review names its claim by article id and claim id and keeps the claim's text as it
read when reviewed, so the review stays meaningful if the article is analysed again
by a newer version (which rewrites the article's rows, but never a review).
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Connection, select

from claimledger.model import Review
from claimledger.store import schema as s


def add(connection: Connection, review: Review) -> int:
    """Store ``review``; its id."""
    result = connection.execute(
        s.reviews.insert().values(
            article_id=review.article,
            claim_id=review.claim,
            claim_text=review.claim_text,
            rating=review.rating,
            rating_value=review.rating_value,
            best_rating=review.best_rating,
            worst_rating=review.worst_rating,
            note=review.note,
            reviewer=review.reviewer,
            url=review.url,
            reviewed_at=review.reviewed_at,
        )
    )
    return int(result.inserted_primary_key[0])


def read(
    connection: Connection,
    article_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[Review]:
    """Reviews (of one article, made within since–until, inclusive days), oldest first."""
    r = s.reviews.c
    query = select(s.reviews).order_by(r.reviewed_at, r.id)
    if article_id is not None:
        query = query.where(r.article_id == article_id)
    if since is not None:
        query = query.where(r.reviewed_at >= datetime.combine(since, time.min))
    if until is not None:
        query = query.where(r.reviewed_at <= datetime.combine(until, time.max))
    return [
        Review(
            article=row.article_id,
            claim=row.claim_id,
            claim_text=row.claim_text,
            rating=row.rating,
            rating_value=row.rating_value,
            best_rating=row.best_rating,
            worst_rating=row.worst_rating,
            note=row.note,
            reviewer=row.reviewer,
            url=row.url,
            reviewed_at=row.reviewed_at,
            id=row.id,
        )
        for row in connection.execute(query)
    ]
