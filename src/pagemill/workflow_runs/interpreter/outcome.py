"""What executing a step decides, as the plain dict the interpreter job checkpoints.

`kind` is one of: `next` (go on to `targets`), `await` (a processor run was queued: wait for
`processorRunId`),
`review` (pause for a human), `fail` (end the run with `reason` and `message`), `cancel`.
"""

from __future__ import annotations

from typing import Any

from pagemill.workflow_runs.status import FailureReason

Outcome = dict[str, Any]


def go_to(targets: list[str]) -> Outcome:
    return {"kind": "next", "targets": targets}


def await_run(processor_run_id: str) -> Outcome:
    return {"kind": "await", "processorRunId": processor_run_id}


def review() -> Outcome:
    return {"kind": "review"}


def fail(reason: FailureReason, message: str) -> Outcome:
    return {"kind": "fail", "reason": reason.value, "message": message}


def cancel() -> Outcome:
    return {"kind": "cancel"}


class StepFailure(Exception):
    """A step cannot go on; the run fails with `reason`."""

    def __init__(self, reason: FailureReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def all_targets(step: dict[str, Any]) -> list[str]:
    return [entry["step"] for entry in step.get("next") or []]


def targets_by(step: dict[str, Any], key: str, value: Any) -> list[str]:
    return [entry["step"] for entry in step.get("next") or [] if entry.get(key) == value]


def required_config(step: dict[str, Any]) -> dict[str, Any]:
    config = step.get("config")
    if not isinstance(config, dict):
        raise StepFailure(
            FailureReason.INVALID_WORKFLOW,
            f"Step {step['name']!r} ({step['type']}) has no config; configure it and run again.",
        )
    return config
