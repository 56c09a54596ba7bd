"""Shared shorthand for formula tests: compile and evaluate in one call."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pagemill.formulas import compile_formula

INVOICE: dict[str, Any] = {
    "classification1": "invoice",
    "extraction1": {
        "invoice_number": "INV-001",
        "vendor_name": "Albertsons",
        "subtotal": 100,
        "tax": 10.0,
        "total": 110,
        "invoice_date": "2024-03-31",
        "categories": ["groceries", "urgent"],
        "address": {"city": "Boise", "zip": "83702"},
        "line_items": [
            {"description": "Milk 1L", "quantity": 2, "unit_price": 0.1, "amount": 0.2},
            {"description": "Bread", "quantity": 3, "unit_price": 0.2, "amount": 0.6},
            {"description": "Eggs dozen", "quantity": 1, "unit_price": 99.2, "amount": 99.2},
        ],
    },
    "metadata": {"document_id": "doc-7", "priority": None},
}


def run(source: str, context: Mapping[str, Any] | None = None, *, today: date | None = None) -> Any:
    return compile_formula(source).evaluate(INVOICE if context is None else context, today=today)
