"""The issuer of an invoice where the document names it: account holder, title, envelope sender line."""

from __future__ import annotations

import pytest

from pagemill.processors.extract import extract, load_extract_config
from tests.processors.extract.documents import lines_pdf, parsed

ISSUER_SCHEMA = {
    "type": "object",
    "properties": {"issuer": {"type": ["string", "null"], "description": "company that issued the invoice"}},
}


def _issuer(text: str) -> str | None:
    result = extract(
        parsed(text.encode(), name="invoice.txt"), load_extract_config({"schema": ISSUER_SCHEMA})
    )
    return result.value["issuer"]


@pytest.mark.parametrize(
    ("holder_line", "expected"),
    [
        ("Titulaire du compte : MARCHEPLUME", "MARCHEPLUME"),
        ("Account holder: Bluefin Analytics Ltd", "Bluefin Analytics Ltd"),
        ("Kontoinhaber: Seewald Technik GmbH", "Seewald Technik GmbH"),
    ],
)
def test_the_holder_of_the_account_to_pay_into_is_the_issuer(holder_line: str, expected: str) -> None:
    invoice = f"Harbor Retail BV\n12 Quay Street\nInvoice 2041\nTotal: 12.00\nPay to\n{holder_line}\n"
    assert _issuer(invoice) == expected


def test_a_title_naming_the_seller_gives_the_issuer() -> None:
    invoice = "Cobalt Cloud Services Invoice\nAccount number: 7781\nBill to: Harbor Retail BV\n"
    assert _issuer(invoice) == "Cobalt Cloud Services"


def test_the_sender_line_of_a_window_envelope_gives_the_issuer() -> None:
    invoice = "Seewald Technik AG - Hafenweg 4 - D-20457 Hamburg\nOrion Labs Ltd.\n8 Mill Lane\nRechnung\n"
    assert _issuer(invoice) == "Seewald Technik AG"


def test_an_address_heading_is_not_the_issuer() -> None:
    invoice = "Shipping Address\n\nNorthwind Traders BV\n\nInvoice 12\n"
    assert _issuer(invoice) == "Northwind Traders BV"


@pytest.mark.parametrize("label", ["Seller", "Sold By", "Sprzedawca", "Verkäufer", "Vendeur"])
def test_the_name_under_a_seller_label_is_the_issuer(label: str) -> None:
    invoice = f"Bill to: Harbor Retail BV\n{label}: Kestrel Fuels S.A. NIP: 774-00-01-454\nTotal: 12.00\n"
    document = parsed(lines_pdf(invoice))
    issuer = extract(document, load_extract_config({"schema": ISSUER_SCHEMA})).value["issuer"]
    assert issuer == "Kestrel Fuels S.A"


@pytest.mark.parametrize("title", ["SIMPLIFIED TAX INVOICE", "Cash Bill", "Commercial Invoice"])
def test_a_title_naming_the_kind_of_document_names_no_issuer(title: str) -> None:
    document = parsed(lines_pdf(f"{title}\nKestrel Fuels Sdn Bhd\nTotal: 12.00\n"))
    issuer = extract(document, load_extract_config({"schema": ISSUER_SCHEMA})).value["issuer"]
    assert issuer == "Kestrel Fuels Sdn Bhd"
