"""Every error leaves the server as Extend's envelope; this module is the only place that renders one."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from pagemill.errors import InternalError, InvalidRequest, NotFound, PagemillError

log = logging.getLogger(__name__)

REQUEST_ID_HEADER = "x-extend-request-id"  # set on every response by api.middleware

_LOCATIONS = {"body", "query", "path", "header", "cookie"}


def request_id_of(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def error_response(request: Request, error: PagemillError) -> JSONResponse:
    return JSONResponse(
        error.body(request_id_of(request)), status_code=error.status_code, headers=error.headers
    )


def field_path(location: Sequence[Any]) -> str:
    """('body', 'file', 'url') → 'file.url'; ('body', 'steps', 2, 'type') → 'steps[2].type'."""
    parts = list(location)
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif str(part).startswith(("function-", "tagged-union")):
            continue
        else:
            path += f".{part}" if path else str(part)
    return path or "body"


def _validation_message(errors: Sequence[dict[str, Any]]) -> tuple[str, str]:
    messages = []
    first_path = ""
    for error in errors[:5]:
        path = field_path(error.get("loc", ()))
        first_path = first_path or path
        message = str(error.get("msg", "is invalid"))
        if error.get("type") == "missing":
            message = "is required"
        messages.append(f"{path}: {message}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(messages) + more, first_path


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PagemillError)
    async def _pagemill_error(request: Request, exc: PagemillError) -> JSONResponse:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        message, path = _validation_message(exc.errors())
        error = InvalidRequest(f"Invalid request: {message}")
        error.path = path
        return error_response(request, error)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        error: PagemillError
        body_error = getattr(request.state, "body_error", None)
        if body_error is not None:
            return error_response(request, body_error)
        if exc.status_code == 404:
            error = NotFound(f"No route {request.method} {request.url.path}")
        else:
            error = InvalidRequest(str(exc.detail))
            response = error_response(request, error)
            response.status_code = exc.status_code
            return response
        return error_response(request, error)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, InternalError("Internal error; the request can be retried"))
