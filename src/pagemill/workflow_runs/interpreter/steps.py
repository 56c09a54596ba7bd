"""Executing one step for one branch, recorded as a step run so that executing it again is harmless.

A resumed interpreter may execute a step whose effects were committed but whose checkpoint was not: the
step run found by (run, step, branch) then gives back its recorded outcome, or the processor run it queued.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from pagemill.kit.ids import new_id
from pagemill.models import WorkflowRun, WorkflowStepRun
from pagemill.runs.repository import ProcessorRunRepository
from pagemill.runtime import Runtime
from pagemill.workflow_runs import lifecycle
from pagemill.workflow_runs.interpreter import classification, external, flow, processors, routing
from pagemill.workflow_runs.interpreter.call import StepCall
from pagemill.workflow_runs.interpreter.outcome import Outcome, StepFailure, await_run, cancel, fail
from pagemill.workflow_runs.repository import StepRunRepository, WorkflowRunRepository
from pagemill.workflow_runs.status import FailureReason, StepState

STEP_RUN_PREFIX = "workflow_step_run"
Executor = Callable[[StepCall], tuple[Outcome, dict[str, Any] | None]]

EXECUTORS: dict[str, Executor] = {
    "TRIGGER": flow.run_pass_through,
    "COLLECT": flow.run_pass_through,
    "FILE_CONVERSION": flow.run_pass_through,
    "WEBHOOK_RESPONSE": flow.run_webhook_response,
    "HUMAN_REVIEW": flow.run_human_review,
    "PARSE": processors.run_parse,
    "EXTRACT": processors.run_extract,
    "CONDITIONAL_EXTRACT": processors.run_conditional_extract,
    "MERGE_EXTRACT": processors.run_merge_extract,
    "CONDITIONAL": routing.run_conditional,
    "ROUTER": routing.run_router,
    "RULE_VALIDATION": routing.run_rule_validation,
    "VALIDATION": routing.run_validation,
    "EXTERNAL_DATA_VALIDATION": external.run_external_data_validation,
    "CLASSIFY": classification.run_by_class,
    "SPLIT": classification.run_by_class,
}


def _step(steps: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(step for step in steps if step["name"] == name)


def _step_run(
    session: Session, run: WorkflowRun, step: dict[str, Any], token: dict[str, Any]
) -> WorkflowStepRun:
    repository = StepRunRepository(session)
    step_run = WorkflowStepRun(
        id=new_id(STEP_RUN_PREFIX),
        workspace_id=run.workspace_id,
        workflow_run_id=run.id,
        sequence=repository.next_sequence(run.id),
        step_id=step.get("id"),
        step_name=step["name"],
        step_type=step["type"],
        branch=token["branch"],
        status=StepState.PROCESSING,
        files_snapshot=token["files"],
        attempt=1,
    )
    repository.add(step_run)
    return step_run


def execute(
    session: Session,
    runtime: Runtime,
    run_id: str,
    token: dict[str, Any],
    steps: list[dict[str, Any]],
    attempt: int,
) -> Outcome:
    run = WorkflowRunRepository(session).by_id(run_id)
    if run is None or run.cancel_requested:
        return cancel()
    step = _step(steps, token["step"])
    step_run = StepRunRepository(session).find(run_id, step["name"], token["branch"])
    if step_run is not None and attempt <= step_run.attempt:
        if (step_run.outcome or {}).get("kind"):
            return dict(step_run.outcome or {})
        if step_run.processor_run_id is not None:
            _requeue(runtime, session, step_run.processor_run_id)
            return await_run(step_run.processor_run_id)
    if step_run is None:
        step_run = _step_run(session, run, step, token)
    elif attempt > step_run.attempt:
        previous = [*(step_run.outcome or {}).get("previousRuns", [])]
        step_run.attempt, step_run.status, step_run.outcome = attempt, StepState.PROCESSING, None
        if step_run.processor_run_id:
            step_run.outcome = {"previousRuns": [*previous, step_run.processor_run_id]}
        step_run.processor_run_id = None
    # Show the step as PROCESSING while it runs; executing it again after a crash finds this row.
    session.commit()
    call = StepCall(session, runtime, run, step_run, step, steps, token)
    try:
        outcome, result = _executor(step)(call)
    except StepFailure as failure:
        outcome, result = fail(failure.reason, failure.message), None
    step_run.result = result
    if outcome["kind"] == "await":
        return outcome
    step_run.outcome = {**(step_run.outcome or {}), **outcome}
    step_run.status = {"fail": StepState.FAILED, "review": StepState.WAITING}.get(
        outcome["kind"], call.extra.get("status", StepState.PROCESSED)
    )
    lifecycle.step_finished(session, runtime, run, step_run)
    return outcome


def _executor(step: dict[str, Any]) -> Executor:
    executor = EXECUTORS.get(step["type"])
    if executor is None:
        raise StepFailure(
            FailureReason.INVALID_WORKFLOW, f"Step {step['name']!r} has an unknown type {step['type']!r}."
        )
    return executor


def _requeue(runtime: Runtime, session: Session, processor_run_id: str) -> None:
    """Queue a processor run again (a no-op when it is queued): its first enqueue may have been lost."""
    run = ProcessorRunRepository(session).by_id(processor_run_id)
    job = processors.PROCESSOR_JOBS.get(run.kind) if run is not None else None
    if run is not None and job is not None:
        runtime.engine.enqueue(job, run.id, priority=run.priority, workflow_id=run.id)


def collect(
    session: Session, runtime: Runtime, run_id: str, token: dict[str, Any], steps: list[dict[str, Any]]
) -> Outcome:
    """The outcome of a step whose processor run has finished: CLASSIFY and SPLIT route by its output."""
    run = WorkflowRunRepository(session).by_id(run_id)
    step_run = StepRunRepository(session).find(run_id, token["step"], token["branch"])
    if run is None or step_run is None:
        return cancel()
    if (step_run.outcome or {}).get("kind"):
        return dict(step_run.outcome or {})
    step = _step(steps, token["step"])
    processor_run = ProcessorRunRepository(session).by_id(step_run.processor_run_id or "")
    outcome = processors.collect_processor(run, step_run, step, processor_run)
    if (
        outcome["kind"] == "next"
        and processor_run is not None
        and step["type"] in classification.ROUTED_BY_CLASS
    ):
        try:
            outcome, step_run.result = classification.route_by_class(
                session, runtime.storage, step, step_run, processor_run, token
            )
        except StepFailure as failure:
            step_run.status = StepState.FAILED
            outcome = fail(failure.reason, failure.message)
    if outcome["kind"] != "retry":
        step_run.outcome = {**(step_run.outcome or {}), **outcome}
        lifecycle.step_finished(session, runtime, run, step_run)
    return outcome
