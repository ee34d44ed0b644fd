"""Lineage: figures indexed by value and month, each with the earlier figure it came from.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

A corpus upgraded from 0002 has no lineage rows yet; store/lineage.py fills them from the
stored ledgers the first time the corpus is checked.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """The lineage_figures table of store/schema.py."""
    op.create_table('lineage_figures',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('claim_id', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('wording', sa.Text(), nullable=False),
    sa.Column('low', sa.Float(), nullable=True),
    sa.Column('high', sa.Float(), nullable=True),
    sa.Column('approximate', sa.Boolean(), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=True),
    sa.Column('measure', sa.String(length=64), nullable=True),
    sa.Column('counted', sa.Text(), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('aggregation', sa.String(length=16), nullable=True),
    sa.Column('period_text', sa.Text(), nullable=True),
    sa.Column('meaning', sa.JSON(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('author', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('chain', sa.JSON(), nullable=False),
    sa.Column('nominal', sa.Float(), nullable=False),
    sa.Column('bucket', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=True),
    sa.Column('linked', sa.Boolean(), nullable=False),
    sa.Column('parent_article_id', sa.String(length=64), nullable=True),
    sa.Column('parent_claim_id', sa.String(length=16), nullable=True),
    sa.Column('edge', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['article_id', 'claim_id'], ['claims.article_id', 'claims.id'], name='fk_lineage_figures_claim', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_article_id', 'parent_claim_id'], ['lineage_figures.article_id', 'lineage_figures.claim_id'], name='fk_lineage_figures_parent', ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('article_id', 'claim_id')
    )
    op.create_index('ix_lineage_value', 'lineage_figures', ['bucket', 'month'])
    op.create_index('ix_lineage_parent', 'lineage_figures', ['parent_article_id', 'parent_claim_id'])
    op.create_index('ix_lineage_unlinked', 'lineage_figures', ['linked'])
    op.create_index('ix_lineage_measure', 'lineage_figures', ['measure'])


def downgrade() -> None:
    op.drop_table('lineage_figures')
