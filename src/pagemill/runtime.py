"""The process's wiring: settings, app database, storage, URL guard and execution engine, built once.

The API process, a worker process and the CLI each build one `Runtime`; jobs running on the engine reach it
through `current()`, since the engine calls them outside any request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pagemill.config import Role, Settings
from pagemill.db.session import Database
from pagemill.engine import Engine
from pagemill.net.url_guard import UrlGuard
from pagemill.services.loop import LoopService
from pagemill.storage import Storage, open_storage


@dataclass
class Runtime:
    settings: Settings
    database: Database
    storage: Storage
    url_guard: UrlGuard
    engine: Engine

    loop_services: list[LoopService] = field(default_factory=list)

    def start(self) -> None:
        """Start the engine, and in processes that execute work also the maintenance loops."""
        self.engine.start()
        if self.settings.role is not Role.API:
            from pagemill.services.maintenance import start_loop_services

            self.loop_services = start_loop_services(self)

    def close(self) -> None:
        for service in self.loop_services:
            service.stop()
        self.engine.stop()
        self.database.dispose()


_current: Runtime | None = None


def build_runtime(settings: Settings) -> Runtime:
    global _current
    from pagemill.tasks import declare_all

    declare_all()
    runtime = Runtime(
        settings=settings,
        database=Database(settings.app_database_url),
        storage=open_storage(settings),
        url_guard=UrlGuard.from_settings(settings),
        engine=Engine(settings),
    )
    _current = runtime
    return runtime


def current() -> Runtime:
    if _current is None:
        raise RuntimeError("no Pagemill runtime has been built in this process")
    return _current
