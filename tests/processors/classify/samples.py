"""Made-up pages of the kinds the tests classify and split, as lines of text."""

from __future__ import annotations

from pagemill.processors.document import Document
from pagemill.processors.parse import load_parse_config, parse
from tests.documents import text_pdf


def invoice_pages(number: str, pages: int = 1) -> list[list[str]]:
    first = [
        "INVOICE",
        "Northwind Supplies Ltd, 12 Harbour Road, Leeds",
        f"Invoice No: {number}",
        "Invoice date: 2024-03-05    Due date: 2024-04-04",
        "Bill to: Acme Corp, 1 Main Street",
        "Description            Qty   Unit price   Amount",
        "Consulting services      3       400.00   1200.00",
        "Payment terms: 30 days. IBAN GB29 NWBK 6016 1331 9268 19",
    ]
    body = [
        first,
        *[
            [f"Invoice {number} continued", "Hosting  1  90.00  90.00", "Subtotal 1290.00"]
            for _ in range(pages - 1)
        ],
    ]
    if pages > 1:
        for index, page in enumerate(body, start=1):
            page.append(f"Page {index} of {pages}")
    return body


def receipt_page(shop: str) -> list[str]:
    return [
        f"{shop} SDN BHD",
        "NO 3, JALAN BUNGA, 43300 SELANGOR  TEL: 03-8888 1212",
        "RECEIPT  12/01/2018 21:13",
        "MILO 1X 4.50",
        "BREAD 2X 3.20",
        "TOTAL RM 10.90",
        "CASH RM 20.00",
        "CHANGE RM 9.10",
        "THANK YOU, PLEASE COME AGAIN",
    ]


def agreement_pages(parties: str, pages: int) -> list[list[str]]:
    first = [
        "MUTUAL NON-DISCLOSURE AGREEMENT",
        f"This Agreement is entered into by and between {parties} (each a party).",
        "WHEREAS the parties wish to exchange confidential information;",
        "1. The Recipient shall hold the Disclosing Party's information in confidence.",
    ]
    rest = [
        [
            "The Recipient shall not disclose Proprietary Information to third parties.",
            "Either party may terminate this Agreement on written notice.",
            "This Agreement is governed by the laws of the State of Delaware.",
            f"- {index} -",
        ]
        for index in range(2, pages + 1)
    ]
    return [first, *rest]


def parsed(pages: list[list[str]]) -> Document:
    return parse(text_pdf(pages), config=load_parse_config({}), name="packet.pdf").document
