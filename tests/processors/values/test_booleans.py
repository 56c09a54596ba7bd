import pytest

from pagemill.processors.values.booleans import parse_boolean
from pagemill.processors.values.parsed import Quality


@pytest.mark.parametrize(
    "text",
    ["yes", "Yes", "TRUE", "y", "1", "x", "X", "checked", "☑", "☒", "✓", "[x]", "ja", "oui", "tak", "ya"],
)
def test_true_forms(text: str) -> None:
    assert parse_boolean(text).value is True
    assert parse_boolean(text).quality is Quality.EXACT


@pytest.mark.parametrize(
    "text", ["no", "No", "FALSE", "n", "0", "unchecked", "☐", "[ ]", "not checked", "nein", "nie"]
)
def test_false_forms(text: str) -> None:
    assert parse_boolean(text).value is False
    assert parse_boolean(text).quality is Quality.EXACT


def test_a_leading_yes_or_no_is_inferred() -> None:
    assert parse_boolean("Yes, copy attached").value is True
    assert parse_boolean("Yes, copy attached").quality is Quality.INFERRED
    assert parse_boolean("No - see note").value is False


def test_other_text_is_invalid_and_blank_is_empty() -> None:
    assert parse_boolean("maybe").quality is Quality.INVALID
    assert parse_boolean("maybe").value is None
    assert parse_boolean("€").quality is Quality.INVALID
    assert parse_boolean("").quality is Quality.EMPTY
