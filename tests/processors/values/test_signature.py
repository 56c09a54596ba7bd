from pagemill.processors.values.parsed import Quality
from pagemill.processors.values.signature import parse_signature


def test_a_labelled_conformed_signature_block() -> None:
    parsed = parse_signature(
        "By: /s/ Jane Doe\nName: Jane Doe\nTitle: Chief Executive Officer\nDate: June 1, 2005"
    )
    assert parsed.value == {
        "printed_name": "Jane Doe",
        "signature_date": "2005-06-01",
        "is_signed": True,
        "title_or_role": "Chief Executive Officer",
    }
    assert parsed.quality is Quality.EXACT


def test_the_signer_line_gives_the_name_when_no_name_line_does() -> None:
    parsed = parse_signature("By: /s/ Eric Sprunk  Its: President")
    assert parsed.value["printed_name"] == "Eric Sprunk"
    assert parsed.value["title_or_role"] == "President"


def test_a_bare_name_is_inferred_and_signedness_unknown() -> None:
    parsed = parse_signature("Jane Doe")
    assert parsed.value["printed_name"] == "Jane Doe"
    assert parsed.value["is_signed"] is None
    assert parsed.quality is Quality.INFERRED


def test_an_unfilled_block_is_empty() -> None:
    assert parse_signature("Name: ________ Title: ________").quality is Quality.EMPTY
    assert parse_signature("By: ______ Name: John Roe").value["printed_name"] == "John Roe"
