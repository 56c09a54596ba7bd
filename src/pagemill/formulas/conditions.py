"""CONDITIONAL step branches: `{id, type: IF|ELSE_IF|ELSE, operation?, leftOperand?, rightOperand?}`.

Branches are tried in order and the first that matches gives the `conditionId` to follow. Operations:
EQUALS, GTE, LTE (null on either side never matches), IS_NULL (the left value is null or missing),
CONTAINS (an array holding the right value as an item, or text holding it as a substring), and NO_OP,
which compares nothing and always matches. ELSE always matches.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from pagemill.formulas.errors import FormulaError, FormulaEvaluationError, FormulaSyntaxError
from pagemill.formulas.functions import BUILTIN_FUNCTIONS, FunctionLibrary
from pagemill.formulas.limits import DEFAULT_LIMITS, FormulaLimits
from pagemill.formulas.operators import compare
from pagemill.formulas.paths import FieldPath
from pagemill.formulas.templates import Operand, compile_operand
from pagemill.formulas.values import flatten, parse_iso_date, values_equal


class ConditionType(enum.StrEnum):
    IF = "IF"
    ELSE_IF = "ELSE_IF"
    ELSE = "ELSE"


class ConditionOperation(enum.StrEnum):
    EQUALS = "EQUALS"
    GTE = "GTE"
    LTE = "LTE"
    IS_NULL = "IS_NULL"
    CONTAINS = "CONTAINS"
    NO_OP = "NO_OP"


_NEEDS_RIGHT = {
    ConditionOperation.EQUALS,
    ConditionOperation.GTE,
    ConditionOperation.LTE,
    ConditionOperation.CONTAINS,
}


@dataclass(frozen=True)
class Condition:
    id: str
    type: ConditionType
    operation: ConditionOperation | None = None
    left: Operand | None = None
    right: Operand | None = None

    @property
    def references(self) -> tuple[FieldPath, ...]:
        found: dict[FieldPath, None] = {}
        for operand in (self.left, self.right):
            if operand is not None:
                found.update(dict.fromkeys(operand.references))
        return tuple(found)

    def matches(self, context: Mapping[str, Any], *, today: date | None = None) -> bool:
        if self.type is ConditionType.ELSE or self.operation in (None, ConditionOperation.NO_OP):
            return True
        assert self.left is not None
        left = self.left.resolve(context, today=today)
        if self.operation is ConditionOperation.IS_NULL:
            return left is None
        assert self.right is not None
        right = self.right.resolve(context, today=today)
        left, right = _align_literals(left, self.left.is_literal, right, self.right.is_literal)
        if left is None or right is None:
            return False
        if self.operation is ConditionOperation.EQUALS:
            return values_equal(left, right)
        if self.operation is ConditionOperation.CONTAINS:
            return _contains(left, right)
        return bool(compare(">=" if self.operation is ConditionOperation.GTE else "<=", left, right))

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.id, "type": self.type.value}
        if self.operation is not None:
            body["operation"] = self.operation.value
        if self.left is not None:
            body["leftOperand"] = self.left.source
        if self.right is not None:
            body["rightOperand"] = self.right.source
        return body


@dataclass(frozen=True)
class ConditionalBranches:
    conditions: tuple[Condition, ...]

    @property
    def references(self) -> tuple[FieldPath, ...]:
        found: dict[FieldPath, None] = {}
        for condition in self.conditions:
            found.update(dict.fromkeys(condition.references))
        return tuple(found)

    def select(self, context: Mapping[str, Any], *, today: date | None = None) -> str | None:
        """The id of the first branch that matches, or None when none does (no ELSE branch)."""
        for index, condition in enumerate(self.conditions):
            try:
                if condition.matches(context, today=today):
                    return condition.id
            except FormulaError as error:
                raise error.at_path(f"conditions[{index}]") from None
        return None

    def to_wire(self) -> list[dict[str, Any]]:
        return [condition.to_wire() for condition in self.conditions]


def parse_conditions(
    conditions: Sequence[Mapping[str, Any]],
    *,
    functions: FunctionLibrary = BUILTIN_FUNCTIONS,
    limits: FormulaLimits = DEFAULT_LIMITS,
) -> ConditionalBranches:
    """Check and compile `config.conditions`; errors carry the path, e.g. `conditions[1].leftOperand`."""
    if not conditions:
        raise FormulaSyntaxError("a CONDITIONAL step needs at least one condition", path="conditions")
    parsed: list[Condition] = []
    for index, raw in enumerate(conditions):
        try:
            parsed.append(parse_condition(raw, functions=functions, limits=limits))
        except FormulaError as error:
            raise error.at_path(f"conditions[{index}]") from None
    _check_order(parsed)
    return ConditionalBranches(tuple(parsed))


def parse_condition(
    raw: Mapping[str, Any],
    *,
    functions: FunctionLibrary = BUILTIN_FUNCTIONS,
    limits: FormulaLimits = DEFAULT_LIMITS,
) -> Condition:
    identifier = raw.get("id")
    if not isinstance(identifier, str) or not identifier:
        raise FormulaSyntaxError("id must be a non-empty string", path="id")
    kind = _member(ConditionType, raw.get("type"), "type")
    operation = (
        None if raw.get("operation") is None else _member(ConditionOperation, raw["operation"], "operation")
    )
    if kind is ConditionType.ELSE:
        return Condition(id=identifier, type=kind, operation=operation)
    if operation is None:
        raise FormulaSyntaxError(f"an {kind.value} branch needs an operation", path="operation")
    left = _operand(
        raw,
        "leftOperand",
        required=operation is not ConditionOperation.NO_OP,
        functions=functions,
        limits=limits,
    )
    right = _operand(
        raw, "rightOperand", required=operation in _NEEDS_RIGHT, functions=functions, limits=limits
    )
    return Condition(id=identifier, type=kind, operation=operation, left=left, right=right)


def evaluate_condition(
    condition: Mapping[str, Any] | Condition,
    context: Mapping[str, Any],
    *,
    today: date | None = None,
) -> bool:
    """Whether one condition branch matches `context`."""
    compiled = condition if isinstance(condition, Condition) else parse_condition(condition)
    return compiled.matches(context, today=today)


def _member(enumeration: type[enum.StrEnum], value: Any, field: str) -> Any:
    try:
        return enumeration(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enumeration)
        raise FormulaSyntaxError(f"{field} must be one of {allowed}; got {value!r}", path=field) from None


def _operand(
    raw: Mapping[str, Any], field: str, *, required: bool, functions: FunctionLibrary, limits: FormulaLimits
) -> Operand | None:
    source = raw.get(field)
    if source is None:
        if required:
            raise FormulaSyntaxError(f"{raw.get('operation')} needs {field}", path=field)
        return None
    if not isinstance(source, str):
        raise FormulaSyntaxError(f"{field} must be a string", path=field)
    try:
        return compile_operand(source, functions=functions, limits=limits)
    except FormulaError as error:
        raise error.at_path(field) from None


def _check_order(conditions: list[Condition]) -> None:
    for index, condition in enumerate(conditions):
        first, last = index == 0, index == len(conditions) - 1
        if first and condition.type is not ConditionType.IF:
            raise FormulaSyntaxError(
                "the first condition must be of type IF", path=f"conditions[{index}].type"
            )
        if not first and condition.type is ConditionType.IF:
            raise FormulaSyntaxError(
                "only the first condition may be IF; use ELSE_IF", path=f"conditions[{index}].type"
            )
        if condition.type is ConditionType.ELSE and not last:
            raise FormulaSyntaxError("ELSE must be the last condition", path=f"conditions[{index}].type")
    seen: set[str] = set()
    for index, condition in enumerate(conditions):
        if condition.id in seen:
            raise FormulaSyntaxError(
                f"duplicate condition id {condition.id!r}", path=f"conditions[{index}].id"
            )
        seen.add(condition.id)


def _align_literals(left: Any, left_literal: bool, right: Any, right_literal: bool) -> tuple[Any, Any]:
    """Literal text takes the type of the typed value it is compared with: "100" vs a number is 100."""
    if right_literal and not left_literal:
        return left, _literal_like(right, left)
    if left_literal and not right_literal:
        return _literal_like(left, right), right
    return left, right


def _literal_like(text: Any, other: Any) -> Any:
    if not isinstance(text, str):
        return text
    if isinstance(other, list):
        sample = next((item for item in flatten(other) if item is not None), None)
        return _literal_like(text, sample) if sample is not None else text
    stripped = text.strip()
    if isinstance(other, bool):
        return {"true": True, "false": False}.get(stripped.lower(), text)
    if isinstance(other, Decimal):
        try:
            number = Decimal(stripped.replace(",", ""))
        except InvalidOperation:
            return text
        return number if number.is_finite() else text
    if isinstance(other, date):
        return parse_iso_date(stripped) or text
    return text


def _contains(left: Any, right: Any) -> bool:
    if isinstance(left, list):
        return any(values_equal(item, right) for item in flatten(left))
    if isinstance(left, str) and isinstance(right, str):
        return right in left
    raise FormulaEvaluationError("CONTAINS needs an array or text on the left")
