"""Numbers from text in either decimal convention (1,234.56 and 1.234,56), with grouping, signs and %."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pagemill.processors.values.hints import ValueHints
from pagemill.processors.values.parsed import Parsed, Quality
from pagemill.processors.values.text import is_blank

_GROUP_SPACE = "[ \u00a0\u202f]"
_NUMBER = re.compile(rf"(?<![\d.,])(?:\d|[.,]\d)(?:[\d.,'’]|{_GROUP_SPACE}(?=\d{{3}}(?!\d)))*")
_LEADING_MINUS = re.compile(r"(?:^|[^\w])[-−–]\s*(?:[^\w\s]{1,3}|[A-Za-z]{1,3}\.?)?\s*$")
_TRAILING_MINUS = re.compile(r"^[-−](?!\s*\d)")
_PERCENT = re.compile(r"^\s?%")
_GROUPED_INTEGER = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})*,\d{3}")  # 1,234,567 or Indian 12,34,567


@dataclass(frozen=True)
class NumberMatch:
    """One number found in a text: where it is, its value with sign, and whether a % follows it."""

    start: int
    end: int
    value: float
    quality: Quality
    is_percent: bool


def find_numbers(text: str, hints: ValueHints | None = None) -> list[NumberMatch]:
    """Every readable number in `text`, in order. Signs: leading minus, trailing minus, parentheses."""
    decimal_separator = (hints or ValueHints()).decimal_separator
    found = []
    for match in _NUMBER.finditer(text):
        read = read_decimal(match.group(), decimal_separator)
        if read is None:
            continue
        value, quality = read
        before, after = text[: match.start()], text[match.end() :]
        if _is_negative(before, after):
            value = -value
        found.append(NumberMatch(match.start(), match.end(), value, quality, bool(_PERCENT.match(after))))
    return found


def parse_number(text: str, hints: ValueHints | None = None) -> Parsed[float]:
    """The first number in `text` as a float; "15 %" gives 15.0. Ambiguous "1,234" / "1.234" read as
    thousands and INFERRED unless `hints.decimal_separator` says otherwise."""
    if is_blank(text):
        return Parsed.empty()
    numbers = find_numbers(text, hints)
    if not numbers:
        return Parsed.invalid()
    return Parsed(numbers[0].value, numbers[0].quality)


def parse_integer(text: str, hints: ValueHints | None = None) -> Parsed[int]:
    """The first number in `text` as an int; INVALID when it has a fractional part ("12.5")."""
    number = parse_number(text, hints)
    if number.value is None:
        return Parsed(None, number.quality)
    if not float(number.value).is_integer():
        return Parsed.invalid()
    return Parsed(int(number.value), number.quality)


def read_decimal(token: str, decimal_separator: str | None = None) -> tuple[float, Quality] | None:
    """A digit string with `.`/`,` separators (grouping spaces and apostrophes allowed) as an unsigned float.

    With both separators the last one is the decimal point. With one kind, repeated means grouping and a
    single one followed by other than three digits means decimal; "1,234" is ambiguous: read as grouping,
    INFERRED. None when the separators cannot form a number ("1.2.3", "1,2,3").
    """
    digits = re.sub(r"[\s'’]", "", token).rstrip(".,")
    if decimal_separator in (".", ","):
        return _compose(digits, decimal_separator, Quality.EXACT)
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        return _compose(digits, "." if digits.rfind(".") > digits.rfind(",") else ",", Quality.EXACT)
    separator, other = (".", ",") if dots else (",", ".")
    if dots + commas != 1:
        return _compose(digits, other, Quality.EXACT)
    whole, _, fraction = digits.partition(separator)
    if len(fraction) != 3 or whole in ("", "0") or len(whole) > 3:
        return _compose(digits, separator, Quality.EXACT)
    return _compose(digits, other, Quality.INFERRED)


def _compose(digits: str, decimal: str, quality: Quality) -> tuple[float, Quality] | None:
    """Reads `digits` with `decimal` as the decimal point and the other separator as thousands grouping."""
    whole, _, fraction = digits.rpartition(decimal) if decimal in digits else (digits, "", "")
    whole = whole.replace("." if decimal == "," else ",", ",")
    if "," in whole and not _GROUPED_INTEGER.fullmatch(whole):
        return None
    whole = whole.replace(",", "")
    if not (whole + fraction).isdecimal():
        return None
    return float(f"{whole or '0'}.{fraction or '0'}"), quality


def _is_negative(before: str, after: str) -> bool:
    in_parentheses = "(" in before[-6:] and ")" in after[:6]
    return in_parentheses or bool(_LEADING_MINUS.search(before) or _TRAILING_MINUS.match(after))
