"""Aggregates (SUM, MIN, MAX, COUNT, AVERAGE) and number functions (ABS, ROUND, WITHIN, VALUE).

Aggregates take any mix of values and arrays, flatten them and skip nulls, like a spreadsheet range.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pagemill.formulas.errors import FormulaEvaluationError
from pagemill.formulas.evaluation import Evaluation
from pagemill.formulas.functions.registry import FunctionSpec
from pagemill.formulas.values import a_type, expect_integer, expect_number, flatten, type_name

MAX_ROUND_DIGITS = 100
_NUMBER_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_CURRENCY_SYMBOLS = "$€£¥₹"


def _present_values(evaluation: Evaluation, arguments: tuple[Any, ...]) -> list[Any]:
    values = [value for value in flatten(arguments) if value is not None]
    evaluation.tick(len(values))
    return values


def _numbers(evaluation: Evaluation, name: str, arguments: tuple[Any, ...]) -> list[Decimal]:
    return [expect_number(value, name) for value in _present_values(evaluation, arguments)]


def _sum(evaluation: Evaluation, *arguments: Any) -> Decimal:
    return sum(_numbers(evaluation, "SUM", arguments), Decimal(0))


def _average(evaluation: Evaluation, *arguments: Any) -> Decimal | None:
    numbers = _numbers(evaluation, "AVERAGE", arguments)
    return sum(numbers, Decimal(0)) / len(numbers) if numbers else None


def _count(evaluation: Evaluation, *arguments: Any) -> Decimal:
    return Decimal(len(_present_values(evaluation, arguments)))


def _extreme(name: str, pick: Any) -> Any:
    """MIN/MAX over numbers, or over dates; null when there is nothing to compare."""

    def implementation(evaluation: Evaluation, *arguments: Any) -> Any:
        values = _present_values(evaluation, arguments)
        if not values:
            return None
        kinds = {type_name(value) for value in values}
        if not (kinds == {"number"} or kinds == {"date"}):
            found = ", ".join(sorted(kinds))
            raise FormulaEvaluationError(f"{name} expects all numbers or all dates, got {found}")
        return pick(values)

    return implementation


def _abs(evaluation: Evaluation, value: Any) -> Decimal:
    return abs(expect_number(value, "ABS"))


def _round(evaluation: Evaluation, value: Any, digits: Any = Decimal(0)) -> Decimal:
    """Half away from zero, as spreadsheets round: ROUND(2.5) = 3, ROUND(-2.5) = -3."""
    number = expect_number(value, "ROUND")
    places = expect_integer(digits, "ROUND")
    if abs(places) > MAX_ROUND_DIGITS:
        raise FormulaEvaluationError(
            f"ROUND digits must be between -{MAX_ROUND_DIGITS} and {MAX_ROUND_DIGITS}"
        )
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _within(evaluation: Evaluation, value: Any, target: Any, tolerance: Any) -> bool:
    allowed = expect_number(tolerance, "WITHIN")
    if allowed < 0:
        raise FormulaEvaluationError("WITHIN tolerance must not be negative")
    return abs(expect_number(value, "WITHIN") - expect_number(target, "WITHIN")) <= allowed


def _value(evaluation: Evaluation, value: Any) -> Decimal:
    """A number written as text: "1,234.50", "$ 99", "-3", "12%" (0.12), "(45.00)" (-45.00)."""
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str):
        raise FormulaEvaluationError(f"VALUE expects text, got {a_type(value)}")
    text = value.strip()
    negative = text.startswith("(") and text.endswith(")")
    text = text.strip("()").replace(",", "").replace(" ", "").strip(_CURRENCY_SYMBOLS)
    percent = text.endswith("%")
    text = text.rstrip("%").strip(_CURRENCY_SYMBOLS)
    if not _NUMBER_TEXT.fullmatch(text):
        raise FormulaEvaluationError(f"VALUE cannot read {value!r} as a number")
    number = Decimal(text)
    number = number / 100 if percent else number
    return -number if negative else number


FUNCTIONS = (
    FunctionSpec("SUM", _sum, 1, None),
    FunctionSpec("MIN", _extreme("MIN", min), 1, None),
    FunctionSpec("MAX", _extreme("MAX", max), 1, None),
    FunctionSpec("COUNT", _count, 1, None),
    FunctionSpec("AVERAGE", _average, 1, None),
    FunctionSpec("ABS", _abs, 1, 1, elementwise=True, null_in_null_out=True),
    FunctionSpec("ROUND", _round, 1, 2, elementwise=True, null_in_null_out=True),
    FunctionSpec("WITHIN", _within, 3, 3, elementwise=True, null_in_null_out=True),
    FunctionSpec("VALUE", _value, 1, 1, elementwise=True, null_in_null_out=True),
)
