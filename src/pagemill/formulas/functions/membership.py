"""Membership tests over arrays (and text): CONTAINS, CONTAINSALL, CONTAINSANY, INCLUDES, INCLUDESANY.

CONTAINS* match whole items exactly (numbers by value); on text, CONTAINS is a case-sensitive substring
test. INCLUDES* are case-insensitive substring tests inside any item.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pagemill.formulas.errors import FormulaEvaluationError
from pagemill.formulas.evaluation import Evaluation
from pagemill.formulas.functions.registry import FunctionSpec
from pagemill.formulas.values import a_type, expect_text, flatten, values_equal


def _holds(evaluation: Evaluation, name: str, haystack: Any, needle: Any) -> bool:
    if isinstance(haystack, list):
        items = flatten([haystack])
        evaluation.tick(len(items))
        return any(values_equal(item, needle) for item in items)
    if isinstance(haystack, str):
        return expect_text(needle, name) in haystack
    raise FormulaEvaluationError(f"{name} expects an array or text to search, got {a_type(haystack)}")


def _includes(evaluation: Evaluation, name: str, haystack: Any, needle: Any) -> bool:
    wanted = expect_text(needle, name).casefold()
    items = [item for item in flatten([haystack]) if item is not None and not isinstance(item, Mapping)]
    evaluation.tick(len(items))
    return any(wanted in expect_text(item, name).casefold() for item in items)


def _membership(name: str, test: Any, quantifier: Any) -> FunctionSpec:
    """A spec whose result is `quantifier` (any/all) of `test(haystack, needle)` over the needles given."""

    def implementation(evaluation: Evaluation, haystack: Any, *needles: Any) -> bool | None:
        if haystack is None or any(needle is None for needle in needles):
            return None
        return quantifier(test(evaluation, name, haystack, needle) for needle in needles)

    return FunctionSpec(name, implementation, 2, 2 if name in ("CONTAINS", "INCLUDES") else None)


FUNCTIONS = (
    _membership("CONTAINS", _holds, all),
    _membership("CONTAINSALL", _holds, all),
    _membership("CONTAINSANY", _holds, any),
    _membership("INCLUDES", _includes, all),
    _membership("INCLUDESANY", _includes, any),
)
