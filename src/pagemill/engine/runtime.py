"""The engine library launched inside this process, for the roles that execute work (`all`, `worker`).

DBOS is a process-wide singleton, so at most one runtime is active per process; stopping it keeps the job
declarations, so a process may start, stop and start again (tests do).
"""

from __future__ import annotations

import os
import socket
import threading
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import sqlalchemy as sa
from dbos import DBOS, DBOSClient, DBOSConfig

from pagemill.config import Role, Settings
from pagemill.engine.errors import EngineError
from pagemill.engine.queues import declare_queues
from pagemill.engine.recovery import Liveness, Reaper, liveness_for

APP_NAME = "pagemill"
REAPER_INTERVAL_SECONDS = 15.0
# On SQLite there is no LISTEN/NOTIFY: this is how often waits (messages, results) look for news.
NOTIFICATION_POLLING_SECONDS = 0.1

_guard = threading.Lock()
_active: Runtime | None = None


def application_version() -> str:
    """One version for every process of a deployment, so any executor may run or recover any queued run."""
    try:
        return version("pagemill")
    except PackageNotFoundError:
        return "0+unknown"


def executes_work(role: Role) -> bool:
    return role in (Role.ALL, Role.WORKER)


def executor_id_for(settings: Settings) -> str:
    """The configured executor id, else `local` for the embedded process, else one unique to this process."""
    if settings.engine_executor_id:
        return settings.engine_executor_id
    if settings.role is Role.ALL:
        return "local"
    return f"{settings.role.value}-{socket.gethostname()}-{os.getpid()}"


def prepare_system_database(url: str) -> None:
    """Make sure a SQLite system database's folder exists (DBOS creates the file, not its folder)."""
    if url.startswith("sqlite"):
        database = sa.make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)


class Runtime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.executor_id = executor_id_for(settings)
        self.system_database_url = settings.system_database_url
        self._liveness: Liveness | None = None
        self._reaper: Reaper | None = None

    def launch(self) -> None:
        # Built-in jobs must be declared before launch, which recovers unfinished runs of every declared job.
        import pagemill.engine.probe  # noqa: F401

        prepare_system_database(self.system_database_url)
        liveness = liveness_for(self.system_database_url, self.executor_id)
        liveness.acquire()
        self._liveness = liveness
        try:
            DBOS(config=self._config())
            DBOS.launch()
            self._reaper = Reaper(liveness, self.executor_id, REAPER_INTERVAL_SECONDS)
            self._reaper.start()
        except BaseException:
            self.shutdown()
            raise

    def shutdown(self) -> None:
        if self._reaper is not None:
            self._reaper.stop()
            self._reaper = None
        DBOS.destroy()
        # Only now may others see this executor as dead and take over its unfinished runs.
        if self._liveness is not None:
            self._liveness.release()
            self._liveness = None

    def _config(self) -> DBOSConfig:
        return {
            "name": APP_NAME,
            "system_database_url": self.system_database_url,
            "executor_id": self.executor_id,
            "application_version": application_version(),
            "log_level": "WARNING",
            "notification_listener_polling_interval_sec": NOTIFICATION_POLLING_SECONDS,
        }


def launch(settings: Settings, client: DBOSClient) -> Runtime:
    """Declare the queues and launch the engine library in this process.

    EngineError if a runtime is already active here. Queues are declared before launch, through `client`, so
    the engine listens to every queue from its first look.
    """
    global _active
    with _guard:
        if _active is not None:
            raise EngineError(
                f"the engine already runs in this process (executor {_active.executor_id!r}); stop it first"
            )
        declare_queues(client, settings.worker_concurrency, APP_NAME, settings.queue_polling_seconds)
        runtime = Runtime(settings)
        runtime.launch()
        _active = runtime
        return runtime


def active() -> Runtime | None:
    """The runtime executing work in this process, if any."""
    return _active


def shutdown(runtime: Runtime) -> None:
    global _active
    with _guard:
        if _active is runtime:
            runtime.shutdown()
            _active = None
