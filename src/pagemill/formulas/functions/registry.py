"""Function specs and the library a formula's calls are resolved against when it compiles."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pagemill.formulas.evaluation import Evaluation
from pagemill.formulas.values import broadcast

NOT_CONSTANT = object()
"""Stands in, for a compile-time check, for an argument whose value is only known at evaluation."""


@dataclass(frozen=True)
class FunctionSpec:
    """One callable function.

    `implementation(evaluation, *arguments)` gets formula values (or, when `lazy`, zero-argument callables
    that evaluate each argument on demand). `elementwise` applies it to each item of array arguments;
    `null_in_null_out` returns null without calling it when any argument is null. `check`, given the
    arguments that are constants (others are `NOT_CONSTANT`), raises `FormulaEvaluationError` for values that
    can never work, so the mistake is reported when the formula compiles.
    """

    name: str
    implementation: Callable[..., Any]
    min_args: int
    max_args: int | None
    elementwise: bool = False
    null_in_null_out: bool = False
    lazy: bool = False
    check: Callable[[Sequence[Any]], None] | None = None

    def arity_text(self) -> str:
        if self.max_args is None:
            return f"at least {self.min_args} argument{'s' if self.min_args != 1 else ''}"
        if self.min_args == self.max_args:
            return f"{self.min_args} argument{'s' if self.min_args != 1 else ''}"
        return f"{self.min_args} to {self.max_args} arguments"

    def accepts(self, count: int) -> bool:
        return count >= self.min_args and (self.max_args is None or count <= self.max_args)

    def apply(self, evaluation: Evaluation, arguments: Sequence[Any]) -> Any:
        """Call with evaluated arguments (not for lazy functions)."""

        def call(*values: Any) -> Any:
            if self.null_in_null_out and any(value is None for value in values):
                return None
            return self.implementation(evaluation, *values)

        if self.elementwise:
            return broadcast(evaluation, call, arguments)
        evaluation.tick()
        return call(*arguments)


class FunctionLibrary:
    """Immutable name -> spec table; names are case-insensitive."""

    def __init__(self, specs: Iterable[FunctionSpec]):
        self._specs = {spec.name.upper(): spec for spec in specs}

    def get(self, name: str) -> FunctionSpec | None:
        return self._specs.get(name.upper())

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self._specs))

    def with_functions(self, *specs: FunctionSpec) -> FunctionLibrary:
        """A copy with these functions added or replaced, e.g. a real LLMJUDGE."""
        return FunctionLibrary([*self._specs.values(), *specs])
