"""HTTP routes of workflows and workflow versions (Extend §B7)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session

from pagemill.api.deps import PageDep, PrincipalDep, SessionDep
from pagemill.models import Workflow as WorkflowRow
from pagemill.workflows import service, wire
from pagemill.workflows.schemas import (
    Workflow,
    WorkflowCreate,
    WorkflowList,
    WorkflowUpdate,
    WorkflowVersion,
    WorkflowVersionCreate,
    WorkflowVersionList,
)

router = APIRouter(tags=["workflows"])



def to_workflow(session: Session, row: WorkflowRow) -> Workflow:
    return wire.to_workflow(row, service.draft_of(session, row))


@router.post("/workflows", response_model=Workflow, summary="Create a workflow")
def create_workflow(body: WorkflowCreate, session: SessionDep, principal: PrincipalDep) -> Workflow:
    """Create a workflow whose draft holds `steps` (checked as a graph), or TRIGGER → PARSE when omitted."""
    return to_workflow(session, service.create(session, principal, body))


@router.get("/workflows/{id}", response_model=Workflow, summary="Get a workflow")
def retrieve_workflow(id: str, session: SessionDep, principal: PrincipalDep) -> Workflow:
    return to_workflow(session, service.get(session, principal, id))


@router.post("/workflows/{id}", response_model=Workflow, summary="Update a workflow's name or draft")
def update_workflow(id: str, body: WorkflowUpdate, session: SessionDep, principal: PrincipalDep) -> Workflow:
    """`steps` replaces every draft step; steps that keep their name keep their identity. Deployed versions
    never change."""
    return to_workflow(session, service.update(session, principal, id, body))


@router.get("/workflows", response_model=WorkflowList, summary="List workflows")
def list_workflows(
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
) -> WorkflowList:
    rows, token = service.list_workflows(session, principal, page)
    return WorkflowList(data=[wire.to_summary(row) for row in rows], next_page_token=token)


@router.post("/workflows/{id}/versions", response_model=WorkflowVersion, summary="Deploy a workflow version")
def deploy_version(
    id: str, body: WorkflowVersionCreate, session: SessionDep, principal: PrincipalDep
) -> WorkflowVersion:
    """Deploy the draft (or the given `steps`, leaving the draft alone) as the next version, "1", "2", …
    Every configurable step must have its config."""
    return wire.to_version(service.deploy(session, principal, id, body))


@router.get(
    "/workflows/{id}/versions/{version_id}", response_model=WorkflowVersion, summary="Get a workflow version"
)
def retrieve_version(
    id: str, version_id: str, session: SessionDep, principal: PrincipalDep
) -> WorkflowVersion:
    """`version_id`: `draft`, `latest` (newest deployed, else the draft), a version number or a version id."""
    return wire.to_version(service.get_version(session, principal, id, version_id))


@router.get("/workflows/{id}/versions", response_model=WorkflowVersionList, summary="List workflow versions")
def list_versions(
    id: str,
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
) -> WorkflowVersionList:
    """Every version of the workflow, the draft included."""
    rows, token = service.list_versions(session, principal, id, page)
    return WorkflowVersionList(data=[wire.to_version_summary(row) for row in rows], next_page_token=token)
