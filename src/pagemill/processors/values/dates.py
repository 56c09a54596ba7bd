"""Calendar dates from text, as ISO `yyyy-mm-dd` (Extend's `extend:type: date`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pagemill.processors.values.hints import ValueHints
from pagemill.processors.values.months import month_number
from pagemill.processors.values.parsed import Parsed, Quality
from pagemill.processors.values.text import fold, is_blank

_TIME_OF_DAY = re.compile(
    r"(?:(?<=\d)t|\b)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[ap]\.?m\.?\b)?(?:\s*(?:z\b|utc|gmt|[+-]\d{2}:?\d{2}))?"
)
_NUMERIC = re.compile(r"(?<![\d.,])(\d{1,4})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d])")
_COMPACT_ISO = re.compile(r"\s*((?:19|20)\d{2})(\d{2})(\d{2})\s*")
_WORD = re.compile(r"[a-z]+\.?")
_ORDINAL = r"(?:\s?(?:st|nd|rd|th|er)\b)?"  # "1st", "9 th", "1er"
_DAY_BEFORE_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}}){_ORDINAL}\.?[\s,/.-]*(?:day\s+of\s+|of\s+|de\s+)?$")
_YEAR_AFTER_MONTH = re.compile(r"^[\s,/.'-]*(?:de\s+|of\s+)?(\d{4}|\d{2})(?![\d:])")
_DAY_YEAR_AFTER_MONTH = re.compile(
    rf"^[\s/.-]*(\d{{1,2}})(?!\d){_ORDINAL}[\s,/.'-]*(\d{{4}}|\d{{2}})(?![\d:])"
)
_YEAR_BEFORE_MONTH = re.compile(r"(?<!\d)(\d{4})[\s,/.-]*$")
_DAY_AFTER_MONTH = re.compile(r"^[\s,/.-]*(\d{1,2})(?!\d)")
_MONTH_YEAR = re.compile(r"^[\s,/.'-]*(\d{4})(?![\d:])")
_MIN_YEAR, _MAX_YEAR = 1800, 2199
# Two-digit years land in the hundred years that end this many years from now.
_TWO_DIGIT_YEAR_LOOKAHEAD = 10


@dataclass(frozen=True)
class _Found:
    start: int
    date: dt.date
    quality: Quality


def parse_date(text: str, hints: ValueHints | None = None) -> Parsed[str]:
    """The first calendar date in `text` as `yyyy-mm-dd`; times of day are ignored.

    Reads ISO dates; numeric day/month/year in either order, decided by a part above 12, `hints.day_first`,
    the locale, or dots (day first), otherwise day first and INFERRED; two-digit years; month names in
    EN/FR/DE/NL/ES/PL/MS; ordinals ("the 1st day of June, 2005"). Month and year alone give the 1st, INFERRED.
    """
    if is_blank(text):
        return Parsed.empty()
    hints = hints or ValueHints()
    folded = _TIME_OF_DAY.sub(" ", fold(text))
    found = _numeric_dates(folded, hints) + _named_month_dates(folded)
    compact = _COMPACT_ISO.fullmatch(folded)
    if compact:
        found += _valid(0, compact.group(1), compact.group(2), compact.group(3), Quality.INFERRED)
    if not found:
        return Parsed.invalid()
    first = min(found, key=lambda f: f.start)
    return Parsed(first.date.isoformat(), first.quality)


def _numeric_dates(text: str, hints: ValueHints) -> list[_Found]:
    found: list[_Found] = []
    for match in _NUMERIC.finditer(text):
        first, separator, second, last = match.groups()
        if len(first) == 4:
            found += _valid(match.start(), first, second, last, Quality.EXACT)
        elif len(first) <= 2:
            found += _day_month_year(match.start(), int(first), int(second), last, separator, hints)
    return found


def _day_month_year(
    start: int, first: int, second: int, year: str, separator: str, hints: ValueHints
) -> list[_Found]:
    if first > 12 and second > 12:
        return []
    if first > 12 or first == second:
        day_first, quality = True, Quality.EXACT
    elif second > 12:
        day_first, quality = False, Quality.EXACT
    elif (hinted := hints.resolved_day_first()) is not None:
        day_first, quality = hinted, Quality.EXACT
    elif separator == ".":
        day_first, quality = True, Quality.EXACT  # dotted numeric dates are written day first everywhere
    else:
        day_first, quality = True, Quality.INFERRED
    day, month = (first, second) if day_first else (second, first)
    return _valid(start, year, str(month), str(day), quality)


def _named_month_dates(text: str) -> list[_Found]:
    found: list[_Found] = []
    for word in _WORD.finditer(text):
        month = month_number(word.group())
        if month is None:
            continue
        left, right = text[: word.start()], text[word.end() :]
        found += _around_month(left, str(month), right)
    return found


def _around_month(left: str, month: str, right: str) -> list[_Found]:
    day_before = _DAY_BEFORE_MONTH.search(left)
    year_after = _YEAR_AFTER_MONTH.match(right)
    if day_before and year_after:
        return _valid(day_before.start(), year_after.group(1), month, day_before.group(1), Quality.EXACT)
    day_year_after = _DAY_YEAR_AFTER_MONTH.match(right)
    if day_year_after:
        return _valid(len(left), day_year_after.group(2), month, day_year_after.group(1), Quality.EXACT)
    year_before = _YEAR_BEFORE_MONTH.search(left)
    day_after = _DAY_AFTER_MONTH.match(right)
    if year_before and day_after:
        return _valid(year_before.start(), year_before.group(1), month, day_after.group(1), Quality.EXACT)
    month_year = _MONTH_YEAR.match(right)
    if month_year:
        return _valid(len(left), month_year.group(1), month, "1", Quality.INFERRED)
    return []


def _valid(start: int, year: str, month: str, day: str, quality: Quality) -> list[_Found]:
    full_year = _full_year(year)
    if not _MIN_YEAR <= full_year <= _MAX_YEAR:
        return []
    try:
        return [_Found(start, dt.date(full_year, int(month), int(day)), quality)]
    except ValueError:
        return []


def _full_year(year: str) -> int:
    if len(year) != 2:
        return int(year)
    latest = dt.date.today().year + _TWO_DIGIT_YEAR_LOOKAHEAD
    candidate = latest - latest % 100 + int(year)
    return candidate if candidate <= latest else candidate - 100
