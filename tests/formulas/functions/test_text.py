from decimal import Decimal

import pytest

from pagemill.formulas import FormulaEvaluationError
from tests.formulas.helpers import run


def test_len_counts_characters_of_text_and_of_numbers_as_written() -> None:
    assert run("LEN(extraction1.invoice_number)") == Decimal(7)
    assert run("LEN(12.50)") == Decimal(5)
    assert run("LEN(metadata.priority)") is None
    assert run("LEN(extraction1.line_items.description)") == [Decimal(7), Decimal(5), Decimal(10)]


def test_upper_lower() -> None:
    assert run('UPPER("Straße")') == "STRASSE"
    assert run("LOWER(extraction1.vendor_name)") == "albertsons"
    assert run("UPPER(extraction1.categories)") == ["GROCERIES", "URGENT"]


def test_trim_strips_ends_and_collapses_inner_whitespace() -> None:
    assert run('TRIM("  ACME \t  Corp\n ")') == "ACME Corp"


def test_concat_joins_everything_and_reads_null_as_empty() -> None:
    assert (
        run('CONCAT("#", extraction1.invoice_number, "-", metadata.priority, 1.50, TRUE)')
        == "#INV-001-1.50TRUE"
    )
    assert run('CONCAT(extraction1.categories, "!")') == "groceriesurgent!"


def test_ampersand_joins_text_like_concat() -> None:
    assert run('extraction1.address.city & ", " & extraction1.address.zip') == "Boise, 83702"
    assert run('"on " & DATE("2024-01-02")') == "on 2024-01-02"


def test_startswith_endswith_are_case_sensitive() -> None:
    assert run('STARTSWITH(extraction1.invoice_number, "INV-")') is True
    assert run('STARTSWITH(extraction1.invoice_number, "inv-")') is False
    assert run('ENDSWITH(extraction1.line_items.description, "d")') == [False, True, False]


def test_text_functions_reject_arrays_nested_in_items_and_objects() -> None:
    with pytest.raises(FormulaEvaluationError, match="UPPER expects text, got an object"):
        run("UPPER(extraction1.address)")
    with pytest.raises(FormulaEvaluationError, match="CONCAT expects text, got an object"):
        run("CONCAT(extraction1.address)")
