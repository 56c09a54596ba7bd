"""Which executor id a process runs under."""

from __future__ import annotations

import os
import socket

from pagemill.config import Role, Settings
from pagemill.engine.runtime import executor_id_for


def test_a_configured_executor_id_wins() -> None:
    assert executor_id_for(Settings(role=Role.WORKER, engine_executor_id="worker-0")) == "worker-0"


def test_the_embedded_process_is_local() -> None:
    assert executor_id_for(Settings(role=Role.ALL)) == "local"


def test_an_unnamed_worker_gets_an_id_of_its_own() -> None:
    assert executor_id_for(Settings(role=Role.WORKER)) == f"worker-{socket.gethostname()}-{os.getpid()}"
