import datetime as dt
from typing import Literal

import pytest
from extend_ai import ExtendCurrency, ExtendDate, ExtendSignature, pydantic_to_extend_schema
from pydantic import BaseModel

from pagemill.processors.values.coerce import coerce, primary_type
from pagemill.processors.values.hints import ValueHints
from pagemill.processors.values.parsed import Quality


class LineItem(BaseModel):
    description: str | None = None
    quantity: int | None = None
    unit_price: ExtendCurrency | None = None


class Invoice(BaseModel):
    invoice_number: str | None = None
    invoice_date: ExtendDate = None
    total: ExtendCurrency | None = None
    paid: bool | None = None
    document_type: Literal["invoice", "receipt", "credit_note"] | None = None
    line_items: list[LineItem] = []
    tags: list[str] = []
    signature: ExtendSignature | None = None


# The schema exactly as the official SDK sends it for a typed extraction.
INVOICE_SCHEMA = pydantic_to_extend_schema(Invoice)


def test_a_models_loose_answer_becomes_output_the_sdk_validates() -> None:
    raw = {
        "invoice_number": 20220890,
        "invoice_date": "Date : 28/11/2022",
        "total": "Total TTC : 56,02 €",
        "paid": "Yes",
        "document_type": "Invoice",
        "line_items": [{"description": " Justificatif  PDF ", "quantity": "1", "unit_price": "0,75 €"}],
        "tags": "print; legal notice",
        "signature": "By: /s/ Jane Doe  Title: Manager",
        "not_in_schema": "dropped",
    }
    coerced = coerce(raw, INVOICE_SCHEMA)

    assert coerced.value == {
        "invoice_number": "20220890",
        "invoice_date": "2022-11-28",
        "total": {"amount": 56.02, "iso_4217_currency_code": "EUR"},
        "paid": True,
        "document_type": "invoice",
        "line_items": [
            {
                "description": "Justificatif PDF",
                "quantity": 1,
                "unit_price": {"amount": 0.75, "iso_4217_currency_code": "EUR"},
            }
        ],
        "tags": ["print", "legal notice"],
        "signature": {
            "printed_name": "Jane Doe",
            "signature_date": None,
            "is_signed": True,
            "title_or_role": "Manager",
        },
    }
    assert coerced.quality is Quality.EXACT
    invoice = Invoice.model_validate(coerced.value)
    assert invoice.invoice_date == dt.date(2022, 11, 28)
    assert invoice.total == ExtendCurrency(amount=56.02, iso_4217_currency_code="EUR")


def test_nothing_found_gives_every_key_with_nulls_and_all_null_objects() -> None:
    coerced = coerce(None, INVOICE_SCHEMA)
    assert coerced.quality is Quality.EMPTY
    assert coerced.value["total"] == {"amount": None, "iso_4217_currency_code": None}
    assert coerced.value["signature"]["is_signed"] is None
    assert coerced.value["line_items"] == []
    assert set(coerced.value) == set(INVOICE_SCHEMA["properties"])
    Invoice.model_validate(coerced.value)


def test_unreadable_values_become_null_and_mark_the_whole_invalid() -> None:
    coerced = coerce(
        {"invoice_date": "soon", "total": "unknown", "paid": "maybe", "invoice_number": "A-1"}, INVOICE_SCHEMA
    )
    assert coerced.value["invoice_date"] is None
    assert coerced.value["total"] == {"amount": None, "iso_4217_currency_code": None}
    assert coerced.value["paid"] is None
    assert coerced.value["invoice_number"] == "A-1"
    assert coerced.quality is Quality.INVALID


def test_an_inferred_part_makes_the_whole_inferred() -> None:
    coerced = coerce({"invoice_date": "5/3/2018", "invoice_number": "7"}, INVOICE_SCHEMA)
    assert coerced.quality is Quality.INFERRED


def test_hints_reach_nested_values() -> None:
    hints = ValueHints(day_first=False, default_currency="CAD")
    coerced = coerce({"invoice_date": "5/3/2018", "total": "$ 12.00"}, INVOICE_SCHEMA, hints)
    assert coerced.value["invoice_date"] == "2018-05-03"
    assert coerced.value["total"] == {"amount": 12.0, "iso_4217_currency_code": "CAD"}


@pytest.mark.parametrize(
    ("value", "schema", "expected"),
    [
        ("1.234,56", {"type": ["number", "null"]}, 1234.56),
        (12, {"type": ["number", "null"]}, 12),
        ("3 pcs", {"type": ["integer", "null"]}, 3),
        (4.0, {"type": ["integer", "null"]}, 4),
        ("25 DEC 2018", {"type": ["string", "null"], "format": "date"}, "2018-12-25"),
        ("no", {"type": ["boolean", "null"]}, False),
        (True, {"type": ["string", "null"]}, "true"),
        ("Receipt", {"enum": ["invoice", "receipt", None]}, "receipt"),
        ("  two   words ", {"type": ["string", "null"]}, "two words"),
        (
            {"amount": "1.234,56", "iso_4217_currency_code": "€"},
            INVOICE_SCHEMA["properties"]["total"],
            {"amount": 1234.56, "iso_4217_currency_code": "EUR"},
        ),
        (
            {"amount": "RM 9.90", "iso_4217_currency_code": None},
            INVOICE_SCHEMA["properties"]["total"],
            {"amount": 9.9, "iso_4217_currency_code": "MYR"},
        ),
        (
            19.5,
            {"type": "object", "extend:type": "currency"},
            {"amount": 19.5, "iso_4217_currency_code": None},
        ),
    ],
)
def test_scalar_dispatch(value: object, schema: dict, expected: object) -> None:
    assert coerce(value, schema).value == expected


@pytest.mark.parametrize(
    ("value", "schema"),
    [
        (12.5, {"type": ["integer", "null"]}),
        (True, {"type": ["number", "null"]}),
        ([1, 2], {"type": ["string", "null"]}),
        ("text", {"type": "array", "items": {"type": "object", "properties": {}}}),
    ],
)
def test_values_of_the_wrong_shape_are_invalid(value: object, schema: dict) -> None:
    assert coerce(value, schema).quality is Quality.INVALID


@pytest.mark.parametrize(
    ("schema", "kind"),
    [
        ({"type": ["string", "null"]}, "string"),
        ({"type": "object"}, "object"),
        ({"properties": {}}, "object"),
        ({"items": {}}, "array"),
        ({}, None),
    ],
)
def test_primary_type(schema: dict, kind: str | None) -> None:
    assert primary_type(schema) == kind


@pytest.mark.parametrize(
    "odd", ["€", "²", "((", "1e309", "\x00", "٢٠١٨-١٢-٢٥", "9" * 400, "-.-,", "Dec Dec Dec 1st"]
)
def test_odd_text_never_raises(odd: str) -> None:
    everything = {key: odd for key in INVOICE_SCHEMA["properties"]}
    everything["line_items"] = [{"description": odd, "quantity": odd, "unit_price": odd}]
    coerced = coerce(everything, INVOICE_SCHEMA)
    assert set(coerced.value) == set(INVOICE_SCHEMA["properties"])
    assert isinstance(coerced.quality, Quality)
