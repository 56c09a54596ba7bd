import pytest

from pagemill.processors.values.hints import ValueHints
from pagemill.processors.values.money import parse_money
from pagemill.processors.values.parsed import Quality


@pytest.mark.parametrize(
    ("text", "amount", "code"),
    [
        ("RM 12.50", 12.5, "MYR"),
        ("RM31.60", 31.6, "MYR"),
        ("€ 4.904,94", 4904.94, "EUR"),
        ("Totaal € 717,97", 717.97, "EUR"),
        ("29.99 € TTC", 29.99, "EUR"),
        ("EUR 49,99", 49.99, "EUR"),
        ("49.99 usd", 49.99, "USD"),
        ("US$ 10", 10.0, "USD"),
        ("£1,250.00", 1250.0, "GBP"),
        ("₹1,23,456.78", 123456.78, "INR"),
        ("12,50 zł", 12.5, "PLN"),
        ("1 234,56 PLN", 1234.56, "PLN"),
        ("CHF 1'234.50", 1234.5, "CHF"),
        ("1,007.50", 1007.5, None),
    ],
)
def test_amounts_and_currencies(text: str, amount: float, code: str | None) -> None:
    parsed = parse_money(text)
    assert parsed.value == {"amount": amount, "iso_4217_currency_code": code}
    assert parsed.quality is Quality.EXACT


@pytest.mark.parametrize(
    ("text", "amount"),
    [("(USD 1,234.56)", -1234.56), ("USD (1,234.56)", -1234.56), ("-RM 5.00", -5.0), ("RM -5.00", -5.0)],
)
def test_negative_amounts(text: str, amount: float) -> None:
    assert parse_money(text).value["amount"] == amount


@pytest.mark.parametrize(
    ("text", "code"), [("$8.20", "USD"), ("Rs 1939", "INR"), ("100 kr", "SEK"), ("¥1200", "JPY")]
)
def test_symbols_shared_by_several_currencies_take_the_likeliest_and_are_inferred(
    text: str, code: str
) -> None:
    parsed = parse_money(text)
    assert parsed.value["iso_4217_currency_code"] == code
    assert parsed.quality is Quality.INFERRED


def test_default_currency_picks_among_a_shared_symbol_and_fills_a_missing_one() -> None:
    sgd = ValueHints(default_currency="SGD")
    assert parse_money("$ 12", sgd) == parse_money("S$ 12")
    assert parse_money("$ 12", sgd).quality is Quality.EXACT
    assert parse_money("12.00", ValueHints(default_currency="eur")).value == {
        "amount": 12.0,
        "iso_4217_currency_code": "EUR",
    }


def test_the_amount_is_the_number_beside_the_currency_not_a_percentage() -> None:
    assert parse_money("Tax 15% on $ 112.90").value["amount"] == 112.9
    assert parse_money("2 items, total RM 12.50").value["amount"] == 12.5


def test_a_code_that_is_also_a_word_counts_only_beside_a_number() -> None:
    assert parse_money("ALL PRICES IN EUR 49,99").value["iso_4217_currency_code"] == "EUR"


def test_no_number_is_invalid_and_blank_is_empty() -> None:
    assert parse_money("RM").value is None
    assert parse_money("RM").quality is Quality.INVALID
    assert parse_money("  ").quality is Quality.EMPTY
