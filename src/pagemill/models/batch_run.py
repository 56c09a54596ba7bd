from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from pagemill.db.base import Base, Timestamps, WorkspaceScoped


class BatchRun(WorkspaceScoped, Timestamps, Base):
    """A batch of processor runs submitted in one call; its status is derived from its runs'."""

    __tablename__ = "batch_runs"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    run_count: Mapped[int]
    priority: Mapped[int] = mapped_column(default=90)
    config: Mapped[dict[str, Any]] = mapped_column(default=dict)
    cancelled: Mapped[bool] = mapped_column(default=False)
