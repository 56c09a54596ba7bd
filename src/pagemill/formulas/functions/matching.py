"""Pattern and similarity tests: REGEXMATCH, REGEXEXTRACT, FUZZYMATCH, and the LLMJUDGE extension point.

Regular expressions run in the `regex` module under one time budget per evaluation, so a pattern with
catastrophic backtracking, or many slow matches over array items, stop with an error instead of holding a
worker.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import regex

from pagemill.formulas.errors import FormulaEvaluationError, FormulaLimitError
from pagemill.formulas.evaluation import Evaluation
from pagemill.formulas.functions.registry import NOT_CONSTANT, FunctionSpec
from pagemill.formulas.values import expect_number, expect_text

MAX_PATTERN_LENGTH = 1_000
FUZZY_STEPS_PER_TICK = 4


@functools.lru_cache(maxsize=256)
def compiled_pattern(pattern: str) -> regex.Pattern[str]:
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise FormulaEvaluationError(f"regular expression longer than {MAX_PATTERN_LENGTH} characters")
    try:
        return regex.compile(pattern)
    except regex.error as error:
        reason = getattr(error, "msg", None) or str(error)
        raise FormulaEvaluationError(f"invalid regular expression {pattern!r}: {reason}") from error


def _check_pattern(arguments: Sequence[Any]) -> None:
    pattern = arguments[1]
    if pattern is NOT_CONSTANT or pattern is None:
        return
    if not isinstance(pattern, str):
        raise FormulaEvaluationError("the regular expression must be text")
    compiled_pattern(pattern)


def _search(evaluation: Evaluation, name: str, value: Any, pattern: Any) -> regex.Match[str] | None:
    text = expect_text(value, name)
    limit = evaluation.limits.max_regex_input_length
    if len(text) > limit:
        raise FormulaLimitError(f"{name} input longer than {limit} characters")
    evaluation.tick(len(text) // 100)
    pattern_text = expect_text(pattern, name)
    started = time.monotonic()
    try:
        return compiled_pattern(pattern_text).search(text, timeout=evaluation.regex_time_left())
    except TimeoutError as error:
        budget = evaluation.limits.max_regex_seconds
        raise FormulaLimitError(f"regular expressions took longer than {budget} s") from error
    finally:
        evaluation.regex_seconds += time.monotonic() - started


def _regex_match(evaluation: Evaluation, value: Any, pattern: Any) -> bool:
    return _search(evaluation, "REGEXMATCH", value, pattern) is not None


def _regex_extract(evaluation: Evaluation, value: Any, pattern: Any) -> str | None:
    """The first match, or its first capture group when the pattern has one; null when nothing matches."""
    match = _search(evaluation, "REGEXEXTRACT", value, pattern)
    if match is None:
        return None
    return match.group(1) if match.re.groups else match.group(0)


def _fuzzy_match(evaluation: Evaluation, value: Any, target: Any, threshold: Any) -> bool:
    """Similarity is 1 - edit distance / longer length, on case-folded text with collapsed whitespace."""
    minimum = expect_number(threshold, "FUZZYMATCH")
    if not 0 <= minimum <= 1:
        raise FormulaEvaluationError("FUZZYMATCH threshold must be between 0 and 1")
    left, right = (" ".join(expect_text(text, "FUZZYMATCH").casefold().split()) for text in (value, target))
    limit = evaluation.limits.max_fuzzy_length
    if len(left) > limit or len(right) > limit:
        raise FormulaLimitError(f"FUZZYMATCH compares text of at most {limit} characters")
    evaluation.tick(len(left) * len(right) // FUZZY_STEPS_PER_TICK)
    return similarity(left, right) >= minimum


def similarity(left: str, right: str) -> Decimal:
    longest = max(len(left), len(right))
    if longest == 0:
        return Decimal(1)
    return 1 - Decimal(edit_distance(left, right)) / longest


def edit_distance(left: str, right: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions each cost one."""
    previous = list(range(len(right) + 1))
    for row, left_char in enumerate(left, start=1):
        current = [row]
        for column, right_char in enumerate(right, start=1):
            current.append(
                min(
                    previous[column] + 1,
                    current[column - 1] + 1,
                    previous[column - 1] + (left_char != right_char),
                )
            )
        previous = current
    return previous[-1]


def _llm_judge(evaluation: Evaluation, value: Any, expected: Any) -> bool:
    raise FormulaEvaluationError("LLMJUDGE needs a semantic judge, and none is configured on this server")


FUNCTIONS = (
    FunctionSpec(
        "REGEXMATCH", _regex_match, 2, 2, elementwise=True, null_in_null_out=True, check=_check_pattern
    ),
    FunctionSpec(
        "REGEXEXTRACT", _regex_extract, 2, 2, elementwise=True, null_in_null_out=True, check=_check_pattern
    ),
    FunctionSpec("FUZZYMATCH", _fuzzy_match, 3, 3, elementwise=True, null_in_null_out=True),
    FunctionSpec("LLMJUDGE", _llm_judge, 2, 2, null_in_null_out=True),
)
