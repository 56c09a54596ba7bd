"""The embedded splitter finds documents in a packet from content: numbering, kinds, identifiers."""

from __future__ import annotations

from pagemill.processors.split.config import load_split_config
from pagemill.processors.split.page_signals import (
    PageNumber,
    find_identifier,
    identifier_pattern,
    page_number,
)
from pagemill.processors.split.splitter import split_document
from tests.processors.classify.samples import agreement_pages, invoice_pages, parsed

CONFIG = load_split_config(
    {
        "splitClassifications": [
            {"id": "invoice", "type": "invoice", "description": "An invoice"},
            {"id": "agreement", "type": "agreement", "description": "A legal agreement such as an NDA"},
            {"id": "other", "type": "other", "description": "Any other pages"},
        ]
    }
)


def ranges(pages: list[list[str]]) -> list[tuple[str, int, int]]:
    return [(s.profile.id, s.start_page, s.end_page) for s in split_document(parsed(pages), CONFIG)]


def test_invoices_and_agreements_are_cut_where_they_change() -> None:
    packet = [*invoice_pages("INV-1", 2), *invoice_pages("INV-2", 1), *agreement_pages("A and B", 3)]
    assert ranges(packet) == [("invoice", 1, 2), ("invoice", 3, 3), ("agreement", 4, 6)]


def test_two_agreements_in_a_row_are_separated_by_their_title_and_numbering() -> None:
    packet = [*agreement_pages("A and B", 3), *agreement_pages("C and D", 2)]
    assert ranges(packet) == [("agreement", 1, 3), ("agreement", 4, 5)]


def test_each_split_has_an_identifier_and_an_observation() -> None:
    segments = split_document(parsed([*invoice_pages("INV-77", 2), *invoice_pages("INV-78", 1)]), CONFIG)
    assert [s.identifier for s in segments] == ["INV-77", "INV-78"]
    assert all("starts here because" in s.observation for s in segments)


def test_page_numbers_in_footers_and_headers() -> None:
    assert page_number(["text", "Page 2 of 5"]) == PageNumber(2, 5)
    assert page_number(["text", "- 3 -"]).number == 3
    assert page_number(["text", "nothing here"]) is None


def test_identifier_key_words_find_the_value() -> None:
    pattern = identifier_pattern(None, "policy number")
    assert find_identifier(["Holder: Jane", "Policy Number: PX-2231"], pattern) == "PX-2231"
