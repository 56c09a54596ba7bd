"""Parse runs: the rules. Execution happens in `tasks.py` on the engine."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pagemill.auth.service import Principal
from pagemill.files.service import FileServices
from pagemill.kit.ids import new_id
from pagemill.models import BatchRun, ProcessorRun
from pagemill.parse_runs.schemas import ParseBatchCreate, ParseRunCreate
from pagemill.parse_runs.tasks import JOB
from pagemill.processors.parse import load_parse_config
from pagemill.runs import service as runs
from pagemill.runs.inputs import resolve_file
from pagemill.runs.repository import BatchRunRepository
from pagemill.runs.status import RunSource, RunStatus
from pagemill.runtime import Runtime

KIND = "parse"


def _services(runtime: Runtime) -> FileServices:
    return FileServices(settings=runtime.settings, storage=runtime.storage, url_guard=runtime.url_guard)


def create_run(
    session: Session,
    runtime: Runtime,
    principal: Principal,
    body: ParseRunCreate,
    *,
    source: str = RunSource.API,
) -> ProcessorRun:
    config = load_parse_config(body.config)
    file = resolve_file(session, _services(runtime), principal, body.file, allow_text=False)
    run = ProcessorRun(
        id=new_id("pr"),
        workspace_id=principal.workspace_id,
        kind=KIND,
        status=RunStatus.PENDING,
        source=source,
        **runs.file_columns(file),
        config=config.to_wire(),
        run_metadata=body.metadata or {},
        priority=50,
    )
    runs.submit(session, runtime.engine, [run], JOB)
    return run


def create_batch(
    session: Session, runtime: Runtime, principal: Principal, body: ParseBatchCreate
) -> BatchRun:
    config = load_parse_config(body.config)
    services = _services(runtime)
    files = [
        resolve_file(session, services, principal, item.file, path=f"inputs[{index}].file")
        for index, item in enumerate(body.inputs)
    ]
    batch = BatchRun(
        id=new_id("bpar"),
        workspace_id=principal.workspace_id,
        kind=KIND,
        run_count=len(files),
        priority=body.priority,
        config=config.to_wire(),
    )
    BatchRunRepository(session).add(batch)
    batch_runs = [
        ProcessorRun(
            id=new_id("pr"),
            workspace_id=principal.workspace_id,
            kind=KIND,
            status=RunStatus.PENDING,
            source="BATCH_PARSER_RUN",
            **runs.file_columns(file),
            config=batch.config,
            run_metadata=item.metadata or {},
            priority=body.priority,
            batch_id=batch.id,
        )
        for file, item in zip(files, body.inputs, strict=True)
    ]
    runs.submit(session, runtime.engine, batch_runs, JOB)
    return batch
