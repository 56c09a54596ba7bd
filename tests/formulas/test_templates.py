from datetime import date
from decimal import Decimal

import pytest

from pagemill.formulas import FieldPath, FormulaSyntaxError, compile_operand

CONTEXT = {
    "extract": {"output": {"value": {"total": 110, "paid": True, "vendor": "ACME"}}, "avgConfidence": 0.93},
    "metadata": {"provider_name": "acme"},
}


def test_a_single_template_yields_the_typed_value() -> None:
    operand = compile_operand("{{ extract.output.value.total }}")
    assert operand.is_literal is False
    assert operand.resolve(CONTEXT) == Decimal(110)
    assert compile_operand("  {{extract.avgConfidence}}  ").resolve(CONTEXT) == Decimal("0.93")


def test_text_without_templates_is_literal() -> None:
    operand = compile_operand("1000")
    assert operand.is_literal is True
    assert operand.resolve(CONTEXT) == "1000"
    assert operand.references == ()


def test_text_around_templates_is_joined() -> None:
    operand = compile_operand(
        "{{ metadata.provider_name }}-{{ extract.output.value.total }}-{{ extract.output.value.paid }}"
    )
    assert operand.resolve(CONTEXT) == "acme-110-true"


def test_templates_hold_full_formulas() -> None:
    operand = compile_operand('{{ IF(extract.output.value.total > 100, "big", "small") }}')
    assert operand.resolve(CONTEXT) == "big"
    assert compile_operand("{{ TODAY() }}").resolve(CONTEXT, today=date(2024, 1, 2)) == date(2024, 1, 2)


def test_operand_references_collect_every_template() -> None:
    operand = compile_operand("{{ a.b }} and {{ c[0].d }} and {{ a.b }}")
    assert operand.references == (FieldPath(("a", "b")), FieldPath(("c", "d")))


@pytest.mark.parametrize(
    ("source", "message", "position"),
    [
        ("{{ extract.total", "'{{' is never closed with '}}'", 0),
        ("x {{ FOO(1) }}", "unknown function FOO", 5),
        ("{{ }}", "formula is empty", 3),
        ("{{ a + }}", "formula ends where a value was expected", 7),
    ],
)
def test_errors_point_into_the_operand(source: str, message: str, position: int) -> None:
    with pytest.raises(FormulaSyntaxError) as caught:
        compile_operand(source)
    assert (caught.value.reason, caught.value.position, caught.value.source) == (message, position, source)
