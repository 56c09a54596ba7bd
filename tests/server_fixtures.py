"""A real Pagemill server in a subprocess on a free loopback port, driven over real HTTP.

`pagemill_server` is parametrised over the two deployments Pagemill supports — embedded (SQLite + local files)
and scale-out storage (PostgreSQL + S3 on a real S3-compatible server) — so every API test runs against both.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]
# A loopback address the test servers allow-list, so fetching from a local HTTP server can be tested while
# 127.0.0.1 itself stays refused.
ALLOWED_FETCH_HOST = "127.0.0.2"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pagemill_cli(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pagemill", *args],
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=120,
    )


@dataclass
class PagemillServer:
    """One server process; `start()` again after `kill()` restarts it on the same data."""

    env: dict[str, str]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    api_key: str = ""
    log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 180.0) -> PagemillServer:
        assert self.log_path is not None
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pagemill", "serve", "--port", str(self.port)],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if httpx.get(self.url + "/readyz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"server not ready after {timeout} s:\n{self.log_tail()}")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, lines: int = 60) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {self.api_key}"}, timeout=60
        )

    def sdk(self):  # type: ignore[no-untyped-def]
        from extend_ai import Extend

        return Extend(token=self.api_key, base_url=self.url)


def base_env(home: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEMILL_")}
    env.update(
        {
            "PAGEMILL_HOME": str(home),
            "PYTHONUNBUFFERED": "1",
            "PAGEMILL_FETCH_ALLOW_HOSTS": ALLOWED_FETCH_HOST,
        }
    )
    env.update(overrides)
    return env


def launch(home: Path, env: dict[str, str]) -> PagemillServer:
    home.mkdir(parents=True, exist_ok=True)
    pagemill_cli(env, "migrate")
    key = pagemill_cli(env, "keys", "create", "--name", "tests").stdout.strip()
    server = PagemillServer(env=env, api_key=key, log_path=home / "server.log")
    return server.start()


@pytest.fixture(scope="session")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagemillServer]:
    home = tmp_path_factory.mktemp("pagemill-sqlite")
    server = launch(home, base_env(home, PAGEMILL_MAX_UPLOAD_BYTES=str(5 * 1024 * 1024)))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_s3_server(
    tmp_path_factory: pytest.TempPathFactory, postgres_session_database_url: str, s3_server: dict[str, str]
) -> Iterator[PagemillServer]:
    home = tmp_path_factory.mktemp("pagemill-postgres")
    env = base_env(
        home,
        PAGEMILL_DATABASE_URL=postgres_session_database_url,
        PAGEMILL_STORAGE_URL=s3_server["storage_url"],
        PAGEMILL_S3_ENDPOINT_URL=s3_server["endpoint_url"],
        PAGEMILL_S3_ACCESS_KEY_ID=s3_server["access_key_id"],
        PAGEMILL_S3_SECRET_ACCESS_KEY=s3_server["secret_access_key"],
        PAGEMILL_MAX_UPLOAD_BYTES=str(5 * 1024 * 1024),
    )
    server = launch(home, env)
    yield server
    server.stop()


@pytest.fixture(
    scope="session",
    params=["sqlite", pytest.param("postgres+s3", marks=[pytest.mark.postgres, pytest.mark.s3])],
)
def pagemill_server(request: pytest.FixtureRequest) -> PagemillServer:
    """The API under test, once per deployment kind."""
    name = "sqlite_server" if request.param == "sqlite" else "postgres_s3_server"
    server: PagemillServer = request.getfixturevalue(name)
    return server


class DocumentHost:
    """A plain HTTP server on the allow-listed loopback address, serving documents a test registers."""

    def __init__(self) -> None:
        import http.server
        import threading

        documents: dict[str, bytes] = {}
        self.documents = documents

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                body = documents.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer((ALLOWED_FETCH_HOST, 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://{ALLOWED_FETCH_HOST}:{self.server.server_address[1]}{path}"

    def serve(self, path: str, body: bytes) -> str:
        self.documents[path] = body
        return self.url(path)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def document_host() -> Iterator[DocumentHost]:
    host = DocumentHost()
    yield host
    host.close()
