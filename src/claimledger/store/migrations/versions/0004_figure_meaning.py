"""What a figure means: the optional figure fields and the claim's links and inherited spans.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

Ledgers stored before this revision read back with these fields unknown (null), exactly as
a ledger written before the fields existed reads (docs/ledger-format.md).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """The figures.meaning, claims.links and claims.inherited columns of store/schema.py."""
    with op.batch_alter_table("figures") as batch:
        batch.add_column(sa.Column("meaning", sa.JSON(), nullable=True))
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("links", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("inherited", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("inherited")
        batch.drop_column("links")
    with op.batch_alter_table("figures") as batch:
        batch.drop_column("meaning")
