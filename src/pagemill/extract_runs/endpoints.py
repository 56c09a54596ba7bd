"""HTTP routes of extract runs (Extend §B3)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from pagemill.api.deps import PageDep, PrincipalDep, RuntimeDep, SessionDep
from pagemill.extract_runs import service
from pagemill.extract_runs.schemas import ExtractBatchCreate, ExtractRun, ExtractRunCreate, ExtractRunList
from pagemill.extract_runs.wire import run_out, summary_out
from pagemill.models import ProcessorRun
from pagemill.runs import service as runs
from pagemill.runs.schemas import BatchRunOut, RunDeleted
from pagemill.runs.wire import base_url, batch_out
from pagemill.runtime import Runtime

router = APIRouter(tags=["extract"])

Status = Literal["PENDING", "PROCESSING", "PROCESSED", "FAILED", "CANCELLED"]


def _out(runtime: Runtime, request: Request, session: SessionDep, run: ProcessorRun) -> ExtractRun:
    return run_out(session, runtime.storage, base_url(runtime, request), run)


@router.post("/extract", response_model=ExtractRun, summary="Extract from a file (synchronous)")
def extract_sync(
    body: ExtractRunCreate,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
) -> ExtractRun:
    """Extract and wait for the result (up to 290 s; past that a 504 carries the `runId` to poll)."""
    run = service.create_run(session, runtime, principal, body)
    runs.wait_synchronously(session, runtime.engine, run, "/extract_runs")
    return _out(runtime, request, session, run)


@router.post("/extract_runs", response_model=ExtractRun, summary="Create an extract run")
def create_extract_run(
    body: ExtractRunCreate,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
) -> ExtractRun:
    """Queue a file for extraction; poll `GET /extract_runs/{id}` until it is PROCESSED, FAILED, CANCELLED."""
    return _out(runtime, request, session, service.create_run(session, runtime, principal, body))


@router.post("/extract_runs/batch", response_model=BatchRunOut, summary="Extract from up to 1,000 files")
def create_extract_batch(
    body: ExtractBatchCreate, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> BatchRunOut:
    """Queue many files with one saved extractor; track them with `GET /batch_runs/{id}`."""
    return batch_out(session, service.create_batch(session, runtime, principal, body))


@router.get("/extract_runs/{id}", response_model=ExtractRun, summary="Get an extract run")
def get_extract_run(
    id: str, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> ExtractRun:
    return _out(runtime, request, session, runs.get_run(session, principal, service.KIND, id))


@router.get("/extract_runs", response_model=ExtractRunList, summary="List extract runs")
def list_extract_runs(
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    status: Annotated[Status | None, Query()] = None,
    extractor_id: Annotated[str | None, Query(alias="extractorId")] = None,
    batch_id: Annotated[str | None, Query(alias="batchId")] = None,
    source: Annotated[str | None, Query()] = None,
    source_id: Annotated[str | None, Query(alias="sourceId")] = None,
    file_name_contains: Annotated[str | None, Query(alias="fileNameContains")] = None,
) -> ExtractRunList:
    """Newest first by default; `sourceId` is accepted for compatibility (runs record no source ids yet)."""
    rows, token = runs.list_runs(
        session,
        principal,
        service.KIND,
        page,
        status=status,
        batch_id=batch_id,
        source=source,
        file_name_contains=file_name_contains,
        processor_id=extractor_id,
    )
    base = base_url(runtime, request)
    return ExtractRunList(data=[summary_out(session, base, row) for row in rows], next_page_token=token)


@router.post("/extract_runs/{id}/cancel", response_model=ExtractRun, summary="Cancel an extract run")
def cancel_extract_run(
    id: str, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> ExtractRun:
    """Stop a pending or processing run; it ends CANCELLED."""
    return _out(runtime, request, session, runs.cancel(session, runtime.engine, principal, service.KIND, id))


@router.delete("/extract_runs/{id}", response_model=RunDeleted, summary="Delete an extract run")
def delete_extract_run(id: str, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep) -> RunDeleted:
    """Delete a run and its stored output (the file stays)."""
    return RunDeleted(id=runs.delete(session, runtime.engine, runtime.storage, principal, service.KIND, id))
