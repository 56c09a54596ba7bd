"""The syntax tree a formula compiles to; each node evaluates itself against an `Evaluation`."""

from __future__ import annotations

import decimal
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pagemill.formulas.errors import FormulaError, FormulaEvaluationError
from pagemill.formulas.evaluation import Evaluation
from pagemill.formulas.functions.registry import FunctionSpec
from pagemill.formulas.operators import arithmetic, compare, fold_logical, join_text, logical_not, negate
from pagemill.formulas.paths import FieldPath, Segment, field_path, resolve
from pagemill.formulas.values import broadcast, expect_condition


@dataclass(frozen=True, kw_only=True)
class Node:
    position: int
    depth: int = field(init=False, default=1)

    def __post_init__(self) -> None:
        object.__setattr__(self, "depth", 1 + max((child.depth for child in self.children()), default=0))

    def children(self) -> tuple[Node, ...]:
        return ()

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children():
            yield from child.walk()

    def evaluate(self, evaluation: Evaluation) -> Any:
        try:
            return self._evaluate(evaluation)
        except FormulaError as error:
            raise error.located(position=self.position) from None
        except decimal.DecimalException as error:
            raise FormulaEvaluationError("number out of range", position=self.position) from error

    def _evaluate(self, evaluation: Evaluation) -> Any:
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class Literal(Node):
    value: Any

    def _evaluate(self, evaluation: Evaluation) -> Any:
        evaluation.tick()
        return self.value


@dataclass(frozen=True, kw_only=True)
class FieldRef(Node):
    root: str
    segments: tuple[Segment, ...]

    @property
    def path(self) -> FieldPath:
        return field_path(self.root, self.segments)

    def _evaluate(self, evaluation: Evaluation) -> Any:
        return resolve(evaluation, self.root, self.segments)


@dataclass(frozen=True, kw_only=True)
class Negate(Node):
    operand: Node

    def children(self) -> tuple[Node, ...]:
        return (self.operand,)

    def _evaluate(self, evaluation: Evaluation) -> Any:
        return broadcast(evaluation, negate, [self.operand.evaluate(evaluation)])


@dataclass(frozen=True, kw_only=True)
class Not(Node):
    operand: Node

    def children(self) -> tuple[Node, ...]:
        return (self.operand,)

    def _evaluate(self, evaluation: Evaluation) -> Any:
        value = self.operand.evaluate(evaluation)
        return broadcast(evaluation, lambda item: logical_not(expect_condition(item, "NOT")), [value])


@dataclass(frozen=True, kw_only=True)
class Comparison(Node):
    operator: str
    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)

    def _evaluate(self, evaluation: Evaluation) -> Any:
        operands = [self.left.evaluate(evaluation), self.right.evaluate(evaluation)]
        return broadcast(evaluation, lambda a, b: compare(self.operator, a, b), operands)


@dataclass(frozen=True, kw_only=True)
class Chain(Node):
    """`a + b - c`, `a * b / c`, `a ^ b`, `a & b`, `a AND b AND c`: flat, so long chains stay shallow.

    `operators[i]` (with its offset in `operator_positions[i]`) joins `operands[i]` and `operands[i + 1]`.
    """

    operators: tuple[str, ...]
    operator_positions: tuple[int, ...]
    operands: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.operands

    def _evaluate(self, evaluation: Evaluation) -> Any:
        if self.operators[0] in ("AND", "OR"):
            thunks = [lambda operand=operand: operand.evaluate(evaluation) for operand in self.operands]
            return fold_logical(evaluation, self.operators[0], thunks)
        result = self.operands[0].evaluate(evaluation)
        for operator, position, operand in zip(
            self.operators, self.operator_positions, self.operands[1:], strict=True
        ):
            value = operand.evaluate(evaluation)
            try:
                result = broadcast(evaluation, _binary(evaluation, operator), [result, value])
            except FormulaError as error:
                raise error.located(position=position) from None
        return result


def _binary(evaluation: Evaluation, operator: str) -> Any:
    if operator == "&":
        return lambda a, b: evaluation.checked_text(join_text(a, b))
    return lambda a, b: arithmetic(operator, a, b)


@dataclass(frozen=True, kw_only=True)
class Call(Node):
    function: FunctionSpec
    arguments: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.arguments

    def _evaluate(self, evaluation: Evaluation) -> Any:
        if self.function.lazy:
            evaluation.tick()
            thunks = [lambda argument=argument: argument.evaluate(evaluation) for argument in self.arguments]
            return self.function.implementation(evaluation, *thunks)
        values = [argument.evaluate(evaluation) for argument in self.arguments]
        return self.function.apply(evaluation, values)
