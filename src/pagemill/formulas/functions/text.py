"""Text functions: LEN, UPPER, LOWER, TRIM, CONCAT, STARTSWITH, ENDSWITH."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pagemill.formulas.evaluation import Evaluation
from pagemill.formulas.functions.registry import FunctionSpec
from pagemill.formulas.values import expect_text, flatten


def _len(evaluation: Evaluation, value: Any) -> Decimal:
    return Decimal(len(expect_text(value, "LEN")))


def _upper(evaluation: Evaluation, value: Any) -> str:
    return expect_text(value, "UPPER").upper()


def _lower(evaluation: Evaluation, value: Any) -> str:
    return expect_text(value, "LOWER").lower()


def _trim(evaluation: Evaluation, value: Any) -> str:
    """Strips both ends and collapses inner runs of whitespace to one space, as spreadsheets do."""
    return " ".join(expect_text(value, "TRIM").split())


def _concat(evaluation: Evaluation, *values: Any) -> str:
    pieces = [expect_text(value, "CONCAT") for value in flatten(values)]
    evaluation.tick(len(pieces))
    return evaluation.checked_text("".join(pieces))


def _starts_with(evaluation: Evaluation, value: Any, prefix: Any) -> bool:
    return expect_text(value, "STARTSWITH").startswith(expect_text(prefix, "STARTSWITH"))


def _ends_with(evaluation: Evaluation, value: Any, suffix: Any) -> bool:
    return expect_text(value, "ENDSWITH").endswith(expect_text(suffix, "ENDSWITH"))


FUNCTIONS = (
    FunctionSpec("LEN", _len, 1, 1, elementwise=True, null_in_null_out=True),
    FunctionSpec("UPPER", _upper, 1, 1, elementwise=True, null_in_null_out=True),
    FunctionSpec("LOWER", _lower, 1, 1, elementwise=True, null_in_null_out=True),
    FunctionSpec("TRIM", _trim, 1, 1, elementwise=True, null_in_null_out=True),
    FunctionSpec("CONCAT", _concat, 1, None),
    FunctionSpec("STARTSWITH", _starts_with, 2, 2, elementwise=True, null_in_null_out=True),
    FunctionSpec("ENDSWITH", _ends_with, 2, 2, elementwise=True, null_in_null_out=True),
)
