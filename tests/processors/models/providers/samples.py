"""Small documents and schemas for the tests that run the real local model."""

from __future__ import annotations

INVOICE_TEXT = """ACME Office Supplies Ltd.
12 Harbour Road, Leeds LS1 4AB
INVOICE
Invoice number: INV-2024-0193
Invoice date: 14 March 2024
Bill to: Northwind Traders, 8 Market Street, York
Description                 Qty   Unit price   Amount
A4 copier paper (box)        3       24.00      72.00
Toner cartridge TN-2420      2       45.50      91.00
Subtotal                                      163.00
VAT 20%                                        32.60
Total due                                     195.60
"""

INVOICE_SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": "string"},
        "vendor": {"type": "string", "description": "the company that issued the invoice"},
        "invoice_date": {"type": "string", "description": "YYYY-MM-DD"},
        "total": {"type": "number"},
    },
    "required": ["invoice_number", "vendor", "invoice_date", "total"],
    "additionalProperties": False,
}

LINE_ITEMS_SCHEMA = {
    "type": "object",
    "properties": {
        "line_items": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "description": {"type": "string"},
                    "quantity": {"type": "integer"},
                    "amount": {"type": "number"},
                },
                "required": ["description", "quantity", "amount"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["line_items"],
    "additionalProperties": False,
}

DOCUMENT_TYPES = {
    "type": "object",
    "properties": {"type": {"type": "string", "enum": ["invoice", "receipt", "employment_contract"]}},
    "required": ["type"],
    "additionalProperties": False,
}

RECEIPT_TEXT = """CORNER CAFE
Table 4    Server: Maria
2 x Flat white        7.00
1 x Croissant         2.80
TOTAL                 9.80
PAID CASH            10.00
CHANGE                0.20
Thank you for your visit!
"""

EXTRACT_SYSTEM = "You extract data from documents. Copy values as printed; dates as YYYY-MM-DD."
CLASSIFY_SYSTEM = "You classify documents into one of the given types."
CLASSIFY_QUESTION = """Types:
- invoice: a bill asking for payment by a due date
- receipt: a till slip showing a payment already made
- employment_contract: terms of a job

Which type is this document?

"""
