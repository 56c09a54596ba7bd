import time
from decimal import Decimal

import pytest

from pagemill.formulas import FormulaEvaluationError, FormulaLimitError, FormulaLimits, compile_formula
from pagemill.formulas.functions.matching import edit_distance, similarity
from tests.formulas.helpers import run


def test_regexmatch_searches_anywhere_in_the_text() -> None:
    assert run(r'REGEXMATCH(extraction1.invoice_number, "^INV-\d{3}$")') is True
    assert run(r'REGEXMATCH(extraction1.address.zip, "\d{5}")') is True
    assert run('REGEXMATCH(extraction1.vendor_name, "^bert")') is False
    assert run('REGEXMATCH(extraction1.line_items.description, "(?i)^b")') == [False, True, False]
    assert run('REGEXMATCH(metadata.priority, "x")') is None


def test_regexextract_returns_the_first_group_or_whole_match() -> None:
    assert run(r'REGEXEXTRACT(extraction1.invoice_number, "\d+")') == "001"
    assert run(r'REGEXEXTRACT(extraction1.invoice_number, "([A-Z]+)-")') == "INV"
    assert run(r'REGEXEXTRACT(extraction1.vendor_name, "\d")') is None


def test_a_pattern_from_data_is_checked_when_evaluated() -> None:
    with pytest.raises(FormulaEvaluationError, match="invalid regular expression '\\[': "):
        run("REGEXMATCH(a, b)", {"a": "x", "b": "["})


def test_catastrophic_backtracking_stops_at_the_time_limit() -> None:
    formula = compile_formula('REGEXMATCH(x, "(x+x+)+y")', limits=FormulaLimits(max_regex_seconds=0.05))
    started = time.monotonic()
    with pytest.raises(FormulaLimitError, match="regular expressions took longer than 0.05 s"):
        formula.evaluate({"x": "x" * 5_000})
    assert time.monotonic() - started < 2


def test_all_matches_of_one_evaluation_share_the_regex_time_budget() -> None:
    formula = compile_formula('REGEXMATCH(x, "(x+x+)+y")', limits=FormulaLimits(max_regex_seconds=0.2))
    assert formula.evaluate({"x": "x" * 40}) is False
    started = time.monotonic()
    with pytest.raises(FormulaLimitError, match="regular expressions took longer than 0.2 s"):
        formula.evaluate({"x": ["x" * 40] * 1_000})
    assert time.monotonic() - started < 2


def test_regex_input_is_capped() -> None:
    formula = compile_formula('REGEXMATCH(x, "a")', limits=FormulaLimits(max_regex_input_length=10))
    assert formula.evaluate({"x": "a" * 10}) is True
    with pytest.raises(FormulaLimitError, match="REGEXMATCH input longer than 10 characters"):
        formula.evaluate({"x": "a" * 11})


def test_fuzzymatch_tolerates_typos_up_to_the_threshold() -> None:
    assert run('FUZZYMATCH(extraction1.vendor_name, "Albertsons", 0.8)') is True
    assert run('FUZZYMATCH("Albertson\'s", "ALBERTSONS", 0.8)') is True
    assert run('FUZZYMATCH("Safeway", "Albertsons", 0.8)') is False
    assert run('FUZZYMATCH("  acme   corp ", "ACME CORP", 1)') is True


def test_fuzzymatch_checks_its_threshold_and_length() -> None:
    with pytest.raises(FormulaEvaluationError, match="FUZZYMATCH threshold must be between 0 and 1"):
        run('FUZZYMATCH("a", "b", 80)')
    formula = compile_formula('FUZZYMATCH(x, "a", 0.5)', limits=FormulaLimits(max_fuzzy_length=5))
    with pytest.raises(FormulaLimitError, match="FUZZYMATCH compares text of at most 5 characters"):
        formula.evaluate({"x": "abcdef"})


@pytest.mark.parametrize(
    ("left", "right", "distance"),
    [("", "", 0), ("abc", "", 3), ("kitten", "sitting", 3), ("flaw", "lawn", 2), ("same", "same", 0)],
)
def test_edit_distance_is_levenshtein(left: str, right: str, distance: int) -> None:
    assert edit_distance(left, right) == distance
    assert edit_distance(right, left) == distance


def test_similarity_is_one_minus_distance_over_the_longer_length() -> None:
    assert similarity("kitten", "sitting") == 1 - Decimal(3) / 7
    assert similarity("", "") == 1


def test_llmjudge_is_declared_but_needs_a_judge_to_be_configured() -> None:
    with pytest.raises(FormulaEvaluationError, match="LLMJUDGE needs a semantic judge"):
        run('LLMJUDGE(extraction1.address.city, "Boise, ID")')
