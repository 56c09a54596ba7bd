from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from pagemill.db.base import Base
from pagemill.kit.clock import utcnow


class Workspace(Base):
    """The tenant every resource belongs to. A single-tenant install has one, made with the first API key."""

    __tablename__ = "workspaces"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
