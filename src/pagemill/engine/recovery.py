"""Finding executors that died and handing their unfinished runs to live ones.

DBOS recovers, at launch, the runs of its own executor id. A run owned by a process that died and never
comes back under the same id stays PENDING until someone recovers it; without DBOS Conductor (proprietary)
the only way in DBOS 3.4 is the private `DBOS._recover_pending_workflows`, so every private-API use lives in
this module and the DBOS version is pinned.

Liveness needs no heartbeat and no timeout: each executing process holds a lock named after its executor id
for its whole life (a PostgreSQL session advisory lock, or an exclusive `flock` on a file beside a SQLite
system database). The operating system or the database server releases it the moment the process dies, even by
`kill -9`, so "I can take executor X's lock" means "X is dead".
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Protocol

import sqlalchemy as sa
from dbos import DBOS

from pagemill.engine.errors import EngineError

log = logging.getLogger(__name__)

# A restarting executor may find its lock briefly held by a reaper checking whether it is dead.
ACQUIRE_WAIT_SECONDS = 5.0


class Liveness(Protocol):
    def acquire(self, wait: float = ACQUIRE_WAIT_SECONDS) -> None:
        """Take this process's executor lock, trying for `wait` s; EngineError if a live process holds it."""

    def release(self) -> None: ...

    def is_dead(self, executor_id: str) -> contextlib.AbstractContextManager[bool]:
        """True if `executor_id`'s process is gone; its lock is then held here, so it cannot restart."""


def liveness_for(system_database_url: str, executor_id: str) -> Liveness:
    if system_database_url.startswith("sqlite"):
        database = sa.make_url(system_database_url).database
        if not database or database == ":memory:":
            raise EngineError("the engine needs a SQLite file, not an in-memory database")
        return FileLiveness(Path(f"{database}.executors"), executor_id)
    return PostgresLiveness(system_database_url, executor_id)


class PostgresLiveness:
    def __init__(self, url: str, executor_id: str) -> None:
        self.executor_id = executor_id
        self._engine = sa.create_engine(
            sa.make_url(url).set(drivername="postgresql+psycopg"), poolclass=sa.pool.NullPool
        )
        self._connection: sa.Connection | None = None
        self._lock = threading.Lock()

    def acquire(self, wait: float = ACQUIRE_WAIT_SECONDS) -> None:
        self._connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        if not _retry_until(lambda: self._try_lock(self.executor_id), wait):
            self.release()
            raise _in_use(self.executor_id)

    def release(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()  # ending the session releases its advisory locks
                self._connection = None
        self._engine.dispose()

    @contextlib.contextmanager
    def is_dead(self, executor_id: str) -> Iterator[bool]:
        got = self._try_lock(executor_id)
        try:
            yield got
        finally:
            if got:
                self._execute("SELECT pg_advisory_unlock(:key)", executor_id)

    def _try_lock(self, executor_id: str) -> bool:
        return bool(self._execute("SELECT pg_try_advisory_lock(:key)", executor_id))

    def _execute(self, sql: str, executor_id: str) -> object:
        with self._lock:
            if self._connection is None:
                raise EngineError("executor liveness lock is not held")
            return self._connection.execute(sa.text(sql), {"key": _lock_key(executor_id)}).scalar()


class FileLiveness:
    def __init__(self, folder: Path, executor_id: str) -> None:
        self.folder = folder
        self.executor_id = executor_id
        self._own: IO[bytes] | None = None

    def acquire(self, wait: float = ACQUIRE_WAIT_SECONDS) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle = self._lock_file(self.executor_id).open("ab")
        if not _retry_until(lambda: _try_flock(handle), wait):
            handle.close()
            raise _in_use(self.executor_id)
        self._own = handle

    def release(self) -> None:
        if self._own is not None:
            self._own.close()  # closing the descriptor drops the flock
            self._own = None

    @contextlib.contextmanager
    def is_dead(self, executor_id: str) -> Iterator[bool]:
        path = self._lock_file(executor_id)
        if not path.exists():
            yield True  # it never took a lock here, so it is no process of this system database
            return
        with path.open("ab") as handle:
            yield _try_flock(handle)

    def _lock_file(self, executor_id: str) -> Path:
        return self.folder / f"{_lock_key(executor_id):x}.lock"


def recover_dead_executors(liveness: Liveness, own_executor_id: str) -> list[str]:
    """Re-enqueue the unfinished runs of every executor of this application version that has died."""
    pending = DBOS.list_workflows(
        status="PENDING", app_version=DBOS.application_version, load_input=False, load_output=False
    )
    owners = {run.executor_id for run in pending if run.executor_id and run.executor_id != own_executor_id}
    recovered: list[str] = []
    for owner in sorted(owners):
        with liveness.is_dead(owner) as dead:
            if dead:
                # Private API (DBOS 3.4): re-enqueues the owner's PENDING runs on their queues; idempotent.
                handles = DBOS._recover_pending_workflows([owner])
                log.info("recovered %d runs of dead executor %s", len(handles), owner)
                recovered.append(owner)
    return recovered


class Reaper:
    """A background loop that recovers dead executors' runs every `interval` seconds (first pass at once)."""

    def __init__(self, liveness: Liveness, own_executor_id: str, interval: float) -> None:
        self._liveness = liveness
        self._own_executor_id = own_executor_id
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="pagemill-engine-reaper", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10.0)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                recover_dead_executors(self._liveness, self._own_executor_id)
            except Exception:
                log.exception("recovering dead executors failed; trying again in %g s", self._interval)
            self._stop.wait(self._interval)


def _lock_key(executor_id: str) -> int:
    digest = hashlib.blake2b(f"pagemill.engine.executor:{executor_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _try_flock(handle: IO[bytes]) -> bool:
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _retry_until(attempt: Callable[[], bool], wait: float) -> bool:
    """Call `attempt` until it returns True or `wait` seconds pass: a restart may race a reaper's probe."""
    deadline = time.monotonic() + wait
    while not attempt():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    return True


def _in_use(executor_id: str) -> EngineError:
    return EngineError(
        f"executor id {executor_id!r} is in use by another live process (pid {os.getpid()} could not "
        "take it); "
        "give each executing process its own PAGEMILL_ENGINE_EXECUTOR_ID"
    )
