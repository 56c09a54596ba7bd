from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from pagemill.db.base import Base, JSONType, Timestamps, WorkspaceScoped


class WorkflowRun(WorkspaceScoped, Timestamps, Base):
    """One execution of a pinned workflow version over one document (or one package of documents)."""

    __tablename__ = "workflow_runs"
    __table_args__ = (
        sa.Index("ix_workflow_runs_listing", "workspace_id", "created_at", "id"),
        sa.Index("ix_workflow_runs_workflow", "workflow_id", "created_at"),
        sa.Index("ix_workflow_runs_status", "workspace_id", "status"),
    )

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    workflow_id: Mapped[str] = mapped_column(sa.String(64), sa.ForeignKey("workflows.id", ondelete="CASCADE"))
    workflow_version_id: Mapped[str] = mapped_column(
        sa.String(64), sa.ForeignKey("workflow_versions.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(sa.String(16))
    name: Mapped[str | None] = mapped_column(sa.String(1024))
    run_metadata: Mapped[dict[str, Any]] = mapped_column("metadata", default=dict)
    batch_id: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    priority: Mapped[int] = mapped_column(default=50)
    file_name: Mapped[str | None] = mapped_column(sa.String(1024))
    # FileSummary snapshots of the input file(s), in order: runs outlive the files they read.
    files_snapshot: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    is_package: Mapped[bool] = mapped_column(default=False)
    # Pre-supplied processor outputs by processor id (`outputs` on create).
    provided_outputs: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The run's `secrets`, JSON sealed with the server key (kit.crypto.SecretBox).
    secrets_sealed: Mapped[str | None] = mapped_column(sa.Text)
    failure_reason: Mapped[str | None] = mapped_column(sa.String(64))
    failure_message: Mapped[str | None] = mapped_column(sa.Text)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    reviewed: Mapped[bool] = mapped_column(default=False)
    reviewed_by_user: Mapped[str | None] = mapped_column(sa.String(320))
    reviewed_at: Mapped[datetime | None]
    rejection_note: Mapped[str | None] = mapped_column(sa.Text)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class WorkflowStepRun(WorkspaceScoped, Timestamps, Base):
    """One step executed for one branch (document) of a workflow run; its result, routes and processor run."""

    __tablename__ = "workflow_step_runs"
    __table_args__ = (sa.UniqueConstraint("workflow_run_id", "step_name", "branch"),)

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    workflow_run_id: Mapped[str] = mapped_column(
        sa.String(64), sa.ForeignKey("workflow_runs.id", ondelete="CASCADE"), index=True
    )
    sequence: Mapped[int]
    step_id: Mapped[str | None] = mapped_column(sa.String(64))
    step_name: Mapped[str] = mapped_column(sa.String(255))
    step_type: Mapped[str] = mapped_column(sa.String(32))
    branch: Mapped[str] = mapped_column(sa.String(64))
    status: Mapped[str] = mapped_column(sa.String(16))
    files_snapshot: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    processor_run_id: Mapped[str | None] = mapped_column(
        sa.String(64), sa.ForeignKey("processor_runs.id", ondelete="SET NULL")
    )
    attempt: Mapped[int] = mapped_column(default=1)
    # The step's own result (rule validation, router, …) or extra result keys beside the processor run.
    result: Mapped[dict[str, Any] | None] = mapped_column()
    # What the interpreter does next: `{"next": [step names]}`, or a failure.
    outcome: Mapped[dict[str, Any] | None] = mapped_column()
    reviewed_output: Mapped[dict[str, Any] | None] = mapped_column()
