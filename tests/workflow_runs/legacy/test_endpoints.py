"""`/workflow_runs*` in the 2025-04-21 shapes (`x-extend-api-version: 2025-04-21`) over raw HTTP: the same
runs as the current API, with `workflowId`, `files[]` or `rawTexts`, `success` wrappers, `outputs`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.test_conventions import assert_envelope
from tests.server_fixtures import PagemillServer
from tests.workflow_runs.flows import LINEAR, TEXT_INVOICE, deployed_workflow

LEGACY = {"x-extend-api-version": "2025-04-21"}
INVOICES = Path(__file__).resolve().parents[3] / ".." / "shared" / "eval" / "invoice2data" / "compare"
DONE = {"PROCESSED", "FAILED", "CANCELLED", "REJECTED", "NEEDS_REVIEW"}


def legacy_client(server: PagemillServer) -> httpx.Client:
    client = server.client()
    client.headers.update(LEGACY)
    return client


def assert_no_nulls(value: Any, where: str = "body") -> None:
    """2025-04-21 leaves optional fields out instead of sending null."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("output", "initialOutput", "reviewedOutput", "metadata", "config"):
                continue  # user data and processor outputs keep their own nulls
            assert item is not None, f"{where}.{key} is null"
            assert_no_nulls(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_no_nulls(item, f"{where}[{index}]")


def finished(client: httpx.Client, run_id: str, timeout: float = 120.0) -> dict[str, Any]:
    import time

    deadline = time.monotonic() + timeout
    while True:
        body = client.get(f"/workflow_runs/{run_id}").json()
        assert body["success"] is True
        if body["workflowRun"]["status"] in DONE:
            return dict(body["workflowRun"])
        assert time.monotonic() < deadline, f"{run_id} still {body['workflowRun']['status']}"
        time.sleep(0.2)


def test_the_invoice_lifecycle_in_2025_04_21_bodies(pagemill_server: PagemillServer) -> None:
    invoice = INVOICES / "AzureInterior.pdf"
    if not invoice.exists():
        pytest.skip(f"evaluation invoices are not at {INVOICES}")
    workflow_id = deployed_workflow(pagemill_server.sdk(), "Legacy invoices", LINEAR)
    file_id = pagemill_server.sdk().files.upload(file=(invoice.name, invoice.read_bytes())).id
    client = legacy_client(pagemill_server)

    created = client.post(
        "/workflow_runs",
        json={"workflowId": workflow_id, "files": [{"fileId": file_id}], "metadata": {"po": "PO-7"}},
    )

    assert created.status_code == 200, created.text
    body = created.json()
    assert body["success"] is True and len(body["workflowRuns"]) == 1
    run = body["workflowRuns"][0]
    assert run["object"] == "workflow_run" and run["name"] == invoice.name
    assert run["url"].endswith(f"/workflows/{workflow_id}?workflowRunId={run['id']}")
    assert run["workflow"] == {
        "object": "workflow",
        "id": workflow_id,
        "version": "1",
        "name": "Legacy invoices",
    }
    assert [item["id"] for item in run["files"]] == [file_id] and run["files"][0]["object"] == "file"
    assert "dashboardUrl" not in run and "workflowVersion" not in run
    assert_no_nulls(run)

    done = finished(client, run["id"])
    assert done["status"] == "PROCESSED" and done["metadata"] == {"po": "PO-7"}
    assert done["initialRunAt"] <= done["startTime"] <= done["endTime"]
    assert_no_nulls(done)
    [output] = done["outputs"]
    assert output["object"] == "document_processor_run" and output["type"] == "EXTRACT"
    assert output["id"].startswith("exr_") and output["status"] == "PROCESSED"
    assert output["output"]["value"]["invoice_number"] == "INV/2023/03/0008"
    assert output["reviewed"] is False and output["edits"] == {} and output["mergedProcessors"] == []
    assert [item["id"] for item in output["files"]] == [file_id]
    assert done["stepRuns"] == [] and done["usage"]["credits"] >= 0

    corrected = client.post(
        f"/workflow_runs/{run['id']}/outputs/{output['id']}",
        json={"reviewedOutput": {"value": {"total": 300.0}}},
    )
    assert corrected.status_code == 200, corrected.text
    [reviewed] = corrected.json()["workflowRun"]["outputs"]
    assert reviewed["reviewed"] is True and reviewed["edited"] is True
    assert reviewed["output"]["value"] == {**output["output"]["value"], "total": 300.0}
    assert reviewed["initialOutput"] == output["output"]
    removed = pagemill_server.client().post(
        f"/workflow_runs/{run['id']}/outputs/{output['id']}", json={"reviewedOutput": {"value": {}}}
    )
    assert assert_envelope(removed, 410, "ENDPOINT_REMOVED")["message"]

    updated = client.post(f"/workflow_runs/{run['id']}", json={"name": "March invoice", "metadata": {"a": 1}})
    assert updated.json()["workflowRun"]["name"] == "March invoice"
    assert updated.json()["workflowRun"]["metadata"] == {"po": "PO-7", "a": 1}
    listed = client.get("/workflow_runs", params={"workflowId": workflow_id}).json()
    assert listed["success"] is True and "nextPageToken" not in listed
    [summary] = listed["workflowRuns"]
    assert summary["id"] == run["id"] and summary["workflowName"] == "Legacy invoices"
    assert summary["workflowId"] == workflow_id and summary["status"] == "PROCESSED"
    assert_envelope(client.post(f"/workflow_runs/{run['id']}/cancel"), 400, "INVALID_REQUEST")

    deleted = client.delete(f"/workflow_runs/{run['id']}")
    assert deleted.json() == {
        "success": True,
        "workflowRunId": run["id"],
        "message": "Workflow run data has been successfully deleted.",
    }
    assert_envelope(client.get(f"/workflow_runs/{run['id']}"), 404, "NOT_FOUND")


def test_raw_texts_make_one_text_file_run_each(pagemill_server: PagemillServer) -> None:
    workflow_id = deployed_workflow(pagemill_server.sdk(), "Legacy texts", LINEAR)
    client = legacy_client(pagemill_server)

    created = client.post(
        "/workflow_runs", json={"workflowId": workflow_id, "rawTexts": [TEXT_INVOICE, TEXT_INVOICE]}
    )

    runs = created.json()["workflowRuns"]
    assert len(runs) == 2 and len({item["id"] for item in runs}) == 2
    assert all(item["files"][0]["name"].endswith(".txt") for item in runs)
    values = [finished(client, item["id"])["outputs"][0]["output"]["value"] for item in runs]
    assert [item["invoice_number"] for item in values] == ["INV-2041", "INV-2041"]
    current = pagemill_server.client().get(f"/workflow_runs/{runs[0]['id']}").json()
    assert current["object"] == "workflow_run" and "success" not in current and current["stepRuns"]


def test_a_legacy_batch_runs_files_and_raw_texts(pagemill_server: PagemillServer) -> None:
    workflow_id = deployed_workflow(pagemill_server.sdk(), "Legacy batch", LINEAR)
    file_id = pagemill_server.sdk().files.upload(file=("inv.txt", TEXT_INVOICE.encode())).id
    client = legacy_client(pagemill_server)

    batch = client.post(
        "/workflow_runs/batch",
        json={
            "workflowId": workflow_id,
            "inputs": [{"rawText": TEXT_INVOICE, "metadata": {"n": 1}}, {"file": {"fileId": file_id}}],
        },
    )

    assert batch.status_code == 200, batch.text
    assert batch.json()["success"] is True
    batch_id = batch.json()["batchId"]
    runs = pagemill_server.sdk().workflow_runs.list(batch_id=batch_id).data
    assert len(runs) == 2
    assert {finished(client, item.id)["batchId"] for item in runs} == {batch_id}


def test_legacy_requests_are_checked_with_their_own_field_names(pagemill_server: PagemillServer) -> None:
    workflow_id = deployed_workflow(pagemill_server.sdk(), "Legacy refusals", LINEAR)
    client = legacy_client(pagemill_server)

    missing = client.post("/workflow_runs", json={"rawTexts": ["x"]})
    assert assert_envelope(missing, 400, "INVALID_REQUEST")["message"]
    both = client.post(
        "/workflow_runs", json={"workflowId": workflow_id, "rawTexts": ["x"], "files": [{"fileId": "f"}]}
    )
    assert_envelope(both, 400, "INVALID_REQUEST")
    too_many = client.post("/workflow_runs", json={"workflowId": workflow_id, "rawTexts": ["x"] * 51})
    assert_envelope(too_many, 400, "INVALID_REQUEST")
    unknown_file = client.post(
        "/workflow_runs", json={"workflowId": workflow_id, "files": [{"fileId": "file_missing"}]}
    )
    assert "files[0]" in assert_envelope(unknown_file, 404, "NOT_FOUND")["message"]
    current_body = client.post(
        "/workflow_runs", json={"workflow": {"id": workflow_id}, "file": {"text": "x"}}
    )
    assert_envelope(current_body, 400, "INVALID_REQUEST")
