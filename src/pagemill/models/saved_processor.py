from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from pagemill.db.base import Base, Timestamps, WorkspaceScoped
from pagemill.kit.clock import utcnow


class SavedProcessor(WorkspaceScoped, Timestamps, Base):
    """An extractor, classifier or splitter: a name, an editable draft and immutable published versions."""

    __tablename__ = "saved_processors"
    __table_args__ = (sa.Index("ix_saved_processors_listing", "workspace_id", "kind", "created_at", "id"),)

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    name: Mapped[str] = mapped_column(sa.String(255))


class SavedProcessorVersion(WorkspaceScoped, Base):
    """One version of a saved processor. `version` is "draft" (mutable) or "major.minor" (immutable)."""

    __tablename__ = "saved_processor_versions"
    __table_args__ = (
        sa.UniqueConstraint("processor_id", "version"),
        sa.Index("ix_saved_processor_versions_order", "processor_id", "major", "minor"),
    )

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    processor_id: Mapped[str] = mapped_column(
        sa.String(64), sa.ForeignKey("saved_processors.id", ondelete="CASCADE")
    )
    version: Mapped[str] = mapped_column(sa.String(32))
    major: Mapped[int | None]
    minor: Mapped[int | None]
    description: Mapped[str | None] = mapped_column(sa.Text)
    config: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_by: Mapped[dict[str, Any] | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
