"""What formulas read from an extraction: its fields, plus its output and confidences for conditions."""

from __future__ import annotations

from pagemill.formulas import compile_formula, parse_conditions
from pagemill.workflow_runs.interpreter.context import extraction_value

OUTPUT = {
    "value": {"total": 250.5, "vendor": "Acme"},
    "metadata": {"total": {"ocrConfidence": 0.8}, "vendor": {"logprobsConfidence": 0.6}},
}


def test_rules_read_fields_by_step_name() -> None:
    context = {"extract": extraction_value(OUTPUT)}

    assert compile_formula('extract.total > 200 AND extract.vendor = "Acme"').evaluate(context) is True


def test_conditions_read_the_output_and_confidences() -> None:
    context = {"extract": extraction_value(OUTPUT)}
    branches = parse_conditions(
        [
            {
                "id": "sure",
                "type": "IF",
                "operation": "GTE",
                "leftOperand": "{{ extract.minConfidence }}",
                "rightOperand": "0.7",
            },
            {
                "id": "big",
                "type": "ELSE_IF",
                "operation": "GTE",
                "leftOperand": "{{ extract.output.value.total }}",
                "rightOperand": "100",
            },
            {"id": "other", "type": "ELSE"},
        ]
    )

    assert branches.select(context) == "big"
    assert extraction_value(OUTPUT)["avgConfidence"] == 0.7
