"""Engine in embedded mode (role all, SQLite, in this process): enqueue, wait, retry, cancel, message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pagemill.config import Settings
from pagemill.engine import Engine, EngineError, JobCancelled, JobNotFound, JobStatus, JobTimeout
from pagemill.engine.probe import PROBE_JOB
from tests.engine import engine_test_jobs as jobs


def wait_for_status(engine: Engine, run_id: str, wanted: JobStatus, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while (status := engine.status(run_id)) is not wanted:
        assert time.monotonic() < deadline, f"run {run_id} is {status}, not {wanted}, after {timeout} s"
        time.sleep(0.05)


def test_a_step_that_fails_twice_is_retried_with_growing_waits(
    embedded_engine: Engine, tmp_path: Path
) -> None:
    attempts_file = tmp_path / "attempts"

    run_id = embedded_engine.enqueue(jobs.FLAKY, str(attempts_file))

    assert embedded_engine.result(run_id, timeout=15) == 3
    assert embedded_engine.status(run_id) is JobStatus.SUCCESS
    first, second, third = (float(line) for line in jobs.read_lines(attempts_file))
    assert second - first >= 0.1  # interval
    assert third - second >= 0.2  # interval * backoff
    assert third - second > (second - first) * 1.5


def test_a_failing_job_raises_its_own_error_to_the_waiter(embedded_engine: Engine) -> None:
    run_id = embedded_engine.enqueue(jobs.FAILS, "no such page")

    with pytest.raises(LookupError, match="no such page"):
        embedded_engine.result(run_id, timeout=15)
    assert embedded_engine.status(run_id) is JobStatus.ERROR


def test_a_cancelled_queued_job_never_runs(embedded_engine: Engine, tmp_path: Path) -> None:
    marks = tmp_path / "marks"
    blocker = embedded_engine.enqueue(jobs.BLOCKER)
    wait_for_status(embedded_engine, blocker, JobStatus.PENDING)  # holds the only `work` slot
    queued = embedded_engine.enqueue(jobs.MARK, str(marks), "cancelled job ran")
    assert embedded_engine.status(queued) is JobStatus.ENQUEUED

    embedded_engine.cancel(queued)
    embedded_engine.send(blocker, "release", "go")

    assert embedded_engine.result(blocker, timeout=10) == "go"
    after = embedded_engine.enqueue(jobs.MARK, str(marks), "next job ran")
    assert embedded_engine.result(after, timeout=10) == "next job ran"
    assert embedded_engine.status(queued) is JobStatus.CANCELLED
    with pytest.raises(JobCancelled):
        embedded_engine.result(queued, timeout=1)
    assert jobs.read_lines(marks) == ["next job ran"]


def test_the_bounded_queue_runs_waiting_jobs_by_priority(embedded_engine: Engine, tmp_path: Path) -> None:
    marks = tmp_path / "marks"
    blocker = embedded_engine.enqueue(jobs.BLOCKER)
    wait_for_status(embedded_engine, blocker, JobStatus.PENDING)
    runs = [
        embedded_engine.enqueue(jobs.MARK, str(marks), label, priority=priority)
        for label, priority in (("batch", 90), ("urgent", 1), ("normal", 50))
    ]

    with pytest.raises(JobTimeout):
        embedded_engine.result(runs[0], timeout=0.5)  # no slot while the blocker runs
    embedded_engine.send(blocker, "release", "go")
    for run_id in runs:
        embedded_engine.result(run_id, timeout=15)

    assert jobs.read_lines(marks) == ["urgent", "normal", "batch"]


def test_a_message_sent_before_the_job_waits_is_kept_for_it(embedded_engine: Engine) -> None:
    run_id = embedded_engine.enqueue(jobs.AWAIT_REVIEW, 10.0)
    embedded_engine.send(run_id, "review", {"approved": True})

    assert embedded_engine.result(run_id, timeout=15) == {"approved": True}


def test_a_message_reaches_a_job_already_waiting(embedded_engine: Engine) -> None:
    run_id = embedded_engine.enqueue(jobs.AWAIT_REVIEW, 10.0)
    wait_for_status(embedded_engine, run_id, JobStatus.PENDING)
    time.sleep(0.3)

    embedded_engine.send(run_id, "review", "looks right")

    assert embedded_engine.result(run_id, timeout=15) == "looks right"


def test_recv_gives_none_when_no_message_comes(embedded_engine: Engine) -> None:
    run_id = embedded_engine.enqueue(jobs.AWAIT_REVIEW, 0.2)

    assert embedded_engine.result(run_id, timeout=15) is None


def test_enqueueing_with_a_used_workflow_id_returns_that_run(embedded_engine: Engine, tmp_path: Path) -> None:
    marks = tmp_path / "marks"
    first = embedded_engine.enqueue(jobs.MARK, str(marks), "once", workflow_id="run-1")
    second = embedded_engine.enqueue(jobs.MARK, str(marks), "twice", workflow_id="run-1")

    assert first == second == "run-1"
    assert embedded_engine.result(first, timeout=15) == "once"
    assert jobs.read_lines(marks) == ["once"]


def test_an_idempotency_key_returns_the_run_still_in_flight(embedded_engine: Engine, tmp_path: Path) -> None:
    marks = tmp_path / "marks"
    blocker = embedded_engine.enqueue(jobs.BLOCKER)
    wait_for_status(embedded_engine, blocker, JobStatus.PENDING)

    first = embedded_engine.enqueue(jobs.MARK, str(marks), "a", idempotency_key="file_1")
    again = embedded_engine.enqueue(jobs.MARK, str(marks), "b", idempotency_key="file_1")
    other = embedded_engine.enqueue(jobs.MARK, str(marks), "c", idempotency_key="file_2")
    embedded_engine.send(blocker, "release", "go")

    assert again == first != other
    assert [embedded_engine.result(run, timeout=15) for run in (first, other)] == ["a", "c"]


def test_unknown_runs_and_bad_requests_are_refused(embedded_engine: Engine) -> None:
    with pytest.raises(JobNotFound):
        embedded_engine.status("no-such-run")
    with pytest.raises(JobNotFound):
        embedded_engine.cancel("no-such-run")
    with pytest.raises(ValueError, match="no job named"):
        embedded_engine.enqueue("files.nothing")
    with pytest.raises(ValueError, match="unknown queue"):
        embedded_engine.enqueue(PROBE_JOB, queue="gpu")
    with pytest.raises(ValueError, match="priority"):
        embedded_engine.enqueue(PROBE_JOB, priority=0)


def test_an_engine_that_is_not_started_refuses_work(embedded_settings: Settings) -> None:
    engine = Engine(embedded_settings)

    with pytest.raises(EngineError, match="not started"):
        engine.enqueue(PROBE_JOB)
    engine.stop()  # stopping a stopped engine is harmless


def test_only_one_engine_executes_per_process(embedded_engine: Engine, embedded_settings: Settings) -> None:
    embedded_engine.start()  # starting again is a no-op

    with pytest.raises(EngineError, match="already runs in this process"):
        Engine(embedded_settings).start()


def test_an_engine_starts_again_after_stopping(embedded_settings: Settings, tmp_path: Path) -> None:
    marks = tmp_path / "marks"
    for label in ("first life", "second life"):
        with Engine(embedded_settings) as engine:
            assert engine.result(engine.enqueue(jobs.MARK, str(marks), label), timeout=15) == label

    assert jobs.read_lines(marks) == ["first life", "second life"]
