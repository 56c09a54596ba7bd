"""Finding processor runs whose job was never enqueued (the process died between commit and enqueue), and
enqueueing them."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from pagemill.engine import JobNotFound
from pagemill.kit.clock import utcnow
from pagemill.models import ProcessorRun
from pagemill.runs.status import RunStatus
from pagemill.runtime import Runtime

_JOBS_BY_KIND: dict[str, str] = {}


def register_run_job(kind: str, job_name: str) -> None:
    """Declare which engine job executes runs of `kind` (called by each processor feature's tasks module)."""
    _JOBS_BY_KIND[kind] = job_name


def enqueue_stranded_runs(runtime: Runtime, *, older_than: timedelta, limit: int = 100) -> int:
    """Enqueue the PENDING runs older than `older_than` that have no job; returns how many it enqueued."""
    cutoff = utcnow() - older_than
    with runtime.database.session() as session:
        rows = session.execute(
            sa.select(ProcessorRun.id, ProcessorRun.kind, ProcessorRun.priority)
            .where(
                ProcessorRun.status == RunStatus.PENDING,
                ProcessorRun.cancel_requested.is_(False),
                ProcessorRun.created_at < cutoff,
                ProcessorRun.kind.in_(list(_JOBS_BY_KIND)),
            )
            .order_by(ProcessorRun.created_at)
            .limit(limit)
        ).all()
    enqueued = 0
    for run_id, kind, priority in rows:
        try:
            runtime.engine.status(run_id)
            continue
        except JobNotFound:
            pass
        runtime.engine.enqueue(_JOBS_BY_KIND[kind], run_id, priority=priority, workflow_id=run_id)
        enqueued += 1
    return enqueued
