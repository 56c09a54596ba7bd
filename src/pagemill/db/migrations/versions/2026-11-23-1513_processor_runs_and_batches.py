"""processor runs and batches

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 15:13:12.746070
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import pagemill.db.base

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batch_runs",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("run_count", sa.Integer(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("config", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", pagemill.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pagemill.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_batch_runs_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batch_runs")),
    )
    with op.batch_alter_table("batch_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_batch_runs_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_batch_runs_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_batch_runs_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "processor_runs",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("file_id", sa.String(length=64), nullable=True),
        sa.Column("file_name", sa.String(length=1024), nullable=True),
        sa.Column("file_snapshot", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=True),
        sa.Column("config", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("metadata", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.String(length=64), nullable=True),
        sa.Column("output_key", sa.String(length=1024), nullable=True),
        sa.Column("metrics", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=True),
        sa.Column("usage", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=True),
        sa.Column("failure_reason", sa.String(length=64), nullable=True),
        sa.Column("failure_message", sa.Text(), nullable=True),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False),
        sa.Column("started_at", pagemill.db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", pagemill.db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", pagemill.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pagemill.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["batch_runs.id"],
            name=op.f("fk_processor_runs_batch_id_batch_runs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["file_id"], ["files.id"], name=op.f("fk_processor_runs_file_id_files"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_processor_runs_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processor_runs")),
    )
    with op.batch_alter_table("processor_runs", schema=None) as batch_op:
        batch_op.create_index("ix_processor_runs_batch_status", ["batch_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_processor_runs_created_at"), ["created_at"], unique=False)
        batch_op.create_index(
            "ix_processor_runs_listing", ["workspace_id", "kind", "created_at", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_processor_runs_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_processor_runs_workspace_id"), ["workspace_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("processor_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_processor_runs_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_processor_runs_updated_at"))
        batch_op.drop_index("ix_processor_runs_listing")
        batch_op.drop_index(batch_op.f("ix_processor_runs_created_at"))
        batch_op.drop_index("ix_processor_runs_batch_status")

    op.drop_table("processor_runs")
    with op.batch_alter_table("batch_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_batch_runs_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_batch_runs_updated_at"))
        batch_op.drop_index(batch_op.f("ix_batch_runs_created_at"))

    op.drop_table("batch_runs")
