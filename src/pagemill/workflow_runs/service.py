"""Workflow runs: the rules of creating, batching, reading, updating, cancelling and deleting runs.

Execution happens in `tasks.py`: one durable interpreter job per run on the orchestration queue.
"""

from __future__ import annotations

import contextlib
from typing import Any

from sqlalchemy.orm import Session

from pagemill.auth.service import Principal
from pagemill.db.session import after_commit
from pagemill.engine import JobNotFound
from pagemill.errors import InvalidRequest, NotFound
from pagemill.files.schemas import FileSummary
from pagemill.files.service import FileServices
from pagemill.kit.clock import utcnow
from pagemill.kit.ids import new_id
from pagemill.kit.pagination import PageRequest
from pagemill.models import File, ProcessorRun, WorkflowRun, WorkflowVersion
from pagemill.runs.inputs import resolve_file
from pagemill.runs.repository import ProcessorRunRepository
from pagemill.runs.schemas import FileInput
from pagemill.runs.service import output_key
from pagemill.runtime import Runtime
from pagemill.workflow_runs.repository import StepRunRepository, WorkflowRunRepository
from pagemill.workflow_runs.schemas import (
    WorkflowBatchCreate,
    WorkflowReference,
    WorkflowRunCreate,
    WorkflowRunUpdate,
)
from pagemill.workflow_runs.secrets import seal_secrets
from pagemill.workflow_runs.status import RunState
from pagemill.workflow_runs.tasks import JOB
from pagemill.workflows import service as workflows
from pagemill.workflows.repository import WorkflowRepository

RUN_PREFIX = "workflow_run"
BATCH_PREFIX = "batch"


def file_services(runtime: Runtime) -> FileServices:
    return FileServices(settings=runtime.settings, storage=runtime.storage, url_guard=runtime.url_guard)


def resolve_version(session: Session, principal: Principal, reference: WorkflowReference) -> WorkflowVersion:
    """Omitted → the latest deployed version, else the draft; "draft"; or a version number such as "3"."""
    workflow = workflows.get(session, principal, reference.id)
    repository = WorkflowRepository(session)
    version = reference.version
    if version is None or version == workflows.LATEST:
        found = repository.latest_deployed(workflow) or repository.draft(workflow)
    elif version == "draft":
        found = repository.draft(workflow)
    elif version.isascii() and version.isdigit():
        found = repository.version(workflow, str(int(version)))
    else:
        raise InvalidRequest(
            'version must be "draft", "latest" or a version number such as "3"', path="workflow.version"
        )
    if found is None:
        raise NotFound(f"Workflow {reference.id} has no version {version!r}", path="workflow.version")
    return found


def _snapshot(file: File) -> dict[str, Any]:
    return FileSummary.of(file).model_dump(mode="json", by_alias=True)


def _new_run(
    runtime: Runtime,
    principal: Principal,
    version: WorkflowVersion,
    files: list[File],
    *,
    priority: int,
    metadata: dict[str, Any] | None,
    secrets: dict[str, Any] | None,
    batch_id: str | None = None,
    provided: dict[str, Any] | None = None,
    package: bool = False,
) -> WorkflowRun:
    now = utcnow()
    return WorkflowRun(
        id=new_id(RUN_PREFIX),
        workspace_id=principal.workspace_id,
        workflow_id=version.workflow_id,
        workflow_version_id=version.id,
        status=RunState.PENDING,
        run_metadata=metadata or {},
        batch_id=batch_id,
        priority=priority,
        file_name=files[0].name,
        files_snapshot=[_snapshot(file) for file in files],
        is_package=package,
        provided_outputs=provided or {},
        secrets_sealed=seal_secrets(runtime.settings, secrets),
        created_at=now,
        updated_at=now,
    )


def _submit(session: Session, runtime: Runtime, runs: list[WorkflowRun]) -> None:
    """Store the runs and queue one interpreter job each once committed; the run id is the job id."""
    WorkflowRunRepository(session).add_all(runs)
    engine = runtime.engine

    def enqueue() -> None:
        for run in runs:
            engine.enqueue(JOB, run.id, priority=run.priority, workflow_id=run.id)

    after_commit(session, enqueue)


def _resolve(
    session: Session, runtime: Runtime, principal: Principal, file_input: FileInput, path: str
) -> File:
    return resolve_file(session, file_services(runtime), principal, file_input, path=path)


def create_run(
    session: Session, runtime: Runtime, principal: Principal, body: WorkflowRunCreate
) -> WorkflowRun:
    version = resolve_version(session, principal, body.workflow)
    if body.file is not None:
        files = [_resolve(session, runtime, principal, body.file, "file")]
    else:
        assert body.package is not None
        files = [
            _resolve(session, runtime, principal, item, f"package.files[{index}]")
            for index, item in enumerate(body.package.files)
        ]
    provided = {item.processor_id: item.output for item in body.outputs or []}
    run = _new_run(
        runtime,
        principal,
        version,
        files,
        priority=body.priority,
        metadata=body.metadata,
        secrets=body.secrets,
        provided=provided,
        package=body.package is not None,
    )
    _submit(session, runtime, [run])
    return run


def create_batch(session: Session, runtime: Runtime, principal: Principal, body: WorkflowBatchCreate) -> str:
    """One run per input, sharing a batch id, queued at the batch priority (default 90, after single runs)."""
    version = resolve_version(session, principal, body.workflow)
    batch_id = new_id(BATCH_PREFIX)
    runs = [
        _new_run(
            runtime,
            principal,
            version,
            [_resolve(session, runtime, principal, item.file, f"inputs[{index}].file")],
            priority=body.priority,
            metadata=item.metadata,
            secrets=item.secrets,
            batch_id=batch_id,
        )
        for index, item in enumerate(body.inputs)
    ]
    _submit(session, runtime, runs)
    return batch_id


def get_run(session: Session, principal: Principal, run_id: str, *, lock: bool = False) -> WorkflowRun:
    run = WorkflowRunRepository(session).get(principal.workspace_id, run_id, lock=lock)
    if run is None:
        raise NotFound(f"Workflow run {run_id} does not exist", path="id")
    return run


def list_runs(
    session: Session, principal: Principal, page: PageRequest, **filters: str | None
) -> tuple[list[WorkflowRun], str | None]:
    return WorkflowRunRepository(session).page(principal.workspace_id, page, **filters)


def update_run(session: Session, principal: Principal, run_id: str, body: WorkflowRunUpdate) -> WorkflowRun:
    """Any status: `metadata` is merged into the run's (incoming keys win); `name` replaces the name."""
    run = get_run(session, principal, run_id, lock=True)
    if body.metadata is not None:
        run.run_metadata = {**(run.run_metadata or {}), **body.metadata}
    if body.name is not None:
        run.name = body.name
    run.updated_at = utcnow()
    session.flush()
    return run


def cancel_run(session: Session, runtime: Runtime, principal: Principal, run_id: str) -> WorkflowRun:
    """PENDING ends CANCELLED at once; PROCESSING becomes CANCELLING and stops at its next step boundary (a
    long parse inside the current step stops at its next page)."""
    run = get_run(session, principal, run_id, lock=True)
    state = RunState(run.status)
    if not state.cancellable:
        raise InvalidRequest(
            f"Workflow run {run_id} is {run.status}; only PENDING or PROCESSING runs can be cancelled",
            path="id",
        )
    run.cancel_requested = True
    now = utcnow()
    run.updated_at = now
    if state is RunState.PENDING:
        run.status = RunState.CANCELLED
        run.finished_at = now
        engine = runtime.engine
        after_commit(session, lambda: engine.cancel(run_id))
    else:
        run.status = RunState.CANCELLING
        for processor_run in _processor_runs_of(session, run):
            processor_run.cancel_requested = True
    session.flush()
    return run


def _processor_runs_of(session: Session, run: WorkflowRun) -> list[ProcessorRun]:
    ids: list[str] = []
    for step_run in StepRunRepository(session).of_run(run.id):
        ids += [item for item in (step_run.outcome or {}).get("previousRuns", [])]
        if step_run.processor_run_id:
            ids.append(step_run.processor_run_id)
    return list(StepRunRepository(session).processor_runs(ids).values())


def delete_run(session: Session, runtime: Runtime, principal: Principal, run_id: str) -> str:
    """Delete the run, its step runs, the processor runs it made and their outputs (input files stay)."""
    run = get_run(session, principal, run_id, lock=True)
    running = not RunState(run.status).finished
    processor_runs = _processor_runs_of(session, run)
    keys = [output_key(item) for item in processor_runs if item.output_key]
    unfinished = [item.id for item in processor_runs if item.status in ("PENDING", "PROCESSING")]
    repository = ProcessorRunRepository(session)
    WorkflowRunRepository(session).delete(run)
    for processor_run in processor_runs:
        repository.delete(processor_run)
    engine, storage = runtime.engine, runtime.storage

    def purge() -> None:
        for job_id in ([run_id] if running else []) + unfinished:
            with contextlib.suppress(JobNotFound):  # never queued, or already gone
                engine.cancel(job_id)
        for key in keys:
            storage.delete(key)

    after_commit(session, purge)
    return run_id
