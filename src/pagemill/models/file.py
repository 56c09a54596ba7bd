from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from pagemill.db.base import Base, Timestamps, WorkspaceScoped


class File(WorkspaceScoped, Timestamps, Base):
    """A stored document. The bytes live in storage under `storage_key`; this row is written only after they do."""

    __tablename__ = "files"
    __table_args__ = (sa.Index("ix_files_workspace_created", "workspace_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(1024))
    type: Mapped[str | None] = mapped_column(sa.String(16))
    media_type: Mapped[str] = mapped_column(sa.String(255))
    size_bytes: Mapped[int] = mapped_column(sa.BigInteger)
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    storage_key: Mapped[str] = mapped_column(sa.String(1024))
    page_count: Mapped[int | None]
    password_encrypted: Mapped[str | None] = mapped_column(sa.Text)
    source_url: Mapped[str | None] = mapped_column(sa.Text)
    parent_file_id: Mapped[str | None] = mapped_column(
        sa.String(64), sa.ForeignKey("files.id", ondelete="SET NULL")
    )
    extra_metadata: Mapped[dict[str, Any]] = mapped_column("metadata", default=dict)
