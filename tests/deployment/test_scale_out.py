"""Scale-out mode for real: PostgreSQL + S3, an API process that executes nothing, and separate worker processes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.documents import text_pdf
from tests.server_fixtures import REPO, PagemillServer, base_env, launch, pagemill_cli

pytestmark = [pytest.mark.postgres, pytest.mark.s3]


class Workers:
    def __init__(self, env: dict[str, str], home: Path):
        self.env, self.home = env, home
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str) -> None:
        log = (self.home / f"{name}.log").open("ab")
        env = {**self.env, "PAGEMILL_ENGINE_EXECUTOR_ID": name}
        self.processes[name] = subprocess.Popen(
            [sys.executable, "-m", "pagemill", "worker"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
        )
        deadline = time.monotonic() + 180
        while "ready" not in (self.home / f"{name}.log").read_text(errors="replace"):
            assert self.processes[name].poll() is None, (self.home / f"{name}.log").read_text()
            assert time.monotonic() < deadline, f"worker {name} not ready"
            time.sleep(0.1)

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)


@pytest.fixture
def deployment(
    tmp_path: Path, postgres_database_url: str, s3_server: dict[str, str]
) -> Iterator[tuple[PagemillServer, Workers]]:
    home = tmp_path / "home"
    env = base_env(
        home,
        PAGEMILL_DATABASE_URL=postgres_database_url,
        PAGEMILL_STORAGE_URL=s3_server["storage_url"] + "-scale-out",
        PAGEMILL_S3_ENDPOINT_URL=s3_server["endpoint_url"],
        PAGEMILL_S3_ACCESS_KEY_ID=s3_server["access_key_id"],
        PAGEMILL_S3_SECRET_ACCESS_KEY=s3_server["secret_access_key"],
        PAGEMILL_SECRET_KEY="shared-by-every-node",
    )
    workers = Workers({**env, "PAGEMILL_ROLE": "worker"}, home)
    server = launch(home, {**env, "PAGEMILL_ROLE": "api"})
    try:
        workers.start("worker-a")
        workers.start("worker-b")
        yield server, workers
    finally:
        server.stop()
        workers.stop_all()


def test_work_enqueued_by_the_api_runs_in_worker_processes(
    deployment: tuple[PagemillServer, Workers],
) -> None:
    server, workers = deployment
    check = pagemill_cli({**server.env, "PAGEMILL_ROLE": "api"}, "engine", "check", "--timeout", "60")
    probe = json.loads(check.stdout)
    assert probe["executor"] in ("worker-a", "worker-b")
    assert probe["pid"] in {process.pid for process in workers.processes.values()}
    assert server.process is not None and probe["pid"] != server.process.pid

    client = server.sdk()
    ids = [
        client.files.upload(
            file=(f"d{i}.pdf", io.BytesIO(text_pdf([[f"Document {i}"]])), "application/pdf")
        ).id
        for i in range(6)
    ]
    batch = client.parse_runs.create_batch(inputs=[{"file": {"id": file_id}} for file_id in ids])
    deadline = time.monotonic() + 120
    while client.batch_runs.get(batch.id).status != "PROCESSED":
        assert time.monotonic() < deadline, "batch did not finish on the workers"
        time.sleep(0.2)
    runs = client.parse_runs.list(batch_id=batch.id).data
    assert {run.status for run in runs} == {"PROCESSED"} and len(runs) == 6
    texts = ["\n".join(c.content for c in client.parse_runs.retrieve(run.id).output.chunks) for run in runs]
    assert sorted(text.strip() for text in texts) == sorted(f"Document {i}" for i in range(6))


def test_api_without_workers_executes_nothing(tmp_path: Path, postgres_database_url: str) -> None:
    home = tmp_path / "lonely"
    env = {**base_env(home, PAGEMILL_DATABASE_URL=postgres_database_url), "PAGEMILL_ROLE": "api"}
    server = launch(home, env)
    try:
        client = server.sdk()
        file_id = client.files.upload(file=("x.pdf", io.BytesIO(text_pdf([["x"]])), "application/pdf")).id
        run = client.parse_runs.create(file={"id": file_id})
        time.sleep(2)
        assert client.parse_runs.retrieve(run.id).status == "PENDING"
        result = pagemill_cli(env, "engine", "check", "--timeout", "2", check=False)
        assert result.returncode != 0 and "no engine worker" in result.stderr
    finally:
        server.stop()
