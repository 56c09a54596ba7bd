"""Engine-neutral errors: callers of the engine never catch an error type of the library underneath."""

from __future__ import annotations


class EngineError(RuntimeError):
    """The engine cannot do what was asked (not started, started twice, misconfigured)."""


class JobNotFound(LookupError):
    """No job run has this id."""

    def __init__(self, workflow_id: str) -> None:
        self.workflow_id = workflow_id
        super().__init__(f"no job run with id {workflow_id!r}")


class JobTimeout(TimeoutError):
    """A job run did not finish within the time the caller was willing to wait."""

    def __init__(self, workflow_id: str, timeout: float, status: str) -> None:
        self.workflow_id = workflow_id
        self.status = status
        super().__init__(f"job run {workflow_id!r} still {status} after {timeout:g} s")


class JobCancelled(RuntimeError):
    """The job run whose result was asked for was cancelled."""

    def __init__(self, workflow_id: str) -> None:
        self.workflow_id = workflow_id
        super().__init__(f"job run {workflow_id!r} was cancelled")
