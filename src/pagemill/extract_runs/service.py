"""Extract runs: the rules. Which config a run uses (inline, or a saved extractor's version with an override),
its inputs (one file or a package), batches. Execution happens in `tasks.py` on the engine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from pagemill.auth.service import Principal
from pagemill.errors import InvalidRequest, NotFound
from pagemill.extract_runs.schemas import ExtractBatchCreate, ExtractorReference, ExtractRunCreate
from pagemill.extract_runs.tasks import JOB
from pagemill.files.schemas import FileSummary
from pagemill.files.service import FileServices
from pagemill.kit.ids import new_id
from pagemill.models import BatchRun, File, ProcessorRun, SavedProcessor, SavedProcessorVersion
from pagemill.processors.extract import EXTRACTOR, load_extract_config, load_extract_override, merge_override
from pagemill.runs import service as runs
from pagemill.runs.inputs import resolve_file
from pagemill.runs.repository import BatchRunRepository
from pagemill.runs.status import RunSource, RunStatus
from pagemill.runtime import Runtime
from pagemill.saved_processors.repository import SavedProcessorRepository
from pagemill.saved_processors.service import LATEST, find_version

KIND = "extract"
RUN_PREFIX = "exr"
BATCH_PREFIX = "bpr"
BATCH_SOURCE = "BATCH_PROCESSOR_RUN"


@dataclass(frozen=True)
class ResolvedConfig:
    config: dict[str, Any]
    processor: SavedProcessor | None = None
    version: SavedProcessorVersion | None = None


def _services(runtime: Runtime) -> FileServices:
    return FileServices(settings=runtime.settings, storage=runtime.storage, url_guard=runtime.url_guard)


def resolve_config(
    session: Session,
    principal: Principal,
    extractor: ExtractorReference | None,
    config: dict[str, Any] | None,
) -> ResolvedConfig:
    """The effective config: inline (schema optional, then inferred), or a saved version + override."""
    if extractor is not None and config is not None:
        raise InvalidRequest("give either extractor or config, not both", path="config")
    if extractor is None:
        return ResolvedConfig(load_extract_config(config or {}, "config", schema_required=False))
    return _saved_config(session, principal, extractor, "extractor")


def _saved_config(
    session: Session, principal: Principal, reference: ExtractorReference, path: str
) -> ResolvedConfig:
    processor = SavedProcessorRepository(session).get(principal.workspace_id, EXTRACTOR.name, reference.id)
    if processor is None:
        raise NotFound(f"Extractor {reference.id} does not exist", path=f"{path}.id")
    version_name = reference.version or LATEST
    version = find_version(session, principal.workspace_id, EXTRACTOR.name, reference.id, version_name)
    if version is None:
        raise NotFound(f"Extractor {reference.id} has no version {version_name}", path=f"{path}.version")
    config = dict(version.config)
    if reference.override_config is not None:
        override = load_extract_override(reference.override_config, f"{path}.overrideConfig")
        config = merge_override(config, override)
    return ResolvedConfig(config, processor, version)


def _new_run(
    principal: Principal,
    resolved: ResolvedConfig,
    *,
    source: str,
    priority: int,
    metadata: dict[str, Any] | None,
    batch_id: str | None = None,
) -> ProcessorRun:
    return ProcessorRun(
        id=new_id(RUN_PREFIX),
        workspace_id=principal.workspace_id,
        kind=KIND,
        status=RunStatus.PENDING,
        source=source,
        config=resolved.config,
        run_metadata=metadata or {},
        priority=priority,
        batch_id=batch_id,
        processor_id=resolved.processor.id if resolved.processor else None,
        processor_version_id=resolved.version.id if resolved.version else None,
    )


def create_run(
    session: Session,
    runtime: Runtime,
    principal: Principal,
    body: ExtractRunCreate,
    *,
    source: str = RunSource.API,
) -> ProcessorRun:
    resolved = resolve_config(session, principal, body.extractor, body.config)
    services = _services(runtime)
    run = _new_run(principal, resolved, source=source, priority=body.priority, metadata=body.metadata)
    if body.file is not None:
        run_file = resolve_file(session, services, principal, body.file, path="file")
        for key, value in runs.file_columns(run_file).items():
            setattr(run, key, value)
    elif body.package is not None:
        files = [
            resolve_file(session, services, principal, item, path=f"package.files[{index}]")
            for index, item in enumerate(body.package.files)
        ]
        run.file_id, run.file_name = files[0].id, files[0].name
        run.package_snapshot = [_snapshot(file) for file in files]
    runs.submit(session, runtime.engine, [run], JOB)
    return run


def _snapshot(file: File) -> dict[str, Any]:
    return FileSummary.of(file).model_dump(mode="json", by_alias=True)


def create_batch(
    session: Session, runtime: Runtime, principal: Principal, body: ExtractBatchCreate
) -> BatchRun:
    resolved = _saved_config(session, principal, body.extractor, "extractor")
    services = _services(runtime)
    files = [
        resolve_file(session, services, principal, item.file, path=f"inputs[{index}].file")
        for index, item in enumerate(body.inputs)
    ]
    batch = BatchRun(
        id=new_id(BATCH_PREFIX),
        workspace_id=principal.workspace_id,
        kind=KIND,
        run_count=len(files),
        priority=body.priority,
        config=resolved.config,
    )
    BatchRunRepository(session).add(batch)
    batch_runs = []
    for file, item in zip(files, body.inputs, strict=True):
        run = _new_run(
            principal,
            resolved,
            source=BATCH_SOURCE,
            priority=body.priority,
            metadata=item.metadata,
            batch_id=batch.id,
        )
        for key, value in runs.file_columns(file).items():
            setattr(run, key, value)
        batch_runs.append(run)
    runs.submit(session, runtime.engine, batch_runs, JOB)
    return batch


def references(
    session: Session, run: ProcessorRun
) -> tuple[SavedProcessor | None, SavedProcessorVersion | None]:
    """The extractor and version a run used (None for inline configs or when since deleted)."""
    if run.processor_id is None:
        return None, None
    repository = SavedProcessorRepository(session)
    processor = repository.get(run.workspace_id, EXTRACTOR.name, run.processor_id)
    version = (
        repository.version_by_id(run.processor_id, run.processor_version_id)
        if processor is not None and run.processor_version_id
        else None
    )
    return processor, version
