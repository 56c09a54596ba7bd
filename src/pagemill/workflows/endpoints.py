"""HTTP routes of workflows and workflow versions (Extend §B7)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from pagemill.api.deps import PrincipalDep, RuntimeDep, SessionDep
from pagemill.kit.pagination import PageRequest, page_request
from pagemill.models import Workflow as WorkflowRow
from pagemill.runtime import Runtime
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

NextPageToken = Annotated[str | None, Query(alias="nextPageToken")]
MaxPageSize = Annotated[int | None, Query(alias="maxPageSize")]
SortDir = Annotated[str | None, Query(alias="sortDir")]


def to_workflow(session: Session, row: WorkflowRow) -> Workflow:
    return wire.to_workflow(row, service.draft_of(session, row))


def _page(
    runtime: Runtime,
    next_page_token: str | None,
    max_page_size: int | None,
    sort_by: str | None,
    sort_dir: str | None,
) -> PageRequest:
    settings = runtime.settings
    return page_request(
        next_page_token=next_page_token,
        max_page_size=max_page_size,
        limit=None,
        sort_by=sort_by,
        sort_dir=sort_dir,
        default_size=settings.default_page_size,
        max_size=settings.max_page_size,
    )


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
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
    next_page_token: NextPageToken = None,
    max_page_size: MaxPageSize = None,
    sort_by: Annotated[str | None, Query(alias="sortBy")] = None,
    sort_dir: SortDir = None,
) -> WorkflowList:
    page = _page(runtime, next_page_token, max_page_size, sort_by, sort_dir)
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
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
    next_page_token: NextPageToken = None,
    max_page_size: MaxPageSize = None,
    sort_dir: SortDir = None,
) -> WorkflowVersionList:
    """Every version of the workflow, the draft included."""
    page = _page(runtime, next_page_token, max_page_size, None, sort_dir)
    rows, token = service.list_versions(session, principal, id, page)
    return WorkflowVersionList(data=[wire.to_version_summary(row) for row in rows], next_page_token=token)
