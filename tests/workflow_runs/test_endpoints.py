"""Workflow runs through the official SDK and raw HTTP, on SQLite + local files and on PostgreSQL + S3."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.test_conventions import assert_envelope
from tests.server_fixtures import ALLOWED_FETCH_HOST, PagemillServer
from tests.workflow_runs.flows import (
    LINEAR,
    TEXT_INVOICE,
    TRIGGER,
    WEBHOOK,
    deployed_workflow,
    parse_then,
    step_runs_of,
    wait_for,
)

INVOICES = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "invoice2data" / "compare"
FINISHED = {"PROCESSED", "FAILED", "CANCELLED", "REJECTED", "NEEDS_REVIEW"}


def test_an_invoice_runs_through_a_deployed_workflow_to_processed(pagemill_server: PagemillServer) -> None:
    invoice = INVOICES / "AzureInterior.pdf"
    if not invoice.exists():
        pytest.skip(f"evaluation invoices are not at {INVOICES}")
    sdk = pagemill_server.sdk()
    workflow = sdk.workflows.create(name="Invoice Processing")
    sdk.workflows.update(workflow.id, steps=LINEAR)
    version = sdk.workflow_versions.create(workflow.id)
    uploaded = sdk.files.upload(file=(invoice.name, invoice.read_bytes()))

    run = sdk.workflow_runs.create_and_poll(
        workflow={"id": workflow.id}, file={"id": uploaded.id}, metadata={"source": "tests"}
    )

    assert run.status == "PROCESSED", run.failure_message
    assert run.workflow_version.id == version.id
    assert run.metadata == {"source": "tests"}
    assert [item.id for item in run.files] == [uploaded.id]
    assert run.initial_run_at <= run.start_time <= run.end_time
    assert [item.step_type for item in run.step_runs] == ["PARSE", "EXTRACT"]
    extract = run.step_runs[1]
    assert extract.object == "workflow_step_run" and extract.step.name == "extract"
    assert extract.result.extract_run.output.value["invoice_number"] == "INV/2023/03/0008"
    assert extract.result.extract_run.output.value["total"] == pytest.approx(279.84)
    same = pagemill_server.client().get(f"/extract_runs/{extract.result.extract_run.id}").json()
    assert same["output"]["value"] == extract.result.extract_run.output.value
    assert {line.id for line in run.usage.breakdown} == {
        item.result.parse_run.id if item.step_type == "PARSE" else item.result.extract_run.id
        for item in run.step_runs
    }


def test_steps_that_have_no_step_run_variant_are_not_listed(pagemill_server: PagemillServer) -> None:
    client = pagemill_server.client()
    workflow_id = deployed_workflow(pagemill_server.sdk(), "Hidden steps", LINEAR)

    created = client.post(
        "/workflow_runs", json={"workflow": {"id": workflow_id}, "file": {"text": TEXT_INVOICE}}
    )
    assert created.status_code == 200, created.text
    assert created.json()["status"] in ("PENDING", "PROCESSING")
    body = wait_for(client, created.json()["id"], FINISHED)

    assert body["status"] == "PROCESSED", body
    assert [item["stepType"] for item in body["stepRuns"]] == ["PARSE", "EXTRACT"]
    assert all(item["object"] == "workflow_step_run" for item in body["stepRuns"])
    assert step_runs_of(body, "PARSE")[0]["result"]["parseRun"]["object"] == "parse_run"


def test_version_resolution_pins_the_run_to_a_version(pagemill_server: PagemillServer) -> None:
    sdk, client = pagemill_server.sdk(), pagemill_server.client()
    workflow = sdk.workflows.create(name="Versions")
    draft_only = client.post(
        "/workflow_runs", json={"workflow": {"id": workflow.id}, "file": {"text": TEXT_INVOICE}}
    ).json()
    assert draft_only["workflowVersion"]["version"] == "draft"
    sdk.workflows.update(workflow.id, steps=LINEAR)
    first = sdk.workflow_versions.create(workflow.id)
    sdk.workflow_versions.create(workflow.id)

    def version_of(reference: dict[str, str]) -> str:
        response = client.post("/workflow_runs", json={"workflow": reference, "file": {"text": TEXT_INVOICE}})
        assert response.status_code == 200, response.text
        return str(response.json()["workflowVersion"]["version"])

    assert version_of({"id": workflow.id}) == "2"
    assert version_of({"id": workflow.id, "version": "1"}) == first.version
    assert version_of({"id": workflow.id, "version": "draft"}) == "draft"
    missing = client.post(
        "/workflow_runs", json={"workflow": {"id": workflow.id, "version": "9"}, "file": {"text": "x"}}
    )
    assert assert_envelope(missing, 404, "NOT_FOUND")["message"]


def test_a_run_needs_exactly_one_of_file_or_package(pagemill_server: PagemillServer) -> None:
    client = pagemill_server.client()
    workflow_id = deployed_workflow(pagemill_server.sdk(), "Inputs", LINEAR)

    neither = client.post("/workflow_runs", json={"workflow": {"id": workflow_id}})
    assert_envelope(neither, 400, "INVALID_REQUEST")
    bad_priority = client.post(
        "/workflow_runs", json={"workflow": {"id": workflow_id}, "file": {"text": "x"}, "priority": 101}
    )
    assert_envelope(bad_priority, 400, "INVALID_REQUEST")


def test_update_merges_metadata_in_any_status(pagemill_server: PagemillServer) -> None:
    sdk = pagemill_server.sdk()
    workflow_id = deployed_workflow(sdk, "Metadata", LINEAR)
    run = sdk.workflow_runs.create(
        workflow={"id": workflow_id}, file={"text": TEXT_INVOICE}, metadata={"a": 1}
    )

    updated = sdk.workflow_runs.update(run.id, metadata={"b": 2})
    assert updated.metadata == {"a": 1, "b": 2}
    finished = wait_for(pagemill_server.client(), run.id, FINISHED)
    again = sdk.workflow_runs.update(run.id, metadata={"a": 3})
    assert finished["status"] == "PROCESSED"
    assert again.metadata == {"a": 3, "b": 2}


def test_list_filters_sorts_and_pages(pagemill_server: PagemillServer) -> None:
    sdk, client = pagemill_server.sdk(), pagemill_server.client()
    workflow_id = deployed_workflow(sdk, "Listing", LINEAR)
    ids = [
        sdk.workflow_runs.create(
            workflow={"id": workflow_id}, file={"text": TEXT_INVOICE, "name": f"listing-{index}.txt"}
        ).id
        for index in range(3)
    ]
    for run_id in ids:
        wait_for(client, run_id, FINISHED)

    first = sdk.workflow_runs.list(
        workflow_id=workflow_id, sort_by="createdAt", sort_dir="asc", max_page_size=2
    )
    assert [item.id for item in first.data] == ids[:2]
    rest = sdk.workflow_runs.list(
        workflow_id=workflow_id,
        sort_by="createdAt",
        sort_dir="asc",
        max_page_size=2,
        next_page_token=first.next_page_token,
    )
    assert [item.id for item in rest.data] == ids[2:] and rest.next_page_token is None
    named = sdk.workflow_runs.list(file_name_contains="LISTING-1")
    assert [item.id for item in named.data] == [ids[1]]
    processed = sdk.workflow_runs.list(workflow_id=workflow_id, status="PROCESSED")
    assert {item.id for item in processed.data} == set(ids)
    assert sdk.workflow_runs.list(workflow_id=workflow_id, status="FAILED").data == []
    summary = client.get("/workflow_runs", params={"workflowId": workflow_id}).json()["data"][0]
    assert {"createdAt", "updatedAt", "files", "usage"} <= set(summary) and "stepRuns" not in summary


def test_delete_purges_the_run_and_its_processor_runs(pagemill_server: PagemillServer) -> None:
    sdk, client = pagemill_server.sdk(), pagemill_server.client()
    workflow_id = deployed_workflow(sdk, "Deleting", LINEAR)
    run = sdk.workflow_runs.create(workflow={"id": workflow_id}, file={"text": TEXT_INVOICE})
    body = wait_for(client, run.id, FINISHED)
    extract_run_id = step_runs_of(body, "EXTRACT")[0]["result"]["extractRun"]["id"]

    assert sdk.workflow_runs.delete(run.id).id == run.id

    assert_envelope(client.get(f"/workflow_runs/{run.id}"), 404, "NOT_FOUND")
    assert_envelope(client.get(f"/extract_runs/{extract_run_id}"), 404, "NOT_FOUND")


def test_cancelling_a_finished_run_is_refused(pagemill_server: PagemillServer) -> None:
    sdk, client = pagemill_server.sdk(), pagemill_server.client()
    workflow_id = deployed_workflow(sdk, "Finished", LINEAR)
    run = sdk.workflow_runs.create(workflow={"id": workflow_id}, file={"text": TEXT_INVOICE})
    wait_for(client, run.id, FINISHED)

    assert_envelope(client.post(f"/workflow_runs/{run.id}/cancel"), 400, "INVALID_REQUEST")


class SlowEndpoint:
    """An HTTP endpoint on the allow-listed loopback address that answers after `delay` seconds."""

    def __init__(self, delay: float, body: bytes = b'{"approved": true}') -> None:
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                time.sleep(delay)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer((ALLOWED_FETCH_HOST, 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://{ALLOWED_FETCH_HOST}:{self.server.server_address[1]}/validate"


@pytest.fixture
def slow_endpoint() -> Iterator[SlowEndpoint]:
    endpoint = SlowEndpoint(delay=4.0)
    yield endpoint
    endpoint.server.shutdown()


def external_check(url: str) -> dict[str, object]:
    return {
        "name": "check",
        "type": "EXTERNAL_DATA_VALIDATION",
        "config": {"requestOptions": {"url": url, "method": "POST"}},
        "next": [{"step": "webhook"}],
    }


def test_cancelling_a_running_run_stops_it_at_the_next_step(
    pagemill_server: PagemillServer, slow_endpoint: SlowEndpoint
) -> None:
    sdk, client = pagemill_server.sdk(), pagemill_server.client()
    steps = [TRIGGER, parse_then("check"), external_check(slow_endpoint.url), WEBHOOK]
    workflow_id = deployed_workflow(sdk, "Cancelling", steps)
    run = sdk.workflow_runs.create(workflow={"id": workflow_id}, file={"text": TEXT_INVOICE})
    deadline = time.monotonic() + 60
    while not step_runs_of(client.get(f"/workflow_runs/{run.id}").json(), "EXTERNAL_DATA_VALIDATION"):
        assert time.monotonic() < deadline, "the run never reached its slow step"
        time.sleep(0.1)

    cancelled = sdk.workflow_runs.cancel(run.id)

    assert cancelled.status == "CANCELLING"
    final = wait_for(client, run.id, FINISHED)
    assert final["status"] == "CANCELLED" and final["endTime"] is not None
    assert_envelope(client.post(f"/workflow_runs/{run.id}/cancel"), 400, "INVALID_REQUEST")


def test_external_data_validation_keeps_the_endpoint_answer(pagemill_server: PagemillServer) -> None:
    endpoint = SlowEndpoint(delay=0.0, body=b'{"approved": true, "limit": 5000}')
    try:
        client = pagemill_server.client()
        steps = [TRIGGER, parse_then("check"), external_check(endpoint.url), WEBHOOK]
        workflow_id = deployed_workflow(pagemill_server.sdk(), "External", steps)
        created = client.post("/workflow_runs", json={"workflow": {"id": workflow_id}, "file": {"text": "x"}})
        body = wait_for(client, created.json()["id"], FINISHED)
    finally:
        endpoint.server.shutdown()

    assert body["status"] == "PROCESSED", body
    check = step_runs_of(body, "EXTERNAL_DATA_VALIDATION")[0]
    assert check["result"] == {"response": {"status": 200, "data": {"approved": True, "limit": 5000}}}


def test_a_batch_of_text_inputs_is_trackable_by_batch_id(pagemill_server: PagemillServer) -> None:
    sdk, client = pagemill_server.sdk(), pagemill_server.client()
    workflow_id = deployed_workflow(sdk, "Batch", LINEAR)

    batch = sdk.workflow_runs.create_batch(
        workflow={"id": workflow_id},
        inputs=[{"file": {"text": TEXT_INVOICE}, "metadata": {"index": index}} for index in range(4)],
    )

    runs = sdk.workflow_runs.list(batch_id=batch.batch_id, max_page_size=10).data
    assert len(runs) == 4 and all(item.batch_id == batch.batch_id for item in runs)
    finished = [wait_for(client, item.id, FINISHED) for item in runs]
    assert {item["status"] for item in finished} == {"PROCESSED"}
    assert sorted(item["metadata"]["index"] for item in finished) == [0, 1, 2, 3]
    too_many = client.post(
        "/workflow_runs/batch",
        json={"workflow": {"id": workflow_id}, "inputs": [{"file": {"text": "x"}}] * 1001},
    )
    assert_envelope(too_many, 400, "INVALID_REQUEST")
