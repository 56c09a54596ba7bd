import pytest

from pagemill.formulas import FormulaEvaluationError
from tests.formulas.helpers import run


def test_contains_matches_whole_array_items() -> None:
    assert run('CONTAINS(extraction1.categories, "urgent")') is True
    assert run('CONTAINS(extraction1.categories, "urg")') is False
    assert run('CONTAINS(extraction1.categories, "URGENT")') is False


def test_contains_compares_numbers_by_value_and_never_across_types() -> None:
    assert run("CONTAINS(extraction1.line_items.quantity, 3.0)") is True
    assert run('CONTAINS(extraction1.line_items.quantity, "3")') is False


def test_contains_on_text_is_a_case_sensitive_substring_test() -> None:
    assert run('CONTAINS(extraction1.vendor_name, "berts")') is True
    assert run('CONTAINS(extraction1.vendor_name, "BERTS")') is False


def test_contains_all_and_any() -> None:
    assert run('CONTAINSALL(extraction1.categories, "urgent", "groceries")') is True
    assert run('CONTAINSALL(extraction1.categories, "urgent", "fuel")') is False
    assert run('CONTAINSANY(extraction1.categories, "fuel", "urgent")') is True
    assert run('CONTAINSANY(extraction1.categories, "fuel", "toys")') is False


def test_includes_is_a_case_insensitive_substring_test_in_any_item() -> None:
    assert run('INCLUDES(extraction1.line_items.description, "EGGS")') is True
    assert run('INCLUDES(extraction1.line_items.description, "butter")') is False
    assert run('INCLUDESANY(extraction1.line_items.description, "butter", "milk")') is True
    assert run('INCLUDESANY(extraction1.line_items.description, "butter", "jam")') is False
    assert run('INCLUDES(extraction1.vendor_name, "ALBERT")') is True


def test_membership_with_null_is_null() -> None:
    assert run('CONTAINS(metadata.priority, "x")') is None
    assert run("CONTAINS(extraction1.categories, NULL)") is None
    assert run('INCLUDES(metadata.priority, "x")') is None


def test_contains_needs_an_array_or_text() -> None:
    with pytest.raises(
        FormulaEvaluationError, match="CONTAINS expects an array or text to search, got a number"
    ):
        run("CONTAINS(extraction1.total, 1)")
