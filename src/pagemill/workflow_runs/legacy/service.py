"""2025-04-21 requests carried out by the current workflow run service, and the correct-outputs rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from pagemill.auth.service import Principal
from pagemill.errors import NotFound, PagemillError
from pagemill.kit.clock import utcnow
from pagemill.models import WorkflowRun
from pagemill.runs import service as runs
from pagemill.runs.repository import ProcessorRunRepository
from pagemill.runtime import Runtime
from pagemill.workflow_runs import service
from pagemill.workflow_runs.interpreter.context import EXTRACT_TYPES
from pagemill.workflow_runs.legacy.schemas import LegacyBatchCreate, LegacyOutputCorrection, LegacyRunCreate
from pagemill.workflow_runs.legacy.wire import OUTPUT_TYPES
from pagemill.workflow_runs.repository import StepRunRepository
from pagemill.workflow_runs.reviews import corrected
from pagemill.workflow_runs.schemas import (
    WorkflowBatchCreate,
    WorkflowBatchInput,
    WorkflowReference,
    WorkflowRunCreate,
)

T = TypeVar("T")


def _at(path: str, action: Callable[..., T], *args: Any) -> T:
    """Run `action`, reporting an input error at the legacy field `path` (the current field names differ)."""
    try:
        return action(*args)
    except PagemillError as error:
        if error.path is None:
            raise
        raise type(error)(str(error).split("; Path: ")[0], path=path) from None


def create_runs(
    session: Session, runtime: Runtime, principal: Principal, body: LegacyRunCreate
) -> list[WorkflowRun]:
    """One run per file or raw text, all on the same workflow version, priority and metadata."""
    reference = WorkflowReference(id=body.workflow_id, version=body.version)
    field = "files" if body.files is not None else "rawTexts"
    created = []
    for index, (file_input, outputs) in enumerate(body.inputs()):
        request = WorkflowRunCreate(
            workflow=reference,
            file=file_input,
            outputs=outputs,
            priority=body.priority,
            metadata=body.metadata,
        )
        path = f"{field}[{index}]"
        created.append(_at(path, service.create_run, session, runtime, principal, request))
    return created


def create_batch(session: Session, runtime: Runtime, principal: Principal, body: LegacyBatchCreate) -> str:
    request = WorkflowBatchCreate(
        workflow=WorkflowReference(id=body.workflow_id, version=body.version),
        inputs=[
            WorkflowBatchInput(file=item.as_input(), metadata=item.metadata, secrets=item.secrets)
            for item in body.inputs
        ],
        priority=body.priority,
    )
    return service.create_batch(session, runtime, principal, request)


def correct_output(
    session: Session,
    runtime: Runtime,
    principal: Principal,
    run_id: str,
    output_id: str,
    body: LegacyOutputCorrection,
) -> WorkflowRun:
    """Keep a corrected processor output beside the initial one: extraction fields given replace the
    extracted (or earlier corrected) ones; a classification or split output is replaced whole."""
    run = service.get_run(session, principal, run_id, lock=True)
    step_run = next(
        (
            item
            for item in StepRunRepository(session).of_run(run.id)
            if item.processor_run_id == output_id and item.step_type in OUTPUT_TYPES
        ),
        None,
    )
    if step_run is None:
        raise NotFound(f"Workflow run {run_id} has no output {output_id}", path="outputId")
    if step_run.step_type in EXTRACT_TYPES:
        processor_run = ProcessorRunRepository(session).by_id(output_id)
        initial = runs.read_output(runtime.storage, processor_run) if processor_run else None
        step_run.reviewed_output = corrected(step_run.reviewed_output or initial or {}, body.reviewed_output)
    else:
        step_run.reviewed_output = body.reviewed_output
    run.updated_at = utcnow()
    session.flush()
    return run
