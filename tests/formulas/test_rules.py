from decimal import Decimal

from extend_ai.types.conditional_extract_step_definition_config import ConditionalExtractStepDefinitionConfig
from extend_ai.types.rule_validation_result import RuleValidationResult
from extend_ai.types.rule_validation_step_definition_config import RuleValidationStepDefinitionConfig

from pagemill.formulas import (
    PARSE_ERROR,
    RULE_FAILED,
    VALUE_ERROR,
    compile_formula,
    evaluate_rule,
    first_passing_rule,
    validate_rules,
)
from tests.formulas.helpers import INVOICE

RULES_CONFIG = {
    "rules": [
        {"name": "total adds up", "formula": "extraction1.total = extraction1.subtotal + extraction1.tax"},
        {"name": "has number", "formula": "ISPRESENT(extraction1.invoice_number)", "description": "required"},
        {"name": "positive amounts", "formula": "extraction1.line_items.amount > 0"},
        {"name": "big items", "formula": "extraction1.line_items.amount > 50"},
        {"name": "missing", "formula": "metadata.priority > 1"},
        {"name": "typo", "formula": "SUMM(extraction1.line_items.amount)"},
        {"name": "bad math", "formula": "extraction1.total / 0 = 1"},
        {"name": "not boolean", "formula": "extraction1.total"},
    ]
}


def test_rule_outcomes_follow_extends_failure_reasons() -> None:
    result = validate_rules(RULES_CONFIG["rules"], INVOICE)
    assert result == {
        "rules": [
            {"name": "total adds up", "valid": True},
            {"name": "has number", "valid": True},
            {"name": "positive amounts", "valid": True, "validArray": [True, True, True]},
            {
                "name": "big items",
                "valid": False,
                "validArray": [False, False, True],
                "failureReason": RULE_FAILED,
            },
            {"name": "missing", "valid": False, "failureReason": RULE_FAILED},
            {
                "name": "typo",
                "valid": False,
                "failureReason": PARSE_ERROR,
                "error": "unknown function SUMM at column 1",
            },
            {
                "name": "bad math",
                "valid": False,
                "failureReason": VALUE_ERROR,
                "error": "division by zero at column 19",
            },
            {
                "name": "not boolean",
                "valid": False,
                "failureReason": VALUE_ERROR,
                "error": "a rule must be TRUE or FALSE, but this formula gives a number",
            },
        ],
        "allPassed": False,
    }


def test_all_passed_only_when_every_rule_is_valid() -> None:
    assert validate_rules(RULES_CONFIG["rules"][:3], INVOICE)["allPassed"] is True
    assert validate_rules([], INVOICE)["allPassed"] is True


def test_null_items_of_an_array_rule_are_not_valid() -> None:
    outcome = evaluate_rule("r", "x.a > 0", {"x": {"a": [1, None]}})
    assert (outcome.valid, outcome.valid_array, outcome.failure_reason) == (False, (True, False), RULE_FAILED)


def test_an_array_rule_with_non_boolean_items_is_a_value_error() -> None:
    outcome = evaluate_rule("r", "x.a * 2", {"x": {"a": [1, 2]}})
    assert outcome.failure_reason == VALUE_ERROR
    assert outcome.error == "a rule must be TRUE or FALSE, but this formula gives a number"


def test_a_compiled_formula_can_be_reused_across_documents() -> None:
    formula = compile_formula("x.total > 100")
    assert evaluate_rule("r", formula, {"x": {"total": Decimal(101)}}).valid is True
    assert evaluate_rule("r", formula, {"x": {"total": 99}}).valid is False


def test_sdk_rule_config_round_trips_and_the_result_parses_as_the_sdk_model() -> None:
    config = RuleValidationStepDefinitionConfig.model_validate(RULES_CONFIG)
    wire = config.model_dump(by_alias=True, exclude_none=True)
    assert wire == RULES_CONFIG
    result = validate_rules(wire["rules"], INVOICE)
    parsed = RuleValidationResult.model_validate(result)
    assert parsed.model_dump(by_alias=True, exclude_none=True) == result
    assert [rule.failure_reason for rule in parsed.rules][3:7] == [
        RULE_FAILED,
        RULE_FAILED,
        PARSE_ERROR,
        VALUE_ERROR,
    ]
    assert parsed.rules[3].valid_array == [False, False, True]


CONDITIONAL_EXTRACT_CONFIG = {
    "rules": [
        {
            "name": "large invoices",
            "formula": 'classification1 = "invoice" AND extraction1.total > 1000',
            "extractor": {"id": "ex_large", "version": "latest"},
        },
        {
            "name": "invoices",
            "formula": 'classification1 = "invoice"',
            "extractor": {"id": "ex_inv", "version": "1"},
        },
        {"formula": "TRUE", "extractor": {"id": "ex_default", "version": "draft"}},
    ]
}


def test_conditional_extract_picks_the_first_rule_that_holds() -> None:
    config = ConditionalExtractStepDefinitionConfig.model_validate(CONDITIONAL_EXTRACT_CONFIG)
    rules = config.model_dump(by_alias=True, exclude_none=True)["rules"]
    assert rules == CONDITIONAL_EXTRACT_CONFIG["rules"]
    assert first_passing_rule(rules, INVOICE) == 1
    assert first_passing_rule(rules, {"classification1": "invoice", "extraction1": {"total": 5000}}) == 0
    assert first_passing_rule(rules, {"classification1": "receipt"}) == 2
    assert first_passing_rule(rules[:2], {"classification1": "receipt"}) is None


def test_conditional_extract_skips_rules_that_error() -> None:
    rules = [{"formula": "1 / 0 = 1"}, {"formula": "NOPE()"}, {"formula": "TRUE"}]
    assert first_passing_rule(rules, {}) == 2
