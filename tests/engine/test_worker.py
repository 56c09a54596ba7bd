"""Scale-out: an API process only enqueues; a separate `pagemill worker` process executes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pagemill.config import Role, Settings
from pagemill.engine import Engine
from pagemill.engine.probe import check
from tests.engine.worker_process import WorkerProcess

pytestmark = pytest.mark.postgres


@pytest.fixture
def api_engine(postgres_database_url: str, tmp_path: Path) -> Iterator[Engine]:
    with Engine(Settings(home=tmp_path / "api", database_url=postgres_database_url, role=Role.API)) as engine:
        yield engine


def test_a_probe_enqueued_by_the_api_runs_in_the_worker_process(
    api_engine: Engine, postgres_database_url: str, tmp_path: Path
) -> None:
    worker = WorkerProcess(tmp_path / "worker", postgres_database_url, executor_id="worker-probe")
    try:
        report = check(api_engine, timeout=20)

        assert report["executor"] == "worker-probe"
        assert report["pid"] == worker.pid != os.getpid()
        assert report["role"] == "worker"
        assert api_engine.executor_id is None  # the API process executes nothing
        assert worker.terminate() == 0, worker.stderr()  # SIGTERM ends it cleanly
    finally:
        worker.ensure_stopped()
