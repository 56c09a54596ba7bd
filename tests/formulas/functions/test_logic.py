from decimal import Decimal

import pytest

from pagemill.formulas import FormulaEvaluationError, FormulaLimitError, FormulaLimits, compile_formula
from tests.formulas.helpers import run


def test_if_picks_a_branch_and_defaults_to_false() -> None:
    assert run('IF(classification1 = "invoice", "yes", "no")') == "yes"
    assert run('IF(classification1 = "receipt", "yes", "no")') == "no"
    assert run('IF(classification1 = "receipt", "yes")') is False


def test_if_takes_the_false_branch_when_the_condition_is_null() -> None:
    assert run('IF(metadata.priority = 1, "yes", "no")') == "no"


def test_if_evaluates_only_the_branch_it_takes() -> None:
    assert run("IF(x = 0, 0, 10 / x)", {"x": 0}) == Decimal(0)
    assert run("IF(x = 0, 0, 10 / x)", {"x": 4}) == Decimal("2.5")


def test_if_over_an_array_condition_picks_item_by_item() -> None:
    assert run('IF(extraction1.line_items.quantity > 1, "many", "one")') == ["many", "many", "one"]


def test_if_requires_a_boolean_condition() -> None:
    with pytest.raises(FormulaEvaluationError, match="IF expects TRUE or FALSE, got a number"):
        run('IF(1, "a", "b")')


def test_extend_docs_conditional_rule() -> None:
    rule = 'IF(classification1 = "invoice", ISPRESENT(extraction1.invoice_number), TRUE)'
    assert run(rule) is True
    assert run(rule, {"classification1": "invoice", "extraction1": {"invoice_number": None}}) is False
    assert run(rule, {"classification1": "receipt", "extraction1": {}}) is True


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("AND(TRUE, TRUE, TRUE)", True),
        ("AND(TRUE, FALSE, NULL)", False),
        ("AND(TRUE, NULL)", None),
        ("OR(FALSE, FALSE)", False),
        ("OR(NULL, TRUE)", True),
        ("OR(FALSE, NULL)", None),
        ("AND(FALSE, 1 / 0 = 1)", False),
        ("OR(TRUE, 1 / 0 = 1)", True),
    ],
)
def test_and_or_functions_use_three_valued_logic_and_short_circuit(source: str, expected: object) -> None:
    assert run(source) is expected


def test_and_or_combine_arrays_item_by_item() -> None:
    assert run("AND(x.a > 0, x.a < 3)", {"x": {"a": [1, 2, 3]}}) == [True, True, False]
    assert run("x.a > 2 OR x.a < 2", {"x": {"a": [1, 2, 3]}}) == [True, False, True]


def test_iferror_replaces_evaluation_errors_but_not_limit_errors() -> None:
    assert run('IFERROR(1 / 0, "n/a")') == "n/a"
    assert run('IFERROR(VALUE("12"), 0)') == Decimal(12)
    formula = compile_formula("IFERROR(SUM(x.a), 0)", limits=FormulaLimits(max_steps=50))
    with pytest.raises(FormulaLimitError):
        formula.evaluate({"x": {"a": list(range(100))}})


def test_coalesce_takes_the_first_non_null_value_per_item() -> None:
    assert run("COALESCE(metadata.priority, NULL, 3, 4)") == Decimal(3)
    assert run("COALESCE(NULL)") is None
    assert run("COALESCE(x.d, 0)", {"x": {"d": [1, None, 2]}}) == [Decimal(1), Decimal(0), Decimal(2)]


@pytest.mark.parametrize(
    ("value", "present"),
    [
        (None, False),
        ("", False),
        ("   ", False),
        ("x", True),
        (0, True),
        (False, True),
        ([], False),
        ([None, "  "], False),
        ([None, "a"], True),
        ({}, False),
        ({"a": 1}, True),
    ],
)
def test_ispresent_and_isblank_are_opposites(value: object, present: bool) -> None:
    assert run("ISPRESENT(x)", {"x": value}) is present
    assert run("ISBLANK(x)", {"x": value}) is (not present)


def test_isnumber_and_istext_test_each_item() -> None:
    assert run("ISNUMBER(x)", {"x": [1, "1", None, 2.5]}) == [True, False, False, True]
    assert run("ISTEXT(x)", {"x": "1"}) is True
    assert run("ISTEXT(NULL)") is False
