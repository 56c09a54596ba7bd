from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from pagemill.db.base import Base


class LlmRateBucket(Base):
    """A token bucket shared by every process calling one model API (see processors/models/providers/rate_limit).

    Its rows are counters only: losing one merely restarts that bucket full.
    """

    __tablename__ = "llm_rate_buckets"

    name: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    tokens: Mapped[float] = mapped_column(sa.Float)
    refilled_at: Mapped[float] = mapped_column(sa.Float)
