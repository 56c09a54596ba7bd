"""A batch of workflow runs on PostgreSQL + S3 with two `pagemill worker` processes, one of them killed with
SIGKILL midway: every run still ends PROCESSED, and nothing is done twice — exactly one PROCESSED step run per
step and one processor run per processor step of every run, and no stray processor runs.

`PAGEMILL_SCALE_OUT_RUNS` sets the batch size (default 200, which fits the CI budget on a 2-core machine; the
benchmark runs 1,000 with `PAGEMILL_SCALE_OUT_RUNS=1000`)."""

from __future__ import annotations

import os
import signal
import time

import pytest
import sqlalchemy as sa

from tests.deployment.test_scale_out import Workers, deployment
from tests.server_fixtures import PagemillServer
from tests.workflow_runs.flows import LINEAR, TEXT_INVOICE, deployed_workflow

pytestmark = [pytest.mark.postgres, pytest.mark.s3]
# The API process and two workers (worker-a, worker-b) of the scale-out deployment tests.
__all__ = ["deployment"]

RUNS = int(os.environ.get("PAGEMILL_SCALE_OUT_RUNS", "200"))
# The share of the batch processed before one worker is killed.
KILL_AFTER = 0.25
SECONDS_PER_RUN = 2.0  # generous: it proves nothing is lost or doubled, not a speed (bench/workflows.py measures that)


def _count(database: sa.Engine, sql: str, **params: object) -> int:
    with database.connect() as connection:
        return int(connection.execute(sa.text(sql), params).scalar_one())


def _rows(database: sa.Engine, sql: str, **params: object) -> list[sa.Row[tuple[object, ...]]]:
    with database.connect() as connection:
        return list(connection.execute(sa.text(sql), params))


PROCESSED_RUNS = "SELECT count(*) FROM workflow_runs WHERE batch_id = :batch AND status = 'PROCESSED'"
FINISHED_RUNS = (
    "SELECT count(*) FROM workflow_runs WHERE batch_id = :batch "
    "AND status IN ('PROCESSED', 'FAILED', 'CANCELLED', 'REJECTED', 'NEEDS_REVIEW')"
)
STEP_RUNS = """
    SELECT s.step_name, s.status, count(*) AS runs, count(DISTINCT s.workflow_run_id) AS workflow_runs,
           count(DISTINCT s.processor_run_id) AS processor_runs
    FROM workflow_step_runs s JOIN workflow_runs r ON r.id = s.workflow_run_id
    WHERE r.batch_id = :batch GROUP BY s.step_name, s.status ORDER BY s.step_name, s.status
"""
PROCESSOR_RUNS = """
    SELECT kind, status, count(*) AS runs, count(output_key) AS outputs
    FROM processor_runs WHERE source = 'WORKFLOW_RUN' GROUP BY kind, status ORDER BY kind, status
"""


def _wait(database: sa.Engine, sql: str, batch: str, target: int, deadline: float) -> None:
    while (done := _count(database, sql, batch=batch)) < target:
        assert time.monotonic() < deadline, f"{done} of {target} runs after the time allowed"
        time.sleep(1.0)


def test_a_batch_survives_a_killed_worker_without_losing_or_doubling_work(
    deployment: tuple[PagemillServer, Workers],
) -> None:
    server, workers = deployment
    database = sa.create_engine(server.env["PAGEMILL_DATABASE_URL"], poolclass=sa.pool.NullPool)
    workflow_id = deployed_workflow(server.sdk(), "Scale-out batch", LINEAR)
    inputs = [{"file": {"text": TEXT_INVOICE}, "metadata": {"index": index}} for index in range(RUNS)]
    started = time.monotonic()
    deadline = started + 60 + RUNS * SECONDS_PER_RUN
    with server.client() as client:
        created = client.post(
            "/workflow_runs/batch", json={"workflow": {"id": workflow_id}, "inputs": inputs}, timeout=300
        )
    assert created.status_code == 200, created.text
    batch = created.json()["batchId"]

    _wait(database, PROCESSED_RUNS, batch, int(RUNS * KILL_AFTER), deadline)
    workers.processes["worker-a"].send_signal(signal.SIGKILL)
    workers.processes["worker-a"].wait(timeout=30)
    killed_at = _count(database, PROCESSED_RUNS, batch=batch)
    _wait(database, FINISHED_RUNS, batch, RUNS, deadline)
    elapsed = time.monotonic() - started

    assert _count(database, PROCESSED_RUNS, batch=batch) == RUNS
    assert killed_at < RUNS, "the batch had finished before the worker was killed"
    steps = [tuple(row) for row in _rows(database, STEP_RUNS, batch=batch)]
    assert steps == [
        ("extract", "PROCESSED", RUNS, RUNS, RUNS),
        ("parse", "PROCESSED", RUNS, RUNS, RUNS),
        ("trigger", "PROCESSED", RUNS, RUNS, 0),
        ("webhook", "PROCESSED", RUNS, RUNS, 0),
    ]
    processor_runs = [tuple(row) for row in _rows(database, PROCESSOR_RUNS)]
    assert processor_runs == [("extract", "PROCESSED", RUNS, RUNS), ("parse", "PROCESSED", RUNS, RUNS)]
    with server.client() as client:
        sample = client.get(
            "/workflow_runs", params={"batchId": batch, "maxPageSize": 5, "sortDir": "asc"}
        ).json()["data"]
        for summary in sample:
            run = client.get(f"/workflow_runs/{summary['id']}").json()
            extract = next(item for item in run["stepRuns"] if item["stepType"] == "EXTRACT")
            assert extract["result"]["extractRun"]["output"]["value"]["invoice_number"] == "INV-2041"
    print(f"\n{RUNS} workflow runs on 2 workers (one killed after {killed_at}): {elapsed:.1f} s")
