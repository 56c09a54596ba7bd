"""What formulas and conditions read: each finished step's output by step name, and the run's metadata.

An extraction reads as its fields (`extraction1.total`), with `output`, `avgConfidence` and `minConfidence`
beside them for conditions (`{{ extract.output.value.total }}`); an external data validation reads as its
response data (`external1.customer.limit`) and `output.response`; other steps as their result.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pagemill.models import WorkflowRun
from pagemill.runs import service as runs
from pagemill.storage import Storage
from pagemill.workflow_runs.interpreter.walk import lineage
from pagemill.workflow_runs.repository import StepRunRepository
from pagemill.workflow_runs.status import StepState

EXTRACT_TYPES = frozenset({"EXTRACT", "CONDITIONAL_EXTRACT", "MERGE_EXTRACT"})
# Steps whose result records the class chosen (`{"classification": {id, type, confidence}}`).
CLASSIFICATION_TYPES = frozenset({"CLASSIFY"})
CONFIDENCE_KEYS = ("logprobsConfidence", "ocrConfidence", "reviewAgentScore")


def step_outputs(
    session: Session, storage: Storage, run: WorkflowRun, branch: str
) -> dict[str, dict[str, Any]]:
    """The output of every processed extraction step of `branch` and the branches it was split from (reviewed
    output first), by step name."""
    repository = StepRunRepository(session)
    seen = lineage(branch)
    step_runs = [
        item
        for item in repository.of_run(run.id)
        if item.status == StepState.PROCESSED and item.branch in seen and item.step_type in EXTRACT_TYPES
    ]
    processor_runs = repository.processor_runs(
        [item.processor_run_id for item in step_runs if item.processor_run_id]
    )
    outputs: dict[str, dict[str, Any]] = {}
    for item in step_runs:
        if item.reviewed_output is not None:
            outputs[item.step_name] = item.reviewed_output
            continue
        processor_run = processor_runs.get(item.processor_run_id or "")
        output = runs.read_output(storage, processor_run) if processor_run else None
        if output is not None:
            outputs[item.step_name] = output
    return outputs


def formula_context(session: Session, storage: Storage, run: WorkflowRun, branch: str) -> dict[str, Any]:
    context: dict[str, Any] = {"metadata": dict(run.run_metadata or {})}
    for name, output in step_outputs(session, storage, run, branch).items():
        context[name] = extraction_value(output)
    seen = lineage(branch)
    for item in StepRunRepository(session).of_run(run.id):
        if item.status != StepState.PROCESSED or item.branch not in seen or item.result is None:
            continue
        if item.step_type in EXTRACT_TYPES:
            continue
        if item.step_type in CLASSIFICATION_TYPES:
            # `classification1 = "invoice"`: a classification reads as its class type.
            context[item.step_name] = (item.result.get("classification") or {}).get("type")
        elif item.step_type == "EXTERNAL_DATA_VALIDATION":
            response = item.result.get("response") or {}
            data = response.get("data") if isinstance(response.get("data"), dict) else {}
            context[item.step_name] = {**data, "output": item.result, "response": response}
        else:
            context[item.step_name] = {**item.result, "output": item.result}
    return context


def extraction_value(output: dict[str, Any]) -> dict[str, Any]:
    value = output.get("value") if isinstance(output.get("value"), dict) else {}
    scores = _confidences(output.get("metadata") or {})
    exposed = dict(value)
    exposed.setdefault("output", output)
    exposed.setdefault("avgConfidence", sum(scores) / len(scores) if scores else None)
    exposed.setdefault("minConfidence", min(scores) if scores else None)
    return exposed


def _confidences(metadata: dict[str, Any]) -> list[float]:
    scores = []
    for entry in metadata.values():
        if not isinstance(entry, dict):
            continue
        for key in CONFIDENCE_KEYS:
            if isinstance(entry.get(key), int | float):
                scores.append(float(entry[key]))
                break
    return scores
