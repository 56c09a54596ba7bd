"""The built-in function library; `BUILTIN_FUNCTIONS.with_functions(...)` adds or replaces functions."""

from __future__ import annotations

from pagemill.formulas.functions import dates, logic, matching, membership, numeric, text
from pagemill.formulas.functions.registry import NOT_CONSTANT, FunctionLibrary, FunctionSpec

BUILTIN_FUNCTIONS = FunctionLibrary(
    [
        *logic.FUNCTIONS,
        *numeric.FUNCTIONS,
        *text.FUNCTIONS,
        *membership.FUNCTIONS,
        *matching.FUNCTIONS,
        *dates.FUNCTIONS,
    ]
)

__all__ = ["BUILTIN_FUNCTIONS", "NOT_CONSTANT", "FunctionLibrary", "FunctionSpec"]
