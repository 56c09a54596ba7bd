"""Dates: DATE, TODAY, DATEDIF, YEAR, MONTH, DAY.

Dates are calendar days. Text in ISO form (2024-03-31, optionally with a time) is read as a date wherever
a date is expected; other layouts need DATE(text, format) with YYYY, YY, MM, MMM (month name) and DD.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from pagemill.formulas.errors import FormulaEvaluationError
from pagemill.formulas.evaluation import Evaluation
from pagemill.formulas.functions.registry import NOT_CONSTANT, FunctionSpec
from pagemill.formulas.values import expect_date, expect_integer, expect_text

MAX_DATE_TEXT_LENGTH = 100
_FORMAT_TOKENS = re.compile(r"YYYY|YY|MMM|MM|DD", re.IGNORECASE)
_TOKEN_PATTERNS = {
    "YYYY": r"(?P<year>\d{4})",
    "YY": r"(?P<short_year>\d{2})",
    "MMM": r"(?P<month_name>[^\W\d_]{3,9})",
    "MM": r"(?P<month>\d{1,2})",
    "DD": r"(?P<day>\d{1,2})",
}
_MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATEDIF_UNITS = ("D", "M", "Y")


@functools.lru_cache(maxsize=128)
def _format_pattern(layout: str) -> re.Pattern[str]:
    pattern, seen, end = "", set(), 0
    for token in _FORMAT_TOKENS.finditer(layout):
        kind = token.group().upper()
        pattern += re.escape(layout[end : token.start()]) + _TOKEN_PATTERNS[kind]
        seen.add(kind)
        end = token.end()
    pattern += re.escape(layout[end:])
    has_year = {"YYYY", "YY"} & seen
    has_month = {"MM", "MMM"} & seen
    if not (has_year and has_month and "DD" in seen) or len(seen) != len(_FORMAT_TOKENS.findall(layout)):
        raise FormulaEvaluationError(
            f"date format {layout!r} needs one year (YYYY or YY), one month (MM or MMM) and one day (DD)"
        )
    return re.compile(pattern, re.IGNORECASE)


def _parse_with_format(text: str, layout: str) -> date:
    match = _format_pattern(layout).fullmatch(text.strip()) if len(text) <= MAX_DATE_TEXT_LENGTH else None
    if match is None:
        raise FormulaEvaluationError(f"DATE cannot read {text!r} with format {layout!r}")
    parts = match.groupdict()
    if parts.get("year"):
        year = int(parts["year"])
    else:
        short = int(parts["short_year"])
        year = 2000 + short if short < 30 else 1900 + short
    if parts.get("month_name"):
        abbreviation = parts["month_name"][:3].casefold()
        if abbreviation not in _MONTH_ABBREVIATIONS:
            raise FormulaEvaluationError(f"DATE does not know the month {parts['month_name']!r}")
        month = _MONTH_ABBREVIATIONS.index(abbreviation) + 1
    else:
        month = int(parts["month"])
    return _calendar_date(year, month, int(parts["day"]))


def _calendar_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise FormulaEvaluationError(f"no such date: {year:04d}-{month:02d}-{day:02d}") from error


def _date(evaluation: Evaluation, first: Any, second: Any = None, third: Any = None) -> date:
    if third is not None:
        return _calendar_date(*(expect_integer(part, "DATE") for part in (first, second, third)))
    if second is not None:
        return _parse_with_format(expect_text(first, "DATE"), expect_text(second, "DATE"))
    return expect_date(first, "DATE")


def _check_date(arguments: Sequence[Any]) -> None:
    if len(arguments) == 2 and isinstance(arguments[1], str):
        _format_pattern(arguments[1])


def _today(evaluation: Evaluation) -> date:
    return evaluation.today


def _datedif(evaluation: Evaluation, start: Any, end: Any, unit: Any = "D") -> Decimal:
    """Whole days, months or years from start to end; negative when end comes first."""
    first, last = expect_date(start, "DATEDIF"), expect_date(end, "DATEDIF")
    kind = _datedif_unit(unit)
    sign = 1
    if last < first:
        first, last, sign = last, first, -1
    if kind == "D":
        return Decimal(sign * (last - first).days)
    months = (last.year - first.year) * 12 + (last.month - first.month) - (last.day < first.day)
    return Decimal(sign * (months if kind == "M" else months // 12))


def _datedif_unit(unit: Any) -> str:
    kind = expect_text(unit, "DATEDIF").strip().upper()
    if kind not in _DATEDIF_UNITS:
        raise FormulaEvaluationError(f'DATEDIF unit must be "D", "M" or "Y", got {unit!r}')
    return kind


def _check_datedif(arguments: Sequence[Any]) -> None:
    if len(arguments) == 3 and arguments[2] is not NOT_CONSTANT:
        _datedif_unit(arguments[2])


def _part(name: str, attribute: str) -> FunctionSpec:
    def implementation(evaluation: Evaluation, value: Any) -> Decimal:
        return Decimal(getattr(expect_date(value, name), attribute))

    return FunctionSpec(name, implementation, 1, 1, elementwise=True, null_in_null_out=True)


FUNCTIONS = (
    FunctionSpec("DATE", _date, 1, 3, elementwise=True, null_in_null_out=True, check=_check_date),
    FunctionSpec("TODAY", _today, 0, 0),
    FunctionSpec("DATEDIF", _datedif, 2, 3, elementwise=True, null_in_null_out=True, check=_check_datedif),
    _part("YEAR", "year"),
    _part("MONTH", "month"),
    _part("DAY", "day"),
)
