"""Formula rules of RULE_VALIDATION and CONDITIONAL_EXTRACT steps, judged as Extend reports them.

A rule is valid when its formula is TRUE. FALSE or null fails with `RULE_FAILED`; a formula that does not
compile fails with `PARSE_ERROR`, one that errors on the data with `VALUE_ERROR` (both with `error`).
An array-valued formula (`extraction1.line_items.amount > 0`) reports `validArray`, one entry an item, and
is valid only when every item is TRUE.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pagemill.formulas.errors import FormulaEvaluationError, FormulaSyntaxError
from pagemill.formulas.formula import Formula, compile_formula
from pagemill.formulas.functions import BUILTIN_FUNCTIONS, FunctionLibrary
from pagemill.formulas.values import a_type, flatten

RULE_FAILED = "RULE_FAILED"
PARSE_ERROR = "PARSE_ERROR"
VALUE_ERROR = "VALUE_ERROR"


@dataclass(frozen=True)
class RuleOutcome:
    name: str
    valid: bool
    valid_array: tuple[bool, ...] | None = None
    failure_reason: str | None = None
    error: str | None = None

    def to_wire(self) -> dict[str, Any]:
        """The `RuleValidationResult.rules[]` item."""
        body: dict[str, Any] = {"name": self.name, "valid": self.valid}
        if self.valid_array is not None:
            body["validArray"] = list(self.valid_array)
        if self.failure_reason is not None:
            body["failureReason"] = self.failure_reason
        if self.error is not None:
            body["error"] = self.error
        return body


def evaluate_rule(
    name: str,
    formula: str | Formula,
    context: Mapping[str, Any],
    *,
    today: date | None = None,
    functions: FunctionLibrary = BUILTIN_FUNCTIONS,
) -> RuleOutcome:
    try:
        compiled = formula if isinstance(formula, Formula) else compile_formula(formula, functions=functions)
    except FormulaSyntaxError as error:
        return RuleOutcome(name, False, failure_reason=PARSE_ERROR, error=str(error))
    try:
        value = compiled.evaluate(context, today=today)
    except FormulaEvaluationError as error:
        return RuleOutcome(name, False, failure_reason=VALUE_ERROR, error=str(error))
    return _judge(name, value)


def _judge(name: str, value: Any) -> RuleOutcome:
    if isinstance(value, list):
        items = flatten([value])
        wrong = next((item for item in items if item is not None and not isinstance(item, bool)), None)
        if wrong is not None:
            return _not_boolean(name, wrong)
        valid_array = tuple(item is True for item in items)
        valid = all(valid_array)
        return RuleOutcome(name, valid, valid_array, None if valid else RULE_FAILED)
    if value is True:
        return RuleOutcome(name, True)
    if value is None or value is False:
        return RuleOutcome(name, False, failure_reason=RULE_FAILED)
    return _not_boolean(name, value)


def _not_boolean(name: str, value: Any) -> RuleOutcome:
    message = f"a rule must be TRUE or FALSE, but this formula gives {a_type(value)}"
    return RuleOutcome(name, False, failure_reason=VALUE_ERROR, error=message)


def validate_rules(
    rules: Sequence[Mapping[str, Any]],
    context: Mapping[str, Any],
    *,
    today: date | None = None,
    functions: FunctionLibrary = BUILTIN_FUNCTIONS,
) -> dict[str, Any]:
    """A RULE_VALIDATION step's result, `{rules: [...], allPassed}`, from its `config.rules`."""
    outcomes = [
        evaluate_rule(rule["name"], rule["formula"], context, today=today, functions=functions)
        for rule in rules
    ]
    return {"rules": [outcome.to_wire() for outcome in outcomes], "allPassed": all(o.valid for o in outcomes)}


def first_passing_rule(
    rules: Sequence[Mapping[str, Any]],
    context: Mapping[str, Any],
    *,
    today: date | None = None,
    functions: FunctionLibrary = BUILTIN_FUNCTIONS,
) -> int | None:
    """The index of the CONDITIONAL_EXTRACT rule that picks the extractor: the first one that is valid."""
    for index, rule in enumerate(rules):
        name = rule.get("name") or f"rules[{index}]"
        if evaluate_rule(name, rule["formula"], context, today=today, functions=functions).valid:
            return index
    return None
