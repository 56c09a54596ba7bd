"""Recovery: an executor's death is seen at once, and its unfinished runs finish elsewhere."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from pagemill.config import Role, Settings
from pagemill.engine import Engine, EngineError, JobStatus
from pagemill.engine.recovery import FileLiveness
from tests.engine import engine_test_jobs as jobs
from tests.engine.worker_process import WorkerProcess

HOLD_LOCK_PROGRAM = """
import sys, time
from pathlib import Path
from pagemill.engine.recovery import FileLiveness
liveness = FileLiveness(Path(sys.argv[1]), sys.argv[2])
liveness.acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_an_executor_is_alive_while_its_process_lives_and_dead_after_kill_9(tmp_path: Path) -> None:
    folder = tmp_path / "engine.db.executors"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK_PROGRAM, str(folder), "worker-1"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        observer = FileLiveness(folder, "worker-2")
        observer.acquire()

        with observer.is_dead("worker-1") as dead:
            assert not dead
        with pytest.raises(EngineError, match="in use by another live process"):
            FileLiveness(folder, "worker-1").acquire(wait=0.2)

        holder.kill()
        holder.wait(timeout=10)
        with observer.is_dead("worker-1") as dead:
            assert dead
        observer.release()
    finally:
        holder.kill()
        holder.wait(timeout=10)


@pytest.mark.postgres
def test_a_run_whose_worker_was_killed_finishes_on_another_without_repeating_finished_steps(
    postgres_database_url: str, tmp_path: Path
) -> None:
    log_file = tmp_path / "side-effects"
    api = Engine(Settings(home=tmp_path / "api", database_url=postgres_database_url, role=Role.API))
    api.start()
    doomed = WorkerProcess(tmp_path / "w1", postgres_database_url, executor_id="worker-doomed")
    rescuer: WorkerProcess | None = None
    try:
        run_id = api.enqueue(jobs.TWO_STEPS, str(log_file), 2.0)
        deadline = time.monotonic() + 20
        while "second started" not in jobs.read_lines(log_file):
            assert time.monotonic() < deadline, doomed.stderr()
            time.sleep(0.05)

        doomed.kill_hard()  # in the middle of the second step
        assert api.status(run_id) is JobStatus.PENDING
        rescuer = WorkerProcess(tmp_path / "w2", postgres_database_url, executor_id="worker-rescuer")

        assert api.result(run_id, timeout=30) == "done", rescuer.stderr()
        assert jobs.read_lines(log_file) == ["first", "second started", "second started", "second finished"]
    finally:
        api.stop()
        doomed.ensure_stopped()
        if rescuer is not None:
            rescuer.ensure_stopped()
