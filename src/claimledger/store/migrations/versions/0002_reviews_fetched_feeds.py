"""Placeholder for migration 0002 (reviews, fetched URLs), which lands from branch i16 at merge.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing: the real 0002 replaces this file."""


def downgrade() -> None:
    """Nothing: the real 0002 replaces this file."""
