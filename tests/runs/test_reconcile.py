"""A run committed but never enqueued (its process died in between) is found and executed."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from pagemill.auth.service import Principal, create_key
from pagemill.config import Settings
from pagemill.db.migrate import upgrade
from pagemill.files.service import FileServices, store_file
from pagemill.kit.ids import new_id
from pagemill.models import ProcessorRun
from pagemill.runs.reconcile import enqueue_stranded_runs
from pagemill.runs.repository import ProcessorRunRepository
from pagemill.runs.service import file_columns
from pagemill.runtime import Runtime, build_runtime
from tests.documents import text_pdf


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    settings = Settings(home=tmp_path / "home")
    upgrade(settings.app_database_url)
    runtime = build_runtime(settings)
    runtime.engine.start()
    yield runtime
    runtime.close()


def _stranded_parse_run(runtime: Runtime) -> str:
    with runtime.database.session() as session:
        key = create_key(session, name="t").key
        principal = Principal(workspace_id=key.workspace_id, api_key_id=key.id, api_key_name="t")
        services = FileServices(
            settings=runtime.settings, storage=runtime.storage, url_guard=runtime.url_guard
        )
        file = store_file(session, services, principal, io.BytesIO(text_pdf([["stranded"]])), name="s.pdf")
        run = ProcessorRun(
            id=new_id("pr"),
            workspace_id=principal.workspace_id,
            kind="parse",
            status="PENDING",
            **file_columns(file),
            config={},
            run_metadata={},
            priority=50,
        )
        session.add(run)
        return run.id


def test_stranded_run_is_enqueued_once_and_executed(runtime: Runtime) -> None:
    run_id = _stranded_parse_run(runtime)
    assert enqueue_stranded_runs(runtime, older_than=timedelta(seconds=-1)) == 1
    assert enqueue_stranded_runs(runtime, older_than=timedelta(seconds=-1)) == 0  # its job exists now
    deadline = time.monotonic() + 30
    while True:
        with runtime.database.session() as session:
            run = ProcessorRunRepository(session).by_id(run_id)
            assert run is not None
            if run.status == "PROCESSED":
                break
        assert time.monotonic() < deadline, f"run stayed {run.status}"
        time.sleep(0.1)


def test_recent_runs_are_left_alone(runtime: Runtime) -> None:
    _stranded_parse_run(runtime)
    assert enqueue_stranded_runs(runtime, older_than=timedelta(minutes=2)) == 0
