"""HTTP routes of workflow runs (Extend §B8) and of Pagemill's human review API (`/reviews`)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from sqlalchemy.orm import Session

from pagemill.api.deps import PageDep, PrincipalDep, RuntimeDep, SessionDep
from pagemill.errors import EndpointRemoved
from pagemill.models import WorkflowRun as WorkflowRunRow
from pagemill.runs.wire import base_url
from pagemill.runtime import Runtime
from pagemill.workflow_runs import reviews, service
from pagemill.workflow_runs.legacy.endpoints import router as legacy_router
from pagemill.workflow_runs.legacy.routes import CurrentRoute
from pagemill.workflow_runs.schemas import (
    Review,
    ReviewApproval,
    ReviewList,
    ReviewRejection,
    ReviewSummary,
    WorkflowBatchCreate,
    WorkflowBatchCreated,
    WorkflowRun,
    WorkflowRunCreate,
    WorkflowRunDeleted,
    WorkflowRunList,
    WorkflowRunUpdate,
)
from pagemill.workflow_runs.wire import WireContext, run_out, summary_out
from pagemill.workflows.wire import to_summary as workflow_summary

router = APIRouter(tags=["workflow runs"], route_class=CurrentRoute)
review_router = APIRouter(tags=["reviews"])

Status = Literal[
    "PENDING", "PROCESSING", "NEEDS_REVIEW", "REJECTED", "PROCESSED", "FAILED", "CANCELLED", "CANCELLING"
]


def _context(runtime: Runtime, request: Request, session: Session) -> WireContext:
    return WireContext(session, runtime, base_url(runtime, request))


def _full(runtime: Runtime, request: Request, session: Session, run: WorkflowRunRow) -> WorkflowRun:
    session.flush()
    return run_out(_context(runtime, request, session), run)


@router.post(
    "/workflow_runs/batch", response_model=WorkflowBatchCreated, summary="Run a workflow on many files"
)
def create_workflow_run_batch(
    body: WorkflowBatchCreate, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> WorkflowBatchCreated:
    """Queue up to 1,000 runs sharing a `batchId` (priority 90 by default, after single runs); follow them
    with `GET /workflow_runs?batchId=` or `workflow_run.*` webhooks."""
    return WorkflowBatchCreated(batch_id=service.create_batch(session, runtime, principal, body))


@router.post("/workflow_runs", response_model=WorkflowRun, summary="Run a workflow")
def create_workflow_run(
    body: WorkflowRunCreate,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
) -> WorkflowRun:
    """Queue a file (or a package of files) through a workflow version; poll `GET /workflow_runs/{id}`."""
    return _full(runtime, request, session, service.create_run(session, runtime, principal, body))


@router.get("/workflow_runs/{id}", response_model=WorkflowRun, summary="Get a workflow run")
def retrieve_workflow_run(
    id: str, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> WorkflowRun:
    return _full(runtime, request, session, service.get_run(session, principal, id))


@router.post("/workflow_runs/{id}", response_model=WorkflowRun, summary="Update a workflow run")
def update_workflow_run(
    id: str,
    body: WorkflowRunUpdate,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
) -> WorkflowRun:
    """`metadata` is merged into the run's (incoming keys win), in any status."""
    return _full(runtime, request, session, service.update_run(session, principal, id, body))


@router.delete("/workflow_runs/{id}", response_model=WorkflowRunDeleted, summary="Delete a workflow run")
def delete_workflow_run(
    id: str, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> WorkflowRunDeleted:
    """Delete the run with its step results and the processor runs and outputs it made (files stay)."""
    return WorkflowRunDeleted(id=service.delete_run(session, runtime, principal, id))


@router.post("/workflow_runs/{id}/cancel", response_model=WorkflowRun, summary="Cancel a workflow run")
def cancel_workflow_run(
    id: str, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> WorkflowRun:
    """Only PENDING or PROCESSING runs: a pending run ends CANCELLED, a processing one is CANCELLING until it
    stops at its next step boundary."""
    return _full(runtime, request, session, service.cancel_run(session, runtime, principal, id))


@router.get("/workflow_runs", response_model=WorkflowRunList, summary="List workflow runs")
def list_workflow_runs(
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    status: Annotated[Status | None, Query()] = None,
    workflow_id: Annotated[str | None, Query(alias="workflowId")] = None,
    batch_id: Annotated[str | None, Query(alias="batchId")] = None,
    file_name_contains: Annotated[str | None, Query(alias="fileNameContains")] = None,
) -> WorkflowRunList:
    rows, token = service.list_runs(
        session,
        principal,
        page,
        status=status,
        workflow_id=workflow_id,
        batch_id=batch_id,
        file_name_contains=file_name_contains,
    )
    context = _context(runtime, request, session)
    return WorkflowRunList(data=[summary_out(context, row) for row in rows], next_page_token=token)


@router.post("/workflow_runs/{id}/outputs/{output_id}", include_in_schema=False)
def correct_workflow_run_output(id: str, output_id: str, principal: PrincipalDep) -> None:
    """Removed in 2026-02-09 (2025-04-21 requests still reach it)."""
    raise EndpointRemoved(
        "POST /workflow_runs/{id}/outputs/{outputId} was removed in API version 2026-02-09; send "
        "x-extend-api-version: 2025-04-21 to use it, or correct outputs in review "
        "(POST /reviews/{runId}/approve)"
    )


# Requests that speak 2025-04-21 reach these instead of the routes above (see legacy/routes.py).
router.include_router(legacy_router)


# Human review ------------------------------------------------------------------------------------------


def _review_summary(context: WireContext, run: WorkflowRunRow) -> ReviewSummary:
    summary = summary_out(context, run)
    return ReviewSummary(
        run_id=run.id,
        workflow=workflow_summary(context.workflow(run.workflow_id)),
        status=run.status,
        files=summary.files,
        metadata=run.run_metadata or {},
        updated_at=run.updated_at,
    )


@review_router.get("/reviews", response_model=ReviewList, summary="List workflow runs waiting for review")
def list_reviews(
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
) -> ReviewList:
    """The review queue: runs in NEEDS_REVIEW, newest first unless `sortDir=asc`."""
    rows, token = reviews.list_reviews(session, principal, page)
    context = _context(runtime, request, session)
    return ReviewList(data=[_review_summary(context, row) for row in rows], next_page_token=token)


def _review(runtime: Runtime, request: Request, session: Session, run: WorkflowRunRow) -> Review:
    session.flush()
    context = _context(runtime, request, session)
    return Review(
        **_review_summary(context, run).model_dump(by_alias=False, exclude={"object"}),
        outputs=reviews.review_outputs(session, runtime, run),
        workflow_run=run_out(context, run),
    )


@review_router.get("/reviews/{run_id}", response_model=Review, summary="Get a run's outputs for review")
def retrieve_review(
    run_id: str, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> Review:
    """The run and each extraction output to review (`initialOutput`, and `reviewedOutput` once corrected)."""
    return _review(runtime, request, session, service.get_run(session, principal, run_id))


@review_router.post("/reviews/{run_id}/approve", response_model=Review, summary="Approve a run in review")
def approve_review(
    run_id: str,
    body: ReviewApproval,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
) -> Review:
    """As `reviewer`, approve the run, optionally correcting outputs (`[{stepName, output: {value}}]`:
    the given fields replace the extracted ones); the run goes on from its HUMAN_REVIEW step."""
    return _review(runtime, request, session, reviews.approve(session, runtime, principal, run_id, body))


@review_router.post("/reviews/{run_id}/reject", response_model=Review, summary="Reject a run in review")
def reject_review(
    run_id: str,
    body: ReviewRejection,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
) -> Review:
    """As `reviewer`, reject the run with a `note`; it ends REJECTED and nothing downstream runs."""
    return _review(runtime, request, session, reviews.reject(session, runtime, principal, run_id, body))
