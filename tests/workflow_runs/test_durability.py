"""Runs and reviews are durable: a run created while no worker runs, and a review given while none runs, are
carried out once a worker starts (PostgreSQL, an API process that executes nothing, a `pagemill worker`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deployment.test_scale_out import Workers
from tests.server_fixtures import PagemillServer, base_env, launch
from tests.workflow_runs.flows import LINEAR, TEXT_INVOICE, deployed_workflow, review_gate, wait_for

pytestmark = pytest.mark.postgres


@pytest.fixture
def api_only(tmp_path: Path, postgres_database_url: str) -> Iterator[tuple[PagemillServer, Workers]]:
    home = tmp_path / "home"
    env = base_env(home, PAGEMILL_DATABASE_URL=postgres_database_url, PAGEMILL_SECRET_KEY="shared")
    server = launch(home, {**env, "PAGEMILL_ROLE": "api"})
    workers = Workers({**env, "PAGEMILL_ROLE": "worker"}, home)
    try:
        yield server, workers
    finally:
        server.stop()
        workers.stop_all()


def test_a_run_created_while_no_worker_runs_is_executed_later(
    api_only: tuple[PagemillServer, Workers],
) -> None:
    server, workers = api_only
    client = server.client()
    workflow_id = deployed_workflow(server.sdk(), "Later", LINEAR)
    run = server.sdk().workflow_runs.create(workflow={"id": workflow_id}, file={"text": TEXT_INVOICE})
    time.sleep(2.0)
    assert client.get(f"/workflow_runs/{run.id}").json()["status"] == "PENDING"

    workers.start("worker-a")

    assert wait_for(client, run.id, {"PROCESSED", "FAILED"})["status"] == "PROCESSED"


def test_a_review_given_while_no_worker_runs_is_not_lost(api_only: tuple[PagemillServer, Workers]) -> None:
    server, workers = api_only
    client = server.client()
    workflow_id = deployed_workflow(server.sdk(), "Review later", review_gate("extract.total > 1000000"))
    run = server.sdk().workflow_runs.create(workflow={"id": workflow_id}, file={"text": TEXT_INVOICE})
    workers.start("worker-a")
    assert wait_for(client, run.id, {"NEEDS_REVIEW", "FAILED"})["status"] == "NEEDS_REVIEW"
    workers.stop_all()

    approved = client.post(f"/reviews/{run.id}/approve", json={"reviewer": "jane@example.com"})
    assert approved.status_code == 200, approved.text
    workers.start("worker-b")

    body = wait_for(client, run.id, {"PROCESSED", "FAILED"})
    assert body["status"] == "PROCESSED" and body["reviewedByUser"] == "jane@example.com"
