"""Workflow runs on the wire: `WorkflowRun`, `WorkflowRunSummary` and the typed step runs (Extend §C10–C12).

Processor step results embed the very objects the processor features return (`GET /parse_runs/{id}`,
`GET /extract_runs/{id}`), built by those features' own wire functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from pagemill.classify_runs.kinds import CLASSIFY_RUNS, SPLIT_RUNS
from pagemill.classify_runs.schemas import run_schemas
from pagemill.classify_runs.wire import run_out as class_run_out
from pagemill.extract_runs.wire import run_out as extract_run_out
from pagemill.files.schemas import FileSummary
from pagemill.models import ProcessorRun, Workflow, WorkflowRun, WorkflowStepRun, WorkflowVersion
from pagemill.parse_runs.endpoints import to_parse_run
from pagemill.runtime import Runtime
from pagemill.workflow_runs import schemas
from pagemill.workflow_runs.repository import StepRunRepository
from pagemill.workflows.wire import to_summary as workflow_summary
from pagemill.workflows.wire import to_version_summary

# Step types that have a StepRun variant in Extend's API; the others run but are never listed.
VISIBLE_STEP_TYPES = frozenset(
    {
        "PARSE",
        "EXTRACT",
        "CLASSIFY",
        "SPLIT",
        "MERGE_EXTRACT",
        "CONDITIONAL_EXTRACT",
        "RULE_VALIDATION",
        "EXTERNAL_DATA_VALIDATION",
        "VALIDATION",
        "ROUTER",
    }
)
EXTRACT_RESULT_TYPES = frozenset({"EXTRACT", "CONDITIONAL_EXTRACT", "MERGE_EXTRACT"})
# Step type → the processor run kind its result embeds, under which key.
CLASS_RESULT_KINDS = {"CLASSIFY": (CLASSIFY_RUNS, "classifyRun"), "SPLIT": (SPLIT_RUNS, "splitRun")}
_CLASS_RUN_SCHEMAS = {kind.kind: run_schemas(kind) for kind, _ in CLASS_RESULT_KINDS.values()}


def dashboard_url(base_url: str, run_id: str) -> str:
    return f"{base_url}/studio/workflow_runs/{run_id}"


@dataclass
class WireContext:
    """What shaping runs needs: the session, storage, the public base URL, and rows already looked up."""

    session: Session
    runtime: Runtime
    base_url: str
    _workflows: dict[str, Workflow] = field(default_factory=dict)
    _versions: dict[str, WorkflowVersion] = field(default_factory=dict)

    def workflow(self, workflow_id: str) -> Workflow:
        if workflow_id not in self._workflows:
            found = self.session.get(Workflow, workflow_id)
            assert found is not None, f"workflow {workflow_id} of a run is gone"
            self._workflows[workflow_id] = found
        return self._workflows[workflow_id]

    def version(self, version_id: str) -> WorkflowVersion:
        if version_id not in self._versions:
            found = self.session.get(WorkflowVersion, version_id)
            assert found is not None, f"workflow version {version_id} of a run is gone"
            self._versions[version_id] = found
        return self._versions[version_id]


def _files(snapshots: list[dict[str, Any]]) -> list[FileSummary]:
    return [FileSummary.model_validate(item) for item in snapshots]


def usage_of(processor_runs: list[ProcessorRun]) -> dict[str, Any]:
    """RunUsage: the credits of every child processor run, with one breakdown line each."""
    breakdown = []
    for run in processor_runs:
        credits = float((run.usage or {}).get("credits") or 0.0)
        breakdown.append({"object": f"{run.kind}_run", "id": run.id, "credits": credits})
    total = sum(line["credits"] for line in breakdown)
    return {"credits": total, "totalCredits": total, "breakdown": breakdown}


def _processor_runs(context: WireContext, step_runs: list[WorkflowStepRun]) -> dict[str, ProcessorRun]:
    ids = [item.processor_run_id for item in step_runs if item.processor_run_id]
    return StepRunRepository(context.session).processor_runs(ids)


def summary_out(context: WireContext, run: WorkflowRun) -> schemas.WorkflowRunSummary:
    step_runs = StepRunRepository(context.session).of_run(run.id)
    usage = usage_of(list(_processor_runs(context, step_runs).values()))
    return schemas.WorkflowRunSummary(
        id=run.id,
        status=run.status,
        workflow=workflow_summary(context.workflow(run.workflow_id)),
        workflow_version=to_version_summary(context.version(run.workflow_version_id)),
        dashboard_url=dashboard_url(context.base_url, run.id),
        reviewed_by_user=run.reviewed_by_user,
        reviewed_at=run.reviewed_at,
        initial_run_at=run.created_at,
        start_time=run.started_at,
        end_time=run.finished_at,
        batch_id=run.batch_id,
        rejection_note=run.rejection_note,
        files=_files(run.files_snapshot),
        created_at=run.created_at,
        updated_at=run.updated_at,
        usage={"credits": usage["credits"], "totalCredits": usage["totalCredits"]},
    )


def run_out(context: WireContext, run: WorkflowRun) -> schemas.WorkflowRun:
    step_runs = StepRunRepository(context.session).of_run(run.id)
    processor_runs = _processor_runs(context, step_runs)
    return schemas.WorkflowRun(
        id=run.id,
        workflow=workflow_summary(context.workflow(run.workflow_id)),
        workflow_version=to_version_summary(context.version(run.workflow_version_id)),
        dashboard_url=dashboard_url(context.base_url, run.id),
        status=run.status,
        metadata=run.run_metadata or {},
        batch_id=run.batch_id,
        files=_files(run.files_snapshot),
        failure_reason=run.failure_reason,
        failure_message=run.failure_message,
        initial_run_at=run.created_at,
        reviewed_by_user=run.reviewed_by_user,
        reviewed=run.reviewed,
        rejection_note=run.rejection_note,
        reviewed_at=run.reviewed_at,
        start_time=run.started_at,
        end_time=run.finished_at,
        step_runs=[
            step_run_out(context, item, processor_runs.get(item.processor_run_id or ""))
            for item in step_runs
            if item.step_type in VISIBLE_STEP_TYPES
        ],
        usage=usage_of(list(processor_runs.values())),
    )


def step_run_out(
    context: WireContext, step_run: WorkflowStepRun, processor_run: ProcessorRun | None
) -> dict[str, Any]:
    return {
        "stepType": step_run.step_type,
        "object": "workflow_step_run",
        "id": step_run.id,
        "workflowRunId": step_run.workflow_run_id,
        "status": step_run.status,
        "files": [item.model_dump(mode="json") for item in _files(step_run.files_snapshot)],
        "step": {
            "object": "workflow_step",
            "id": step_run.step_id or step_run.step_name,
            "name": step_run.step_name,
            "type": step_run.step_type,
        },
        "result": step_result(context, step_run, processor_run),
    }


def step_result(
    context: WireContext, step_run: WorkflowStepRun, processor_run: ProcessorRun | None
) -> dict[str, Any] | None:
    kind = step_run.step_type
    if kind == "PARSE":
        if processor_run is None:
            return None
        # `request` is only read for `responseType=url`, which step results never use.
        parse_run = to_parse_run(context.runtime, None, processor_run)  # type: ignore[arg-type]
        return {"parseRun": parse_run.model_dump(mode="json")}
    if kind in EXTRACT_RESULT_TYPES:
        if processor_run is None:
            return None
        extract_run = extract_run_wire(context, step_run, processor_run)
        result = {"extractRun": extract_run}
        if kind == "MERGE_EXTRACT":
            result = {"mergedExtractors": (step_run.result or {}).get("mergedExtractors", []), **result}
        return result
    if kind in CLASS_RESULT_KINDS:
        if processor_run is None:
            return None
        run_kind, key = CLASS_RESULT_KINDS[kind]
        schemas = _CLASS_RUN_SCHEMAS[run_kind.kind]
        storage, base = context.runtime.storage, context.base_url
        wire = class_run_out(context.session, run_kind, schemas, storage, base, processor_run)
        return {key: wire.model_dump(mode="json", by_alias=True)}
    if kind in VISIBLE_STEP_TYPES:
        return step_run.result
    return None


def extract_run_wire(
    context: WireContext, step_run: WorkflowStepRun, processor_run: ProcessorRun
) -> dict[str, Any]:
    """The ExtractRun of a step, with a reviewer's correction kept beside the initial output."""
    wire = extract_run_out(context.session, context.runtime.storage, context.base_url, processor_run)
    body = wire.model_dump(mode="json")
    if step_run.reviewed_output is not None:
        body.update(
            reviewed=True,
            edited=True,
            initialOutput=body.get("output"),
            reviewedOutput=step_run.reviewed_output,
            output=step_run.reviewed_output,
        )
    return body
