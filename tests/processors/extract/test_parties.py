"""Parties of an agreement: named in the preamble, or as organisations before their defined terms."""

from __future__ import annotations

from typing import Any

from pagemill.processors.extract import extract, load_extract_config
from pagemill.processors.extract.parties import introduced_parties, organisation_names
from tests.processors.extract.documents import parsed

PARTY_SCHEMA = {
    "type": "object",
    "properties": {"party": {"type": "array", "items": {"type": "string"}}},
}


def _parties(text: str) -> Any:
    result = extract(
        parsed(text.encode(), name="agreement.txt"), load_extract_config({"schema": PARTY_SCHEMA})
    )
    return result.value["party"]


def test_a_name_keeps_every_part_of_its_legal_suffix() -> None:
    assert introduced_parties(
        "Quillfeather Paper Holdings, LLC, a Delaware company, and Ostrander Co., Ltd. (“Buyer”)"
    ) == [
        "Quillfeather Paper Holdings, LLC",
        "Ostrander Co., Ltd.",
    ]


def test_dotted_legal_forms_are_written_plainly() -> None:
    assert introduced_parties("Harrowgate Capital Partners, L.L.C. and Brisk Green & Partners, L.P.") == [
        "Harrowgate Capital Partners, LLC",
        "Brisk Green & Partners, LP",
    ]


def test_an_ampersand_joins_one_name() -> None:
    assert organisation_names("is entered into by Fernwood Home & Garden, Inc. today") == [
        "Fernwood Home & Garden, Inc."
    ]


def test_a_state_description_is_not_a_name() -> None:
    assert organisation_names("Zephyr Mills, Inc., a Delaware Corporation (the “Company”)") == [
        "Zephyr Mills, Inc."
    ]


def test_letter_address_words_and_years_stop_a_name() -> None:
    text = "March 3, 2006 Attn: Dana Ruiz Dear Sir: Potomac Ridge Group, LLC (the “Undersigned”) has asked"
    assert organisation_names(text) == ["Potomac Ridge Group, LLC"]


def test_a_body_of_an_organisation_is_cut_to_the_organisation() -> None:
    text = "As a member of the Board of Directors of Lantern Data Corporation, I agree"
    assert organisation_names(text) == ["Lantern Data Corporation"]


def test_without_between_the_organisations_before_defined_terms_are_the_parties() -> None:
    letter = (
        "CONFIDENTIALITY AGREEMENT\n"
        "Potomac Ridge Group, LLC (the “Undersigned”) has requested information concerning\n"
        "Brightwater Systems Corporation and its subsidiaries (together, the “Company”).\n"
    )
    assert _parties(letter) == ["Potomac Ridge Group, LLC", "Brightwater Systems Corporation"]


def test_between_names_the_parties_with_people_and_organisations() -> None:
    preamble = (
        "NON-DISCLOSURE AGREEMENT\n"
        "This Agreement is made by and between Lakeshore Instruments, Inc., a Delaware corporation,\n"
        "and John T. Maple (the “Employee”).\n"
    )
    assert _parties(preamble) == ["Lakeshore Instruments, Inc.", "John T. Maple"]


def test_initials_and_a_short_number_belong_to_a_name() -> None:
    text = "between L.B. Foster Company and Pier 1 Services Company (“Pier”)"
    assert organisation_names(text) == ["L.B. Foster Company", "Pier 1 Services Company"]


def test_a_comma_after_a_suffix_ends_the_name_in_a_list() -> None:
    text = "Sterling Mining Company, Kimberly Gold Mines, Inc., and Silver Valley Bank"
    assert organisation_names(text) == [
        "Sterling Mining Company",
        "Kimberly Gold Mines, Inc.",
        "Silver Valley Bank",
    ]
