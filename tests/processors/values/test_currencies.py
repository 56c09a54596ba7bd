import pytest

from pagemill.processors.values.currencies import find_currencies, parse_currency_code
from pagemill.processors.values.hints import ValueHints
from pagemill.processors.values.parsed import Quality


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("€", "EUR"),
        ("eur", "EUR"),
        ("PLN", "PLN"),
        ("zł", "PLN"),
        ("RM", "MYR"),
        ("₹", "INR"),
        ("HK$", "HKD"),
    ],
)
def test_symbols_and_codes_name_their_currency(text: str, code: str) -> None:
    assert parse_currency_code(text) == parse_currency_code(f" {text} ")
    assert parse_currency_code(text).value == code
    assert parse_currency_code(text).quality is Quality.EXACT


def test_letter_symbols_must_stand_alone() -> None:
    assert find_currencies("FORM 12") == []
    assert find_currencies("hours 12") == []
    assert [m.candidates for m in find_currencies("RM12")] == [("MYR",)]


def test_a_longer_symbol_wins_over_the_symbol_inside_it() -> None:
    assert [m.candidates for m in find_currencies("NZ$ 5")] == [("NZD",)]


def test_lower_case_three_letters_are_not_codes_unless_common() -> None:
    assert find_currencies("all top cup") == []
    assert parse_currency_code("price in usd").value == "USD"


def test_a_shared_symbol_resolves_to_the_hinted_default() -> None:
    assert parse_currency_code("kr", ValueHints(default_currency="NOK")).value == "NOK"
    assert parse_currency_code("kr").quality is Quality.INFERRED
