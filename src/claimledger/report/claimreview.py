"""Reviews as schema.org ``ClaimReview`` JSON-LD: the form fact-checks are published and indexed in.

One object per stored review (a claim reviewed twice gives two, the history as it
was published). ``itemReviewed`` is the ``Claim``: its ``author`` is the attribution
chain, nearest first (who says it, then whom they cite; an unattributed claim is
the outlet's own), its ``appearance`` every article of the corpus that carries it,
earliest first, and ``firstAppearance`` the earliest of those.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from claimledger.model import Appearance, ChainLink, Review, ReviewedClaim, json_number

CONTEXT = "https://schema.org"
ORGANIZATION_KINDS = ("organization", "media", "document")

Json = dict[str, Any]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _drop_empty(data: Json) -> Json:
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def review_url(review: Review) -> str:
    """Where the fact-check is published, or an IRI that names the stored review when no URL was given."""
    return review.url or f"urn:claimledger:review:{review.article}:{review.claim}:{review.id}"


def _agent(link: ChainLink) -> Json:
    kind = "Organization" if link.kind in ORGANIZATION_KINDS else "Person"
    return {"@type": kind, "name": link.name}


def creative_work(appearance: Appearance) -> Json:
    return _drop_empty(
        {
            "@type": "CreativeWork",
            "url": appearance.url or f"urn:sha256:{appearance.article}",
            "headline": appearance.title,
            "datePublished": _iso(appearance.published),
            "publisher": {"@type": "Organization", "name": appearance.outlet} if appearance.outlet else None,
        }
    )


def _rating(review: Review) -> Json:
    return _drop_empty(
        {
            "@type": "Rating",
            "alternateName": review.rating,
            "ratingValue": json_number(review.rating_value),
            "bestRating": json_number(review.best_rating),
            "worstRating": json_number(review.worst_rating),
            "ratingExplanation": review.note,
        }
    )


def _claim_authors(item: ReviewedClaim) -> list[Json]:
    named = [link for link in item.chain if link.kind != "unattributed"]
    if named:
        return [_agent(link) for link in named]
    outlets = [a.outlet for a in item.appearances if a.outlet]
    return [{"@type": "Organization", "name": outlets[0]}] if outlets else []


def claim_review(item: ReviewedClaim) -> Json:
    review = item.review
    first = item.appearances[0] if item.appearances else None
    claim = _drop_empty(
        {
            "@type": "Claim",
            "author": _claim_authors(item),
            "datePublished": _iso(first.published) if first else None,
            "appearance": [creative_work(a) for a in item.appearances],
            "firstAppearance": creative_work(first) if first else None,
        }
    )
    return _drop_empty(
        {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "url": review_url(review),
            "claimReviewed": review.claim_text,
            "datePublished": review.reviewed_at.date().isoformat() if review.reviewed_at else None,
            "author": {"@type": "Person", "name": review.reviewer} if review.reviewer else None,
            "reviewRating": _rating(review),
            "itemReviewed": claim,
        }
    )


def render(items: Iterable[ReviewedClaim]) -> str:
    """A JSON array of ClaimReview objects, each with its own @context (as pages embed them)."""
    return json.dumps([claim_review(item) for item in items], ensure_ascii=False, indent=2)
