import pytest

from pagemill.processors.values.enums import match_enum
from pagemill.processors.values.parsed import Quality

DOCUMENT_TYPES = ["invoice", "purchase_order", "receipt", "credit_note", None]


@pytest.mark.parametrize(
    ("text", "value"),
    [("Invoice", "invoice"), ("PURCHASE ORDER", "purchase_order"), ("purchase-order", "purchase_order")],
)
def test_equal_after_normalising_is_exact_and_keeps_the_allowed_spelling(text: str, value: str) -> None:
    assert match_enum(text, DOCUMENT_TYPES).value == value
    assert match_enum(text, DOCUMENT_TYPES).quality is Quality.EXACT


def test_spacing_does_not_matter() -> None:
    assert match_enum("NET30", ["Net 30", "Net 60"]).value == "Net 30"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("This is an invoice", "invoice"),
        ("Purchase Ordr", "purchase_order"),
        ("receipts", "receipt"),
        ("Credit note for invoice 12", "credit_note"),
    ],
)
def test_word_overlap_matches_are_inferred(text: str, value: str) -> None:
    assert match_enum(text, DOCUMENT_TYPES).value == value
    assert match_enum(text, DOCUMENT_TYPES).quality is Quality.INFERRED


def test_below_the_threshold_nothing_is_returned() -> None:
    assert match_enum("bank statement", DOCUMENT_TYPES).value is None
    assert match_enum("bank statement", DOCUMENT_TYPES).quality is Quality.INVALID
    assert match_enum("credit", DOCUMENT_TYPES).value == "credit_note"
    assert match_enum("credit", DOCUMENT_TYPES, threshold=0.6).value is None


def test_a_tie_between_two_values_returns_nothing() -> None:
    assert match_enum("invoice", ["credit_invoice", "proforma_invoice"]).value is None
    assert match_enum("proforma", ["credit_invoice", "proforma_invoice"]).value == "proforma_invoice"


def test_blank_text_is_empty_unless_an_allowed_value_spells_it() -> None:
    assert match_enum("N/A", DOCUMENT_TYPES).quality is Quality.EMPTY
    assert match_enum("N/A", ["N/A", "Other"]).value == "N/A"
