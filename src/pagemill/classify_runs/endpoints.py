"""HTTP routes of classify runs (Extend §B5), made by a factory that split runs reuse (§B6)."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from pagemill.api.deps import PageDep, PrincipalDep, RuntimeDep, SessionDep
from pagemill.classify_runs import service
from pagemill.classify_runs.kinds import CLASSIFY_RUNS, RunKind
from pagemill.classify_runs.schemas import run_schemas
from pagemill.classify_runs.wire import run_out, summary_out
from pagemill.runs import service as runs
from pagemill.runs.schemas import BatchRunOut, RunDeleted
from pagemill.runs.wire import base_url, batch_out

Status = Literal["PENDING", "PROCESSING", "PROCESSED", "FAILED", "CANCELLED"]


def make_runs_router(kind: RunKind) -> APIRouter:
    schemas = run_schemas(kind)
    router = APIRouter(tags=[kind.kind])
    base = f"/{kind.collection}"
    reference_id = f"{kind.reference_field}Id"
    Create, BatchCreate = schemas.create, schemas.batch_create

    def out(runtime: Any, request: Request, session: Any, run: Any) -> Any:
        return run_out(session, kind, schemas, runtime.storage, base_url(runtime, request), run)

    def create(body: Any, runtime: Any, session: Any, principal: Any) -> Any:
        return service.create_run(
            session,
            runtime,
            principal,
            kind,
            reference=getattr(body, kind.reference_field),
            config=body.config,
            file=body.file,
            metadata=body.metadata,
            priority=body.priority,
        )

    @router.post(kind.sync_path, response_model=schemas.run, summary=f"{kind.verb.capitalize()} a file (sync)")
    def run_sync(
        body: Create,  # type: ignore[valid-type]
        request: Request,
        runtime: RuntimeDep,
        session: SessionDep,
        principal: PrincipalDep,
    ) -> Any:
        """Run and wait for the result (up to 290 s; past that a 504 carries the `runId` to poll)."""
        run = create(body, runtime, session, principal)
        runs.wait_synchronously(session, runtime.engine, run, base)
        return out(runtime, request, session, run)

    @router.post(base, response_model=schemas.run, summary=f"Create a {kind.verb} run")
    def create_run(
        body: Create,  # type: ignore[valid-type]
        request: Request,
        runtime: RuntimeDep,
        session: SessionDep,
        principal: PrincipalDep,
    ) -> Any:
        """Queue a file; poll `GET` on the run until it is PROCESSED, FAILED or CANCELLED."""
        return out(runtime, request, session, create(body, runtime, session, principal))

    @router.post(f"{base}/batch", response_model=BatchRunOut, summary=f"{kind.verb.capitalize()} up to 1,000 files")
    def create_batch(
        body: BatchCreate,  # type: ignore[valid-type]
        runtime: RuntimeDep,
        session: SessionDep,
        principal: PrincipalDep,
    ) -> BatchRunOut:
        """Queue many files with one saved processor; track them with `GET /batch_runs/{id}`."""
        batch = service.create_batch(
            session,
            runtime,
            principal,
            kind,
            reference=getattr(body, kind.reference_field),
            inputs=body.inputs,  # type: ignore[attr-defined]
            priority=body.priority,  # type: ignore[attr-defined]
        )
        return batch_out(session, batch)

    @router.get(f"{base}/{{id}}", response_model=schemas.run, summary=f"Get a {kind.verb} run")
    def get_run(id: str, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep) -> Any:
        return out(runtime, request, session, runs.get_run(session, principal, kind.kind, id))

    @router.get(base, response_model=schemas.run_list, summary=f"List {kind.verb} runs")
    def list_all(
        request: Request,
        runtime: RuntimeDep,
        session: SessionDep,
        principal: PrincipalDep,
        page: PageDep,
        status: Annotated[Status | None, Query()] = None,
        processor_id: Annotated[str | None, Query(alias=reference_id)] = None,
        batch_id: Annotated[str | None, Query(alias="batchId")] = None,
        source: Annotated[str | None, Query()] = None,
        source_id: Annotated[str | None, Query(alias="sourceId")] = None,
        file_name_contains: Annotated[str | None, Query(alias="fileNameContains")] = None,
    ) -> Any:
        """Newest first by default; `sourceId` is accepted but not recorded yet."""
        rows, token = runs.list_runs(
            session,
            principal,
            kind.kind,
            page,
            status=status,
            batch_id=batch_id,
            source=source,
            file_name_contains=file_name_contains,
            processor_id=processor_id,
        )
        base_link = base_url(runtime, request)
        data = [summary_out(session, kind, schemas, base_link, row) for row in rows]
        return schemas.run_list(data=data, next_page_token=token)

    @router.post(f"{base}/{{id}}/cancel", response_model=schemas.run, summary=f"Cancel a {kind.verb} run")
    def cancel(id: str, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep) -> Any:
        """Stop a pending or processing run; it ends CANCELLED."""
        return out(runtime, request, session, runs.cancel(session, runtime.engine, principal, kind.kind, id))

    @router.delete(f"{base}/{{id}}", response_model=RunDeleted, summary=f"Delete a {kind.verb} run")
    def delete(id: str, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep) -> RunDeleted:
        """Delete a run and its stored output (the file and any split files stay)."""
        return RunDeleted(id=runs.delete(session, runtime.engine, runtime.storage, principal, kind.kind, id))

    return router


router = make_runs_router(CLASSIFY_RUNS)
