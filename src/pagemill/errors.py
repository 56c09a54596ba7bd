"""One error hierarchy, rendered everywhere as Extend's envelope `{code, message, retryable, requestId}`."""

from __future__ import annotations

from typing import Any, ClassVar


class PagemillError(Exception):
    """An error the API reports to its caller. Services raise these; one handler renders them."""

    code: ClassVar[str] = "INTERNAL_ERROR"
    status_code: ClassVar[int] = 500
    retryable: ClassVar[bool] = False

    def __init__(self, message: str, *, path: str | None = None, headers: dict[str, str] | None = None):
        self.path = path
        self.headers = headers or {}
        super().__init__(f"{message}; Path: {path}" if path else message)

    @property
    def message(self) -> str:
        return str(self)

    def body(self, request_id: str | None) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "retryable": self.retryable,
            "requestId": request_id,
        }


class InvalidRequest(PagemillError):
    code = "INVALID_REQUEST"
    status_code = 400


class Unauthorized(PagemillError):
    code = "UNAUTHORIZED"
    status_code = 401


class Forbidden(PagemillError):
    code = "FORBIDDEN"
    status_code = 403


class NotFound(PagemillError):
    code = "NOT_FOUND"
    status_code = 404


class EndpointRemoved(PagemillError):
    code = "ENDPOINT_REMOVED"
    status_code = 410


class PayloadTooLarge(InvalidRequest):
    """Reported as 400 like every other invalid input: the SDK maps only its documented codes to errors."""


class RateLimited(PagemillError):
    code = "RATE_LIMIT_EXCEEDED"
    status_code = 429
    retryable = True

    def body(self, request_id: str | None) -> dict[str, Any]:
        return {**super().body(request_id), "error": self.message}


class ServiceUnavailable(PagemillError):
    code = "SERVICE_UNAVAILABLE"
    status_code = 503
    retryable = True


class InternalError(PagemillError):
    code = "INTERNAL_ERROR"
    status_code = 500
    retryable = True


class SyncTimeout(PagemillError):
    """A synchronous call outlived its limit; the run goes on and can be fetched by `runId`."""

    code = "REQUEST_TIMEOUT"
    status_code = 504

    def __init__(self, message: str, *, run_id: str):
        super().__init__(message)
        self.run_id = run_id

    def body(self, request_id: str | None) -> dict[str, Any]:
        return {**super().body(request_id), "runId": self.run_id}
