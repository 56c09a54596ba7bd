from typing import Any

import pytest
from extend_ai.types.conditional_step_definition_config import ConditionalStepDefinitionConfig
from extend_ai.types.conditional_step_definition_config_conditions_item_operation import (
    ConditionalStepDefinitionConfigConditionsItemOperation as SdkOperation,
)
from extend_ai.types.conditional_step_definition_config_conditions_item_type import (
    ConditionalStepDefinitionConfigConditionsItemType as SdkType,
)

from pagemill.formulas import (
    ConditionOperation,
    ConditionType,
    FieldPath,
    FormulaEvaluationError,
    FormulaSyntaxError,
    evaluate_condition,
    parse_conditions,
)

CONTEXT: dict[str, Any] = {
    "extract": {
        "output": {
            "value": {"total": 1250.5, "currency": "USD", "tags": ["urgent", "net30"], "due": "2024-05-01"},
            "metadata": {"invoice_number": {"ocrConfidence": 0.72}},
        },
        "avgConfidence": 0.91,
        "minConfidence": 0.42,
    },
    "ext_validate": {"output": {"response": {"data": {"requires_review": True, "credit": None}}}},
    "metadata": {"provider_name": "acme"},
}

CONFIG = {
    "conditions": [
        {"id": "low_ocr", "type": "IF", "operation": "LTE",
         "leftOperand": "{{ extract.output.metadata.invoice_number.ocrConfidence }}", "rightOperand": "0.5"},
        {"id": "review", "type": "ELSE_IF", "operation": "EQUALS",
         "leftOperand": "{{ ext_validate.output.response.data.requires_review }}", "rightOperand": "true"},
        {"id": "otherwise", "type": "ELSE"},
    ]
}  # fmt: skip


def condition(operation: str, left: str | None, right: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"id": "c", "type": "IF", "operation": operation}
    if left is not None:
        body["leftOperand"] = left
    if right is not None:
        body["rightOperand"] = right
    return body


def test_sdk_condition_config_round_trips_through_the_parser() -> None:
    sdk = ConditionalStepDefinitionConfig.model_validate(CONFIG)
    wire = sdk.model_dump(by_alias=True, exclude_none=True)
    branches = parse_conditions(wire["conditions"])
    assert branches.to_wire() == wire["conditions"] == CONFIG["conditions"]
    assert ConditionalStepDefinitionConfig.model_validate({"conditions": branches.to_wire()}) == sdk


def test_the_first_matching_branch_wins() -> None:
    branches = parse_conditions(CONFIG["conditions"])
    assert branches.select(CONTEXT) == "review"
    low = {**CONTEXT, "extract": {"output": {"metadata": {"invoice_number": {"ocrConfidence": 0.3}}}}}
    assert branches.select(low) == "low_ocr"
    assert branches.select({}) == "otherwise"
    assert parse_conditions(CONFIG["conditions"][:2]).select({}) is None


def test_branches_list_the_fields_they_read() -> None:
    assert parse_conditions(CONFIG["conditions"]).references == (
        FieldPath(("extract", "output", "metadata", "invoice_number", "ocrConfidence")),
        FieldPath(("ext_validate", "output", "response", "data", "requires_review")),
    )


@pytest.mark.parametrize(
    ("operation", "left", "right", "expected"),
    [
        ("EQUALS", "{{ metadata.provider_name }}", "acme", True),
        ("EQUALS", "{{ metadata.provider_name }}", "ACME", False),
        ("EQUALS", "{{ extract.output.value.total }}", "1250.50", True),
        ("EQUALS", "{{ extract.output.value.total }}", "1,250.5", True),
        ("EQUALS", "{{ extract.output.value.total }}", "abc", False),
        ("EQUALS", "{{ ext_validate.output.response.data.requires_review }}", "TRUE", True),
        ("EQUALS", "{{ ext_validate.output.response.data.requires_review }}", "false", False),
        ("EQUALS", "{{ ext_validate.output.response.data.credit }}", "null", False),
        ("EQUALS", "{{ extract.output.value.total }}", "{{ 1000 + 250.5 }}", True),
        ("EQUALS", "USD", "{{ extract.output.value.currency }}", True),
        ("GTE", "{{ extract.avgConfidence }}", "0.9", True),
        ("GTE", "{{ extract.minConfidence }}", "0.9", False),
        ("GTE", "{{ extract.output.value.total }}", "1250.5", True),
        ("LTE", "{{ extract.minConfidence }}", "0.42", True),
        ("LTE", "{{ extract.avgConfidence }}", "0.5", False),
        ("LTE", "{{ DATE(extract.output.value.due) }}", "2024-06-01", True),
        ("GTE", "{{ extract.missing }}", "1", False),
        ("IS_NULL", "{{ ext_validate.output.response.data.credit }}", None, True),
        ("IS_NULL", "{{ extract.no_such_field }}", None, True),
        ("IS_NULL", "{{ metadata.provider_name }}", None, False),
        ("CONTAINS", "{{ extract.output.value.tags }}", "urgent", True),
        ("CONTAINS", "{{ extract.output.value.tags }}", "urg", False),
        ("CONTAINS", "{{ metadata.provider_name }}", "cm", True),
        ("CONTAINS", "{{ extract.missing }}", "x", False),
        ("NO_OP", None, None, True),
    ],
)
def test_operations(operation: str, left: str | None, right: str | None, expected: bool) -> None:
    assert evaluate_condition(condition(operation, left, right), CONTEXT) is expected


def test_contains_reads_literals_as_the_array_item_type() -> None:
    assert evaluate_condition(condition("CONTAINS", "{{ x }}", "2"), {"x": [1, 2, 3]}) is True


def test_else_matches_without_operands() -> None:
    assert evaluate_condition({"id": "e", "type": "ELSE"}, {}) is True


def test_ordering_incomparable_values_is_an_error_naming_the_branch() -> None:
    branches = parse_conditions(
        [condition("GTE", "{{ metadata.provider_name }}", "{{ extract.avgConfidence }}")]
    )
    with pytest.raises(FormulaEvaluationError) as caught:
        branches.select(CONTEXT)
    assert str(caught.value) == "conditions[0]: cannot compare text with number"


@pytest.mark.parametrize(
    ("conditions", "message"),
    [
        ([], "conditions: a CONDITIONAL step needs at least one condition"),
        (
            [{"id": "a", "type": "ELSE_IF", "operation": "NO_OP"}],
            "conditions[0].type: the first condition must be of type IF",
        ),
        (
            [condition("NO_OP", None), {"id": "b", "type": "IF", "operation": "NO_OP"}],
            "conditions[1].type: only the first condition may be IF; use ELSE_IF",
        ),
        (
            [
                condition("NO_OP", None),
                {"id": "e", "type": "ELSE"},
                {"id": "f", "type": "ELSE_IF", "operation": "NO_OP"},
            ],
            "conditions[1].type: ELSE must be the last condition",
        ),
        (
            [condition("NO_OP", None), {"id": "c", "type": "ELSE"}],
            "conditions[1].id: duplicate condition id 'c'",
        ),
        ([{"type": "IF", "operation": "NO_OP"}], "conditions[0].id: id must be a non-empty string"),
        (
            [{"id": "a", "type": "WHEN"}],
            "conditions[0].type: type must be one of IF, ELSE_IF, ELSE; got 'WHEN'",
        ),
        (
            [condition("MATCHES", "{{ x }}", "y")],
            "conditions[0].operation: operation must be one of EQUALS, GTE, LTE, IS_NULL, CONTAINS, NO_OP; "
            "got 'MATCHES'",
        ),
        ([{"id": "a", "type": "IF"}], "conditions[0].operation: an IF branch needs an operation"),
        ([condition("EQUALS", None, "x")], "conditions[0].leftOperand: EQUALS needs leftOperand"),
        ([condition("GTE", "{{ x }}")], "conditions[0].rightOperand: GTE needs rightOperand"),
        (
            [condition("IS_NULL", "{{ x }}") | {"leftOperand": 5}],
            "conditions[0].leftOperand: leftOperand must be a string",
        ),
        (
            [condition("EQUALS", "{{ x + }}", "1")],
            "conditions[0].leftOperand: formula ends where a value was expected at column 8",
        ),
        (
            [condition("EQUALS", "{{ x }}", "{{ BAD(1) }}")],
            "conditions[0].rightOperand: unknown function BAD at column 4",
        ),
    ],
)
def test_invalid_conditions_are_reported_with_their_path(
    conditions: list[dict[str, Any]], message: str
) -> None:
    with pytest.raises(FormulaSyntaxError) as caught:
        parse_conditions(conditions)
    assert str(caught.value) == message


def test_every_sdk_operation_and_branch_type_is_supported() -> None:
    assert {member.value for member in ConditionOperation} == {
        member.value for member in SdkOperation if member.name != "_UNKNOWN"
    }
    assert {member.value for member in ConditionType} == {
        member.value for member in SdkType if member.name != "_UNKNOWN"
    }
