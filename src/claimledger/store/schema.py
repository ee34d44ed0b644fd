"""The corpus schema: one table per object of the ledger, plus the corpus's own bookkeeping.

The tables mirror the ledger format (docs/ledger-format.md) so that a stored
ledger reads back exactly as it was analysed, and so that the questions asked
across a corpus (every figure of a measure over a period, every claim a source
is given for) are plain indexed queries. Rows of one article are keyed by the
article id (the sha256 of its text) and the ledger's own ids (``c3``, ``s4``,
``f2``), so replacing an article is deleting and inserting by ``article_id``.

This module is the schema the code reads and writes; the migrations in
``store/migrations`` build it, and a test checks the two agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

ID = String(64)  # sha256 hex of the article text
LOCAL_ID = String(16)  # the ledger's own ids: c3, s4, f2

articles = Table(
    "articles",
    metadata,
    Column("id", ID, primary_key=True),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("author", Text),
    Column("published", Date),
    Column("language", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("framing", JSON, doc="the ledger's optional framing summary"),
    Column("version", String(32), nullable=False, doc="program version that analysed it"),
    Column("added_at", DateTime, nullable=False),
    Column(
        "corpus_checked",
        Boolean,
        nullable=False,
        doc="its corpus findings are current; false until the driver has set it against the corpus",
    ),
    Index("ix_articles_published", "published"),
    Index("ix_articles_unchecked", "corpus_checked"),
    Index("ix_articles_outlet", "outlet"),
)


def _article_key() -> Column:
    return Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


sources = Table(
    "sources",
    metadata,
    _article_key(),
    Column("id", LOCAL_ID, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("role", Text),
    Column("affiliation", Text),
    Column("mentions", JSON, nullable=False),
    Index("ix_sources_name", "name"),
)

claims = Table(
    "claims",
    metadata,
    _article_key(),
    Column("id", LOCAL_ID, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("hedges", JSON, nullable=False),
    Column("quote_direct", Boolean),
    Column("quote_setting", Text),
    Column("links", JSON, doc="ties the text makes to other claims (a change to its levels); null when none"),
    Column("inherited", JSON, doc="values stated elsewhere in the article, with their spans; null when none"),
)


def _claim_key(name: str) -> tuple[Column, Column, ForeignKeyConstraint]:
    return (
        Column("article_id", ID, primary_key=True),
        Column("claim_id", LOCAL_ID, primary_key=True),
        ForeignKeyConstraint(
            ["article_id", "claim_id"], ["claims.article_id", "claims.id"], ondelete="CASCADE", name=f"fk_{name}_claim"
        ),
    )


figures = Table(
    "figures",
    metadata,
    *_claim_key("figures"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("low", Float),
    Column("high", Float),
    Column("approximate", Boolean, nullable=False),
    Column("unit", String(32)),
    Column("measure", String(64)),
    Column("counted", Text),
    Column("meaning", JSON, doc="the figure's optional fields (role, status, currency, per, qualifiers) when known"),
    Index("ix_figures_measure", "measure", "unit"),
)

periods = Table(
    "periods",
    metadata,
    *_claim_key("periods"),
    Column("start", Date),
    Column("end", Date),
    Column("aggregation", String(16), nullable=False),
    Column("text", Text),
    Index("ix_periods_dates", "start", "end"),
)

attributions = Table(
    "attributions",
    metadata,
    *_claim_key("attributions"),
    Column("position", Integer, primary_key=True, doc="0 = nearest link (who says it), 1 = whom they cite, …"),
    Column("source_id", LOCAL_ID, nullable=False),
    Column("relation", String(16), nullable=False),
    Column("cue", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Index("ix_attributions_source", "article_id", "source_id"),
)

findings = Table(
    "findings",
    metadata,
    _article_key(),
    Column("id", LOCAL_ID, primary_key=True),
    Column("position", Integer, nullable=False),
    Column(
        "scope",
        String(8),
        nullable=False,
        doc="'article': from the ledger's own checks; 'corpus': from setting it against the corpus",
    ),
    Column("type", String(32), nullable=False),
    Column("severity", String(8), nullable=False),
    Column("start", Integer),
    Column("end", Integer),
    Column("message", Text, nullable=False),
    Index("ix_findings_type", "type"),
)

finding_claims = Table(
    "finding_claims",
    metadata,
    Column("article_id", ID, primary_key=True),
    Column("finding_id", LOCAL_ID, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("claim_id", LOCAL_ID, nullable=False),
    ForeignKeyConstraint(
        ["article_id", "finding_id"], ["findings.article_id", "findings.id"], ondelete="CASCADE",
        name="fk_finding_claims_finding",
    ),
)

signatures = Table(
    "signatures",
    metadata,
    _article_key(),
    Column("minhash", LargeBinary, nullable=False, doc="datasketch MinHash hash values, little-endian uint64"),
)

bands = Table(
    "bands",
    metadata,
    _article_key(),
    Column("band", Integer, primary_key=True),
    Column("bucket", BigInteger, nullable=False, doc="hash of one LSH band of the MinHash"),
    Index("ix_bands_bucket", "band", "bucket"),
)

reference_rows = Table(
    "reference_rows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("series", Text, nullable=False, doc="the file the row was loaded from"),
    Column("measure", String(64), nullable=False),
    Column("counted", Text),
    Column("unit", String(32)),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("aggregation", String(16), nullable=False),
    Column("value", Float, nullable=False),
    Column("low", Float, nullable=False),
    Column("high", Float, nullable=False),
    Column("publisher", Text, nullable=False),
    Column("reported_by", Text, nullable=False),
    Column("reported_on", String(10), nullable=False, doc="YYYY-MM-DD or YYYY-MM, as published"),
    UniqueConstraint(
        "measure", "unit", "period_start", "period_end", "aggregation", "value", "publisher", "reported_by",
        name="uq_reference_rows_row",
    ),
    Index("ix_reference_rows_measure", "measure"),
)

inputs = Table(
    "inputs",
    metadata,
    Column("key", Text, primary_key=True, doc="a file's absolute path, or path#lines A-B for a JSONL chunk"),
    Column("fingerprint", String(64), nullable=False, doc="size and modification time when it was read"),
    Column("version", String(32), nullable=False),
    Column("articles", Integer, nullable=False),
)
"""Inputs stored completely: what lets an interrupted ``add`` resume without reading them again."""

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", ID, nullable=False, doc="no foreign key: a review outlives a re-analysis of its article"),
    Column("claim_id", LOCAL_ID, nullable=False),
    Column("claim_text", Text, nullable=False, doc="the claim as it read when reviewed"),
    Column("rating", Text, nullable=False, doc="the verdict in words: False, Misleading, Accurate …"),
    Column("rating_value", Float),
    Column("best_rating", Float),
    Column("worst_rating", Float),
    Column("note", Text),
    Column("reviewer", Text),
    Column("url", Text, doc="where the fact-check is published"),
    Column("reviewed_at", DateTime, nullable=False),
    Index("ix_reviews_claim", "article_id", "claim_id"),
)
"""Fact-checkers' ratings of claims, every one kept (the latest is the current verdict)."""

fetched_urls = Table(
    "fetched_urls",
    metadata,
    Column("url", Text, primary_key=True, doc="a feed item's link as the feed gives it"),
    Column("feed", Text, doc="the feed that listed it"),
    Column("article_id", ID, doc="the article it gave; null when it could not be read"),
    Column("error", Text, doc="why it could not be read (a coded message)"),
    Column("fetched_at", DateTime, nullable=False),
)
"""Feed items ``watch`` has handled: a link listed here is not fetched again."""

feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("title", Text),
    Column("etag", Text, doc="the validators of the last answer, sent back as a conditional request"),
    Column("last_modified", Text),
    Column("checked_at", DateTime),
    Column("error", Text, doc="why the last check failed; null when it succeeded"),
)
"""The feeds ``watch`` reads, with what the next conditional request sends."""

lineage_figures = Table(
    "lineage_figures",
    metadata,
    *_claim_key("lineage_figures"),
    Column("position", Integer, nullable=False, doc="the claim's place in its article"),
    Column("text", Text, nullable=False),
    Column("wording", Text, nullable=False, doc="the claim's sentence as written"),
    Column("low", Float),
    Column("high", Float),
    Column("approximate", Boolean, nullable=False),
    Column("unit", String(32)),
    Column("measure", String(64)),
    Column("counted", Text),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("aggregation", String(16)),
    Column("period_text", Text),
    Column("meaning", JSON, doc="currency, status and qualifiers when the analysis gave them"),
    Column("outlet", Text),
    Column("author", Text),
    Column("title", Text),
    Column("published", Date),
    Column("added_at", DateTime, nullable=False),
    Column("chain", JSON, nullable=False, doc="the attribution chain as names, nearest first"),
    Column("nominal", Float, nullable=False, doc="the number the figure reports (check/lineage.py reading)"),
    Column("bucket", Integer, nullable=False, doc="log-scale value bucket, 10% wide: the index lineage candidates come from"),
    Column("month", Integer, doc="year*12+month-1 the figure is about; null when neither period nor article is dated"),
    Column("linked", Boolean, nullable=False, doc="its parent is current; false until the driver has linked it"),
    Column("parent_article_id", ID),
    Column("parent_claim_id", LOCAL_ID),
    Column("edge", JSON, doc="what matched the parent and what drifted on the way (check/lineage.py)"),
    ForeignKeyConstraint(
        ["parent_article_id", "parent_claim_id"], ["lineage_figures.article_id", "lineage_figures.claim_id"],
        ondelete="SET NULL", name="fk_lineage_figures_parent",
    ),
    Index("ix_lineage_value", "bucket", "month"),
    Index("ix_lineage_parent", "parent_article_id", "parent_claim_id"),
    Index("ix_lineage_unlinked", "linked"),
    Index("ix_lineage_measure", "measure"),
)
"""Figures that can carry a lineage, indexed by value and month, each with its parent (check/lineage.py)."""

settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
"""What a corpus keeps for every command that adds to it: e.g. the user's measures file (``measures``)."""
