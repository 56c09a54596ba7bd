"""HTTP routes of parse runs (Extend §B2)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from pagemill.api.deps import PageDep, PrincipalDep, RuntimeDep, SessionDep
from pagemill.files.schemas import FileSummary
from pagemill.models import ProcessorRun
from pagemill.parse_runs import service
from pagemill.parse_runs.schemas import (
    ParseBatchCreate,
    ParseRun,
    ParseRunCreate,
    ParseRunList,
    ParseRunSummary,
)
from pagemill.runs import service as runs
from pagemill.runs.schemas import BatchRunOut, RunDeleted
from pagemill.runs.wire import batch_out, output_url
from pagemill.runtime import Runtime

router = APIRouter(tags=["parse"])

ResponseType = Annotated[Literal["json", "url"], Query(alias="responseType")]


def to_summary(run: ProcessorRun) -> ParseRunSummary:
    return ParseRunSummary(
        id=run.id,
        batch_id=run.batch_id,
        file=FileSummary.model_validate(run.file_snapshot),
        status=run.status,
        failure_reason=run.failure_reason,
        failure_message=run.failure_message,
        metadata=run.run_metadata,
        metrics=run.metrics,
        usage=run.usage,
        created_at=run.created_at,
        updated_at=run.updated_at,
    )


def to_parse_run(runtime: Runtime, request: Request, run: ProcessorRun, response_type: str = "json") -> ParseRun:
    as_url = response_type == "url"
    return ParseRun(
        id=run.id,
        batch_id=run.batch_id,
        file=FileSummary.model_validate(run.file_snapshot),
        status=run.status,
        failure_reason=run.failure_reason,
        failure_message=run.failure_message,
        metadata=run.run_metadata,
        output=None if as_url else runs.read_output(runtime.storage, run),
        output_url=output_url(runtime, request, run) if as_url else None,
        metrics=run.metrics,
        config=run.config,
        usage=run.usage,
    )


@router.post("/parse", response_model=ParseRun, summary="Parse a file (synchronous)")
def parse_sync(
    body: ParseRunCreate,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
    response_type: ResponseType = "json",
) -> ParseRun:
    """Parse a file and wait for the result (up to 290 s; past that a 504 carries the `runId` to poll)."""
    run = service.create_run(session, runtime, principal, body)
    runs.wait_synchronously(session, runtime.engine, run, "/parse_runs")
    return to_parse_run(runtime, request, run, response_type)


@router.post("/parse_runs", response_model=ParseRun, summary="Create a parse run")
def create_parse_run(
    body: ParseRunCreate, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> ParseRun:
    """Queue a file for parsing; poll `GET /parse_runs/{id}` until it is PROCESSED or FAILED."""
    return to_parse_run(runtime, request, service.create_run(session, runtime, principal, body))


@router.post("/parse_runs/batch", response_model=BatchRunOut, summary="Parse up to 1,000 files")
def create_parse_batch(
    body: ParseBatchCreate, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> BatchRunOut:
    """Queue many files with one config; track them with `GET /batch_runs/{id}` or `GET /parse_runs?batchId=`."""
    return batch_out(session, service.create_batch(session, runtime, principal, body))


@router.get("/parse_runs/{id}", response_model=ParseRun, summary="Get a parse run")
def get_parse_run(
    id: str,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
    response_type: ResponseType = "json",
) -> ParseRun:
    return to_parse_run(runtime, request, runs.get_run(session, principal, service.KIND, id), response_type)


@router.get("/parse_runs", response_model=ParseRunList, summary="List parse runs")
def list_parse_runs(
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    status: Annotated[Literal["PENDING", "PROCESSING", "PROCESSED", "FAILED"] | None, Query()] = None,
    batch_id: Annotated[str | None, Query(alias="batchId")] = None,
    source: Annotated[str | None, Query()] = None,
    source_id: Annotated[str | None, Query(alias="sourceId")] = None,
    file_name_contains: Annotated[str | None, Query(alias="fileNameContains")] = None,
) -> ParseRunList:
    rows, token = runs.list_runs(
        session,
        principal,
        service.KIND,
        page,
        status=status,
        batch_id=batch_id,
        source=source,
        file_name_contains=file_name_contains,
    )
    return ParseRunList(data=[to_summary(row) for row in rows], next_page_token=token)


@router.post("/parse_runs/{id}/cancel", response_model=ParseRun, summary="Cancel a parse run")
def cancel_parse_run(
    id: str, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> ParseRun:
    """Stop a pending or processing run; a processing parse stops at its next page. It ends FAILED/CANCELLED."""
    return to_parse_run(runtime, request, runs.cancel(session, runtime.engine, principal, service.KIND, id))


@router.delete("/parse_runs/{id}", response_model=RunDeleted, summary="Delete a parse run")
def delete_parse_run(id: str, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep) -> RunDeleted:
    """Delete a run and its stored output (the file stays; delete it with `DELETE /files/{id}`)."""
    return RunDeleted(id=runs.delete(session, runtime.engine, runtime.storage, principal, service.KIND, id))
