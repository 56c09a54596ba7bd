"""saved processors

Revision ID: 0007_saved_processors
Revises: 0002
Create Date: 2026-11-23 15:17:10.193520
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import pagemill.db.base

revision = "0007_saved_processors"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_processors",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", pagemill.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pagemill.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_saved_processors_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_processors")),
    )
    with op.batch_alter_table("saved_processors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_processors_created_at"), ["created_at"], unique=False)
        batch_op.create_index(
            "ix_saved_processors_listing", ["workspace_id", "kind", "created_at", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_saved_processors_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_saved_processors_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "saved_processor_versions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("processor_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("major", sa.Integer(), nullable=True),
        sa.Column("minor", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("config", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("created_by", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=True),
        sa.Column("created_at", pagemill.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pagemill.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["processor_id"],
            ["saved_processors.id"],
            name=op.f("fk_saved_processor_versions_processor_id_saved_processors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_saved_processor_versions_workspace_id_workspaces"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_processor_versions")),
        sa.UniqueConstraint(
            "processor_id", "version", name=op.f("uq_saved_processor_versions_processor_id_version")
        ),
    )
    with op.batch_alter_table("saved_processor_versions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_saved_processor_versions_order", ["processor_id", "major", "minor"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_saved_processor_versions_workspace_id"), ["workspace_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("saved_processor_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_processor_versions_workspace_id"))
        batch_op.drop_index("ix_saved_processor_versions_order")

    op.drop_table("saved_processor_versions")
    with op.batch_alter_table("saved_processors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_processors_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_saved_processors_updated_at"))
        batch_op.drop_index("ix_saved_processors_listing")
        batch_op.drop_index(batch_op.f("ix_saved_processors_created_at"))

    op.drop_table("saved_processors")
