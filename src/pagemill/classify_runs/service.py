"""Classify and split runs: the rules. Which config a run uses (inline, or a saved processor's version with an
override), its file, batches. Execution happens on the engine (`tasks.py` of each feature)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from pagemill.auth.service import Principal
from pagemill.classify_runs.kinds import BATCH_PREFIX, BATCH_SOURCE, RunKind
from pagemill.classify_runs.schemas import BatchInput, ProcessorReference
from pagemill.errors import InvalidRequest, NotFound
from pagemill.files.service import FileServices
from pagemill.kit.ids import new_id
from pagemill.models import BatchRun, File, ProcessorRun, SavedProcessor, SavedProcessorVersion
from pagemill.processors.classify.config import merge_override
from pagemill.runs import service as runs
from pagemill.runs.inputs import resolve_file
from pagemill.runs.repository import BatchRunRepository
from pagemill.runs.schemas import FileInput
from pagemill.runs.status import RunSource, RunStatus
from pagemill.runtime import Runtime
from pagemill.saved_processors.repository import SavedProcessorRepository
from pagemill.saved_processors.service import LATEST, find_version


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
    kind: RunKind,
    reference: ProcessorReference | None,
    config: dict[str, Any] | None,
) -> ResolvedConfig:
    """The effective config: exactly one of an inline config or a saved processor reference."""
    if (reference is None) == (config is None):
        raise InvalidRequest(f"give exactly one of {kind.reference_field} or config", path="config")
    if reference is None:
        return ResolvedConfig(kind.load_config(config or {}, "config"))
    return saved_config(session, principal, kind, reference)


def saved_config(
    session: Session, principal: Principal, kind: RunKind, reference: ProcessorReference
) -> ResolvedConfig:
    path = kind.reference_field
    title = kind.saved.name.capitalize()
    processor = SavedProcessorRepository(session).get(principal.workspace_id, kind.saved.name, reference.id)
    if processor is None:
        raise NotFound(f"{title} {reference.id} does not exist", path=f"{path}.id")
    version_name = reference.version or LATEST
    version = find_version(session, principal.workspace_id, kind.saved.name, reference.id, version_name)
    if version is None:
        raise NotFound(f"{title} {reference.id} has no version {version_name}", path=f"{path}.version")
    config = dict(version.config)
    if reference.override_config is not None:
        override_path = f"{path}.overrideConfig"
        config = kind.load_config(
            merge_override(config, reference.override_config, override_path), override_path
        )
    return ResolvedConfig(config, processor, version)


def _new_run(
    principal: Principal,
    kind: RunKind,
    resolved: ResolvedConfig,
    file: File,
    *,
    source: str,
    priority: int,
    metadata: dict[str, Any] | None,
    batch_id: str | None = None,
) -> ProcessorRun:
    return ProcessorRun(
        id=new_id(kind.run_prefix),
        workspace_id=principal.workspace_id,
        kind=kind.kind,
        status=RunStatus.PENDING,
        source=source,
        **runs.file_columns(file),
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
    kind: RunKind,
    *,
    reference: ProcessorReference | None,
    config: dict[str, Any] | None,
    file: FileInput,
    metadata: dict[str, Any] | None,
    priority: int,
    source: str = RunSource.API,
) -> ProcessorRun:
    resolved = resolve_config(session, principal, kind, reference, config)
    run_file = resolve_file(session, _services(runtime), principal, file, path="file")
    run = _new_run(principal, kind, resolved, run_file, source=source, priority=priority, metadata=metadata)
    runs.submit(session, runtime.engine, [run], kind.job)
    return run


def create_batch(
    session: Session,
    runtime: Runtime,
    principal: Principal,
    kind: RunKind,
    *,
    reference: ProcessorReference,
    inputs: list[BatchInput],
    priority: int,
) -> BatchRun:
    resolved = saved_config(session, principal, kind, reference)
    services = _services(runtime)
    files = [
        resolve_file(session, services, principal, item.file, path=f"inputs[{index}].file")
        for index, item in enumerate(inputs)
    ]
    batch = BatchRun(
        id=new_id(BATCH_PREFIX),
        workspace_id=principal.workspace_id,
        kind=kind.kind,
        run_count=len(files),
        priority=priority,
        config=resolved.config,
    )
    BatchRunRepository(session).add(batch)
    batch_runs = [
        _new_run(
            principal,
            kind,
            resolved,
            file,
            source=BATCH_SOURCE,
            priority=priority,
            metadata=item.metadata,
            batch_id=batch.id,
        )
        for file, item in zip(files, inputs, strict=True)
    ]
    runs.submit(session, runtime.engine, batch_runs, kind.job)
    return batch


def references(
    session: Session, kind: RunKind, run: ProcessorRun
) -> tuple[SavedProcessor | None, SavedProcessorVersion | None]:
    """The saved processor and version a run used (None for inline configs or when since deleted)."""
    if run.processor_id is None:
        return None, None
    repository = SavedProcessorRepository(session)
    processor = repository.get(run.workspace_id, kind.saved.name, run.processor_id)
    version = (
        repository.version_by_id(run.processor_id, run.processor_version_id)
        if processor is not None and run.processor_version_id
        else None
    )
    return processor, version
