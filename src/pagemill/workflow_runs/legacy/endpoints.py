"""`/workflow_runs*` for requests that speak 2025-04-21: the same runs, in that version's shapes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from pagemill.api.deps import PageDep, PrincipalDep, RuntimeDep, SessionDep
from pagemill.models import WorkflowRun
from pagemill.runs.wire import base_url
from pagemill.workflow_runs import service
from pagemill.workflow_runs.legacy import service as legacy
from pagemill.workflow_runs.legacy.routes import LegacyRoute
from pagemill.workflow_runs.legacy.schemas import (
    LegacyBatchCreate,
    LegacyOutputCorrection,
    LegacyRunCreate,
)
from pagemill.workflow_runs.legacy.wire import legacy_run, legacy_summary
from pagemill.workflow_runs.schemas import WorkflowRunUpdate
from pagemill.workflow_runs.wire import WireContext

router = APIRouter(route_class=LegacyRoute, include_in_schema=False)
DELETED_MESSAGE = "Workflow run data has been successfully deleted."


def _context(runtime: Any, request: Request, session: Any) -> WireContext:
    return WireContext(session, runtime, base_url(runtime, request))


def _one(runtime: Any, request: Request, session: Any, run: WorkflowRun) -> dict[str, Any]:
    session.flush()
    return {"success": True, "workflowRun": legacy_run(_context(runtime, request, session), run)}


@router.post("/workflow_runs/batch", response_model=None)
def create_batch_legacy(
    body: LegacyBatchCreate, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> dict[str, Any]:
    return {"success": True, "batchId": legacy.create_batch(session, runtime, principal, body)}


@router.post("/workflow_runs", response_model=None)
def create_runs_legacy(
    body: LegacyRunCreate, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> dict[str, Any]:
    """One run per file or raw text (at most 50)."""
    created = legacy.create_runs(session, runtime, principal, body)
    session.flush()
    context = _context(runtime, request, session)
    return {"success": True, "workflowRuns": [legacy_run(context, run) for run in created]}


@router.get("/workflow_runs/{id}", response_model=None)
def retrieve_run_legacy(
    id: str, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> dict[str, Any]:
    return _one(runtime, request, session, service.get_run(session, principal, id))


@router.post("/workflow_runs/{id}", response_model=None)
def update_run_legacy(
    id: str,
    body: WorkflowRunUpdate,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
) -> dict[str, Any]:
    return _one(runtime, request, session, service.update_run(session, principal, id, body))


@router.delete("/workflow_runs/{id}", response_model=None)
def delete_run_legacy(
    id: str, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> dict[str, Any]:
    deleted = service.delete_run(session, runtime, principal, id)
    return {"success": True, "workflowRunId": deleted, "message": DELETED_MESSAGE}


@router.post("/workflow_runs/{id}/cancel", response_model=None)
def cancel_run_legacy(
    id: str, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> dict[str, Any]:
    return _one(runtime, request, session, service.cancel_run(session, runtime, principal, id))


@router.post("/workflow_runs/{id}/outputs/{output_id}", response_model=None)
def correct_output_legacy(
    id: str,
    output_id: str,
    body: LegacyOutputCorrection,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
) -> dict[str, Any]:
    """Deprecated in 2025-04-21 and removed in 2026-02-09: keep a corrected output beside the initial one."""
    run = legacy.correct_output(session, runtime, principal, id, output_id, body)
    return _one(runtime, request, session, run)


@router.get("/workflow_runs", response_model=None)
def list_runs_legacy(
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    status: Annotated[str | None, Query()] = None,
    workflow_id: Annotated[str | None, Query(alias="workflowId")] = None,
    file_name_contains: Annotated[str | None, Query(alias="fileNameContains")] = None,
) -> dict[str, Any]:
    rows, token = service.list_runs(
        session,
        principal,
        page,
        status=status,
        workflow_id=workflow_id,
        file_name_contains=file_name_contains,
    )
    context = _context(runtime, request, session)
    listed: dict[str, Any] = {"success": True, "workflowRuns": [legacy_summary(context, row) for row in rows]}
    if token:
        listed["nextPageToken"] = token
    return listed
