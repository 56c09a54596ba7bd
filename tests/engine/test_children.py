"""A job starting another job as its child, or waiting for a job queued elsewhere, and getting its result."""

from __future__ import annotations

from pathlib import Path

from pagemill.engine import (
    ORCHESTRATION,
    WORK,
    Engine,
    JobCancelled,
    await_job,
    job,
    recv_async,
    run_child,
    step,
)
from tests.engine.engine_test_jobs import append_line, read_lines

CHILD = "tests.engine.children.child"
SLOW_CHILD = "tests.engine.children.slow_child"
PARENT = "tests.engine.children.parent"
WAITER = "tests.engine.children.waiter"


@step()
async def _count(marks_file: str, label: str) -> None:
    append_line(marks_file, label)


@job(CHILD, queue=WORK)
async def child(marks_file: str, value: int) -> int:
    await _count(marks_file, f"child {value}")
    return value * 10


@job(SLOW_CHILD, queue=WORK)
async def slow_child() -> str | None:
    released: str | None = await recv_async("release", 30)
    return released


@job(PARENT, queue=ORCHESTRATION)
async def parent(marks_file: str, values: list[int]) -> list[int]:
    results = []
    for value in values:
        results.append(await run_child(CHILD, marks_file, value, priority=90))
    await _count(marks_file, "parent done")
    return results


@job(WAITER, queue=ORCHESTRATION)
async def waiter(awaited_id: str) -> str:
    try:
        return f"got {await await_job(awaited_id)}"
    except JobCancelled:
        return "cancelled"


def test_a_job_runs_children_on_the_work_queue_and_gets_their_results(
    embedded_engine: Engine, tmp_path: Path
) -> None:
    marks = tmp_path / "marks.txt"
    run_id = embedded_engine.enqueue(PARENT, str(marks), [1, 2, 3])

    assert embedded_engine.result(run_id, timeout=60) == [10, 20, 30]
    assert read_lines(marks) == ["child 1", "child 2", "child 3", "parent done"]


def test_a_child_given_an_id_is_findable_by_it(embedded_engine: Engine, tmp_path: Path) -> None:
    marks = tmp_path / "marks.txt"
    named = "tests-children-named-parent"
    embedded_engine.enqueue(PARENT, str(marks), [4], workflow_id=named)

    assert embedded_engine.result(named, timeout=60) == [40]
    assert embedded_engine.status(named).is_final


def test_a_job_waits_for_a_job_queued_by_someone_else(embedded_engine: Engine) -> None:
    awaited = embedded_engine.enqueue(SLOW_CHILD)
    waiting = embedded_engine.enqueue(WAITER, awaited)
    embedded_engine.send(awaited, "release", "approved")

    assert embedded_engine.result(waiting, timeout=60) == "got approved"


def test_waiting_on_a_cancelled_job_raises_job_cancelled_in_the_waiter(embedded_engine: Engine) -> None:
    awaited = embedded_engine.enqueue(SLOW_CHILD)
    waiting = embedded_engine.enqueue(WAITER, awaited)
    embedded_engine.cancel(awaited)

    assert embedded_engine.result(waiting, timeout=60) == "cancelled"


def test_a_waiting_parent_leaves_the_single_work_slot_to_its_child(
    embedded_engine: Engine, tmp_path: Path
) -> None:
    # worker_concurrency is 1: if waiting parents held the slot, their children could never start.
    marks = tmp_path / "marks.txt"
    runs = [embedded_engine.enqueue(PARENT, str(marks), [value]) for value in (5, 6, 7)]

    assert [embedded_engine.result(run, timeout=60) for run in runs] == [[50], [60], [70]]
