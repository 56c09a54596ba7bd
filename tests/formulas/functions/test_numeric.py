from datetime import date
from decimal import Decimal

import pytest

from pagemill.formulas import FormulaEvaluationError
from tests.formulas.helpers import run


def test_sum_flattens_arrays_and_skips_nulls() -> None:
    assert run("SUM(extraction1.line_items.amount)") == Decimal("100.0")
    assert run("SUM(1, x, 2)", {"x": [3, None, [4]]}) == Decimal(10)
    assert run("SUM(metadata.priority)") == Decimal(0)


def test_sum_of_line_items_checks_the_total_within_a_tolerance() -> None:
    assert (
        run("WITHIN(SUM(extraction1.line_items.amount), extraction1.total - extraction1.tax, 0.01)") is True
    )
    assert run("WITHIN(100.011, 100, 0.01)") is False
    assert run("WITHIN(99.99, 100, 0.01)") is True


def test_within_checks_each_item_and_rejects_a_negative_tolerance() -> None:
    rule = (
        "WITHIN(extraction1.line_items.quantity * extraction1.line_items.unit_price, "
        "extraction1.line_items.amount, 0)"
    )
    assert run(rule) == [True, True, True]
    assert run("WITHIN(NULL, 1, 0)") is None
    with pytest.raises(FormulaEvaluationError, match="WITHIN tolerance must not be negative"):
        run("WITHIN(1, 1, -1)")


def test_min_max_over_numbers_or_dates() -> None:
    assert run("MIN(extraction1.line_items.amount)") == Decimal("0.2")
    assert run("MAX(extraction1.line_items.amount, 500)") == Decimal(500)
    assert run('MAX(DATE("2024-01-01"), DATE("2023-01-01"))') == date(2024, 1, 1)
    assert run("MIN(x)", {"x": [None]}) is None
    with pytest.raises(
        FormulaEvaluationError, match="MIN expects all numbers or all dates, got number, text"
    ):
        run('MIN(1, "2")')


def test_count_counts_values_that_are_not_null() -> None:
    assert run("COUNT(extraction1.line_items)") == Decimal(3)
    assert run("COUNT(x)", {"x": [1, None, "a", [2, None]]}) == Decimal(3)
    assert run("COUNT(metadata.priority)") == Decimal(0)


def test_average_of_numbers_and_of_nothing() -> None:
    assert run("AVERAGE(extraction1.line_items.quantity)") == Decimal(2)
    assert run("AVERAGE(1, 2)") == Decimal("1.5")
    assert run("AVERAGE(x)", {"x": []}) is None


@pytest.mark.parametrize("name", ["SUM", "AVERAGE"])
def test_aggregates_reject_text(name: str) -> None:
    with pytest.raises(FormulaEvaluationError, match=f"{name} expects a number, got text"):
        run(f"{name}(extraction1.categories)")


def test_abs() -> None:
    assert run("ABS(-2.5)") == Decimal("2.5")
    assert run("ABS(x)", {"x": [-1, None, 2]}) == [Decimal(1), None, Decimal(2)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("ROUND(2.5)", Decimal(3)),
        ("ROUND(-2.5)", Decimal(-3)),
        ("ROUND(1.005, 2)", Decimal("1.01")),
        ("ROUND(1.2345, 3)", Decimal("1.235")),
        ("ROUND(1234.5, -2)", Decimal(1200)),
        ("ROUND(NULL, 2)", None),
    ],
)
def test_round_goes_half_away_from_zero(source: str, expected: Decimal | None) -> None:
    assert run(source) == expected


def test_round_needs_whole_digits() -> None:
    with pytest.raises(FormulaEvaluationError, match="ROUND expects a whole number, got 1.5"):
        run("ROUND(1, 1.5)")
    with pytest.raises(FormulaEvaluationError, match="ROUND digits must be between -100 and 100"):
        run("ROUND(1, 101)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.50", Decimal("1234.50")),
        ("$ 99", Decimal(99)),
        ("€12", Decimal(12)),
        ("-3", Decimal(-3)),
        ("12%", Decimal("0.12")),
        ("(45.00)", Decimal("-45.00")),
        (".5", Decimal("0.5")),
    ],
)
def test_value_reads_numbers_written_as_text(text: str, expected: Decimal) -> None:
    assert run("VALUE(x)", {"x": text}) == expected


def test_value_rejects_text_that_is_not_a_number() -> None:
    with pytest.raises(FormulaEvaluationError, match="VALUE cannot read '12 apples' as a number"):
        run('VALUE("12 apples")')
    with pytest.raises(FormulaEvaluationError, match="VALUE expects text, got a boolean"):
        run("VALUE(TRUE)")
    assert run("VALUE(7)") == Decimal(7)
