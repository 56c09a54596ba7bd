from __future__ import annotations

from enum import StrEnum


class RunStatus(StrEnum):
    PENDING = "PENDING"
    PROCESSING = "PROCESSING"
    PROCESSED = "PROCESSED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"

    @property
    def terminal(self) -> bool:
        return self in (RunStatus.PROCESSED, RunStatus.FAILED, RunStatus.CANCELLED)


class RunSource(StrEnum):
    API = "API"
    STUDIO = "STUDIO"
    WORKFLOW_RUN = "WORKFLOW_RUN"
    BATCH = "BATCH"
