"""Configs made of formulas: RULE_VALIDATION rules, CONDITIONAL_EXTRACT rules and CONDITIONAL branches.

Every formula and operand is compiled with `pagemill.formulas`, so a typo is refused with its column when the
workflow is saved, not discovered when a document runs through it.
"""

from __future__ import annotations

from typing import Any

from pagemill.formulas import FormulaError, compile_formula, parse_conditions
from pagemill.workflows.processor_configs import EXTRACTOR, check_reference
from pagemill.workflows.shapes import ConfigContext, Routes, items_of, unique_ids
from pagemill.workflows.step_types import RESULTS

CATCH_ALL = "TRUE"


def check_rule_validation(config: dict[str, Any], path: str, context: ConfigContext) -> Routes:
    problems = context.problems
    for index, rule in enumerate(items_of(config, "rules", path, problems, "rules {name, formula}")):
        where = f"{path}.rules[{index}]"
        if not isinstance(rule, dict):
            problems.add(where, "must be an object {name, formula, description?}")
            continue
        if not isinstance(rule.get("name"), str) or not rule["name"]:
            problems.add(f"{where}.name", "is required: a string")
        if rule.get("description") is not None and not isinstance(rule["description"], str):
            problems.add(f"{where}.description", "must be a string")
        _compile(rule.get("formula"), f"{where}.formula", context)
    return frozenset(RESULTS)


def check_conditional_extract(config: dict[str, Any], path: str, context: ConfigContext) -> Routes:
    problems = context.problems
    rules = items_of(config, "rules", path, problems, "rules {formula, extractor}")
    for index, rule in enumerate(rules):
        where = f"{path}.rules[{index}]"
        if not isinstance(rule, dict):
            problems.add(where, "must be an object {name?, formula, extractor}")
            continue
        if rule.get("name") is not None and not isinstance(rule["name"], str):
            problems.add(f"{where}.name", "must be a string")
        _compile(rule.get("formula"), f"{where}.formula", context)
        if rule.get("extractor") is None:
            problems.add(f"{where}.extractor", "is required: a saved extractor {id, version}")
        else:
            check_reference(EXTRACTOR, rule["extractor"], f"{where}.extractor", context)
    last_formula = rules[-1].get("formula") if rules and isinstance(rules[-1], dict) else None
    if isinstance(last_formula, str) and last_formula.strip().upper() != CATCH_ALL:
        problems.add(
            f"{path}.rules[{len(rules) - 1}].formula",
            'the last rule must be the catch-all "TRUE", so every document gets an extractor',
        )
    return None


def check_conditional(config: dict[str, Any], path: str, context: ConfigContext) -> Routes:
    problems = context.problems
    conditions = items_of(config, "conditions", path, problems, "branches {id, type, operation, …}")
    if not conditions:
        return None
    if not all(isinstance(condition, dict) for condition in conditions):
        for index, condition in enumerate(conditions):
            if not isinstance(condition, dict):
                problems.add(f"{path}.conditions[{index}]", "must be an object {id, type, …}")
        return None
    try:
        parse_conditions(conditions)
    except FormulaError as error:
        problems.add_formula(error.at_path(path))
    ids = [
        (f"{path}.conditions[{index}].id", condition["id"])
        for index, condition in enumerate(conditions)
        if isinstance(condition.get("id"), str) and condition["id"]
    ]
    return unique_ids(ids, problems, "condition")


def _compile(formula: Any, path: str, context: ConfigContext) -> None:
    if not isinstance(formula, str) or not formula.strip():
        context.problems.add(path, "is required: a formula")
        return
    try:
        compile_formula(formula)
    except FormulaError as error:
        context.problems.add_formula(error.at_path(path))
