from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from pagemill.db.base import Base, JSONType, Timestamps, WorkspaceScoped


class ProcessorRun(WorkspaceScoped, Timestamps, Base):
    """One run of a processor (parse, extract, classify, split, edit) over a file.

    The output can be large (a 1,000-page parse), so it lives in storage under `output_key`, not in this row.
    """

    __tablename__ = "processor_runs"
    __table_args__ = (
        sa.Index("ix_processor_runs_listing", "workspace_id", "kind", "created_at", "id"),
        sa.Index("ix_processor_runs_batch_status", "batch_id", "status"),
    )

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    status: Mapped[str] = mapped_column(sa.String(16))
    source: Mapped[str] = mapped_column(sa.String(32), default="API")
    file_id: Mapped[str | None] = mapped_column(sa.String(64), sa.ForeignKey("files.id", ondelete="SET NULL"))
    file_name: Mapped[str | None] = mapped_column(sa.String(1024))
    # The FileSummary as it was when the run was made: runs outlive the files they read.
    file_snapshot: Mapped[dict[str, Any] | None] = mapped_column()
    config: Mapped[dict[str, Any]] = mapped_column(default=dict)
    run_metadata: Mapped[dict[str, Any]] = mapped_column("metadata", default=dict)
    priority: Mapped[int] = mapped_column(default=50)
    batch_id: Mapped[str | None] = mapped_column(
        sa.String(64), sa.ForeignKey("batch_runs.id", ondelete="SET NULL")
    )
    # The saved processor (extractor, classifier, splitter) and version a run used; null for inline configs.
    processor_id: Mapped[str | None] = mapped_column(
        sa.String(64), sa.ForeignKey("saved_processors.id", ondelete="SET NULL"), index=True
    )
    processor_version_id: Mapped[str | None] = mapped_column(sa.String(64))
    # FileSummary snapshots of a multi-file (package) run's inputs, in order; null for single-file runs.
    package_snapshot: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType)
    output_key: Mapped[str | None] = mapped_column(sa.String(1024))
    metrics: Mapped[dict[str, Any] | None] = mapped_column()
    usage: Mapped[dict[str, Any] | None] = mapped_column()
    failure_reason: Mapped[str | None] = mapped_column(sa.String(64))
    failure_message: Mapped[str | None] = mapped_column(sa.Text)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
