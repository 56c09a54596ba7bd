"""The embedded classifier picks the caller's class by meaning and evidence, with an honest confidence."""

from __future__ import annotations

import pytest

from pagemill.processors.classify.classifier import ClassificationFailure, classify_document
from pagemill.processors.classify.config import load_classify_config
from pagemill.processors.parse import load_parse_config, parse
from tests.documents import blank_pdf
from tests.processors.classify.samples import agreement_pages, invoice_pages, parsed, receipt_page

CONFIG = load_classify_config(
    {
        "classifications": [
            {
                "id": "inv",
                "type": "invoice",
                "description": "A bill requesting payment for goods or services",
            },
            {"id": "rcp", "type": "receipt", "description": "A proof of a completed retail purchase"},
            {"id": "nda", "type": "contract", "description": "A legal agreement such as an NDA"},
            {"id": "other", "type": "other", "description": "Anything else"},
        ]
    }
)


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (invoice_pages("INV-1001"), "inv"),
        ([receipt_page("KEDAI MAJU")], "rcp"),
        (agreement_pages("Acme Inc. and Beta LLC", 2), "nda"),
        ([["Quarterly newsletter", "Our team went hiking in the mountains this spring."]], "other"),
    ],
)
def test_each_kind_gets_its_class(pages: list[list[str]], expected: str) -> None:
    output = classify_document(parsed(pages), CONFIG)
    assert output["id"] == expected
    assert output["type"] == next(c["type"] for c in CONFIG["classifications"] if c["id"] == expected)
    assert 0.0 <= output["confidence"] <= 1.0
    assert output["insights"][0]["type"] == "reasoning" and output["insights"][0]["content"]


def test_clear_evidence_is_confident_and_the_reasoning_names_it() -> None:
    output = classify_document(parsed(agreement_pages("Acme Inc. and Beta LLC", 3)), CONFIG)
    assert output["confidence"] >= 0.9
    assert "agreement" in output["insights"][0]["content"]


def test_a_receipt_headed_tax_invoice_is_still_a_receipt() -> None:
    page = ["TAX INVOICE", *receipt_page("KEDAI MAJU")]
    assert classify_document(parsed([page]), CONFIG)["id"] == "rcp"


def test_a_document_without_text_needs_a_catch_all_class() -> None:
    blank = parse(blank_pdf(), config=load_parse_config({"advancedOptions": {}}), name="b.pdf").document
    blank.pages[0].lines.clear()
    blank.pages[0].blocks.clear()
    assert classify_document(blank, CONFIG)["id"] == "other"
    only_invoice = load_classify_config({"classifications": CONFIG["classifications"][:1]})
    with pytest.raises(ClassificationFailure) as failure:
        classify_document(blank, only_invoice)
    assert failure.value.reason == "FAILED_TO_PROCESS_FILE"
