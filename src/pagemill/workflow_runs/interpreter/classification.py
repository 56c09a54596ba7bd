"""Steps that route documents by class: CLASSIFY (the whole document) and SPLIT (each split of it).

Both run their processor as a child processor run (source WORKFLOW_RUN) through the classify and split
features' services — a saved classifier/splitter reference or an inline config — and route once it has
finished: CLASSIFY goes on to the `next` entries whose `classificationId` is the winning class id; SPLIT fans
out, one child branch per split, carrying the split's child File (`parentFileId`, `metadata.parentSplit`) and
going on by that split's `classificationId`. A pre-supplied classifier output (`outputs` on create, keyed by
the saved classifier's id) is used instead of running the classifier.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pagemill.classify_runs import service as processor_runs
from pagemill.classify_runs.kinds import CLASSIFY_RUNS, SPLIT_RUNS, RunKind
from pagemill.classify_runs.schemas import ProcessorReference
from pagemill.errors import PagemillError
from pagemill.files.repository import FileRepository
from pagemill.files.schemas import FileSummary
from pagemill.models import ProcessorRun, WorkflowStepRun
from pagemill.runs import service as runs
from pagemill.runs.schemas import FileInput
from pagemill.runs.status import RunSource
from pagemill.storage import Storage
from pagemill.workflow_runs.interpreter.call import StepCall
from pagemill.workflow_runs.interpreter.outcome import (
    Outcome,
    StepFailure,
    go_to,
    required_config,
    targets_by,
)
from pagemill.workflow_runs.interpreter.processors import (
    invalid,
    parse_config_of,
    queued,
    record_finished_run,
)
from pagemill.workflow_runs.interpreter.walk import child_branch
from pagemill.workflow_runs.status import FailureReason

ROUTED_BY_CLASS = frozenset({"CLASSIFY", "SPLIT"})
# Step type → (run kind, saved reference key, inline config key).
_KINDS: dict[str, tuple[RunKind, str, str]] = {
    "CLASSIFY": (CLASSIFY_RUNS, "classifier", "classifierConfig"),
    "SPLIT": (SPLIT_RUNS, "splitter", "splitterConfig"),
}


def _reference(config: dict[str, Any], key: str) -> ProcessorReference | None:
    reference = config.get(key)
    if not isinstance(reference, dict):
        return None
    return ProcessorReference(
        id=str(reference.get("id") or ""),
        version=reference.get("version"),
        override_config=reference.get("overrideConfig"),
    )


def _inline(call: StepCall, config: dict[str, Any], key: str) -> dict[str, Any] | None:
    """The inline config, parsing as the PARSE step says unless it sets its own parse config."""
    inline = config.get(key)
    if not isinstance(inline, dict):
        return None
    parse_config = parse_config_of(call)
    if parse_config is not None and "parseConfig" not in inline:
        return {**inline, "parseConfig": parse_config}
    return inline


def run_by_class(call: StepCall) -> tuple[Outcome, dict[str, Any] | None]:
    """Queue the step's classifier or splitter run (or use a pre-supplied classification)."""
    kind, reference_key, inline_key = _KINDS[call.step["type"]]
    config = required_config(call.step)
    reference = _reference(config, reference_key)
    inline = _inline(call, config, inline_key)
    provided = call.run.provided_outputs.get(reference.id) if reference else None
    try:
        if provided is not None and kind is CLASSIFY_RUNS:
            return _provided_classification(call, reference, provided)
        run = processor_runs.create_run(
            call.session,
            call.runtime,
            call.principal,
            kind,
            reference=reference,
            config=inline,
            file=FileInput(id=call.files[0]["id"]),
            metadata=None,
            priority=call.run.priority,
            source=RunSource.WORKFLOW_RUN,
        )
    except PagemillError as error:
        raise invalid(call, error) from None
    return queued(call, run), None


def _provided_classification(
    call: StepCall, reference: ProcessorReference | None, provided: dict[str, Any]
) -> tuple[Outcome, dict[str, Any] | None]:
    """Record the given class as a finished classify run and route by it, without classifying."""
    assert reference is not None
    resolved = processor_runs.saved_config(call.session, call.principal, CLASSIFY_RUNS, reference)
    classes = {item["id"]: item for item in resolved.config.get("classifications") or []}
    chosen = classes.get(str(provided.get("id") or ""))
    if chosen is None:
        known = ", ".join(sorted(classes)) or "none"
        raise StepFailure(
            FailureReason.INVALID_WORKFLOW,
            f"The output provided for classifier {reference.id} names class {provided.get('id')!r}, "
            f"which it does not have (known: {known}).",
        )
    output = {
        "id": chosen["id"],
        "type": provided.get("type") or chosen["type"],
        "confidence": float(provided.get("confidence", 1.0)),
        "insights": list(provided.get("insights") or []),
    }
    row = record_finished_run(
        call,
        CLASSIFY_RUNS.kind,
        CLASSIFY_RUNS.run_prefix,
        output,
        resolved.config,
        processor_id=resolved.processor.id if resolved.processor else None,
        processor_version_id=resolved.version.id if resolved.version else None,
    )
    return route_by_class(call.session, call.runtime.storage, call.step, call.step_run, row, call.token)


def route_by_class(
    session: Session,
    storage: Storage,
    step: dict[str, Any],
    step_run: WorkflowStepRun,
    processor_run: ProcessorRun,
    token: dict[str, Any],
) -> tuple[Outcome, dict[str, Any] | None]:
    """Where a finished classify or split run sends the document, and the step's own result."""
    output = runs.read_output(storage, processor_run) or {}
    if step["type"] == "CLASSIFY":
        chosen = {key: output.get(key) for key in ("id", "type", "confidence")}
        return go_to(targets_by(step, "classificationId", output.get("id"))), {"classification": chosen}
    branches = []
    files = FileRepository(session)
    for position, split in enumerate(output.get("splits") or [], start=1):
        child = files.get_any_workspace(str(split.get("fileId") or ""))
        if child is None:
            raise StepFailure(
                FailureReason.INTERNAL_ERROR,
                f"The file of split {position} of step {step['name']!r} is gone.",
            )
        branches.append(
            {
                "branch": child_branch(token["branch"], position),
                "files": [FileSummary.of(child).model_dump(mode="json", by_alias=True)],
                "targets": targets_by(step, "classificationId", split.get("classificationId")),
            }
        )
    return {**go_to([]), "branches": branches}, {"splitCount": len(branches)}
