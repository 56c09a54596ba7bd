"""Per-request conventions: a request id on every response, the API version a request speaks, and a cap on
request bodies (checked before a multipart upload is spooled to disk, not after)."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pagemill.api import versions
from pagemill.api.envelope import REQUEST_ID_HEADER
from pagemill.errors import InvalidRequest, PagemillError
from pagemill.kit.ids import new_id


class RequestConventions:
    """Pure ASGI middleware (no BaseHTTPMiddleware: it would buffer streamed downloads and uploads)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        default_version: str,
        unversioned_prefixes: tuple[str, ...],
        max_body_bytes: int,
    ):
        self.app = app
        self.default_version = default_version
        self.unversioned_prefixes = unversioned_prefixes
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = new_id("req")
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        version = headers.get(versions.HEADER, "").strip() or self.default_version
        state["api_version"] = version
        path: str = scope.get("path", "")
        if version not in versions.SUPPORTED and not path.startswith(self.unversioned_prefixes):
            state["api_version_error"] = InvalidRequest(
                f"Unsupported {versions.HEADER} '{version}'; "
                f"this server speaks {', '.join(versions.SUPPORTED)}",
                path=versions.HEADER,
            )

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (REQUEST_ID_HEADER.encode(), request_id.encode())]
            await send(message)

        too_large = InvalidRequest(
            f"Request body is larger than the {self.max_body_bytes:,}-byte limit (PAGEMILL_MAX_UPLOAD_BYTES)",
            path="file",
        )
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await _reply(send_with_id, too_large, request_id)
            return

        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    state["body_error"] = too_large  # form parsing may swallow the exception below
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counted_receive, send_with_id)
        except _BodyTooLarge:
            await _reply(send_with_id, too_large, request_id)


class _BodyTooLarge(Exception):
    pass


async def _reply(send: Send, error: PagemillError, request_id: str) -> None:
    body = json.dumps(error.body(request_id)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": error.status_code,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
