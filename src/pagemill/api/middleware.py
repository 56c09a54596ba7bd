"""Per-request conventions: a request id on every response, and the API version a request speaks."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pagemill.api import versions
from pagemill.api.envelope import REQUEST_ID_HEADER
from pagemill.errors import InvalidRequest
from pagemill.kit.ids import new_id


class RequestConventions:
    """Pure ASGI middleware (no BaseHTTPMiddleware: it would buffer streamed downloads and uploads)."""

    def __init__(self, app: ASGIApp, *, default_version: str, unversioned_prefixes: tuple[str, ...]):
        self.app = app
        self.default_version = default_version
        self.unversioned_prefixes = unversioned_prefixes

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
                f"Unsupported {versions.HEADER} '{version}'; this server speaks {', '.join(versions.SUPPORTED)}",
                path=versions.HEADER,
            )

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (REQUEST_ID_HEADER.encode(), request_id.encode())]
            await send(message)

        await self.app(scope, receive, send_with_id)
