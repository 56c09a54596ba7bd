"""Human review: rule validation routes to HUMAN_REVIEW, the run waits as NEEDS_REVIEW, a named reviewer
approves (with corrected outputs kept beside the initial ones) or rejects it."""

from __future__ import annotations

import pytest

from tests.api.test_conventions import assert_envelope
from tests.server_fixtures import PagemillServer
from tests.workflow_runs.flows import TEXT_INVOICE, deployed_workflow, review_gate, step_runs_of, wait_for

FAILS = "extract.total > 1000000"
STOPPED = {"PROCESSED", "FAILED", "CANCELLED", "REJECTED", "NEEDS_REVIEW"}


def start_run(server: PagemillServer, formula: str) -> tuple[str, dict[str, object]]:
    workflow_id = deployed_workflow(server.sdk(), "Review gate", review_gate(formula))
    run = server.sdk().workflow_runs.create(workflow={"id": workflow_id}, file={"text": TEXT_INVOICE})
    return run.id, wait_for(server.client(), run.id, STOPPED)


def test_passing_rules_skip_the_review(pagemill_server: PagemillServer) -> None:
    _, body = start_run(pagemill_server, "extract.total > 1")

    assert body["status"] == "PROCESSED"
    rules = step_runs_of(body, "RULE_VALIDATION")[0]["result"]
    assert rules == {"rules": [{"name": "total is large", "valid": True}], "allPassed": True}


def test_failing_rules_route_to_review_and_the_run_waits(pagemill_server: PagemillServer) -> None:
    run_id, body = start_run(pagemill_server, FAILS)
    client = pagemill_server.client()

    assert body["status"] == "NEEDS_REVIEW"
    assert step_runs_of(body, "RULE_VALIDATION")[0]["result"]["allPassed"] is False
    assert body["reviewed"] is False and body["endTime"] is None
    queue = client.get("/reviews", params={"maxPageSize": 100}).json()
    assert run_id in [item["runId"] for item in queue["data"]]
    review = client.get(f"/reviews/{run_id}").json()
    assert [item["stepName"] for item in review["outputs"]] == ["extract"]
    assert review["outputs"][0]["initialOutput"]["value"]["total"] == pytest.approx(1250.0)
    assert review["outputs"][0]["reviewedOutput"] is None


def test_approving_with_a_correction_finishes_the_run_with_the_reviewed_output(
    pagemill_server: PagemillServer,
) -> None:
    run_id, _ = start_run(pagemill_server, FAILS)
    client = pagemill_server.client()

    approved = client.post(
        f"/reviews/{run_id}/approve",
        json={
            "reviewer": "jane.doe@example.com",
            "outputs": [{"stepName": "extract", "output": {"value": {"total": 1300.5}}}],
        },
    )

    assert approved.status_code == 200, approved.text
    run = pagemill_server.sdk().workflow_runs.retrieve(run_id)
    body = wait_for(client, run_id, {"PROCESSED", "FAILED"})
    assert body["status"] == "PROCESSED", body
    assert body["reviewed"] is True and body["reviewedByUser"] == "jane.doe@example.com"
    assert body["reviewedAt"] is not None
    extract_run = step_runs_of(body, "EXTRACT")[0]["result"]["extractRun"]
    assert extract_run["edited"] is True and extract_run["reviewed"] is True
    assert extract_run["initialOutput"]["value"]["total"] == pytest.approx(1250.0)
    assert extract_run["reviewedOutput"]["value"] == {"invoice_number": "INV-2041", "total": 1300.5}
    assert extract_run["output"] == extract_run["reviewedOutput"]
    assert run.reviewed is True
    assert_envelope(client.post(f"/reviews/{run_id}/approve", json={"reviewer": "x"}), 400, "INVALID_REQUEST")


def test_a_correction_must_name_an_extraction_step(pagemill_server: PagemillServer) -> None:
    run_id, _ = start_run(pagemill_server, FAILS)

    wrong = pagemill_server.client().post(
        f"/reviews/{run_id}/approve",
        json={"reviewer": "jane", "outputs": [{"stepName": "nope", "output": {"value": {}}}]},
    )

    body = assert_envelope(wrong, 400, "INVALID_REQUEST")
    assert "outputs[0].stepName" in str(body)


def test_rejecting_ends_the_run_rejected_with_the_note(pagemill_server: PagemillServer) -> None:
    run_id, _ = start_run(pagemill_server, FAILS)
    client = pagemill_server.client()

    rejected = client.post(
        f"/reviews/{run_id}/reject", json={"reviewer": "joe@example.com", "note": "Wrong vendor"}
    )

    assert rejected.status_code == 200, rejected.text
    run = pagemill_server.sdk().workflow_runs.retrieve(run_id)
    assert run.status == "REJECTED"
    assert run.rejection_note == "Wrong vendor" and run.reviewed_by_user == "joe@example.com"
    assert run.end_time is not None
    assert [item.step_type for item in run.step_runs] == ["PARSE", "EXTRACT", "RULE_VALIDATION"]
    assert_envelope(client.post(f"/workflow_runs/{run_id}/cancel"), 400, "INVALID_REQUEST")


def test_the_review_api_is_listed_in_openapi(pagemill_server: PagemillServer) -> None:
    paths = pagemill_server.client().get("/openapi.json").json()["paths"]

    assert {"/reviews", "/reviews/{run_id}", "/reviews/{run_id}/approve", "/reviews/{run_id}/reject"} <= set(
        paths
    )
