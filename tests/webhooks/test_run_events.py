"""Parse runs fire `parse_run.*`; the run that completes a batch fires `batch_parse_run.*`; both SDK-typed."""

from __future__ import annotations

import io
import json
import time

from extend_ai import Extend

from tests.documents import text_pdf
from tests.webhooks.conftest import Hooks

DOCUMENT = text_pdf([["Run events", "page one"]])
CORRUPT = DOCUMENT[: len(DOCUMENT) // 3]
BATCH_EVENTS = [
    "parse_run.processed",
    "parse_run.failed",
    "batch_parse_run.processed",
    "batch_parse_run.failed",
]


def verify(body: bytes, headers: dict[str, str], secret: str) -> object:
    return Extend(token="unused").webhooks.verify_and_parse(body, headers, secret)


def upload(hooks: Hooks, data: bytes) -> str:
    return hooks.server.sdk().files.upload(file=("doc.pdf", io.BytesIO(data), "application/pdf")).id


def test_a_failed_parse_run_fires_parse_run_failed(hooks: Hooks) -> None:
    endpoint = hooks.endpoint()
    run = hooks.parse(CORRUPT, metadata={"source": "scanner-3"})
    [received] = hooks.receiver.wait_for(1)
    event = verify(received.body, received.headers, endpoint.signing_secret)
    assert event.event_type == "parse_run.failed"  # type: ignore[attr-defined]
    payload = event.payload  # type: ignore[attr-defined]
    assert (payload.id, payload.status) == (run.id, "FAILED")
    assert payload.failure_reason == hooks.server.sdk().parse_runs.retrieve(run.id).failure_reason
    assert payload.failure_message and payload.metadata == {"source": "scanner-3"}


def test_a_batch_fires_one_event_per_run_and_one_when_it_completes(hooks: Hooks) -> None:
    endpoint = hooks.endpoint(enabled_events=BATCH_EVENTS)
    files = [upload(hooks, DOCUMENT) for _ in range(3)]
    batch = hooks.server.sdk().parse_runs.create_batch(
        inputs=[{"file": {"id": file_id}} for file_id in files]
    )
    received = hooks.receiver.wait_for(4)
    events = [verify(item.body, item.headers, endpoint.signing_secret) for item in received]
    kinds = sorted(event.event_type for event in events)  # type: ignore[attr-defined]
    assert kinds == ["batch_parse_run.processed"] + ["parse_run.processed"] * 3
    [completed] = [event for event in events if event.event_type.startswith("batch")]  # type: ignore[attr-defined]
    payload = completed.payload  # type: ignore[attr-defined]
    assert (payload.object, payload.id, payload.status, payload.run_count) == (
        "batch_run",
        batch.id,
        "PROCESSED",
        3,
    )
    time.sleep(1.0)
    assert len(hooks.receiver.received) == 4


def test_a_batch_whose_runs_all_fail_fires_batch_parse_run_failed(hooks: Hooks) -> None:
    hooks.endpoint(enabled_events=["batch_parse_run.processed", "batch_parse_run.failed"])
    files = [upload(hooks, CORRUPT) for _ in range(2)]
    batch = hooks.server.sdk().parse_runs.create_batch(
        inputs=[{"file": {"id": file_id}} for file_id in files]
    )
    [received] = hooks.receiver.wait_for(1)
    body = json.loads(received.body)
    assert body["eventType"] == "batch_parse_run.failed"
    assert (body["payload"]["id"], body["payload"]["status"]) == (batch.id, "FAILED")
