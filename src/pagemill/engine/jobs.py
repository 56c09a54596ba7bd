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

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from dbos import DBOS

from pagemill.engine.queues import DEFAULT, check_queue

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


def current_run_id() -> str | None:
    """The id of the job run the caller executes in, or None outside a job."""
    return DBOS.workflow_id


def job_spec(name: str) -> JobSpec | None:
    return _JOBS.get(name)


def declared_jobs() -> list[str]:
    return sorted(_JOBS)


def _origin(function: Callable[..., Any]) -> str:
    return f"{function.__module__}.{function.__qualname__}"
