"""Saved processors: create, update the draft, publish versions, and resolve version references."""

from __future__ import annotations

import re
from typing import Any, Literal

from sqlalchemy.orm import Session

from pagemill.auth.service import Principal
from pagemill.errors import InvalidRequest, NotFound
from pagemill.kit.clock import utcnow
from pagemill.kit.ids import new_id
from pagemill.kit.pagination import PageRequest
from pagemill.models import SavedProcessor, SavedProcessorVersion
from pagemill.saved_processors.kinds import ProcessorKind
from pagemill.saved_processors.repository import DRAFT, SavedProcessorRepository

LATEST = "latest"
_SEMVER = re.compile(r"^(\d{1,6})\.(\d{1,6})$")


def get(session: Session, principal: Principal, kind: ProcessorKind, processor_id: str) -> SavedProcessor:
    row = SavedProcessorRepository(session).get(principal.workspace_id, kind.name, processor_id)
    if row is None:
        raise NotFound(f"{kind.name.capitalize()} {processor_id} does not exist", path="id")
    return row


def draft_of(session: Session, processor: SavedProcessor) -> SavedProcessorVersion:
    draft = SavedProcessorRepository(session).version(processor.id, DRAFT)
    if draft is None:  # every processor is made with its draft; a missing one is a broken invariant
        raise RuntimeError(f"{processor.id} has no draft version")
    return draft


def create(
    session: Session,
    principal: Principal,
    kind: ProcessorKind,
    *,
    name: str,
    config: dict[str, Any] | None,
    clone_from: str | None,
) -> SavedProcessor:
    if (config is None) == (clone_from is None):
        raise InvalidRequest(f"give exactly one of config or {kind.clone_field}", path="config")
    if clone_from is not None:
        source = SavedProcessorRepository(session).get(principal.workspace_id, kind.name, clone_from)
        if source is None:
            raise NotFound(f"{kind.name.capitalize()} {clone_from} does not exist", path=kind.clone_field)
        stored = dict(draft_of(session, source).config)
    else:
        stored = kind.load_config(config or {}, "config")
    repository = SavedProcessorRepository(session)
    processor = SavedProcessor(
        id=new_id(kind.id_prefix), workspace_id=principal.workspace_id, kind=kind.name, name=name
    )
    repository.add(processor)
    repository.add(
        SavedProcessorVersion(
            id=new_id(kind.version_prefix),
            workspace_id=principal.workspace_id,
            processor_id=processor.id,
            version=DRAFT,
            config=stored,
            created_by=principal.created_by,
        )
    )
    return processor


def update(
    session: Session,
    principal: Principal,
    kind: ProcessorKind,
    processor_id: str,
    *,
    name: str | None,
    config: dict[str, Any] | None,
) -> SavedProcessor:
    processor = get(session, principal, kind, processor_id)
    if name is not None:
        processor.name = name
    if config is not None:
        draft_of(session, processor).config = kind.load_config(config, "config")
        processor.updated_at = utcnow()  # a new draft is a change of the processor even when its name stays
    session.flush()
    return processor


def publish(
    session: Session,
    principal: Principal,
    kind: ProcessorKind,
    processor_id: str,
    *,
    release_type: Literal["major", "minor"],
    description: str | None,
    config: dict[str, Any] | None,
) -> SavedProcessorVersion:
    processor = get(session, principal, kind, processor_id)
    repository = SavedProcessorRepository(session)
    stored = (
        kind.load_config(config, "config")
        if config is not None
        else dict(draft_of(session, processor).config)
    )
    latest = repository.latest_published(processor.id, lock=True)
    major, minor = (latest.major or 0, latest.minor or 0) if latest else (0, 0)
    major, minor = (major + 1, 0) if release_type == "major" else (major, minor + 1)
    version = SavedProcessorVersion(
        id=new_id(kind.version_prefix),
        workspace_id=principal.workspace_id,
        processor_id=processor.id,
        version=f"{major}.{minor}",
        major=major,
        minor=minor,
        description=description,
        config=stored,
        created_by=principal.created_by,
    )
    repository.add(version)
    return version


def find_version(
    session: Session, workspace_id: str, kind: str, processor_id: str, version: str
) -> SavedProcessorVersion | None:
    """A version by reference: "draft", "latest" (newest published, else draft), "1.2", or a version id."""
    repository = SavedProcessorRepository(session)
    if repository.get(workspace_id, kind, processor_id) is None:
        return None
    if version == LATEST:
        return repository.latest_published(processor_id) or repository.version(processor_id, DRAFT)
    if version == DRAFT or _SEMVER.match(version):
        return repository.version(processor_id, version)
    return repository.version_by_id(processor_id, version)


def get_version(
    session: Session, principal: Principal, kind: ProcessorKind, processor_id: str, version: str
) -> SavedProcessorVersion:
    get(session, principal, kind, processor_id)
    row = find_version(session, principal.workspace_id, kind.name, processor_id, version)
    if row is None:
        raise NotFound(f"{kind.name.capitalize()} {processor_id} has no version {version}", path="versionId")
    return row


def list_processors(
    session: Session, principal: Principal, kind: ProcessorKind, page: PageRequest
) -> tuple[list[SavedProcessor], str | None]:
    return SavedProcessorRepository(session).page(principal.workspace_id, kind.name, page)


def list_versions(
    session: Session, principal: Principal, kind: ProcessorKind, processor_id: str
) -> list[SavedProcessorVersion]:
    get(session, principal, kind, processor_id)
    return SavedProcessorRepository(session).versions(processor_id)
