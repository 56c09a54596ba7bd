from decimal import Decimal

import pytest

from pagemill.formulas import FormulaEvaluationError
from tests.formulas.helpers import run


def test_a_bare_step_name_reads_its_whole_value() -> None:
    assert run("classification1") == "invoice"


def test_dots_read_nested_object_fields() -> None:
    assert run("extraction1.address.city") == "Boise"
    assert run('extraction1["address"]["zip"]') == "83702"


def test_a_key_applied_to_an_array_reads_it_from_every_item() -> None:
    assert run("extraction1.line_items.quantity") == [Decimal(2), Decimal(3), Decimal(1)]
    assert run("extraction1.line_items[].quantity") == [Decimal(2), Decimal(3), Decimal(1)]


def test_indexes_pick_one_item_and_count_from_the_end_when_negative() -> None:
    assert run("extraction1.line_items[0].description") == "Milk 1L"
    assert run("extraction1.line_items[-1].description") == "Eggs dozen"
    assert run("extraction1.categories[1]") == "urgent"


def test_missing_fields_indexes_and_steps_read_as_null() -> None:
    assert run("extraction1.not_extracted") is None
    assert run("extraction1.line_items[9].amount") is None
    assert run("extraction1.line_items[-9]") is None
    assert run("no_such_step.anything.at_all") is None
    assert run("metadata.priority.level") is None


def test_items_missing_a_field_read_as_null_inside_the_array() -> None:
    context = {"x": {"rows": [{"a": 1}, {}, {"a": None}, None]}}
    assert run("x.rows.a", context) == [Decimal(1), None, None, None]


def test_arrays_of_arrays_project_level_by_level() -> None:
    context = {"x": {"groups": [{"items": [{"n": 1}, {"n": 2}]}, {"items": [{"n": 3}]}]}}
    assert run("x.groups.items.n", context) == [[Decimal(1), Decimal(2)], [Decimal(3)]]
    assert run("SUM(x.groups.items.n)", context) == Decimal(6)
    assert run("x.groups[1].items[0].n", context) == Decimal(3)


def test_whole_objects_and_arrays_can_be_read() -> None:
    assert run("extraction1.address") == {"city": "Boise", "zip": "83702"}
    assert run("extraction1.categories") == ["groceries", "urgent"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("extraction1.total.amount", "extraction1.total is a number, so it has no field 'amount'"),
        ("extraction1.invoice_number[0]", "extraction1.invoice_number is text, not an array"),
        ("extraction1.address[0]", "extraction1.address is an object, not an array"),
        ("extraction1.address[]", "extraction1.address is an object, not an array"),
        (
            "extraction1.line_items[0].amount.x",
            "extraction1.line_items[0].amount is a number, so it has no field 'x'",
        ),
    ],
)
def test_reading_into_a_scalar_is_an_error_that_names_the_path(source: str, message: str) -> None:
    with pytest.raises(FormulaEvaluationError) as caught:
        run(source)
    assert caught.value.reason == message
    assert caught.value.column == 1
