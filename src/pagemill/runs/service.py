"""The lifecycle every processor run follows, whatever the processor.

PENDING → PROCESSING → PROCESSED | FAILED (| CANCELLED for kinds that have it). The API creates runs and asks
the engine to execute them once the creating transaction has committed; jobs move them on with these functions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from pagemill.auth.service import Principal
from pagemill.db.session import after_commit
from pagemill.engine import Engine, JobTimeout
from pagemill.errors import InvalidRequest, NotFound, SyncTimeout
from pagemill.files.schemas import FileSummary
from pagemill.kit.clock import utcnow
from pagemill.kit.pagination import PageRequest
from pagemill.models import BatchRun, File, ProcessorRun
from pagemill.runs.repository import BatchRunRepository, ProcessorRunRepository
from pagemill.runs.status import RunStatus
from pagemill.storage import Storage
from pagemill.webhooks.run_events import notify_run_finished

CANCELLED_REASON = "CANCELLED"
# Processor kinds whose runs have a CANCELLED status in Extend's API.
KINDS_WITH_CANCELLED = frozenset({"extract", "classify", "split"})


def file_columns(file: File) -> dict[str, Any]:
    """The run columns that describe its input file."""
    summary = FileSummary.of(file).model_dump(mode="json", by_alias=True)
    return {"file_id": file.id, "file_name": file.name, "file_snapshot": summary}


def output_key(run: ProcessorRun) -> str:
    return f"{run.workspace_id}/outputs/{run.id}.json"


def get_run(session: Session, principal: Principal, kind: str, run_id: str) -> ProcessorRun:
    run = ProcessorRunRepository(session).get(principal.workspace_id, kind, run_id)
    if run is None:
        raise NotFound(f"Run {run_id} does not exist", path="id")
    return run


def list_runs(
    session: Session, principal: Principal, kind: str, page: PageRequest, **filters: str | None
) -> tuple[list[ProcessorRun], str | None]:
    return ProcessorRunRepository(session).page(principal.workspace_id, kind, page, **filters)


def submit(session: Session, engine: Engine, runs: list[ProcessorRun], job_name: str) -> None:
    """Store new runs and enqueue one job each, after the commit (the job reads the committed row).

    The run id is the job's workflow id, so enqueueing twice never runs a run twice.
    """
    ProcessorRunRepository(session).add_all(runs)

    def enqueue() -> None:
        for run in runs:
            engine.enqueue(job_name, run.id, priority=run.priority, workflow_id=run.id)

    after_commit(session, enqueue)


SYNC_LIMIT_SECONDS = 290.0  # sync endpoints answer under the SDK's 300 s client timeout


def wait_synchronously(session: Session, engine: Engine, run: ProcessorRun, poll_path: str) -> ProcessorRun:
    """For the sync endpoints: commit the new run, wait for its job, and return it refreshed.

    Past the limit a 504 carries the `runId`, and the run goes on; `poll_path` tells the caller where to poll.
    """
    session.commit()
    try:
        engine.result(run.id, timeout=SYNC_LIMIT_SECONDS)
    except JobTimeout:
        raise SyncTimeout(
            f"The run takes longer than the synchronous limit; poll GET {poll_path}/{{runId}}", run_id=run.id
        ) from None
    session.refresh(run)
    return run


def start(session: Session, run_id: str) -> ProcessorRun | None:
    """PENDING → PROCESSING. None when the run was deleted, cancelled or already finished."""
    repository = ProcessorRunRepository(session)
    run = repository.by_id(run_id, lock=True)
    if run is None or RunStatus(run.status).terminal:
        return None
    if run.cancel_requested:
        _finish_cancelled(run)
        return None
    # Compare and set: SQLite takes no row lock, so a cancel may have committed since the read above.
    started = repository.transition(
        run_id, expected=run.status, status=RunStatus.PROCESSING, started_at=run.started_at or utcnow()
    )
    session.refresh(run)
    return run if started else None


def finish_processed(
    session: Session,
    storage: Storage,
    run_id: str,
    output: dict[str, Any],
    *,
    metrics: dict[str, Any] | None,
    usage: dict[str, Any] | None = None,
) -> None:
    run = ProcessorRunRepository(session).by_id(run_id, lock=True)
    if run is None or RunStatus(run.status).terminal:
        return
    key = output_key(run)
    storage.put(key, _json_stream(output), content_type="application/json")
    run.output_key = key
    run.status = RunStatus.PROCESSED
    run.metrics = metrics
    run.usage = usage
    run.finished_at = utcnow()
    notify_run_finished(session, run)


def finish_failed(session: Session, run_id: str, reason: str, message: str) -> None:
    run = ProcessorRunRepository(session).by_id(run_id, lock=True)
    if run is None or RunStatus(run.status).terminal:
        return
    if reason == CANCELLED_REASON:
        _finish_cancelled(run)
        return
    run.status = RunStatus.FAILED
    run.failure_reason = reason
    run.failure_message = message
    run.finished_at = utcnow()
    notify_run_finished(session, run)


def _cancelled_values(kind: str) -> dict[str, Any]:
    if kind in KINDS_WITH_CANCELLED:
        return {"status": RunStatus.CANCELLED, "finished_at": utcnow()}
    # Parse runs have no CANCELLED status in Extend's API; they end FAILED with reason CANCELLED.
    return {
        "status": RunStatus.FAILED,
        "failure_reason": CANCELLED_REASON,
        "failure_message": "The run was cancelled at the caller's request.",
        "finished_at": utcnow(),
    }


def _finish_cancelled(run: ProcessorRun) -> None:
    for name, value in _cancelled_values(run.kind).items():
        setattr(run, name, value)


def stop_checker(database_session: Callable[[], Any], run_id: str) -> Callable[[], bool]:
    """A `should_stop` for long processors: is cancellation requested? Reads at most every half second."""
    import time

    state = {"checked": 0.0, "stop": False}

    def should_stop() -> bool:
        now = time.monotonic()
        if not state["stop"] and now - state["checked"] >= 0.5:
            state["checked"] = now
            with database_session() as session:
                state["stop"] = ProcessorRunRepository(session).cancel_requested(run_id)
        return bool(state["stop"])

    return should_stop


def cancel(session: Session, engine: Engine, principal: Principal, kind: str, run_id: str) -> ProcessorRun:
    run = get_run(session, principal, kind, run_id)
    if RunStatus(run.status).terminal:
        raise InvalidRequest(f"Run {run_id} is already {run.status} and cannot be cancelled", path="id")
    repository = ProcessorRunRepository(session)
    repository.transition(run_id, expected=None, cancel_requested=True)
    # A run no job has started yet ends here; a running one stops at its next check of `cancel_requested`.
    if repository.transition(run_id, expected=RunStatus.PENDING, **_cancelled_values(run.kind)):
        after_commit(session, lambda: engine.cancel(run_id))
    session.refresh(run)
    return run


def delete(session: Session, engine: Engine, storage: Storage, principal: Principal, kind: str, run_id: str) -> str:
    run = get_run(session, principal, kind, run_id)
    key = run.output_key
    running = not RunStatus(run.status).terminal
    ProcessorRunRepository(session).delete(run)

    def purge() -> None:
        if running:
            engine.cancel(run_id)
        if key:
            storage.delete(key)

    after_commit(session, purge)
    return run_id


def read_output(storage: Storage, run: ProcessorRun) -> dict[str, Any] | None:
    if run.status != RunStatus.PROCESSED or not run.output_key:
        return None
    with storage.open(run.output_key) as body:
        output: dict[str, Any] = json.load(body)
    return output


def batch_status(session: Session, batch: BatchRun) -> str:
    counts = BatchRunRepository(session).status_counts(batch.id)
    done = sum(counts.get(status, 0) for status in (RunStatus.PROCESSED, RunStatus.FAILED, RunStatus.CANCELLED))
    if batch.cancelled:
        return "CANCELLED"
    if done < batch.run_count:
        return "PENDING" if counts.get(RunStatus.PENDING, 0) == batch.run_count else "PROCESSING"
    return "FAILED" if counts.get(RunStatus.FAILED, 0) == batch.run_count else "PROCESSED"


def _json_stream(value: dict[str, Any]) -> Any:
    import io

    return io.BytesIO(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())
