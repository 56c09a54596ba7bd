from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from pagemill.db.base import Base, WorkspaceScoped
from pagemill.kit.clock import utcnow


class ApiKey(WorkspaceScoped, Base):
    """A bearer key. Only its SHA-256 is stored; the key itself is shown once, when it is made."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    key_hint: Mapped[str] = mapped_column(sa.String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
