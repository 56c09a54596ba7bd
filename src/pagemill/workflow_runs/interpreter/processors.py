"""Steps that run document processors: PARSE, EXTRACT, CONDITIONAL_EXTRACT and MERGE_EXTRACT.

PARSE and EXTRACT create processor runs (source WORKFLOW_RUN) through the parse and extract features'
services, which queue them on the bounded work queue; the interpreter then waits for them without holding a
slot, and the step result is the very run `GET /parse_runs/{id}` or `GET /extract_runs/{id}` returns.
Pre-supplied outputs (`outputs` on create) and merged extractions are recorded as finished extract runs.
"""

from __future__ import annotations

from typing import Any

from pagemill.errors import PagemillError
from pagemill.extract_runs import service as extract_runs
from pagemill.extract_runs.schemas import ExtractorReference, ExtractRunCreate
from pagemill.extract_runs.schemas import PackageInput as ExtractPackage
from pagemill.formulas import first_passing_rule
from pagemill.kit.ids import new_id
from pagemill.models import ProcessorRun, WorkflowRun, WorkflowStepRun
from pagemill.parse_runs import service as parse_runs
from pagemill.parse_runs.schemas import ParseRunCreate
from pagemill.runs import service as runs
from pagemill.runs.repository import ProcessorRunRepository
from pagemill.runs.schemas import FileInput
from pagemill.runs.status import RunSource, RunStatus
from pagemill.workflow_runs.interpreter.call import StepCall
from pagemill.workflow_runs.interpreter.context import EXTRACT_TYPES, step_outputs
from pagemill.workflow_runs.interpreter.outcome import (
    Outcome,
    StepFailure,
    all_targets,
    await_run,
    cancel,
    fail,
    go_to,
    required_config,
)
from pagemill.workflow_runs.repository import StepRunRepository
from pagemill.workflow_runs.status import FailureReason, StepState

# A processor run that failed with INTERNAL_ERROR is tried again this many times, waiting longer each time.
MAX_PROCESSOR_ATTEMPTS = 3
RETRY_DELAY_SECONDS = 2.0
MERGE_ORDERS = ("confidence", "alphabetic", "first_to_execute", "last_to_execute")
PROCESSOR_JOBS = {
    "parse": "parse_runs.execute",
    "extract": "extract_runs.execute",
    "classify": "classify_runs.execute",
    "split": "split_runs.execute",
}


def queued(call: StepCall, run: ProcessorRun) -> Outcome:
    run.priority = call.run.priority  # read when the run is queued, after the step's commit
    call.step_run.processor_run_id = run.id
    return await_run(run.id)


def invalid(call: StepCall, error: PagemillError) -> StepFailure:
    where = f" ({error.path})" if error.path else ""
    return StepFailure(FailureReason.INVALID_WORKFLOW, f"Step {call.name!r}: {error.message}{where}")


def run_parse(call: StepCall) -> tuple[Outcome, dict[str, Any] | None]:
    config = (call.step.get("config") or {}).get("parseConfig")
    body = ParseRunCreate(file=FileInput(id=call.files[0]["id"]), config=config)
    try:
        run = parse_runs.create_run(
            call.session, call.runtime, call.principal, body, source=RunSource.WORKFLOW_RUN
        )
    except PagemillError as error:
        raise invalid(call, error) from None
    return queued(call, run), None


def parse_config_of(call: StepCall) -> dict[str, Any] | None:
    """The PARSE step's config overrides parsing for every downstream processor."""
    parse_step = next((step for step in call.steps if step["type"] == "PARSE"), None)
    return ((parse_step or {}).get("config") or {}).get("parseConfig")


def extract_with(
    call: StepCall, reference: dict[str, Any] | None, inline: dict[str, Any] | None
) -> tuple[Outcome, dict[str, Any] | None]:
    provided = call.run.provided_outputs.get(reference["id"]) if reference else None
    if provided is not None:
        output = {"value": provided.get("value") or {}, "metadata": provided.get("metadata") or {}}
        record_extract_output(call, output, {"provided": True})
        return go_to(all_targets(call.step)), None
    parse_config = parse_config_of(call)
    if inline is not None and parse_config is not None and "parseConfig" not in inline:
        inline = {**inline, "parseConfig": parse_config}
    files = [FileInput(id=item["id"]) for item in call.files]
    try:
        body = ExtractRunCreate(
            extractor=ExtractorReference(
                id=reference["id"],
                version=reference.get("version"),
                override_config=reference.get("overrideConfig"),
            )
            if reference
            else None,
            config=inline,
            file=files[0] if len(files) == 1 else None,
            package=ExtractPackage(files=files) if len(files) > 1 else None,
            priority=call.run.priority,
        )
        run = extract_runs.create_run(
            call.session, call.runtime, call.principal, body, source=RunSource.WORKFLOW_RUN
        )
    except PagemillError as error:
        raise invalid(call, error) from None
    return queued(call, run), None


def run_extract(call: StepCall) -> tuple[Outcome, dict[str, Any] | None]:
    config = required_config(call.step)
    return extract_with(call, config.get("extractor"), config.get("extractorConfig"))


def run_conditional_extract(call: StepCall) -> tuple[Outcome, dict[str, Any] | None]:
    """The first rule whose formula is TRUE picks the extractor; with none, the run fails."""
    rules = required_config(call.step).get("rules") or []
    chosen = first_passing_rule(rules, call.context)
    if chosen is None:
        raise StepFailure(
            FailureReason.INVALID_WORKFLOW,
            f"No rule of CONDITIONAL_EXTRACT step {call.name!r} matched this document; end the rules with "
            'the catch-all "TRUE".',
        )
    return extract_with(call, rules[chosen].get("extractor"), None)


def record_extract_output(call: StepCall, output: dict[str, Any], config: dict[str, Any]) -> ProcessorRun:
    """A finished extract run holding `output` (a pre-supplied or merged result), as the step's result."""
    return record_finished_run(call, extract_runs.KIND, extract_runs.RUN_PREFIX, output, config)


def record_finished_run(
    call: StepCall,
    kind: str,
    id_prefix: str,
    output: dict[str, Any],
    config: dict[str, Any],
    *,
    processor_id: str | None = None,
    processor_version_id: str | None = None,
) -> ProcessorRun:
    """A finished processor run of `kind` holding a result the step did not compute, as the step's run."""
    first = call.files[0]
    row = ProcessorRun(
        id=new_id(id_prefix),
        workspace_id=call.run.workspace_id,
        kind=kind,
        processor_id=processor_id,
        processor_version_id=processor_version_id,
        status=RunStatus.PENDING,
        source=RunSource.WORKFLOW_RUN,
        file_id=first["id"],
        file_name=first["name"],
        file_snapshot=first,
        config=config,
        run_metadata={},
        priority=call.run.priority,
    )
    ProcessorRunRepository(call.session).add_all([row])
    runs.finish_processed(call.session, call.runtime.storage, row.id, output, metrics=None)
    call.step_run.processor_run_id = row.id
    return row


def _score(entry: Any) -> float:
    if not isinstance(entry, dict):
        return -1.0
    for key in ("logprobsConfidence", "ocrConfidence", "reviewAgentScore"):
        if isinstance(entry.get(key), int | float):
            return float(entry[key])
    return -1.0


def merge_outputs(outputs: list[dict[str, Any]], order: str) -> dict[str, Any]:
    """Merge extraction outputs given in precedence order; `confidence` picks each field's surest value."""
    value: dict[str, Any] = {}
    metadata: dict[str, Any] = {}
    for output in outputs:
        for field, item in (output.get("value") or {}).items():
            entry = (output.get("metadata") or {}).get(field)
            better = order == "confidence" and _score(entry) > _score(metadata.get(field))
            if item is not None and (value.get(field) is None or better):
                value[field] = item
                if entry is not None:
                    metadata[field] = entry
    return {"value": value, "metadata": metadata}


def run_merge_extract(call: StepCall) -> tuple[Outcome, dict[str, Any] | None]:
    order = (call.step.get("config") or {}).get("mergeOrder") or "confidence"
    if order not in MERGE_ORDERS:
        raise StepFailure(FailureReason.INVALID_WORKFLOW, f"Step {call.name!r}: unknown mergeOrder {order!r}")
    upstream = {step["name"] for step in call.predecessors() if step["type"] in EXTRACT_TYPES}
    outputs = step_outputs(call.session, call.runtime.storage, call.run, call.token["branch"])
    repository = StepRunRepository(call.session)
    merged_runs = [
        item
        for item in repository.of_run(call.run.id)
        if item.step_name in upstream and item.step_name in outputs
    ]
    if order == "alphabetic":
        merged_runs.sort(key=lambda item: item.step_name)
    elif order == "last_to_execute":
        merged_runs.reverse()
    processor_runs = repository.processor_runs(
        [item.processor_run_id for item in merged_runs if item.processor_run_id]
    )
    merged = merge_outputs([outputs[item.step_name] for item in merged_runs], order)
    record_extract_output(call, merged, {"mergeOrder": order})
    extractors = [
        _merged_extractor(item, processor_runs.get(item.processor_run_id or "")) for item in merged_runs
    ]
    return go_to(all_targets(call.step)), {"mergedExtractors": extractors}


def _merged_extractor(step_run: WorkflowStepRun, run: ProcessorRun | None) -> dict[str, str]:
    if run is None or run.processor_id is None:
        return {"id": run.id if run else step_run.id, "versionId": "inline", "name": step_run.step_name}
    return {"id": run.processor_id, "versionId": run.processor_version_id or "", "name": step_run.step_name}


def collect_processor(
    call_run: WorkflowRun, step_run: WorkflowStepRun, step: dict[str, Any], run: ProcessorRun | None
) -> Outcome:
    """The step's outcome once its processor run has finished (or been cancelled)."""
    if run is not None and run.status == RunStatus.PROCESSED:
        step_run.status = StepState.PROCESSED
        return go_to(all_targets(step))
    if (
        call_run.cancel_requested
        or (run is not None and run.failure_reason == runs.CANCELLED_REASON)
        or (run is not None and run.status == RunStatus.CANCELLED)
    ):
        step_run.status = StepState.CANCELLED
        return cancel()
    step_run.status = StepState.FAILED
    if run is None:
        return fail(FailureReason.INTERNAL_ERROR, f"The processor run of step {step['name']!r} disappeared.")
    message = f"{step['type']} step {step['name']!r} failed: {run.failure_message or run.failure_reason}"
    if run.failure_reason == FailureReason.FAILED_TO_PROCESS_FILE:
        return fail(FailureReason.FAILED_TO_PROCESS_FILE, message)
    if run.failure_reason == FailureReason.INTERNAL_ERROR and step_run.attempt < MAX_PROCESSOR_ATTEMPTS:
        step_run.status = StepState.PROCESSING
        delay = RETRY_DELAY_SECONDS * 2 ** (step_run.attempt - 1)
        return {"kind": "retry", "attempt": step_run.attempt + 1, "delay": delay}
    return fail(FailureReason.DOCUMENT_PROCESSOR_ERROR, message)
