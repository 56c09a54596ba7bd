"""The states of a workflow run and of its step runs, and the run failure reasons (Extend §D4)."""

from __future__ import annotations

from enum import StrEnum


class RunState(StrEnum):
    PENDING = "PENDING"
    PROCESSING = "PROCESSING"
    NEEDS_REVIEW = "NEEDS_REVIEW"
    REJECTED = "REJECTED"
    PROCESSED = "PROCESSED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"
    CANCELLING = "CANCELLING"

    @property
    def finished(self) -> bool:
        return self in (RunState.PROCESSED, RunState.FAILED, RunState.CANCELLED, RunState.REJECTED)

    @property
    def cancellable(self) -> bool:
        return self in (RunState.PENDING, RunState.PROCESSING)


class StepState(StrEnum):
    PENDING = "PENDING"
    WAITING = "WAITING"
    PROCESSING = "PROCESSING"
    PROCESSED = "PROCESSED"
    FAILED = "FAILED"
    INVALIDATED = "INVALIDATED"
    CANCELLED = "CANCELLED"


class FailureReason(StrEnum):
    INTERNAL_ERROR = "INTERNAL_ERROR"  # retryable
    DOCUMENT_PROCESSOR_ERROR = "DOCUMENT_PROCESSOR_ERROR"  # retryable
    INVALID_WORKFLOW = "INVALID_WORKFLOW"
    FAILED_TO_PROCESS_FILE = "FAILED_TO_PROCESS_FILE"

    @property
    def retryable(self) -> bool:
        return self in (FailureReason.INTERNAL_ERROR, FailureReason.DOCUMENT_PROCESSOR_ERROR)


RUN_EVENTS = {
    RunState.PROCESSED: "workflow_run.completed",
    RunState.FAILED: "workflow_run.failed",
    RunState.NEEDS_REVIEW: "workflow_run.needs_review",
    RunState.REJECTED: "workflow_run.rejected",
    RunState.CANCELLED: "workflow_run.cancelled",
}
STEP_PROCESSED_EVENT = "workflow_run.step_run.processed"
