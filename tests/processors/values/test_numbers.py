import pytest

from pagemill.processors.values.hints import ValueHints
from pagemill.processors.values.numbers import find_numbers, parse_integer, parse_number, read_decimal
from pagemill.processors.values.parsed import Quality


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.56", 1234.56),
        ("1.234,56", 1234.56),
        ("1 234,56", 1234.56),
        ("1\u00a0234,56", 1234.56),
        ("1'234.50", 1234.5),
        ("1,234,567", 1234567.0),
        ("1.234.567", 1234567.0),
        ("1,23,456.78", 123456.78),  # Indian grouping
        ("12,50", 12.5),
        ("0.125", 0.125),
        ("1234,567", 1234.567),
        (".5", 0.5),
        ("42", 42.0),
        ("Total: 4.904,94", 4904.94),
    ],
)
def test_both_decimal_conventions_and_thousands_grouping(text: str, value: float) -> None:
    parsed = parse_number(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.quality is Quality.EXACT


@pytest.mark.parametrize(("text", "value"), [("1,234", 1234.0), ("1.234", 1234.0)])
def test_a_lone_separator_before_three_digits_reads_as_grouping_and_is_inferred(
    text: str, value: float
) -> None:
    assert parse_number(text).value == value
    assert parse_number(text).quality is Quality.INFERRED


def test_a_decimal_separator_hint_settles_the_ambiguity() -> None:
    assert parse_number("1.234", ValueHints(decimal_separator=".")).value == pytest.approx(1.234)
    assert parse_number("1,234", ValueHints(decimal_separator=",")).value == pytest.approx(1.234)
    assert parse_number("1.234", ValueHints(decimal_separator=",")).value == 1234.0
    assert parse_number("1,234", ValueHints(decimal_separator=".")).quality is Quality.EXACT


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("-12", -12.0),
        ("−3.5", -3.5),
        ("(12.50)", -12.5),
        ("9.32-", -9.32),
        ("€ -9,32", -9.32),
        ("INV-2023", 2023.0),
    ],
)
def test_signs(text: str, value: float) -> None:
    assert parse_number(text).value == value


def test_percentages_keep_the_number_as_written() -> None:
    assert parse_number("15 %").value == 15.0
    assert parse_number("12.5%").value == 12.5
    assert find_numbers("Tax 15% on 112.90")[0].is_percent
    assert not find_numbers("Tax 15% on 112.90")[1].is_percent


def test_find_numbers_reports_every_number_with_its_position() -> None:
    found = find_numbers("Qty 3 at 1.234,50")
    assert [(n.start, n.end, n.value) for n in found] == [(4, 5, 3.0), (9, 17, 1234.5)]


@pytest.mark.parametrize("token", ["1.2.3", "1,2,3", "12,34,5", "²"])
def test_separators_that_cannot_form_a_number_are_rejected(token: str) -> None:
    assert read_decimal(token) is None


def test_text_without_a_number_is_invalid_and_blank_text_is_empty() -> None:
    assert parse_number("abc").quality is Quality.INVALID
    assert parse_number("N/A").quality is Quality.EMPTY


def test_integers_refuse_a_fractional_part() -> None:
    assert parse_integer("1,234") == parse_integer("1.234")
    assert parse_integer("1,234").value == 1234
    assert parse_integer("7 pcs").value == 7
    assert parse_integer("12.5").value is None
    assert parse_integer("12.5").quality is Quality.INVALID
    assert parse_integer("12.00").value == 12
