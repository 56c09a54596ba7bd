"""IF, AND, OR, IFERROR, COALESCE and the presence and type tests."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pagemill.formulas.errors import FormulaEvaluationError, FormulaLimitError
from pagemill.formulas.evaluation import Evaluation
from pagemill.formulas.functions.registry import FunctionSpec
from pagemill.formulas.operators import fold_logical
from pagemill.formulas.values import broadcast, expect_condition, is_present

Thunk = Callable[[], Any]


def _if(evaluation: Evaluation, condition: Thunk, when_true: Thunk, when_false: Thunk | None = None) -> Any:
    otherwise = when_false if when_false is not None else (lambda: False)
    test = condition()
    if isinstance(test, list):
        return broadcast(evaluation, _pick, [test, when_true(), otherwise()])
    return when_true() if expect_condition(test, "IF") else otherwise()


def _pick(test: Any, when_true: Any, when_false: Any) -> Any:
    return when_true if expect_condition(test, "IF") else when_false


def _and(evaluation: Evaluation, *operands: Thunk) -> Any:
    return fold_logical(evaluation, "AND", operands)


def _or(evaluation: Evaluation, *operands: Thunk) -> Any:
    return fold_logical(evaluation, "OR", operands)


def _iferror(evaluation: Evaluation, value: Thunk, fallback: Thunk) -> Any:
    try:
        return value()
    except FormulaLimitError:
        raise
    except FormulaEvaluationError:
        return fallback()


def _coalesce(evaluation: Evaluation, *values: Any) -> Any:
    return next((value for value in values if value is not None), None)


FUNCTIONS = (
    FunctionSpec("IF", _if, 2, 3, lazy=True),
    FunctionSpec("AND", _and, 1, None, lazy=True),
    FunctionSpec("OR", _or, 1, None, lazy=True),
    FunctionSpec("IFERROR", _iferror, 2, 2, lazy=True),
    FunctionSpec("COALESCE", _coalesce, 1, None, elementwise=True),
    FunctionSpec("ISPRESENT", lambda evaluation, value: is_present(value), 1, 1),
    FunctionSpec("ISBLANK", lambda evaluation, value: not is_present(value), 1, 1),
    FunctionSpec("ISNUMBER", lambda evaluation, value: isinstance(value, Decimal), 1, 1, elementwise=True),
    FunctionSpec("ISTEXT", lambda evaluation, value: isinstance(value, str), 1, 1, elementwise=True),
)
