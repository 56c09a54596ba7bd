"""`./dev bench workflows`: workflow run latency and batch throughput, measured for real.

Starts `pagemill serve` (embedded: SQLite, local files, in-process workers) in a temporary home, deploys
TRIGGER → PARSE → EXTRACT (inline schema) → WEBHOOK_RESPONSE, then
  1. submits `--latency-runs` single runs one after another on a 1-page text document and reports the
     submit-to-PROCESSED latency (p50, p95), polling each run every 5 ms;
  2. submits one batch of `--batch-runs` text inputs and reports runs per minute and how busy the machine's
     cores were meanwhile (from /proc/stat), once per `--concurrency` value (the work queue's slots).
Prints one JSON object per measurement. Not a test: numbers depend on the machine.

Scale-out (PostgreSQL + S3, two `pagemill worker` processes, one killed midway) is measured by the deployment
test, 1,000 runs with: PAGEMILL_SCALE_OUT_RUNS=1000 ./dev test tests/deployment/test_workflow_scale_out.py -s
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

TEXT = "INVOICE\nInvoice number: INV-2041\nDate: 2024-05-02\nTotal: 1,250.00 USD\n"
SCHEMA = {
    "type": "object",
    "properties": {"invoice_number": {"type": ["string", "null"]}, "total": {"type": ["number", "null"]}},
    "required": ["invoice_number", "total"],
    "additionalProperties": False,
}
STEPS = [
    {"name": "trigger", "type": "TRIGGER", "next": [{"step": "parse"}]},
    {"name": "parse", "type": "PARSE", "next": [{"step": "extract"}]},
    {
        "name": "extract",
        "type": "EXTRACT",
        "config": {"extractorConfig": {"schema": SCHEMA}},
        "next": [{"step": "done"}],
    },
    {"name": "done", "type": "WEBHOOK_RESPONSE"},
]
DONE = {"PROCESSED", "FAILED", "CANCELLED", "REJECTED", "NEEDS_REVIEW"}


def _cpu_times() -> tuple[float, float]:
    """(busy, total) jiffies of all cores since boot."""
    fields = [float(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


class Server:
    def __init__(self, home: Path, port: int, concurrency: int) -> None:
        self.env = {
            **{key: value for key, value in os.environ.items() if not key.startswith("PAGEMILL_")},
            "PAGEMILL_HOME": str(home),
            "PAGEMILL_WORKER_CONCURRENCY": str(concurrency),
        }
        self.port = port
        self._cli("migrate")
        key = self._cli("keys", "create", "--name", "benchmark").stdout.strip()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pagemill", "serve", "--port", str(port)],
            env=self.env,
            stdout=(home / "server.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        self.client = httpx.Client(
            base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {key}"}, timeout=120
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if self.client.get("/readyz").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.1)

    def _cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pagemill", *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)

    def deploy(self) -> str:
        workflow = self.client.post("/workflows", json={"name": "Benchmark", "steps": STEPS}).json()
        self.client.post(f"/workflows/{workflow['id']}/versions", json={}).raise_for_status()
        return str(workflow["id"])


def measure_latency(server: Server, workflow_id: str, runs: int) -> dict[str, Any]:
    file_id = server.client.post("/files", json={"text": TEXT, "name": "invoice.txt"}).json()["id"]
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        run = server.client.post(
            "/workflow_runs", json={"workflow": {"id": workflow_id}, "file": {"id": file_id}}
        )
        run_id = run.json()["id"]
        while (status := server.client.get(f"/workflow_runs/{run_id}").json()["status"]) not in DONE:
            time.sleep(0.005)
        assert status == "PROCESSED", status
        seconds.append(time.perf_counter() - started)
    ordered = sorted(seconds)
    return {
        "measure": "submit_to_processed_ms",
        "runs": runs,
        "p50": round(statistics.median(ordered) * 1000, 1),
        "p95": round(ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000, 1),
    }


def measure_batch(server: Server, workflow_id: str, runs: int, concurrency: int) -> dict[str, Any]:
    busy_before, total_before = _cpu_times()
    started = time.perf_counter()
    inputs = [{"file": {"text": TEXT}, "metadata": {"index": index}} for index in range(runs)]
    batch_id = server.client.post(
        "/workflow_runs/batch", json={"workflow": {"id": workflow_id}, "inputs": inputs}
    ).json()["batchId"]
    while True:
        done = 0
        token = None
        while True:
            params = {"batchId": batch_id, "maxPageSize": 100, **({"nextPageToken": token} if token else {})}
            page = server.client.get("/workflow_runs", params=params).json()
            done += sum(1 for item in page["data"] if item["status"] in DONE)
            token = page["nextPageToken"]
            if not token:
                break
        if done >= runs:
            break
        time.sleep(1.0)
    elapsed = time.perf_counter() - started
    busy_after, total_after = _cpu_times()
    return {
        "measure": "batch",
        "runs": runs,
        "work_queue_slots": concurrency,
        "seconds": round(elapsed, 1),
        "runs_per_minute": round(runs / elapsed * 60, 1),
        "cores_busy_percent": round(100 * (busy_after - busy_before) / (total_after - total_before), 1),
        "cores": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--latency-runs", type=int, default=50)
    parser.add_argument("--batch-runs", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--port", type=int, default=18765)
    args = parser.parse_args(argv)
    for index, concurrency in enumerate(args.concurrency):
        with tempfile.TemporaryDirectory(prefix="pagemill-bench-") as home:
            server = Server(Path(home), args.port, concurrency)
            try:
                workflow_id = server.deploy()
                if index == 0 and args.latency_runs:
                    print(json.dumps(measure_latency(server, workflow_id, args.latency_runs)), flush=True)
                if args.batch_runs:
                    print(
                        json.dumps(measure_batch(server, workflow_id, args.batch_runs, concurrency)),
                        flush=True,
                    )
            finally:
                server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
