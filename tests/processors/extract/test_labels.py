"""Label vocabulary: descriptions that are labels, untaxed amounts in several languages, totals "TTC"."""

from __future__ import annotations

from typing import Any

import pytest

from pagemill.processors.extract import extract, load_extract_config
from tests.processors.extract.documents import lines_pdf, parsed

NUMBER = {"type": ["number", "null"]}


def _value(text: str, schema: dict[str, Any]) -> dict[str, Any]:
    document = parsed(lines_pdf(text))
    return extract(document, load_extract_config({"schema": {"type": "object", "properties": schema}})).value


def test_a_short_description_names_the_label_to_read() -> None:
    text = "Order Date: 15-10-2015\n\nInvoice Date: 20-10-2015\n"
    schema = {"date": {"type": ["string", "null"], "extend:type": "date", "description": "invoice date"}}
    assert _value(text, schema)["date"] == "2015-10-20"


@pytest.mark.parametrize(
    "label", ["Subtotaal", "Exclusief BTW", "Sous-total", "Nettobetrag", "Total before tax", "Razem netto"]
)
def test_untaxed_amounts_are_read_under_their_labels_in_several_languages(label: str) -> None:
    text = f"{label}: 100,00\n\nBTW 21%: 21,00\n\nTotaal: 121,00\n"
    assert _value(text, {"amount_untaxed": NUMBER})["amount_untaxed"] == 100.0


def test_a_french_tax_included_amount_is_the_total() -> None:
    text = "Facture 562\n\nMontant HT 24.99 €\n\nDate limite de paiement 29.99 € TTC\n"
    assert (
        _value(text, {"amount": {**NUMBER, "description": "total amount including tax"}})["amount"] == 29.99
    )


@pytest.mark.parametrize("label", ["Bank Account", "Rekeningnummer", "Kontonummer"])
def test_a_bank_account_label_gives_the_iban(label: str) -> None:
    text = f"Payment\n{label}: NL91ABNA0417164300\n"
    assert _value(text, {"iban": {"type": ["string", "null"]}})["iban"] == "NL91ABNA0417164300"


def test_a_vat_number_in_digit_groups_after_other_footer_text_is_read_whole() -> None:
    text = "Facture 562\nLibre SAS − Siège social: Paris − N° de TVA intra communautaire: FR 604 219 388 61\n"
    assert _value(text, {"vat": {"type": ["string", "null"]}})["vat"] == "FR 604 219 388 61"
