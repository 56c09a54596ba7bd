"""Routes shared by every processor: batch runs and signed output downloads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from pagemill.api.deps import PrincipalDep, RuntimeDep, SessionDep
from pagemill.errors import InvalidRequest, NotFound
from pagemill.kit.clock import utcnow
from pagemill.kit.crypto import UrlSigner
from pagemill.runs.repository import BatchRunRepository, ProcessorRunRepository
from pagemill.runs.schemas import BatchRunOut
from pagemill.runs.wire import batch_out

router = APIRouter(tags=["batch runs"])
download_router = APIRouter(tags=["runs"])


@router.get("/batch_runs/{id}", response_model=BatchRunOut, summary="Get a processor batch run")
def get_batch_run(id: str, session: SessionDep, principal: PrincipalDep) -> BatchRunOut:
    """Progress of a batch made by `/parse_runs/batch`, `/extract_runs/batch` and the like."""
    batch = BatchRunRepository(session).get(principal.workspace_id, id)
    if batch is None:
        raise NotFound(f"Batch run {id} does not exist", path="id")
    return batch_out(session, batch)


@download_router.get("/outputs/{id}", summary="Download a run's output through a signed link")
def download_output(
    id: str,
    runtime: RuntimeDep,
    session: SessionDep,
    expires: Annotated[int, Query()],
    signature: Annotated[str, Query()],
) -> StreamingResponse:
    """The target of `outputUrl`: the run's output as JSON, authorised by the link's signature."""
    if not UrlSigner(runtime.settings.signing_key()).verify(signature, "output", id, str(expires)):
        raise NotFound("Output link is not valid")
    if expires < utcnow().timestamp():
        raise InvalidRequest("Output link has expired; fetch the run again for a fresh link", path="expires")
    run = ProcessorRunRepository(session).by_id(id)
    if run is None or run.output_key is None:
        raise NotFound(f"Run {id} has no output")
    body = runtime.storage.open(run.output_key)

    def stream() -> object:
        with body:
            while chunk := body.read(1024 * 1024):
                yield chunk

    return StreamingResponse(stream(), media_type="application/json")  # type: ignore[arg-type]
