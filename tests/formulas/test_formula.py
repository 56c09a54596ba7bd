from datetime import date
from decimal import Decimal

import pytest

from pagemill.formulas import (
    FieldPath,
    FormulaEvaluationError,
    FormulaLimitError,
    FormulaLimits,
    FormulaSyntaxError,
    compile_formula,
)
from tests.formulas.helpers import run


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", Decimal(7)),
        ("(1 + 2) * 3", Decimal(9)),
        ("10 - 4 - 3", Decimal(3)),
        ("48 / 4 / 2", Decimal(6)),
        ("1 + 2 * 3 - 4 / 2", Decimal(5)),
        ("2 ^ 3 ^ 2", Decimal(512)),
        ("-2 ^ 2", Decimal(-4)),
        ("(-2) ^ 2", Decimal(4)),
        ("-3 * -3", Decimal(9)),
        ("+5 - -5", Decimal(10)),
        ("2 ^ -1", Decimal("0.5")),
        ("7 / 2", Decimal("3.5")),
    ],
)
def test_arithmetic_follows_usual_precedence(source: str, expected: Decimal) -> None:
    assert run(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 1 = 2", True),
        ("2 * 3 > 5 AND 1 < 2", True),
        ("1 > 2 OR 3 > 2", True),
        ("NOT 1 > 2", True),
        ("NOT 1 > 2 AND 1 > 2", False),
        ("1 > 2 AND 1 > 2 OR TRUE", True),
        ("TRUE OR TRUE AND FALSE", True),
        ('"a" & "b" = "ab"', True),
        ("1 + 2 & 3", "33"),
        ("1 <> 2", True),
        ("1 != 2", True),
        ("1 == 1", True),
    ],
)
def test_logic_binds_looser_than_comparison_which_binds_looser_than_arithmetic(
    source: str, expected: object
) -> None:
    assert run(source) == expected


def test_money_arithmetic_is_decimal_exact() -> None:
    assert run("0.1 + 0.2 = 0.3") is True
    assert run("extraction1.line_items[0].unit_price + extraction1.line_items[1].unit_price") == Decimal(
        "0.3"
    )
    assert run("SUM(extraction1.line_items.amount)") == Decimal("100.0")


def test_floats_from_json_keep_their_short_form() -> None:
    assert run("x * 3", {"x": 1.1}) == Decimal("3.3")


def test_division_keeps_34_significant_digits() -> None:
    assert run("1 / 3") == Decimal("0.3333333333333333333333333333333333")


def test_invoice_math_rule_from_the_extend_docs() -> None:
    assert run("extraction1.total = extraction1.subtotal + extraction1.tax") is True
    assert run("extraction1.total = extraction1.subtotal + extraction1.tax + 1") is False


def test_keywords_and_function_names_ignore_case() -> None:
    assert run("sum(1, 2) = 3 and not false or null") is True
    assert run("if(true, 1, 2)") == Decimal(1)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("metadata.priority + 1", None),
        ("metadata.priority * 0", None),
        ("-metadata.priority", None),
        ("metadata.priority = 1", None),
        ("metadata.priority <> 1", None),
        ("NULL = NULL", None),
        ('metadata.priority & "x"', "x"),
        ("FALSE AND NULL", False),
        ("NULL AND FALSE", False),
        ("TRUE AND NULL", None),
        ("TRUE OR NULL", True),
        ("NULL OR TRUE", True),
        ("FALSE OR NULL", None),
        ("NOT NULL", None),
        ("missing_step.field + 1", None),
    ],
)
def test_null_propagates_through_arithmetic_and_comparison_and_follows_three_valued_logic(
    source: str, expected: object
) -> None:
    assert run(source) == expected


def test_and_or_stop_as_soon_as_the_result_is_known() -> None:
    assert run("FALSE AND 1 / 0 = 1") is False
    assert run("TRUE OR 1 / 0 = 1") is True
    with pytest.raises(FormulaEvaluationError, match="division by zero"):
        run("TRUE AND 1 / 0 = 1")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('1 + "a"', "cannot add number and text (use & to join text)"),
        ('"a" * 2', "cannot multiply text and number"),
        ('1 < "2"', "cannot compare number with text"),
        ("TRUE > FALSE", "booleans can only be compared with = or <>"),
        ("extraction1.address = 1", "cannot compare object with number"),
        ("1 AND TRUE", "AND expects TRUE or FALSE, got a number"),
        ('NOT "yes"', "NOT expects TRUE or FALSE, got text"),
        ('-"a"', "cannot negate text"),
        ('extraction1.address & "x"', "cannot join object into text"),
        ("1 / 0", "division by zero"),
        ("0 ^ -1", "division by zero"),
        ("(-8) ^ 0.5", "a negative number has no fractional power"),
        ("2 ^ 1001", "exponent larger than 1000"),
        ("10 ^ 999 * 10 ^ 999 * 10 ^ 999 ^ 999", "exponent larger than 1000"),
    ],
)
def test_type_errors_say_which_types_met(source: str, message: str) -> None:
    with pytest.raises(FormulaEvaluationError) as caught:
        run(source)
    assert caught.value.reason == message


def test_number_overflow_is_an_evaluation_error() -> None:
    with pytest.raises(FormulaEvaluationError, match="number out of range"):
        run("x * x", {"x": Decimal("1e999000")})


def test_evaluation_errors_point_at_the_operator_that_failed() -> None:
    with pytest.raises(FormulaEvaluationError) as caught:
        run("1 + 2 + 3 / 0")
    assert caught.value.column == 11
    assert str(caught.value) == "division by zero at column 11"


def test_a_formula_compiles_once_and_evaluates_against_many_contexts() -> None:
    formula = compile_formula("a.total > 100")
    assert formula.evaluate({"a": {"total": 150}}) is True
    assert formula.evaluate({"a": {"total": 50}}) is False
    assert formula.evaluate({}) is None


def test_references_list_each_field_path_once_in_order_of_use() -> None:
    formula = compile_formula(
        'IF(classification1 = "invoice", SUM(extraction1.line_items[].amount) = extraction1.total, '
        'extraction1.line_items[0].amount > 0 AND classification1 <> "x" AND metadata["document_id"] <> "")'
    )
    assert formula.references == (
        FieldPath(("classification1",)),
        FieldPath(("extraction1", "line_items", "amount")),
        FieldPath(("extraction1", "total")),
        FieldPath(("metadata", "document_id")),
    )
    assert [str(path) for path in formula.references][1] == "extraction1.line_items.amount"
    assert formula.references[1].root == "extraction1"


def test_literals_reference_nothing() -> None:
    assert compile_formula('1 + 2 & "x"').references == ()


def test_today_is_taken_from_the_caller_when_given() -> None:
    assert run("TODAY()", today=date(2024, 2, 29)) == date(2024, 2, 29)
    assert isinstance(run("TODAY()"), date)


def test_source_longer_than_the_limit_is_rejected_at_compile_time() -> None:
    limits = FormulaLimits(max_source_length=20)
    compile_formula("1 + 2", limits=limits)
    with pytest.raises(FormulaSyntaxError, match="formula is longer than 20 characters"):
        compile_formula("1 + 2 + 3 + 4 + 5 + 6", limits=limits)


def test_nesting_deeper_than_the_limit_is_rejected_without_exhausting_the_stack() -> None:
    limits = FormulaLimits(max_depth=64)
    assert compile_formula("(" * 30 + "1" + ")" * 30, limits=limits).evaluate({}) == Decimal(1)
    with pytest.raises(FormulaSyntaxError, match="nested more than 64 levels"):
        compile_formula("(" * 65 + "1" + ")" * 65, limits=limits)
    with pytest.raises(FormulaSyntaxError, match="nested more than 64 levels"):
        compile_formula("ABS(" * 65 + "1" + ")" * 65, limits=limits)
    with pytest.raises(FormulaSyntaxError, match="nested more than 64 levels"):
        compile_formula("-" * 100 + "1", limits=limits)
    with pytest.raises(FormulaSyntaxError, match="nested more than"):
        compile_formula("(" * 20_000 + "1" + ")" * 20_000, limits=FormulaLimits(max_source_length=50_000))


def test_long_flat_chains_stay_shallow() -> None:
    source = " + ".join(["1"] * 1000)
    assert compile_formula(source).evaluate({}) == Decimal(1000)
    assert compile_formula(" AND ".join(["TRUE"] * 400)).evaluate({}) is True


def test_evaluation_stops_after_the_step_budget() -> None:
    formula = compile_formula("SUM(items.amount * 2)", limits=FormulaLimits(max_steps=1_000))
    assert formula.evaluate({"items": [{"amount": 1}] * 10}) == Decimal(20)
    with pytest.raises(FormulaLimitError, match="more than 1000 evaluation steps"):
        formula.evaluate({"items": [{"amount": 1}] * 2_000})


def test_text_a_formula_builds_is_capped() -> None:
    formula = compile_formula('CONCAT(x, x) & "!"', limits=FormulaLimits(max_text_length=100))
    assert formula.evaluate({"x": "a" * 40}) == "a" * 80 + "!"
    with pytest.raises(FormulaLimitError, match="text longer than 100 characters"):
        formula.evaluate({"x": "a" * 60})
    with pytest.raises(FormulaLimitError, match="text longer than 100 characters"):
        compile_formula("x & x", limits=FormulaLimits(max_text_length=100)).evaluate({"x": "a" * 51})


def test_deeply_nested_context_values_are_refused() -> None:
    nested: list[object] = []
    for _ in range(40):
        nested = [nested]
    with pytest.raises(FormulaEvaluationError, match="nested more than 32 levels"):
        run("COUNT(x)", {"x": nested})


def test_non_finite_and_unsupported_context_values_are_errors() -> None:
    with pytest.raises(FormulaEvaluationError, match="not a finite number"):
        run("x + 1", {"x": float("nan")})
    with pytest.raises(FormulaEvaluationError, match="unsupported value of Python type set"):
        run("x", {"x": {1, 2}})


def test_context_datetimes_read_as_dates() -> None:
    from datetime import datetime

    assert run('x = DATE("2024-01-02")', {"x": datetime(2024, 1, 2, 13, 45)}) is True


def test_the_evaluator_never_runs_python() -> None:
    for source in ('__import__("os")', 'open("/etc/passwd")', 'eval("1")'):
        with pytest.raises(FormulaSyntaxError):
            compile_formula(source)
    assert run("x.__class__", {"x": {"__class__": 1}}) == Decimal(1)
    assert run("x.__class__", {"x": {}}) is None
