import pytest

from pagemill.processors.values.months import month_number


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("Dec", 12),
        ("DÉCEMBRE", 12),
        ("Sept.", 9),
        ("juil", 7),
        ("März", 3),
        ("mrt", 3),
        ("Mai", 5),
        ("maja", 5),
        ("października", 10),
        ("Ogos", 8),
        ("Mac", 3),
        ("janu", 1),
        ("Dezember", 12),
    ],
)
def test_names_abbreviations_and_unique_prefixes(word: str, month: int) -> None:
    assert month_number(word) == month


@pytest.mark.parametrize("word", ["jui", "Ju", "day", "of", "the", "decimal", "12"])
def test_other_words_and_ambiguous_prefixes_are_not_months(word: str) -> None:
    assert month_number(word) is None
