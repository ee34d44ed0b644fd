"""The first corpus schema: articles and their ledgers, reference series, input bookkeeping.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Every table of store/schema.py as first released."""
    op.create_table('articles',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('author', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('framing', sa.JSON(), nullable=True),
    sa.Column('version', sa.String(length=32), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('corpus_checked', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_articles_outlet', 'articles', ['outlet'])
    op.create_index('ix_articles_published', 'articles', ['published'])
    op.create_index('ix_articles_unchecked', 'articles', ['corpus_checked'])
    op.create_table('inputs',
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('version', sa.String(length=32), nullable=False),
    sa.Column('articles', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('reference_rows',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('series', sa.Text(), nullable=False),
    sa.Column('measure', sa.String(length=64), nullable=False),
    sa.Column('counted', sa.Text(), nullable=True),
    sa.Column('unit', sa.String(length=32), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('aggregation', sa.String(length=16), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('low', sa.Float(), nullable=False),
    sa.Column('high', sa.Float(), nullable=False),
    sa.Column('publisher', sa.Text(), nullable=False),
    sa.Column('reported_by', sa.Text(), nullable=False),
    sa.Column('reported_on', sa.String(length=10), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('measure', 'unit', 'period_start', 'period_end', 'aggregation', 'value', 'publisher', 'reported_by', name='uq_reference_rows_row')
    )
    op.create_index('ix_reference_rows_measure', 'reference_rows', ['measure'])
    op.create_table('bands',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('band', sa.Integer(), nullable=False),
    sa.Column('bucket', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'band')
    )
    op.create_index('ix_bands_bucket', 'bands', ['band', 'bucket'])
    op.create_table('claims',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('hedges', sa.JSON(), nullable=False),
    sa.Column('quote_direct', sa.Boolean(), nullable=True),
    sa.Column('quote_setting', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'id')
    )
    op.create_table('findings',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=8), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('severity', sa.String(length=8), nullable=False),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'id')
    )
    op.create_index('ix_findings_type', 'findings', ['type'])
    op.create_table('signatures',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('minhash', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id')
    )
    op.create_table('sources',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('role', sa.Text(), nullable=True),
    sa.Column('affiliation', sa.Text(), nullable=True),
    sa.Column('mentions', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'id')
    )
    op.create_index('ix_sources_name', 'sources', ['name'])
    op.create_table('attributions',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('claim_id', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=16), nullable=False),
    sa.Column('relation', sa.String(length=16), nullable=False),
    sa.Column('cue', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id', 'claim_id'], ['claims.article_id', 'claims.id'], name='fk_attributions_claim', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'claim_id', 'position')
    )
    op.create_index('ix_attributions_source', 'attributions', ['article_id', 'source_id'])
    op.create_table('figures',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('claim_id', sa.String(length=16), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('low', sa.Float(), nullable=True),
    sa.Column('high', sa.Float(), nullable=True),
    sa.Column('approximate', sa.Boolean(), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=True),
    sa.Column('measure', sa.String(length=64), nullable=True),
    sa.Column('counted', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['article_id', 'claim_id'], ['claims.article_id', 'claims.id'], name='fk_figures_claim', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'claim_id')
    )
    op.create_index('ix_figures_measure', 'figures', ['measure', 'unit'])
    op.create_table('finding_claims',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('finding_id', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['article_id', 'finding_id'], ['findings.article_id', 'findings.id'], name='fk_finding_claims_finding', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'finding_id', 'position')
    )
    op.create_table('periods',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('claim_id', sa.String(length=16), nullable=False),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('aggregation', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['article_id', 'claim_id'], ['claims.article_id', 'claims.id'], name='fk_periods_claim', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'claim_id')
    )
    op.create_index('ix_periods_dates', 'periods', ['start', 'end'])



def downgrade() -> None:
    """Remove the corpus tables."""
    op.drop_index('ix_periods_dates', table_name='periods')
    op.drop_table('periods')
    op.drop_table('finding_claims')
    op.drop_index('ix_figures_measure', table_name='figures')
    op.drop_table('figures')
    op.drop_index('ix_attributions_source', table_name='attributions')
    op.drop_table('attributions')
    op.drop_index('ix_sources_name', table_name='sources')
    op.drop_table('sources')
    op.drop_table('signatures')
    op.drop_index('ix_findings_type', table_name='findings')
    op.drop_table('findings')
    op.drop_table('claims')
    op.drop_index('ix_bands_bucket', table_name='bands')
    op.drop_table('bands')
    op.drop_index('ix_reference_rows_measure', table_name='reference_rows')
    op.drop_table('reference_rows')
    op.drop_table('inputs')
    op.drop_index('ix_articles_published', table_name='articles')
    op.drop_index('ix_articles_unchecked', table_name='articles')
    op.drop_index('ix_articles_outlet', table_name='articles')
    op.drop_table('articles')
