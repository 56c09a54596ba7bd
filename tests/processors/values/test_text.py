import pytest

from pagemill.processors.values.text import fold, is_blank, normalise


def test_fold_removes_case_and_accents_including_polish_letters() -> None:
    assert fold("Décembre") == "decembre"
    assert fold("Październik") == "pazdziernik"
    assert fold("złotych") == "zlotych"


def test_normalise_makes_punctuation_underscores_and_spacing_one_space() -> None:
    assert normalise("  Purchase_Order -- No. ") == "purchase order no"


@pytest.mark.parametrize("text", ["", "  ", "-", "—", "___", "N/A", "n.a.", "None", "null"])
def test_blank_forms(text: str) -> None:
    assert is_blank(text)


@pytest.mark.parametrize("text", ["0", "€", "✓", "no", "x"])
def test_short_values_are_not_blank(text: str) -> None:
    assert not is_blank(text)
