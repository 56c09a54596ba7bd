"""Start `pagemill worker` as a real subprocess, the way an operator would, with PAGEMILL_* settings."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
READY_TIMEOUT_SECONDS = 30.0

# The worker imports the test jobs (as a deployment imports its feature modules) before it starts executing.
WORKER_PROGRAM = (
    "import sys; "
    f"sys.path.insert(0, {str(REPO)!r}); "
    "import tests.engine.engine_test_jobs; "
    "from pagemill.engine.worker import run_worker; "
    "from pagemill.config import Settings; "
    "sys.exit(run_worker(Settings()))"
)


class WorkerProcess:
    def __init__(self, home: Path, database_url: str, executor_id: str) -> None:
        self.executor_id = executor_id
        self.stderr_path = home / f"{executor_id}.stderr"
        env = {
            **os.environ,
            "PAGEMILL_HOME": str(home),
            "PAGEMILL_DATABASE_URL": database_url,
            "PAGEMILL_ROLE": "worker",
            "PAGEMILL_ENGINE_EXECUTOR_ID": executor_id,
        }
        home.mkdir(parents=True, exist_ok=True)
        with self.stderr_path.open("wb") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-c", WORKER_PROGRAM], env=env, stdout=subprocess.PIPE, stderr=stderr
            )
        self._wait_until_ready()

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill_hard(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def terminate(self, timeout: float = 20.0) -> int:
        """SIGTERM, then wait for the worker's own clean exit; returns its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def ensure_stopped(self) -> None:
        if self.process.poll() is None:
            self.kill_hard()
        assert self.process.stdout is not None
        self.process.stdout.close()

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def _wait_until_ready(self) -> None:
        assert self.process.stdout is not None
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while (left := deadline - time.monotonic()) > 0:
            readable, _, _ = select.select([self.process.stdout], [], [], left)
            line = self.process.stdout.readline().decode() if readable else ""
            if line.startswith(f"pagemill worker {self.executor_id} ready"):
                return
            if self.process.poll() is not None:
                break
        self.ensure_stopped()
        raise AssertionError(f"worker {self.executor_id} did not become ready:\n{self.stderr()}")
