"""How feature modules declare durable work without importing the engine library.

    from pagemill.engine import job, step, recv

    @step(retries=3, interval=0.5, backoff=2.0)
    def fetch(url: str) -> bytes: ...

    @job("files.probe", queue="default")
    def probe_file(file_id: str) -> dict: ...

A job is a durable function: each finished step is checkpointed, so after a crash the job resumes and finished
steps return their recorded result instead of running again. Declare jobs at import time, before the engine
starts, in every process that executes them (the engine recovers interrupted runs at start).
Job and step bodies may be plain or `async` functions.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from dbos import DBOS, EnqueueOptions
from dbos import error as dbos_errors

from pagemill.engine.errors import JobCancelled
from pagemill.engine.queues import DEFAULT, check_priority, check_queue

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class JobSpec:
    name: str
    queue: str
    function: Callable[..., Any]


_JOBS: dict[str, JobSpec] = {}


def job(name: str, *, queue: str = DEFAULT) -> Callable[[F], F]:
    """Declare a durable job under a stable `name` (the name enqueues use, so never rename a live job)."""
    check_queue(queue)

    def declare(function: F) -> F:
        existing = _JOBS.get(name)
        if existing is not None and _origin(existing.function) != _origin(function):
            raise ValueError(f"job name {name!r} is already declared by {_origin(existing.function)}")
        durable = cast(F, DBOS.workflow(name=name)(function))
        _JOBS[name] = JobSpec(name=name, queue=queue, function=durable)
        return durable

    return declare


def step(
    *, retries: int = 0, interval: float = 1.0, backoff: float = 2.0, name: str | None = None
) -> Callable[[F], F]:
    """Declare a checkpointed step of a job.

    A failing step is tried again up to `retries` more times, waiting `interval` seconds before the first
    retry and `backoff` times longer before each next one. Steps must be called from a job to be durable.
    """
    if retries < 0:
        raise ValueError("retries must be >= 0")
    declare = DBOS.step(
        name=name,
        retries_allowed=retries > 0,
        max_attempts=retries + 1,
        interval_seconds=interval,
        backoff_rate=backoff,
    )
    return cast(Callable[[F], F], declare)


def recv(topic: str, timeout: float) -> Any:
    """Inside a job: wait durably for the next message sent to this run on `topic`; None after `timeout` s.

    The wait survives crashes and restarts, and a message sent while no executor runs the job is kept for it.
    """
    return DBOS.recv(topic, timeout_seconds=timeout)


async def recv_async(topic: str, timeout: float) -> Any:
    """`recv` for `async` jobs; a waiting async job holds no thread."""
    return await DBOS.recv_async(topic, timeout_seconds=timeout)


# How often a job waiting on another job looks at it: quickly at first, then less often, so thousands of
# waiting jobs stay cheap while short children are noticed within tens of milliseconds.
_WAIT_PHASES: tuple[tuple[float, float | None], ...] = ((0.02, 1.0), (0.2, 10.0), (1.0, None))


def enqueue_options(
    job_name: str, *, queue: str | None, priority: int, workflow_id: str | None
) -> EnqueueOptions:
    """How to queue a run of a declared job: on `queue` (default: the job's own) at `priority`."""
    spec = _JOBS.get(job_name)
    if spec is None:
        raise ValueError(f"no job named {job_name!r} is declared in this process")
    options: EnqueueOptions = {
        "workflow_name": job_name,
        "queue_name": check_queue(queue or spec.queue),
        "priority": check_priority(priority),
    }
    if workflow_id is not None:
        options["workflow_id"] = workflow_id
    return options


async def run_child(
    job_name: str, *args: Any, queue: str | None = None, priority: int = 50, workflow_id: str | None = None
) -> Any:
    """Inside an `async` job: enqueue a declared job as a child of this run and wait for its result.

    The enqueue is checkpointed, so a resumed parent finds the same child instead of starting another. The
    wait holds no thread and no slot of the child's queue. Raises the child's own exception, or JobCancelled.
    """
    handle = await DBOS.enqueue_workflow_with_options_async(
        enqueue_options(job_name, queue=queue, priority=priority, workflow_id=workflow_id), *args
    )
    return await _result_of(handle)


async def await_job(workflow_id: str) -> Any:
    """Inside an `async` job: wait for another, already enqueued job run to finish and return its result.

    Raises the awaited job's own exception, or JobCancelled. Use it for work queued by a service (for example
    a processor run submitted after a commit) whose run id the waiting job knows.
    """
    handle = await DBOS.retrieve_workflow_async(workflow_id, existing_workflow=False)
    return await _result_of(handle)


async def _result_of(handle: Any) -> Any:
    for interval, limit in _WAIT_PHASES:
        try:
            if limit is None:
                return await handle.get_result(polling_interval_sec=interval)
            return await asyncio.wait_for(handle.get_result(polling_interval_sec=interval), limit)
        except TimeoutError:
            continue
        except dbos_errors.DBOSAwaitedWorkflowCancelledError as error:
            raise JobCancelled(handle.get_workflow_id()) from error
    raise AssertionError("the last wait phase has no time limit")


def current_run_id() -> str | None:
    """The id of the job run the caller executes in, or None outside a job."""
    return DBOS.workflow_id


def job_spec(name: str) -> JobSpec | None:
    return _JOBS.get(name)


def declared_jobs() -> list[str]:
    return sorted(_JOBS)


def _origin(function: Callable[..., Any]) -> str:
    return f"{function.__module__}.{function.__qualname__}"
