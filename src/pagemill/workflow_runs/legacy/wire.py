"""Workflow runs in the 2025-04-21 shapes: `LegacyWorkflowRun`, its `outputs` (document processor runs),
validation `stepRuns`, and the list summary. Optional fields are left out rather than null."""

from __future__ import annotations

from typing import Any

from pagemill.kit.clock import rfc3339
from pagemill.models import ProcessorRun, SavedProcessor, WorkflowRun, WorkflowStepRun
from pagemill.runs import service as runs
from pagemill.workflow_runs.legacy.routes import without_nulls
from pagemill.workflow_runs.repository import StepRunRepository
from pagemill.workflow_runs.wire import WireContext, usage_of

# Step types whose processor run is listed in `outputs`, and the legacy processor type it shows.
OUTPUT_TYPES = {
    "EXTRACT": "EXTRACT",
    "CONDITIONAL_EXTRACT": "EXTRACT",
    "MERGE_EXTRACT": "EXTRACT",
    "CLASSIFY": "CLASSIFY",
    "SPLIT": "SPLITTER",
}
# Only validation steps had step runs in 2025-04-21.
VALIDATION_TYPES = frozenset({"EXTERNAL_DATA_VALIDATION", "RULE_VALIDATION"})
# 2025-04-21 has no CANCELLING: a run being cancelled is still processing.
LEGACY_STATUS = {"CANCELLING": "PROCESSING"}


def legacy_file(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A LegacyFile from a FileSummary snapshot."""
    metadata = without_nulls(dict(snapshot.get("metadata") or {}))
    keys = ("id", "name", "type", "parentFileId", "createdAt", "updatedAt")
    return without_nulls({"object": "file", **{key: snapshot.get(key) for key in keys}, "metadata": metadata})


def run_url(base_url: str, run: WorkflowRun) -> str:
    return f"{base_url}/workflows/{run.workflow_id}?workflowRunId={run.id}"


def _status(run: WorkflowRun) -> str:
    return LEGACY_STATUS.get(run.status, run.status)


def legacy_run(context: WireContext, run: WorkflowRun) -> dict[str, Any]:
    repository = StepRunRepository(context.session)
    step_runs = repository.of_run(run.id)
    processor_runs = repository.processor_runs(
        [item.processor_run_id for item in step_runs if item.processor_run_id]
    )
    workflow = context.workflow(run.workflow_id)
    version = context.version(run.workflow_version_id)
    outputs = [
        processor_run_out(context, item, processor_runs[item.processor_run_id])
        for item in step_runs
        if item.step_type in OUTPUT_TYPES and item.processor_run_id in processor_runs
    ]
    return without_nulls(
        {
            "object": "workflow_run",
            "id": run.id,
            "name": run.name or run.file_name,
            "url": run_url(context.base_url, run),
            "status": _status(run),
            "metadata": run.run_metadata or {},
            "batchId": run.batch_id,
            "files": [legacy_file(item) for item in run.files_snapshot],
            "failureReason": run.failure_reason,
            "failureMessage": run.failure_message,
            "initialRunAt": rfc3339(run.created_at),
            "reviewedBy": run.reviewed_by_user,
            "reviewed": run.reviewed,
            "rejectionNote": run.rejection_note,
            "reviewedAt": rfc3339(run.reviewed_at),
            "startTime": rfc3339(run.started_at),
            "endTime": rfc3339(run.finished_at),
            "outputs": outputs,
            "stepRuns": [
                _validation_step_run(item) for item in step_runs if item.step_type in VALIDATION_TYPES
            ],
            "workflow": {
                "object": "workflow",
                "id": workflow.id,
                "version": version.version,
                "name": workflow.name,
            },
            "usage": {"credits": usage_of(list(processor_runs.values()))["credits"]},
        }
    )


def _validation_step_run(step_run: WorkflowStepRun) -> dict[str, Any]:
    step = {
        "object": "workflow_step",
        "id": step_run.step_id or step_run.step_name,
        "name": step_run.step_name,
        "type": step_run.step_type,
    }
    return without_nulls(
        {
            "object": "workflow_step_run",
            "id": step_run.id,
            "status": step_run.status,
            "step": step,
            "output": step_run.result,
        }
    )


def processor_run_out(context: WireContext, step_run: WorkflowStepRun, run: ProcessorRun) -> dict[str, Any]:
    """A `document_processor_run`: the step's processor run with its final (reviewed, else initial) output."""
    kind = OUTPUT_TYPES[step_run.step_type]
    initial = runs.read_output(context.runtime.storage, run)
    reviewed = step_run.reviewed_output
    saved = context.session.get(SavedProcessor, run.processor_id) if run.processor_id else None
    config = dict(run.config or {})
    if "parseConfig" in config:
        config["parser"] = config.pop("parseConfig")
    merged = (step_run.result or {}).get("mergedExtractors") or []
    return without_nulls(
        {
            "object": "document_processor_run",
            "id": run.id,
            "processorId": run.processor_id or step_run.step_name,
            "processorVersionId": run.processor_version_id or "draft",
            "processorName": saved.name if saved is not None else step_run.step_name,
            "status": run.status,
            "output": reviewed if reviewed is not None else initial,
            "failureReason": run.failure_reason,
            "failureMessage": run.failure_message,
            "metadata": run.run_metadata or None,
            "reviewed": reviewed is not None,
            "edited": reviewed is not None and reviewed != initial,
            "edits": {},
            "type": kind,
            "config": {"type": kind, **config},
            "initialOutput": initial if reviewed is not None else None,
            "reviewedOutput": reviewed,
            "files": [legacy_file(item) for item in step_run.files_snapshot],
            "mergedProcessors": [
                {
                    "processorId": item["id"],
                    "processorVersionId": item["versionId"],
                    "processorName": item["name"],
                }
                for item in merged
            ],
            "url": f"{context.base_url}/studio/{run.kind}_runs/{run.id}",
            "usage": {"credits": float((run.usage or {}).get("credits") or 0.0)},
        }
    )


def legacy_summary(context: WireContext, run: WorkflowRun) -> dict[str, Any]:
    workflow = context.workflow(run.workflow_id)
    return without_nulls(
        {
            "id": run.id,
            "status": _status(run),
            "initialRunAt": rfc3339(run.created_at),
            "reviewedByUser": run.reviewed_by_user,
            "reviewedAt": rfc3339(run.reviewed_at),
            "startTime": rfc3339(run.started_at),
            "endTime": rfc3339(run.finished_at),
            "workflowId": run.workflow_id,
            "workflowName": workflow.name,
            "workflowVersionId": run.workflow_version_id,
            "batchId": run.batch_id,
            "rejectionNote": run.rejection_note,
            "createdAt": rfc3339(run.created_at),
            "updatedAt": rfc3339(run.updated_at),
        }
    )
