"""The embedded extractor on documents made here: labelled values, tables over pages, types, citations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from pagemill.processors.extract import extract, load_extract_config
from tests.processors.extract.documents import invoice_pdf, parsed

STRING = {"type": ["string", "null"]}
DATE = {"type": ["string", "null"], "extend:type": "date"}
CURRENCY = {
    "type": "object",
    "extend:type": "currency",
    "properties": {
        "amount": {"type": ["number", "null"]},
        "iso_4217_currency_code": {"type": ["string", "null"]},
    },
}
INVOICE_SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": STRING,
        "invoice_date": DATE,
        "due_date": DATE,
        "total": CURRENCY,
        "purchase_order": STRING,
        "line_items": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "description": STRING,
                    "quantity": {"type": ["number", "null"]},
                    "unit_price": {"type": ["number", "null"]},
                },
            },
        },
    },
}


@pytest.fixture(scope="module")
def invoice_result() -> Any:
    return extract(parsed(invoice_pdf()), load_extract_config({"schema": INVOICE_SCHEMA}))


def test_values_beside_and_below_their_labels_are_read_and_typed(invoice_result: Any) -> None:
    value = invoice_result.value
    assert value["invoice_number"] == "INV-2041"
    assert value["invoice_date"] == "2024-03-05"
    assert value["due_date"] == "2024-04-04"
    assert value["total"] == {"amount": 1234.5, "iso_4217_currency_code": "EUR"}


def test_a_value_the_document_does_not_hold_is_null_with_no_metadata(invoice_result: Any) -> None:
    assert invoice_result.value["purchase_order"] is None
    assert "purchase_order" not in invoice_result.metadata


def test_a_table_continued_on_the_next_page_gives_every_item_in_order(invoice_result: Any) -> None:
    items = invoice_result.value["line_items"]
    assert len(items) == 30
    assert items[0] == {"description": "Widget 1", "quantity": 1.0, "unit_price": 1.5}
    assert items[29] == {"description": "Widget 30", "quantity": 30.0, "unit_price": 30.5}
    pages = {invoice_result.metadata[f"line_items[{n}]"]["citations"][0]["page"]["number"] for n in (0, 29)}
    assert pages == {1, 2}


def test_each_value_cites_the_page_polygon_and_text_it_was_read_from(invoice_result: Any) -> None:
    citation = invoice_result.metadata["invoice_number"]["citations"][0]
    assert citation["page"] == {"number": 1, "width": 612.0, "height": 792.0}
    assert "INV-2041" in citation["referenceText"]
    xs = [point["x"] for point in citation["polygon"]]
    ys = [point["y"] for point in citation["polygon"]]
    assert min(xs) >= 290 and max(ys) <= 115 and min(ys) >= 95  # the value on the label's row, right of it
    total = invoice_result.metadata["total"]["citations"][0]
    assert total["page"]["number"] == 2


def test_confidence_is_high_only_for_a_value_named_by_its_full_label(invoice_result: Any) -> None:
    metadata = invoice_result.metadata
    assert metadata["invoice_number"]["confidence"] >= 0.9
    assert all(0.0 <= entry["confidence"] <= 1.0 for entry in metadata.values())
    # "Total amount due" names `total` only in part: a good reading, not a certain one
    assert metadata["total"]["confidence"] < 0.9


def test_the_output_has_exactly_the_schema_shape_when_nothing_is_found() -> None:
    empty = parsed(b"Nothing to see here.\n", name="note.txt")
    result = extract(empty, load_extract_config({"schema": INVOICE_SCHEMA}))
    assert result.value == {
        "invoice_number": None,
        "invoice_date": None,
        "due_date": None,
        "total": {"amount": None, "iso_4217_currency_code": None},
        "purchase_order": None,
        "line_items": [],
    }


def test_plain_text_with_inline_labels_is_read() -> None:
    text = b"ACME Ltd\nInvoice Number: INV-77\nIssue date: 2024-02-01\nTotal: $1,250.00\n"
    schema = {
        "type": "object",
        "properties": {"invoice_number": STRING, "issue_date": DATE, "total": {"type": ["number", "null"]}},
    }
    result = extract(parsed(text, name="invoice.txt"), load_extract_config({"schema": schema}))
    assert result.value == {"invoice_number": "INV-77", "issue_date": "2024-02-01", "total": 1250.0}


def test_enums_and_booleans_are_coerced_to_the_schema() -> None:
    text = b"Payment status: Paid\nRecurring: yes\n"
    schema = {
        "type": "object",
        "properties": {
            "payment_status": {"enum": ["paid", "unpaid", None]},
            "recurring": {"type": ["boolean", "null"]},
        },
    }
    result = extract(parsed(text, name="status.txt"), load_extract_config({"schema": schema}))
    assert result.value == {"payment_status": "paid", "recurring": True}


@dataclass
class Completion:
    value: dict[str, Any]
    usage: dict[str, int]


class ScriptedModel:
    """Stands in for an external language model server: answers with a fixed JSON and records the ask."""

    def __init__(self, answer: dict[str, Any]) -> None:
        self.answer = answer
        self.asked: list[dict[str, Any]] = []

    def complete_json(
        self, *, system: str, prompt: str, schema: dict[str, Any], max_tokens: int, temperature: float = 0.0
    ) -> Completion:
        self.asked.append(schema)
        return Completion(self.answer, {"inputTokens": 120, "outputTokens": 8})


def test_a_provider_is_asked_only_for_fields_the_matcher_could_not_find() -> None:
    model = ScriptedModel({"purchase_order": "PO-9"})
    result = extract(parsed(invoice_pdf()), load_extract_config({"schema": INVOICE_SCHEMA}), provider=model)
    asked = set(model.asked[0]["properties"])
    assert "purchase_order" in asked and "invoice_number" not in asked
    assert result.value["purchase_order"] == "PO-9"
    assert result.value["invoice_number"] == "INV-2041"
    assert result.usage["inputTokens"] == 120


def test_a_failing_provider_leaves_the_embedded_values() -> None:
    class Broken:
        def complete_json(self, **_: Any) -> Completion:
            raise TimeoutError("model timed out")

    result = extract(
        parsed(invoice_pdf()), load_extract_config({"schema": INVOICE_SCHEMA}), provider=Broken()
    )
    assert result.value["invoice_number"] == "INV-2041"
    assert result.value["purchase_order"] is None


@pytest.mark.parametrize(
    ("other_date", "expected"),
    [("Delivered: 25/03/2021", "2021-05-04"), ("Delivered: 03/25/2021", "2021-04-05")],
)
def test_ambiguous_dates_follow_the_order_of_the_documents_unambiguous_ones(
    other_date: str, expected: str
) -> None:
    text = f"Invoice date: 04/05/2021\n{other_date}\n".encode()
    result = extract(
        parsed(text, name="dates.txt"),
        load_extract_config({"schema": {"type": "object", "properties": {"invoice_date": DATE}}}),
    )
    assert result.value["invoice_date"] == expected
