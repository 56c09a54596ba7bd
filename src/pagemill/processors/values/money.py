"""Money amounts from text, in Extend's currency object shape (`extend:type: currency`)."""

from __future__ import annotations

from typing import TypedDict

from pagemill.processors.values.currencies import CurrencyMention, find_currencies
from pagemill.processors.values.hints import ValueHints
from pagemill.processors.values.numbers import NumberMatch, find_numbers
from pagemill.processors.values.parsed import Parsed, worst
from pagemill.processors.values.text import is_blank


class Money(TypedDict):
    """The value of an Extend currency field (the SDK's ExtendCurrency)."""

    amount: float | None
    iso_4217_currency_code: str | None


def parse_money(text: str, hints: ValueHints | None = None) -> Parsed[Money]:
    """An amount and its currency: "RM 12.50", "€ 4.904,94", "1,007.50", "(USD 12.00)", "12,50 zł".

    The amount is the number nearest a currency mention (percentages skipped), else the first number; the
    currency is the mention nearest the amount, else `hints.default_currency`, else None. INFERRED when the
    number's separators or the symbol ("$", "kr") were ambiguous.
    """
    if is_blank(text):
        return Parsed.empty()
    hints = hints or ValueHints()
    numbers = find_numbers(text, hints)
    amounts = [n for n in numbers if not n.is_percent] or numbers
    if not amounts:
        return Parsed.invalid()
    mentions = find_currencies(text)
    amount = min(amounts, key=lambda n: _distance(n, mentions)) if mentions else amounts[0]
    quality = amount.quality
    code = hints.default_currency.upper() if hints.default_currency else None
    if mentions:
        currency = min(mentions, key=lambda m: _gap(amount, m)).resolve(hints)
        code = currency.value
        quality = worst(quality, currency.quality)
    return Parsed(Money(amount=amount.value, iso_4217_currency_code=code), quality)


def _distance(number: NumberMatch, mentions: list[CurrencyMention]) -> int:
    return min(_gap(number, mention) for mention in mentions)


def _gap(number: NumberMatch, mention: CurrencyMention) -> int:
    if mention.end <= number.start:
        return number.start - mention.end
    if number.end <= mention.start:
        return mention.start - number.end
    return 0
