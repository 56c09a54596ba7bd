"""What each operator does to two scalar values; arrays are handled item by item by the caller.

Null rules: arithmetic and comparison with null give null; `&` reads null as empty text; AND/OR follow
three-valued logic (FALSE AND null = FALSE, TRUE OR null = TRUE, otherwise null).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pagemill.formulas.errors import FormulaEvaluationError
from pagemill.formulas.evaluation import Evaluation
from pagemill.formulas.values import broadcast, expect_condition, parse_iso_date, text_of, type_name

MAX_POWER_EXPONENT = 1_000
MAX_DAY_SHIFT = 3_650_000


def _add(left: Any, right: Any) -> Any:
    if isinstance(left, Decimal) and isinstance(right, Decimal):
        return left + right
    if isinstance(left, date) and isinstance(right, Decimal):
        return _shift_date(left, right)
    if isinstance(left, Decimal) and isinstance(right, date):
        return _shift_date(right, left)
    raise _mismatch("add", left, right)


def _subtract(left: Any, right: Any) -> Any:
    if isinstance(left, Decimal) and isinstance(right, Decimal):
        return left - right
    if isinstance(left, date) and isinstance(right, Decimal):
        return _shift_date(left, -right)
    if isinstance(left, date) and isinstance(right, date):
        return Decimal((left - right).days)
    raise _mismatch("subtract", left, right)


def _multiply(left: Any, right: Any) -> Any:
    if isinstance(left, Decimal) and isinstance(right, Decimal):
        return left * right
    raise _mismatch("multiply", left, right)


def _divide(left: Any, right: Any) -> Any:
    if isinstance(left, Decimal) and isinstance(right, Decimal):
        if right == 0:
            raise FormulaEvaluationError("division by zero")
        return left / right
    raise _mismatch("divide", left, right)


def _power(left: Any, right: Any) -> Any:
    if not (isinstance(left, Decimal) and isinstance(right, Decimal)):
        raise _mismatch("raise", left, right)
    if abs(right) > MAX_POWER_EXPONENT:
        raise FormulaEvaluationError(f"exponent larger than {MAX_POWER_EXPONENT}")
    if left == 0 and right < 0:
        raise FormulaEvaluationError("division by zero")
    if left < 0 and right != right.to_integral_value():
        raise FormulaEvaluationError("a negative number has no fractional power")
    return left**right


def _shift_date(day: date, days: Decimal) -> date:
    if days != days.to_integral_value() or abs(days) > MAX_DAY_SHIFT:
        raise FormulaEvaluationError(f"cannot move a date by {text_of(days)} days")
    try:
        return day + timedelta(days=int(days))
    except OverflowError as error:
        raise FormulaEvaluationError("date out of range") from error


def _mismatch(verb: str, left: Any, right: Any) -> FormulaEvaluationError:
    hint = " (use & to join text)" if verb == "add" and "text" in (type_name(left), type_name(right)) else ""
    return FormulaEvaluationError(f"cannot {verb} {type_name(left)} and {type_name(right)}{hint}")


ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": _add,
    "-": _subtract,
    "*": _multiply,
    "/": _divide,
    "^": _power,
}


def arithmetic(operator: str, left: Any, right: Any) -> Any:
    if left is None or right is None:
        return None
    left, right = _dates_from_text(left, right)
    return ARITHMETIC[operator](left, right)


def negate(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return -value
    raise FormulaEvaluationError(f"cannot negate {type_name(value)}")


def join_text(left: Any, right: Any) -> str:
    for value in (left, right):
        if type_name(value) in ("array", "object"):
            raise FormulaEvaluationError(f"cannot join {type_name(value)} into text")
    return text_of(left) + text_of(right)


_ORDERINGS: dict[str, Callable[[Any, Any], bool]] = {
    "=": lambda a, b: a == b,
    "<>": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}
COMPARISON_OPERATORS = frozenset(_ORDERINGS)


def compare(operator: str, left: Any, right: Any) -> bool | None:
    if left is None or right is None:
        return None
    left, right = _dates_from_text(left, right)
    left_type, right_type = type_name(left), type_name(right)
    if left_type != right_type:
        raise FormulaEvaluationError(f"cannot compare {left_type} with {right_type}")
    if left_type in ("array", "object"):
        raise FormulaEvaluationError(f"cannot compare {left_type} values")
    if left_type == "boolean" and operator not in ("=", "<>"):
        raise FormulaEvaluationError("booleans can only be compared with = or <>")
    return _ORDERINGS[operator](left, right)


def _dates_from_text(left: Any, right: Any) -> tuple[Any, Any]:
    """ISO text meeting a date is read as a date: `invoice_date < TODAY()`, `TODAY() - invoice_date`."""
    if isinstance(left, date) and isinstance(right, str):
        return left, parse_iso_date(right) or right
    if isinstance(right, date) and isinstance(left, str):
        return parse_iso_date(left) or left, right
    return left, right


def logical_and(left: bool | None, right: bool | None) -> bool | None:
    if left is False or right is False:
        return False
    if left is None or right is None:
        return None
    return True


def logical_or(left: bool | None, right: bool | None) -> bool | None:
    if left is True or right is True:
        return True
    if left is None or right is None:
        return None
    return False


def logical_not(value: bool | None) -> bool | None:
    return None if value is None else not value


def fold_logical(evaluation: Evaluation, operator: str, operands: Iterable[Callable[[], Any]]) -> Any:
    """`a AND b AND ...` / `a OR b OR ...`, left to right, stopping once a scalar result is decided."""
    combine = logical_and if operator == "AND" else logical_or
    decided = operator == "OR"
    result: Any = not decided
    for operand in operands:
        value = operand()
        result = broadcast(
            evaluation, lambda a, b: combine(a, expect_condition(b, operator)), [result, value]
        )
        if result is decided:
            break
    return result
