"""The formula value model: null, boolean, number (Decimal), text, date, array, object.

Numbers are `Decimal` so money adds up exactly (`0.1 + 0.2 = 0.3`); floats from JSON are converted
through their shortest text form, never through their binary expansion.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pagemill.formulas.errors import FormulaEvaluationError
from pagemill.formulas.evaluation import Evaluation

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?")


def normalize(value: Any, *, max_nesting: int, _depth: int = 0) -> Any:
    """Turn a value read from the context into the formula value model."""
    if _depth > max_nesting:
        raise FormulaEvaluationError(f"value is nested more than {max_nesting} levels deep")
    if value is None or isinstance(value, bool | str | Decimal | Mapping):
        return value
    if isinstance(value, int):
        try:
            return Decimal(value)
        except ValueError as error:
            raise FormulaEvaluationError("number is too large") from error
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FormulaEvaluationError(f"{value} is not a finite number")
        return Decimal(repr(value))
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, list | tuple):
        return [normalize(item, max_nesting=max_nesting, _depth=_depth + 1) for item in value]
    raise FormulaEvaluationError(f"unsupported value of Python type {type(value).__name__}")


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, Decimal):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, date):
        return "date"
    if isinstance(value, list):
        return "array"
    return "object"


def a_type(value: Any) -> str:
    """The type with its article, for messages: "a number", "an array", "text"."""
    name = type_name(value)
    if name in ("text", "null"):
        return name
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def text_of(value: Any) -> str:
    """How a value reads when joined into text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str, sort_keys=True)


def parse_iso_date(text: str) -> date | None:
    match = _ISO_DATE.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def flatten(values: Sequence[Any]) -> list[Any]:
    """Arguments and nested arrays as one flat list, for functions that aggregate (SUM, COUNT, ...)."""
    flat: list[Any] = []
    for value in values:
        if isinstance(value, list):
            flat.extend(flatten(value))
        else:
            flat.append(value)
    return flat


def broadcast(evaluation: Evaluation, operation: Callable[..., Any], arguments: Sequence[Any]) -> Any:
    """Apply a scalar operation item by item when any argument is an array; scalars repeat for each item."""
    arrays = [argument for argument in arguments if isinstance(argument, list)]
    evaluation.tick()
    if not arrays:
        return operation(*arguments)
    length = len(arrays[0])
    if any(len(array) != length for array in arrays):
        sizes = " and ".join(sorted({str(len(array)) for array in arrays}))
        raise FormulaEvaluationError(f"arrays of different lengths ({sizes}) cannot be combined item by item")
    return [
        broadcast(evaluation, operation, [a[index] if isinstance(a, list) else a for a in arguments])
        for index in range(length)
    ]


def expect_number(value: Any, what: str) -> Decimal:
    if not isinstance(value, Decimal):
        raise FormulaEvaluationError(f"{what} expects a number, got {a_type(value)}")
    return value


def expect_integer(value: Any, what: str) -> int:
    number = expect_number(value, what)
    if number != number.to_integral_value():
        raise FormulaEvaluationError(f"{what} expects a whole number, got {text_of(number)}")
    return int(number)


def expect_text(value: Any, what: str) -> str:
    """Numbers, booleans and dates read as their text; arrays and objects are not text."""
    if isinstance(value, list | Mapping):
        raise FormulaEvaluationError(f"{what} expects text, got {a_type(value)}")
    return text_of(value)


def expect_date(value: Any, what: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        parsed = parse_iso_date(value)
        if parsed is not None:
            return parsed
        raise FormulaEvaluationError(f"{what} expects a date, got text {value!r} (use DATE(text, format))")
    raise FormulaEvaluationError(f"{what} expects a date, got {a_type(value)}")


def expect_condition(value: Any, what: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise FormulaEvaluationError(f"{what} expects TRUE or FALSE, got {a_type(value)}")


def values_equal(left: Any, right: Any) -> bool:
    """Equality for membership tests: same type and same value; numbers compare by value (1 = 1.00)."""
    if type_name(left) != type_name(right):
        return False
    return bool(left == right)


def is_present(value: Any) -> bool:
    """Present: not null, not blank text, and for arrays at least one present item."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, list):
        return any(is_present(item) for item in value)
    if isinstance(value, Mapping):
        return len(value) > 0
    return True
