"""Valid workflow step lists that tests start from and break one rule at a time, and a catalog of known
saved processors standing in for the workspace's saved extractors, classifiers and splitters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INVOICE_SCHEMA = {
    "type": "object",
    "properties": {"total": {"type": "number"}, "vendor": {"type": "string"}},
}


def classification(identifier: str, kind: str) -> dict[str, str]:
    return {"id": identifier, "type": kind, "description": f"A {kind}"}


def minimal() -> list[dict[str, Any]]:
    return [
        {"name": "trigger", "type": "TRIGGER", "next": [{"step": "parse"}]},
        {"name": "parse", "type": "PARSE"},
    ]


def unconfigured_extract() -> list[dict[str, Any]]:
    """trigger → parse → extract, the EXTRACT not configured yet: a valid draft that cannot be deployed."""
    steps = minimal()
    steps[1]["next"] = [{"step": "extract"}]
    steps.append({"name": "extract", "type": "EXTRACT"})
    return steps


def classify_and_review(*, saved_extractor: bool = True) -> list[dict[str, Any]]:
    """trigger → parse → classify → {extract_invoice | extract_receipt} → collect → checks
    → pass: gate (conditional) → review | done; fail: review → done. `extract_receipt` references the saved
    extractor `ex_receipt`, or is inline too when `saved_extractor` is false."""
    receipt = (
        {"extractor": {"id": "ex_receipt", "version": "latest"}}
        if saved_extractor
        else {"extractorConfig": {"schema": INVOICE_SCHEMA}}
    )
    return [
        {"name": "trigger", "type": "TRIGGER", "next": [{"step": "parse"}]},
        {
            "name": "parse",
            "type": "PARSE",
            "config": {"parseConfig": {"target": "markdown"}},
            "next": [{"step": "classify"}],
        },
        {
            "name": "classify",
            "type": "CLASSIFY",
            "config": {
                "classifierConfig": {
                    "classifications": [
                        classification("cls_invoice", "invoice"),
                        classification("cls_receipt", "receipt"),
                    ]
                }
            },
            "next": [
                {"step": "extract_invoice", "classificationId": "cls_invoice"},
                {"step": "extract_receipt", "classificationId": "cls_receipt"},
            ],
        },
        {
            "name": "extract_invoice",
            "type": "EXTRACT",
            "config": {"extractorConfig": {"schema": INVOICE_SCHEMA}},
            "next": [{"step": "collect"}],
        },
        {
            "name": "extract_receipt",
            "type": "EXTRACT",
            "config": receipt,
            "next": [{"step": "collect"}],
        },
        {"name": "collect", "type": "COLLECT", "next": [{"step": "checks"}]},
        {
            "name": "checks",
            "type": "RULE_VALIDATION",
            "config": {"rules": [{"name": "positive", "formula": "extract_invoice.total > 0"}]},
            "next": [{"step": "gate", "result": "pass"}, {"step": "review", "result": "fail"}],
        },
        {
            "name": "gate",
            "type": "CONDITIONAL",
            "config": {
                "conditions": [
                    {
                        "id": "large",
                        "type": "IF",
                        "operation": "GTE",
                        "leftOperand": "{{ extract_invoice.total }}",
                        "rightOperand": "1000",
                    },
                    {"id": "rest", "type": "ELSE"},
                ]
            },
            "next": [{"step": "review", "conditionId": "large"}, {"step": "done", "conditionId": "rest"}],
        },
        {"name": "review", "type": "HUMAN_REVIEW", "next": [{"step": "done"}]},
        {"name": "done", "type": "WEBHOOK_RESPONSE"},
    ]


def split_and_route() -> list[dict[str, Any]]:
    """trigger → parse → split → {pick (conditional extract) | router → external | merge} → merge
    → validate → pass: convert → end; fail: end."""
    return [
        {"name": "trigger", "type": "TRIGGER", "next": [{"step": "parse"}]},
        {"name": "parse", "type": "PARSE", "next": [{"step": "split"}]},
        {
            "name": "split",
            "type": "SPLIT",
            "config": {"splitter": {"id": "spl_docs", "version": "0.1"}},
            "next": [
                {"step": "pick", "classificationId": "cls_a"},
                {"step": "router", "classificationId": "cls_b"},
            ],
        },
        {
            "name": "pick",
            "type": "CONDITIONAL_EXTRACT",
            "config": {
                "rules": [
                    {
                        "name": "eu",
                        "formula": 'metadata.region = "EU"',
                        "extractor": {"id": "ex_receipt", "version": "1.0"},
                    },
                    {"formula": "TRUE", "extractor": {"id": "ex_receipt", "version": "draft"}},
                ]
            },
            "next": [{"step": "merge"}],
        },
        {
            "name": "router",
            "type": "ROUTER",
            "config": {
                "branches": [
                    {
                        "id": "b1",
                        "name": "first",
                        "block": {
                            "blockType": "code",
                            "name": "b1",
                            "code": {"language": "javascript", "code": "return true;"},
                        },
                    }
                ]
            },
            "next": [{"step": "external", "branchId": "b1"}, {"step": "merge", "branchId": "otherwise"}],
        },
        {
            "name": "external",
            "type": "EXTERNAL_DATA_VALIDATION",
            "config": {"requestOptions": {"url": "https://validate.example.com/check", "method": "POST"}},
            "next": [{"step": "merge"}],
        },
        {
            "name": "merge",
            "type": "MERGE_EXTRACT",
            "config": {"mergeOrder": "first_to_execute"},
            "next": [{"step": "validate"}],
        },
        {
            "name": "validate",
            "type": "VALIDATION",
            "config": {
                "blocks": [
                    {"blockType": "semantic", "name": "sane", "semantic": {"promptText": "Is it sane?"}}
                ]
            },
            "next": [{"step": "convert", "result": "pass"}, {"step": "end", "result": "fail"}],
        },
        {
            "name": "convert",
            "type": "FILE_CONVERSION",
            "config": {"failureBehavior": "CONTINUE"},
            "next": [{"step": "end"}],
        },
        {"name": "end", "type": "WEBHOOK_RESPONSE"},
    ]


@dataclass
class KnownProcessors:
    """A `ProcessorCatalog` over a fixed set of processor versions."""

    configs: dict[tuple[str, str, str], dict[str, Any]] = field(
        default_factory=lambda: (
            {
                ("extractor", "ex_receipt", version): {"schema": INVOICE_SCHEMA}
                for version in ("latest", "draft", "1.0")
            }
            | {
                ("classifier", "cl_docs", "0.1"): {
                    "classifications": [classification("cls_invoice", "invoice")]
                },
                ("splitter", "spl_docs", "0.1"): {
                    "splitClassifications": [classification("cls_a", "a"), classification("cls_b", "b")]
                },
            }
        )
    )

    def config_of(self, kind: str, processor_id: str, version: str) -> dict[str, Any] | None:
        return self.configs.get((kind, processor_id, version))
