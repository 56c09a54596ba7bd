"""A run's status changes made by the interpreter job, each firing its `workflow_run.*` webhook event.

PENDING → PROCESSING → PROCESSED | FAILED | NEEDS_REVIEW (→ PROCESSING on approval, REJECTED on rejection);
a requested cancel ends the run CANCELLED at the next step boundary.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pagemill.kit.clock import utcnow
from pagemill.models import WorkflowRun, WorkflowStepRun, WorkflowVersion
from pagemill.runtime import Runtime
from pagemill.webhooks.payload_links import base_url
from pagemill.webhooks.service import emit
from pagemill.workflow_runs.repository import StepRunRepository, WorkflowRunRepository
from pagemill.workflow_runs.status import RUN_EVENTS, STEP_PROCESSED_EVENT, RunState, StepState
from pagemill.workflow_runs.wire import VISIBLE_STEP_TYPES, WireContext, run_out, step_run_out


def notify(session: Session, runtime: Runtime, run: WorkflowRun) -> None:
    """Fire the event of the run's new status (completed, failed, needs_review, rejected, cancelled)."""
    event = RUN_EVENTS.get(RunState(run.status))
    if event is None:
        return
    session.flush()
    payload = run_out(WireContext(session, runtime, base_url(runtime.settings)), run).model_dump(mode="json")
    emit(session, run.workspace_id, event, payload, workflow_id=run.workflow_id)


def step_finished(session: Session, runtime: Runtime, run: WorkflowRun, step_run: WorkflowStepRun) -> None:
    """Fire `workflow_run.step_run.processed` with the StepRun when a listed step has been processed."""
    if step_run.status != StepState.PROCESSED or step_run.step_type not in VISIBLE_STEP_TYPES:
        return
    session.flush()
    context = WireContext(session, runtime, base_url(runtime.settings))
    processor_run = StepRunRepository(session).processor_runs([step_run.processor_run_id or ""])
    payload = step_run_out(context, step_run, processor_run.get(step_run.processor_run_id or ""))
    emit(session, run.workspace_id, STEP_PROCESSED_EVENT, payload, workflow_id=run.workflow_id)


def begin(session: Session, runtime: Runtime, run_id: str) -> dict[str, Any] | None:
    """PENDING → PROCESSING; the pinned version's steps and the input files, or None if nothing is to do."""
    run = WorkflowRunRepository(session).by_id(run_id, lock=True)
    if run is None:
        return None
    if run.cancel_requested and not RunState(run.status).finished:
        finish(session, runtime, run_id, RunState.CANCELLED)
        return None
    if RunState(run.status).finished:
        return None
    version = session.get(WorkflowVersion, run.workflow_version_id)
    if version is None:
        return None
    if run.status == RunState.PENDING:
        run.status = RunState.PROCESSING
        run.started_at = utcnow()
    return {"steps": version.steps, "files": run.files_snapshot}


def finish(
    session: Session,
    runtime: Runtime,
    run_id: str,
    state: RunState,
    reason: str | None = None,
    message: str | None = None,
) -> str | None:
    """End the run (a cancel asked for meanwhile wins over success); None when it had already ended."""
    run = WorkflowRunRepository(session).by_id(run_id, lock=True)
    if run is None or RunState(run.status).finished:
        return None
    if run.cancel_requested and state is not RunState.FAILED:
        state = RunState.CANCELLED
    now = utcnow()
    run.status = state
    run.finished_at = now
    run.updated_at = now
    if state is RunState.FAILED:
        run.failure_reason, run.failure_message = reason, message
    if state is RunState.CANCELLED:
        for step_run in StepRunRepository(session).of_run(run.id):
            if step_run.status in (StepState.PENDING, StepState.PROCESSING, StepState.WAITING):
                step_run.status = StepState.CANCELLED
    notify(session, runtime, run)
    return state.value


def pause_for_review(session: Session, runtime: Runtime, run_id: str) -> bool:
    """PROCESSING → NEEDS_REVIEW; False when the run was cancelled or deleted meanwhile."""
    run = WorkflowRunRepository(session).by_id(run_id, lock=True)
    if run is None or run.cancel_requested or RunState(run.status).finished:
        return False
    run.status = RunState.NEEDS_REVIEW
    run.updated_at = utcnow()
    notify(session, runtime, run)
    return True


def review_decision(session: Session, run_id: str) -> str | None:
    """`approved`, `rejected`, or None while the run still waits for its reviewer."""
    run = WorkflowRunRepository(session).by_id(run_id)
    if run is None or run.status == RunState.REJECTED:
        return "rejected"
    if run.status == RunState.NEEDS_REVIEW:
        return None
    return "approved"
