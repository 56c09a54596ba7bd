"""llm rate buckets

Revision ID: 0009_llm_rate_buckets
Revises: 0008_workflow_runs
Create Date: 2026-11-23 16:45:07.868203
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_llm_rate_buckets"
down_revision = "0008_workflow_runs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "llm_rate_buckets",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("refilled_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_llm_rate_buckets")),
    )


def downgrade() -> None:
    op.drop_table("llm_rate_buckets")
