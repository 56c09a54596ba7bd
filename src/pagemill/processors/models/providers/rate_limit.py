"""A rate limit shared by every process that talks to the same model API: a token bucket in the app database.

Why the database and not the engine's queue limiter: the queue limiter paces the start of queued workflows,
while model requests also come from the synchronous endpoints and the benchmark, and one extraction may make
several requests (a repair, retries). Every Pagemill process, whatever its role, already shares the app
database, so one row per bucket, updated by a single atomic UPDATE, limits them all.

The table is `models.LlmRateBucket` (created by the migrations like every other table).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from pagemill.db.session import create_db_engine
from pagemill.models import LlmRateBucket
from pagemill.processors.models.providers.base import ProviderError

RECHECK_SECONDS = 0.001

buckets: sa.Table = LlmRateBucket.__table__  # type: ignore[assignment]


class RateLimiter(Protocol):
    def acquire(self, timeout: float) -> None:
        """Return once a request may be sent; raise `ProviderError("rate_limited")` past `timeout` s."""
        ...


class Unlimited:
    def acquire(self, timeout: float) -> None:
        return None


def database_now(connection: Connection) -> sa.ColumnElement[float]:
    """The database server's clock in epoch seconds, so that processes on different hosts agree."""
    if connection.dialect.name == "sqlite":
        return sa.literal_column("((julianday('now') - 2440587.5) * 86400.0)", sa.Float)
    if connection.dialect.name == "postgresql":
        return sa.cast(sa.func.extract("epoch", sa.func.clock_timestamp()), sa.Float)
    return sa.literal(time.time(), sa.Float)


class DatabaseTokenBucket:
    """At most `capacity` requests at once, refilled at `per_minute / 60` per second, across processes."""

    def __init__(
        self,
        engine: Engine,
        name: str,
        per_minute: float,
        capacity: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if per_minute <= 0:
            raise ValueError("per_minute must be positive")
        self.engine = engine
        self.name = name
        self.per_second = per_minute / 60.0
        self.capacity = float(capacity if capacity is not None else max(1.0, per_minute))
        self.sleep = sleep
        self._create_bucket()

    def acquire(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            wait = self._take_or_wait()
            if wait <= 0:
                return
            if time.monotonic() + wait > deadline:
                raise ProviderError(
                    "rate_limited",
                    f"the shared rate limit of {self.name!r} left no request free within {timeout:g} s",
                    retryable=True,
                    retry_after=wait,
                )
            self.sleep(wait)

    def _take_or_wait(self) -> float:
        """Take a token and return 0, or return the seconds until one is due."""
        with self.engine.begin() as connection:
            now = database_now(connection)
            smaller = sa.func.min if connection.dialect.name == "sqlite" else sa.func.least
            refilled = smaller(
                self.capacity, buckets.c.tokens + (now - buckets.c.refilled_at) * self.per_second
            )
            taken = connection.execute(
                buckets.update()
                .where(buckets.c.name == self.name, refilled >= 1.0)
                .values(tokens=refilled - 1.0, refilled_at=now)
            )
            if taken.rowcount == 1:
                return 0.0
            row = connection.execute(
                sa.select(refilled.label("tokens")).where(buckets.c.name == self.name)
            ).first()
        if row is None:  # the row was removed (the table only holds counters): start a full bucket again
            self._create_bucket()
            return RECHECK_SECONDS
        return max(RECHECK_SECONDS, (1.0 - float(row.tokens)) / self.per_second)

    def _create_bucket(self) -> None:
        try:
            with self.engine.begin() as connection:
                exists = connection.execute(
                    sa.select(buckets.c.name).where(buckets.c.name == self.name)
                ).first()
                if exists is None:
                    connection.execute(
                        buckets.insert().values(
                            name=self.name, tokens=self.capacity, refilled_at=database_now(connection)
                        )
                    )
        except sa.exc.IntegrityError:
            pass  # another process created it first


@lru_cache
def shared_engine(database_url: str) -> Engine:
    """One small engine per app database for the limiter's short transactions."""
    return create_db_engine(database_url)
