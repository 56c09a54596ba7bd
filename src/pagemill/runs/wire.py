"""Signed links to run outputs, and batch runs on the wire."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy.orm import Session

from pagemill.kit.clock import utcnow
from pagemill.kit.crypto import UrlSigner
from pagemill.models import BatchRun, ProcessorRun
from pagemill.runs import service as runs
from pagemill.runs.schemas import BatchRunOut
from pagemill.runtime import Runtime


def base_url(runtime: Runtime, request: Request) -> str:
    return (runtime.settings.public_url or str(request.base_url)).rstrip("/")


def output_url(runtime: Runtime, request: Request, run: ProcessorRun) -> str | None:
    if run.output_key is None:
        return None
    expires = int(utcnow().timestamp() + runtime.settings.download_url_ttl_seconds)
    signature = UrlSigner(runtime.settings.signing_key()).sign("output", run.id, str(expires))
    return f"{base_url(runtime, request)}/outputs/{run.id}?expires={expires}&signature={signature}"


def batch_out(session: Session, batch: BatchRun) -> BatchRunOut:
    return BatchRunOut(
        id=batch.id,
        status=runs.batch_status(session, batch),
        run_count=batch.run_count,
        created_at=batch.created_at,
    )
