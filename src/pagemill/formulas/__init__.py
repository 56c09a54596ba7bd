"""A safe, spreadsheet-like formula language for workflow rules and conditions (no Python eval).

    formula = compile_formula('SUM(extraction1.line_items.amount) = extraction1.total')
    formula.references  # (FieldPath('extraction1.line_items.amount'), FieldPath('extraction1.total'))
    formula.evaluate({"extraction1": {...}})  # True / False / None / Decimal / text / date / list

The language is described in docs/formulas.md.
"""

from pagemill.formulas.conditions import (
    Condition,
    ConditionalBranches,
    ConditionOperation,
    ConditionType,
    evaluate_condition,
    parse_condition,
    parse_conditions,
)
from pagemill.formulas.errors import (
    FormulaError,
    FormulaEvaluationError,
    FormulaLimitError,
    FormulaSyntaxError,
)
from pagemill.formulas.evaluation import Evaluation
from pagemill.formulas.formula import Formula, compile_formula
from pagemill.formulas.functions import BUILTIN_FUNCTIONS, FunctionLibrary, FunctionSpec
from pagemill.formulas.limits import DEFAULT_LIMITS, FormulaLimits
from pagemill.formulas.paths import FieldPath
from pagemill.formulas.rules import (
    PARSE_ERROR,
    RULE_FAILED,
    VALUE_ERROR,
    RuleOutcome,
    evaluate_rule,
    first_passing_rule,
    validate_rules,
)
from pagemill.formulas.templates import Operand, compile_operand

__all__ = [
    "BUILTIN_FUNCTIONS",
    "DEFAULT_LIMITS",
    "PARSE_ERROR",
    "RULE_FAILED",
    "VALUE_ERROR",
    "Condition",
    "ConditionOperation",
    "ConditionType",
    "ConditionalBranches",
    "Evaluation",
    "FieldPath",
    "Formula",
    "FormulaError",
    "FormulaEvaluationError",
    "FormulaLimitError",
    "FormulaLimits",
    "FormulaSyntaxError",
    "FunctionLibrary",
    "FunctionSpec",
    "Operand",
    "RuleOutcome",
    "compile_formula",
    "compile_operand",
    "evaluate_condition",
    "evaluate_rule",
    "first_passing_rule",
    "parse_condition",
    "parse_conditions",
    "validate_rules",
]
