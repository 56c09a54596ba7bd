"""A real webhook receiver: an HTTP server on the loopback address the test servers allow-list."""

from __future__ import annotations

import http.server
import threading
import time
from dataclasses import dataclass

from tests.server_fixtures import ALLOWED_FETCH_HOST


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    answered: int


class Receiver:
    """Records every POST; answers with the scripted statuses in order, then 200."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.script: list[int] = []
        self._changed = threading.Condition()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver._changed:
                    status = receiver.script.pop(0) if receiver.script else 200
                    receiver.received.append(Received(self.path, dict(self.headers), body, status))
                    receiver._changed.notify_all()
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer((ALLOWED_FETCH_HOST, 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str = "/hook") -> str:
        return f"http://{ALLOWED_FETCH_HOST}:{self.server.server_address[1]}{path}"

    def wait_for(self, count: int, *, path: str = "/hook", timeout: float = 60.0) -> list[Received]:
        """The first `count` requests to `path`, waiting up to `timeout` seconds for them."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(matching := [item for item in self.received if item.path == path]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{len(matching)} of {count} deliveries to {path} after {timeout} s")
                self._changed.wait(left)
        return matching[:count]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
