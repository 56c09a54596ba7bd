"""Webhook events of processor runs, fired as runs finish (`runs.service.finish_processed|finish_failed`).

Parse runs fire `parse_run.processed|failed` with the minimal `ParseRunStatus`; the run that completes a batch
fires `batch_parse_run.*` (parse) or `batch_processor_run.*` (other kinds) with the `BatchRun`. Extract,
classify and split runs carry full run objects that only their own features can build, so those features emit
their run events themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pagemill.models import ProcessorRun
from pagemill.webhooks.repository import lock_batch
from pagemill.webhooks.service import emit

# Runs made inside a workflow or by the Studio fire no run events (Extend webhooks only API-created runs).
SILENT_SOURCES = frozenset({"WORKFLOW_RUN", "STUDIO"})
BATCH_EVENT_PREFIX = {"parse": "batch_parse_run"}
FINISHED_BATCH_STATUSES = {"PROCESSED": "processed", "FAILED": "failed"}


def notify_run_finished(session: Session, run: ProcessorRun) -> None:
    """Fire the events a run that has just become PROCESSED or FAILED owes its listeners."""
    if run.source in SILENT_SOURCES:
        return
    if run.kind == "parse":
        outcome = "processed" if run.status == "PROCESSED" else "failed"
        emit(session, run.workspace_id, f"parse_run.{outcome}", parse_run_status(run))
    if run.batch_id:
        _notify_batch_finished(session, run)


def parse_run_status(run: ProcessorRun) -> dict[str, Any]:
    """`ParseRunStatus`: the webhook-only minimal parse run."""
    return {
        "object": "parse_run_status",
        "id": run.id,
        "status": run.status,
        "failureReason": run.failure_reason,
        "failureMessage": run.failure_message,
        "metadata": run.run_metadata,
    }


def _notify_batch_finished(session: Session, run: ProcessorRun) -> None:
    # runs.service imports this module, so the run helpers are imported when first needed.
    from pagemill.runs.wire import batch_out

    batch = lock_batch(session, run.batch_id)
    if batch is None:
        return
    wire = batch_out(session, batch)
    outcome = FINISHED_BATCH_STATUSES.get(wire.status)
    if outcome is None:
        return
    prefix = BATCH_EVENT_PREFIX.get(batch.kind, "batch_processor_run")
    emit(session, batch.workspace_id, f"{prefix}.{outcome}", wire.model_dump(mode="json", by_alias=True))
