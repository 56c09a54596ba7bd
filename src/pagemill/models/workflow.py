from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from pagemill.db.base import Base, JSONType, Timestamps, WorkspaceScoped

DRAFT = "draft"


class Workflow(WorkspaceScoped, Timestamps, Base):
    """A named step graph; its editable draft and deployed, immutable versions are `WorkflowVersion` rows."""

    __tablename__ = "workflows"
    __table_args__ = (sa.Index("ix_workflows_workspace_created", "workspace_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(1024))
    created_by: Mapped[dict[str, Any] | None] = mapped_column()
    # The number the last deployed version got; the next deploy takes this plus one.
    deployed_count: Mapped[int] = mapped_column(default=0)


class WorkflowVersion(WorkspaceScoped, Timestamps, Base):
    """One version of a workflow: the draft (`version == "draft"`, `number` null) or deployed version N."""

    __tablename__ = "workflow_versions"
    __table_args__ = (
        sa.UniqueConstraint("workflow_id", "version"),
        sa.Index("ix_workflow_versions_listing", "workflow_id", "created_at", "id"),
    )

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    workflow_id: Mapped[str] = mapped_column(sa.String(64), sa.ForeignKey("workflows.id", ondelete="CASCADE"))
    version: Mapped[str] = mapped_column(sa.String(16))
    number: Mapped[int | None]
    name: Mapped[str | None] = mapped_column(sa.String(1024))
    # Step definitions as stored: the wire shape plus each step's internal `id`, kept across edits by name.
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    created_by: Mapped[dict[str, Any] | None] = mapped_column()

    @property
    def is_draft(self) -> bool:
        return self.version == DRAFT
