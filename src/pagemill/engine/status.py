"""The states a job run can be in, named independently of the engine library."""

from __future__ import annotations

import enum


class JobStatus(enum.StrEnum):
    ENQUEUED = "ENQUEUED"  # waiting in its queue (or delayed), no executor has it yet
    PENDING = "PENDING"  # an executor runs it, or it waits (for a message, a timer, a child)
    SUCCESS = "SUCCESS"
    ERROR = "ERROR"
    CANCELLED = "CANCELLED"

    @property
    def is_final(self) -> bool:
        return self in _FINAL

    @classmethod
    def from_engine(cls, raw: str) -> JobStatus:
        """Translate the engine's own status string; unknown strings are an error, not a guess."""
        if raw in _ENGINE_ALIASES:
            return _ENGINE_ALIASES[raw]
        return cls(raw)


_FINAL = frozenset({JobStatus.SUCCESS, JobStatus.ERROR, JobStatus.CANCELLED})
_ENGINE_ALIASES = {
    "DELAYED": JobStatus.ENQUEUED,
    # DBOS gave up recovering it after repeated crashes: for callers that is a failed run.
    "MAX_RECOVERY_ATTEMPTS_EXCEEDED": JobStatus.ERROR,
}
