"""Workflow graphs and helpers the workflow run tests share."""

from __future__ import annotations

import time
from typing import Any

import httpx

INVOICE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": ["string", "null"], "description": "Invoice number"},
        "total": {"type": ["number", "null"], "description": "Total amount due"},
    },
    "required": ["invoice_number", "total"],
    "additionalProperties": False,
}
TEXT_INVOICE = "INVOICE\nInvoice number: INV-2041\nDate: 2024-05-02\nTotal: 1,250.00 USD\n"
TRIGGER = {"name": "trigger", "type": "TRIGGER", "next": [{"step": "parse"}]}


def parse_then(step: str) -> dict[str, Any]:
    return {"name": "parse", "type": "PARSE", "next": [{"step": step}]}


def extract_step(then: str, name: str = "extract") -> dict[str, Any]:
    return {
        "name": name,
        "type": "EXTRACT",
        "config": {"extractorConfig": {"schema": INVOICE_SCHEMA}},
        "next": [{"step": then}],
    }


WEBHOOK = {"name": "webhook", "type": "WEBHOOK_RESPONSE"}
LINEAR = [TRIGGER, parse_then("extract"), extract_step("webhook"), WEBHOOK]


def review_gate(formula: str) -> list[dict[str, Any]]:
    """trigger → parse → extract → rules: pass → webhook, fail → review → webhook."""
    return [
        TRIGGER,
        parse_then("extract"),
        extract_step("rules"),
        {
            "name": "rules",
            "type": "RULE_VALIDATION",
            "config": {"rules": [{"name": "total is large", "formula": formula}]},
            "next": [{"step": "webhook", "result": "pass"}, {"step": "review", "result": "fail"}],
        },
        {"name": "review", "type": "HUMAN_REVIEW", "next": [{"step": "webhook"}]},
        WEBHOOK,
    ]


def deployed_workflow(sdk: Any, name: str, steps: list[dict[str, Any]]) -> str:
    workflow = sdk.workflows.create(name=name)
    sdk.workflows.update(workflow.id, steps=steps)
    sdk.workflow_versions.create(workflow.id)
    return str(workflow.id)


def wait_for(client: httpx.Client, run_id: str, statuses: set[str], timeout: float = 120.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body: dict[str, Any] = client.get(f"/workflow_runs/{run_id}").json()
        if body["status"] in statuses:
            return body
        assert time.monotonic() < deadline, f"run {run_id} still {body['status']} after {timeout} s"
        time.sleep(0.2)


def step_runs_of(body: dict[str, Any], step_type: str) -> list[dict[str, Any]]:
    return [item for item in body["stepRuns"] if item["stepType"] == step_type]
