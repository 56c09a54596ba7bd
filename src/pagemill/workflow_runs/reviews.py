"""Human review, Pagemill's own API (Extend has none): the queue of runs in NEEDS_REVIEW, their outputs, and a
named reviewer's approval (with corrected outputs kept beside the initial ones) or rejection (with a note).

The decision is written to the run first and then sent to the waiting interpreter as a durable message, so a
review given while no worker runs is acted on when one starts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pagemill.auth.service import Principal
from pagemill.db.session import after_commit
from pagemill.errors import InvalidRequest
from pagemill.kit.clock import utcnow
from pagemill.kit.pagination import PageRequest
from pagemill.models import WorkflowRun, WorkflowStepRun
from pagemill.runs import service as runs
from pagemill.runtime import Runtime
from pagemill.workflow_runs import lifecycle
from pagemill.workflow_runs.interpreter.context import EXTRACT_TYPES
from pagemill.workflow_runs.repository import StepRunRepository, WorkflowRunRepository
from pagemill.workflow_runs.schemas import ReviewApproval, ReviewOutput, ReviewRejection
from pagemill.workflow_runs.service import get_run
from pagemill.workflow_runs.status import RunState, StepState
from pagemill.workflow_runs.tasks import REVIEW_TOPIC


def list_reviews(
    session: Session, principal: Principal, page: PageRequest
) -> tuple[list[WorkflowRun], str | None]:
    return WorkflowRunRepository(session).page(principal.workspace_id, page, status=RunState.NEEDS_REVIEW)


def _reviewable(session: Session, run: WorkflowRun) -> list[WorkflowStepRun]:
    return [
        item
        for item in StepRunRepository(session).of_run(run.id)
        if item.step_type in EXTRACT_TYPES and item.status == StepState.PROCESSED
    ]


def review_outputs(session: Session, runtime: Runtime, run: WorkflowRun) -> list[ReviewOutput]:
    step_runs = _reviewable(session, run)
    processor_runs = StepRunRepository(session).processor_runs(
        [item.processor_run_id for item in step_runs if item.processor_run_id]
    )
    outputs = []
    for item in step_runs:
        processor_run = processor_runs.get(item.processor_run_id or "")
        outputs.append(
            ReviewOutput(
                step_run_id=item.id,
                step_name=item.step_name,
                step_type=item.step_type,
                processor_run_id=item.processor_run_id,
                initial_output=runs.read_output(runtime.storage, processor_run) if processor_run else None,
                reviewed_output=item.reviewed_output,
            )
        )
    return outputs


def _waiting(session: Session, principal: Principal, run_id: str) -> WorkflowRun:
    run = get_run(session, principal, run_id, lock=True)
    if run.status != RunState.NEEDS_REVIEW:
        raise InvalidRequest(f"Workflow run {run_id} is {run.status}, not NEEDS_REVIEW", path="runId")
    return run


def _send(session: Session, runtime: Runtime, run_id: str, decision: str) -> None:
    engine = runtime.engine
    after_commit(
        session,
        lambda: engine.send(run_id, REVIEW_TOPIC, {"decision": decision}, idempotency_key=f"{run_id}:review"),
    )


def _mark_reviewed(run: WorkflowRun, reviewer: str) -> None:
    now = utcnow()
    run.reviewed = True
    run.reviewed_by_user = reviewer
    run.reviewed_at = now
    run.updated_at = now


def approve(
    session: Session, runtime: Runtime, principal: Principal, run_id: str, body: ReviewApproval
) -> WorkflowRun:
    """Keep each corrected output beside the initial one and let the run go on from its review step."""
    run = _waiting(session, principal, run_id)
    initial = {item.step_name: item for item in review_outputs(session, runtime, run)}
    step_runs = {item.step_name: item for item in _reviewable(session, run)}
    for index, correction in enumerate(body.outputs or []):
        found = initial.get(correction.step_name)
        if found is None:
            known = ", ".join(sorted(initial)) or "none"
            raise InvalidRequest(
                f"no processed extraction step named {correction.step_name!r} in this run (known: {known})",
                path=f"outputs[{index}].stepName",
            )
        step_runs[correction.step_name].reviewed_output = corrected(
            found.initial_output or {}, correction.output
        )
    _mark_reviewed(run, body.reviewer)
    run.status = RunState.PROCESSING
    session.flush()
    _send(session, runtime, run_id, "approved")
    return run


def corrected(initial: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """The reviewed output: the given `value` fields replace the extracted ones; the rest stay."""
    value = {**(initial.get("value") or {}), **(given.get("value") or {})}
    return {"value": value, "metadata": {**(initial.get("metadata") or {}), **(given.get("metadata") or {})}}


def reject(
    session: Session, runtime: Runtime, principal: Principal, run_id: str, body: ReviewRejection
) -> WorkflowRun:
    run = _waiting(session, principal, run_id)
    _mark_reviewed(run, body.reviewer)
    run.status = RunState.REJECTED
    run.rejection_note = body.note
    run.finished_at = run.reviewed_at
    lifecycle.notify(session, runtime, run)
    _send(session, runtime, run_id, "rejected")
    return run
