"""CLASSIFY routes a document by its class, and SPLIT fans a packet out into typed children that each flow
through their own steps inside one workflow run — through the official SDK on a real server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.documents import text_pdf
from tests.processors.classify.samples import agreement_pages, invoice_pages
from tests.server_fixtures import PagemillServer
from tests.webhooks.receiver import Receiver
from tests.workflow_runs.flows import (
    INVOICE_SCHEMA,
    TRIGGER,
    WEBHOOK,
    deployed_workflow,
    parse_then,
    step_runs_of,
    wait_for,
)

CLASSES = [
    {"id": "invoice", "type": "invoice", "description": "An invoice requesting payment"},
    {"id": "agreement", "type": "agreement", "description": "A legal agreement such as an NDA"},
    {"id": "other", "type": "other", "description": "Any other document"},
]
AGREEMENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"governing_law": {"type": ["string", "null"], "description": "Governing law"}},
    "required": ["governing_law"],
    "additionalProperties": False,
}
DONE = {"PROCESSED", "FAILED", "CANCELLED", "REJECTED", "NEEDS_REVIEW"}


def extractor(name: str, schema: dict[str, Any], then: str = "webhook") -> dict[str, Any]:
    return {
        "name": name,
        "type": "EXTRACT",
        "config": {"extractorConfig": {"schema": schema}},
        "next": [{"step": then}],
    }


def routed(name: str, kind: str, config: dict[str, Any]) -> dict[str, Any]:
    """A CLASSIFY or SPLIT step: invoices go to `extract_invoice`, agreements to `extract_agreement`."""
    return {
        "name": name,
        "type": kind,
        "config": config,
        "next": [
            {"step": "extract_invoice", "classificationId": "invoice"},
            {"step": "extract_agreement", "classificationId": "agreement"},
        ],
    }


def classify_and_route(classify_config: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        TRIGGER,
        parse_then("classify"),
        routed("classify", "CLASSIFY", classify_config),
        extractor("extract_invoice", INVOICE_SCHEMA),
        extractor("extract_agreement", AGREEMENT_SCHEMA),
        WEBHOOK,
    ]


SPLIT_AND_COLLECT = [
    TRIGGER,
    parse_then("split"),
    routed("split", "SPLIT", {"splitterConfig": {"splitClassifications": CLASSES}}),
    extractor("extract_invoice", INVOICE_SCHEMA, then="collect"),
    extractor("extract_agreement", AGREEMENT_SCHEMA, then="collect"),
    {"name": "collect", "type": "COLLECT", "next": [{"step": "webhook"}]},
    WEBHOOK,
]


def upload_pdf(server: PagemillServer, name: str, pages: list[list[str]]) -> str:
    return str(server.sdk().files.upload(file=(name, text_pdf(pages), "application/pdf")).id)


def test_classify_routes_each_document_to_the_extractor_of_its_class(pagemill_server: PagemillServer) -> None:
    sdk = pagemill_server.sdk()
    workflow_id = deployed_workflow(
        sdk, "Classify and route", classify_and_route({"classifierConfig": {"classifications": CLASSES}})
    )
    invoice = upload_pdf(pagemill_server, "invoice.pdf", invoice_pages("INV-3001"))
    agreement = upload_pdf(pagemill_server, "nda.pdf", agreement_pages("Acme Inc. and Beta LLC", 2))

    invoice_run = sdk.workflow_runs.create_and_poll(workflow={"id": workflow_id}, file={"id": invoice})
    agreement_run = sdk.workflow_runs.create_and_poll(workflow={"id": workflow_id}, file={"id": agreement})

    assert invoice_run.status == "PROCESSED", invoice_run.failure_message
    assert agreement_run.status == "PROCESSED", agreement_run.failure_message
    assert [item.step.name for item in invoice_run.step_runs] == ["parse", "classify", "extract_invoice"]
    assert [item.step.name for item in agreement_run.step_runs] == ["parse", "classify", "extract_agreement"]
    classified = invoice_run.step_runs[1]
    assert classified.step_type == "CLASSIFY" and classified.result.classify_run.object == "classify_run"
    assert classified.result.classify_run.output.id == "invoice"
    assert agreement_run.step_runs[1].result.classify_run.output.id == "agreement"
    assert invoice_run.step_runs[2].result.extract_run.output.value["invoice_number"] == "INV-3001"
    same = sdk.classify_runs.retrieve(classified.result.classify_run.id)
    assert same.output.type == "invoice" and same.file.id == invoice
    assert classified.result.classify_run.id in {line.id for line in invoice_run.usage.breakdown}


def test_a_packet_is_split_into_typed_children_each_extracted_in_the_same_run(
    pagemill_server: PagemillServer,
) -> None:
    sdk = pagemill_server.sdk()
    workflow_id = deployed_workflow(sdk, "Split and collect", SPLIT_AND_COLLECT)
    packet = [
        *invoice_pages("INV-10", 2),
        *agreement_pages("Acme Inc. and Beta LLC", 2),
        *invoice_pages("INV-11", 1),
    ]
    packet_id = upload_pdf(pagemill_server, "packet.pdf", packet)

    run = sdk.workflow_runs.create_and_poll(workflow={"id": workflow_id}, file={"id": packet_id})

    assert run.status == "PROCESSED", run.failure_message
    assert [item.id for item in run.files] == [packet_id]
    split = next(item for item in run.step_runs if item.step_type == "SPLIT")
    splits = split.result.split_run.output.splits
    assert [(item.classification_id, item.start_page, item.end_page) for item in splits] == [
        ("invoice", 1, 2),
        ("agreement", 3, 4),
        ("invoice", 5, 5),
    ]
    assert [item.id for item in split.files] == [packet_id]
    extracts = {item.files[0].id: item for item in run.step_runs if item.step_type == "EXTRACT"}
    assert sorted(extracts) == sorted(item.file_id for item in splits) and len(extracts) == 3
    in_packet_order = [extracts[item.file_id] for item in splits]
    for item, part in zip(in_packet_order, splits, strict=True):
        child = item.files[0]
        assert child.parent_file_id == packet_id
        assert child.metadata.parent_split.start_page == part.start_page
        assert item.result.extract_run.file.id == child.id
    names = [item.step.name for item in in_packet_order]
    assert names == ["extract_invoice", "extract_agreement", "extract_invoice"]
    numbers = [item.result.extract_run.output.value["invoice_number"] for item in in_packet_order[::2]]
    assert numbers == ["INV-10", "INV-11"]
    assert {item.status for item in run.step_runs} == {"PROCESSED"}


def test_a_supplied_classification_is_used_instead_of_classifying(pagemill_server: PagemillServer) -> None:
    sdk = pagemill_server.sdk()
    classifier = sdk.classifiers.create(name="Kinds", config={"classifications": CLASSES})
    reference = {"classifier": {"id": classifier.id, "version": "draft"}}
    workflow_id = deployed_workflow(sdk, "Forced class", classify_and_route(reference))
    invoice = upload_pdf(pagemill_server, "invoice.pdf", invoice_pages("INV-3002"))

    run = sdk.workflow_runs.create_and_poll(
        workflow={"id": workflow_id},
        file={"id": invoice},
        outputs=[{"processorId": classifier.id, "output": {"id": "agreement"}}],
    )

    assert run.status == "PROCESSED", run.failure_message
    assert [item.step.name for item in run.step_runs] == ["parse", "classify", "extract_agreement"]
    classify_run = run.step_runs[1].result.classify_run
    assert classify_run.output.id == "agreement" and classify_run.output.type == "agreement"
    assert classify_run.classifier.id == classifier.id


def test_a_supplied_class_the_classifier_lacks_fails_the_run(pagemill_server: PagemillServer) -> None:
    sdk = pagemill_server.sdk()
    classifier = sdk.classifiers.create(name="Kinds", config={"classifications": CLASSES})
    reference = {"classifier": {"id": classifier.id, "version": "draft"}}
    workflow_id = deployed_workflow(sdk, "Unknown class", classify_and_route(reference))

    run = sdk.workflow_runs.create_and_poll(
        workflow={"id": workflow_id},
        file={"text": "INVOICE\nInvoice number: INV-1\n"},
        outputs=[{"processorId": classifier.id, "output": {"id": "receipt"}}],
    )

    assert run.status == "FAILED" and run.failure_reason == "INVALID_WORKFLOW"
    assert "receipt" in (run.failure_message or "")


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    hooks = Receiver()
    yield hooks
    hooks.close()


def test_each_processed_step_run_fires_a_step_run_processed_event(
    pagemill_server: PagemillServer, receiver: Receiver
) -> None:
    sdk = pagemill_server.sdk()
    workflow_id = deployed_workflow(
        sdk, "Streaming", classify_and_route({"classifierConfig": {"classifications": CLASSES}})
    )
    endpoint = sdk.webhook_endpoints.create(
        url=receiver.url(), name="steps", enabled_events=[], api_version="2026-02-09"
    )
    sdk.webhook_subscriptions.create(
        webhook_endpoint_id=endpoint.id,
        resource_type="workflow",
        resource_id=workflow_id,
        enabled_events=["workflow_run.step_run.processed", "workflow_run.completed"],
    )
    invoice = upload_pdf(pagemill_server, "invoice.pdf", invoice_pages("INV-3003"))

    run = sdk.workflow_runs.create_and_poll(workflow={"id": workflow_id}, file={"id": invoice})

    bodies = [json.loads(item.body) for item in receiver.wait_for(4)]
    # Each event is delivered by its own job, so they may arrive in any order.
    steps = {
        body["payload"]["id"]: body["payload"]
        for body in bodies
        if body["eventType"] == "workflow_run.step_run.processed"
    }
    assert sorted(body["eventType"] for body in bodies).count("workflow_run.completed") == 1
    assert list(steps) != [] and set(steps) == {item.id for item in run.step_runs}
    for item in run.step_runs:
        payload = steps[item.id]
        assert payload["object"] == "workflow_step_run" and payload["status"] == "PROCESSED"
        assert payload["workflowRunId"] == run.id
        assert (payload["stepType"], payload["step"]["name"]) == (item.step_type, item.step.name)
    classified = steps[run.step_runs[1].id]
    assert classified["result"]["classifyRun"]["output"]["id"] == "invoice"


def test_a_document_whose_class_has_no_route_ends_its_branch(pagemill_server: PagemillServer) -> None:
    client = pagemill_server.client()
    workflow_id = deployed_workflow(
        pagemill_server.sdk(),
        "Unrouted",
        classify_and_route({"classifierConfig": {"classifications": CLASSES}}),
    )
    created = client.post(
        "/workflow_runs",
        json={"workflow": {"id": workflow_id}, "file": {"text": "Shopping list: eggs, milk, bread"}},
    )
    body = wait_for(client, created.json()["id"], DONE)

    assert body["status"] == "PROCESSED", body
    assert step_runs_of(body, "CLASSIFY")[0]["result"]["classifyRun"]["output"]["id"] == "other"
    assert step_runs_of(body, "EXTRACT") == []
