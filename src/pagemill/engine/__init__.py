"""Pagemill's durable execution port: the only package that talks to the engine library (DBOS Transact).

Feature modules declare work with `job` and `step` (and wait for messages with `recv`); services run it
through an `Engine`. The roles are settings: `all` executes in-process on SQLite, `worker` executes queued
work, `api` only enqueues.
"""

from pagemill.engine.control import Engine
from pagemill.engine.errors import EngineError, JobCancelled, JobNotFound, JobTimeout
from pagemill.engine.jobs import await_job, current_run_id, job, recv, recv_async, run_child, step
from pagemill.engine.queues import DEFAULT, ORCHESTRATION, WORK
from pagemill.engine.status import JobStatus

__all__ = [
    "DEFAULT",
    "ORCHESTRATION",
    "WORK",
    "Engine",
    "EngineError",
    "JobCancelled",
    "JobNotFound",
    "JobStatus",
    "JobTimeout",
    "await_job",
    "current_run_id",
    "job",
    "recv",
    "recv_async",
    "run_child",
    "step",
]
