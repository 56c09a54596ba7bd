"""Workflows: the rules. The draft is edited in place; each deploy freezes a copy as version "1", "2", …"""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy.orm import Session

from pagemill.auth.service import Principal
from pagemill.errors import NotFound
from pagemill.kit.clock import utcnow
from pagemill.kit.ids import has_prefix, new_id
from pagemill.kit.pagination import PageRequest
from pagemill.models import Workflow, WorkflowVersion
from pagemill.models.workflow import DRAFT
from pagemill.webhooks.service import emit
from pagemill.workflows.catalog import ProcessorCatalog, SavedProcessorCatalog
from pagemill.workflows.repository import WorkflowRepository
from pagemill.workflows.schemas import WorkflowCreate, WorkflowUpdate, WorkflowVersionCreate
from pagemill.workflows.steps import Step, stored_steps, wire_steps
from pagemill.workflows.validation import validate_steps
from pagemill.workflows.wire import to_workflow

LATEST = "latest"
WORKFLOW_PREFIX = "workflow"
VERSION_PREFIX = "workflow_version"
# What `POST /workflows` without `steps` starts from (Extend: "TRIGGER → PARSE"; may change).
DEFAULT_STEPS: list[dict[str, Any]] = [
    {"name": "trigger", "type": "TRIGGER", "next": [{"step": "parse"}]},
    {"name": "parse", "type": "PARSE"},
]


def _catalog(session: Session, principal: Principal, catalog: ProcessorCatalog | None) -> ProcessorCatalog:
    return catalog or SavedProcessorCatalog(session, principal.workspace_id)


def _stored(steps: list[Step]) -> list[dict[str, Any]]:
    return [step.stored() for step in steps]


def _previous(draft: WorkflowVersion) -> list[Step]:
    return stored_steps(copy.deepcopy(draft.steps))


def create(
    session: Session, principal: Principal, body: WorkflowCreate, *, catalog: ProcessorCatalog | None = None
) -> Workflow:
    raw = body.steps if body.steps is not None else copy.deepcopy(DEFAULT_STEPS)
    steps = validate_steps(raw, catalog=_catalog(session, principal, catalog))
    now = utcnow()
    workflow = Workflow(
        id=new_id(WORKFLOW_PREFIX),
        workspace_id=principal.workspace_id,
        name=body.name,
        created_by=principal.created_by,
        created_at=now,
        updated_at=now,
    )
    repository = WorkflowRepository(session)
    repository.add(workflow)
    draft = _new_version(workflow, principal, DRAFT, None, _stored(steps))
    repository.add(draft)
    _announce(session, "workflow.created", workflow, draft)
    return workflow


def get(session: Session, principal: Principal, workflow_id: str, *, lock: bool = False) -> Workflow:
    workflow = WorkflowRepository(session).get(principal.workspace_id, workflow_id, lock=lock)
    if workflow is None:
        raise NotFound(f"Workflow {workflow_id} does not exist", path="id")
    return workflow


def draft_of(session: Session, workflow: Workflow) -> WorkflowVersion:
    draft = WorkflowRepository(session).draft(workflow)
    if draft is None:  # every workflow is created with its draft; this would be a damaged database
        raise NotFound(f"Workflow {workflow.id} has no draft version", path="id")
    return draft


def update(
    session: Session,
    principal: Principal,
    workflow_id: str,
    body: WorkflowUpdate,
    *,
    catalog: ProcessorCatalog | None = None,
) -> Workflow:
    """Rename and/or replace the draft's steps; same-named steps keep their identity."""
    workflow = get(session, principal, workflow_id, lock=True)
    now = utcnow()
    if body.steps is not None:
        draft = draft_of(session, workflow)
        steps = validate_steps(
            body.steps, catalog=_catalog(session, principal, catalog), previous=_previous(draft)
        )
        draft.steps = _stored(steps)
        draft.updated_at = now
    if body.name is not None:
        workflow.name = body.name
    workflow.updated_at = now
    session.flush()
    return workflow


def deploy(
    session: Session,
    principal: Principal,
    workflow_id: str,
    body: WorkflowVersionCreate,
    *,
    catalog: ProcessorCatalog | None = None,
) -> WorkflowVersion:
    """Freeze the draft (or `body.steps`, leaving the draft alone) as the next numbered version."""
    workflow = get(session, principal, workflow_id, lock=True)
    draft = draft_of(session, workflow)
    given = body.steps is not None
    steps = validate_steps(
        body.steps if body.steps is not None else wire_steps(copy.deepcopy(draft.steps)),
        catalog=_catalog(session, principal, catalog),
        previous=_previous(draft),
        deploying=True,
        lead="" if given else "The draft cannot be deployed: ",
    )
    workflow.deployed_count += 1
    workflow.updated_at = utcnow()
    number = workflow.deployed_count
    version = _new_version(workflow, principal, str(number), number, _stored(steps), name=body.name)
    WorkflowRepository(session).add(version)
    _announce(session, "workflow.deployed", workflow, draft)
    return version


def get_version(session: Session, principal: Principal, workflow_id: str, version: str) -> WorkflowVersion:
    """A version by `draft`, `latest` (newest deployed, else the draft), its number or its id."""
    workflow = get(session, principal, workflow_id)
    repository = WorkflowRepository(session)
    found: WorkflowVersion | None
    if version == LATEST:
        found = repository.latest_deployed(workflow) or repository.draft(workflow)
    elif version == DRAFT:
        found = repository.draft(workflow)
    elif version.isascii() and version.isdigit():
        found = repository.version(workflow, str(int(version)))
    elif has_prefix(version, VERSION_PREFIX):
        found = repository.version_by_id(workflow, version)
    else:
        found = None
    if found is None:
        raise NotFound(
            f"Workflow {workflow_id} has no version {version!r}"
            ' (use "draft", "latest", a version number or a version id)',
            path="versionId",
        )
    return found


def list_workflows(
    session: Session, principal: Principal, page: PageRequest
) -> tuple[list[Workflow], str | None]:
    return WorkflowRepository(session).page(principal.workspace_id, page)


def list_versions(
    session: Session, principal: Principal, workflow_id: str, page: PageRequest
) -> tuple[list[WorkflowVersion], str | None]:
    return WorkflowRepository(session).page_versions(get(session, principal, workflow_id), page)


def _announce(session: Session, event_type: str, workflow: Workflow, draft: WorkflowVersion) -> None:
    """Fire a `workflow.*` webhook event; its payload is the `Workflow` as `GET /workflows/{id}` shows it."""
    payload = to_workflow(workflow, draft).model_dump(mode="json")
    emit(session, workflow.workspace_id, event_type, payload, resource_id=workflow.id)


def _new_version(
    workflow: Workflow,
    principal: Principal,
    label: str,
    number: int | None,
    steps: list[dict[str, Any]],
    *,
    name: str | None = None,
) -> WorkflowVersion:
    now = utcnow()
    return WorkflowVersion(
        id=new_id(VERSION_PREFIX),
        workspace_id=workflow.workspace_id,
        workflow_id=workflow.id,
        version=label,
        number=number,
        name=name,
        steps=steps,
        created_by=principal.created_by,
        created_at=now,
        updated_at=now,
    )
