"""Currencies named in text: ISO 4217 codes, symbols ($, €, zł, RM, kr …) and words, with their position."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pagemill.processors.values.hints import ValueHints
from pagemill.processors.values.parsed import Parsed, Quality
from pagemill.processors.values.text import is_blank

_ISO_4217_TABLE = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD
    CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ
    GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR
    LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN
    PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB
    TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL
"""
ISO_4217_CODES = frozenset(_ISO_4217_TABLE.split())
# Codes that are also English words ("ALL PRICES IN EUR") count only right beside a number.
_WORD_LIKE_CODES = frozenset({"ALL", "TOP", "CUP", "MOP", "GEL", "MAD", "BOB", "SOS", "TRY", "PEN", "BAM"})
_BESIDE_NUMBER_AFTER = re.compile(r"^\s?[-(]?\d")
_BESIDE_NUMBER_BEFORE = re.compile(r"\d[\s)]?$")
# Lower-case codes count only for these, which no English word spells.
_LOWER_CASE_CODES = frozenset({"eur", "usd", "gbp", "pln", "inr", "myr", "chf", "jpy", "cny", "sgd", "aud"})

# Symbols and words -> candidate codes, most likely first. Letter symbols match case-sensitively, as words.
_SYMBOL_GROUPS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("US$", "U$S"), ("USD",)),
    (("CA$",), ("CAD",)),
    (("C$",), ("CAD", "NIO")),
    (("AU$", "A$"), ("AUD",)),
    (("NZ$",), ("NZD",)),
    (("HK$",), ("HKD",)),
    (("SG$", "S$"), ("SGD",)),
    (("R$",), ("BRL",)),
    (("MX$",), ("MXN",)),
    (("NT$",), ("TWD",)),
    (("$",), ("USD", "CAD", "AUD", "SGD", "NZD", "HKD", "MXN")),
    (("dollars", "Dollars", "DOLLARS"), ("USD", "CAD", "AUD")),
    (("€", "euro", "euros", "Euro", "Euros", "EURO"), ("EUR",)),
    (("£", "pounds"), ("GBP",)),
    (("¥",), ("JPY", "CNY")),
    (("JP¥", "円", "yen"), ("JPY",)),
    (("CN¥", "RMB", "元"), ("CNY",)),
    (("₹", "rupees", "Rupees"), ("INR",)),
    (("Rs.", "Rs", "RS.", "RS", "₨"), ("INR", "PKR", "LKR", "NPR")),
    (("zł", "ZŁ", "zl", "złotych"), ("PLN",)),
    (("RM", "Rm", "ringgit", "Ringgit"), ("MYR",)),
    (("kr.", "kr", "Kr"), ("SEK", "NOK", "DKK", "ISK")),
    (("Fr.", "SFr."), ("CHF",)),
    (("Kč",), ("CZK",)),
    (("Ft",), ("HUF",)),
    (("₽", "руб"), ("RUB",)),
    (("₩",), ("KRW",)),
    (("₺",), ("TRY",)),
    (("₫",), ("VND",)),
    (("฿",), ("THB",)),
    (("₱",), ("PHP",)),
    (("₦",), ("NGN",)),
    (("₪",), ("ILS",)),
    (("₴",), ("UAH",)),
    (("lei",), ("RON",)),
    (("Rp",), ("IDR",)),
)
_SYMBOLS = {symbol: codes for symbols, codes in _SYMBOL_GROUPS for symbol in symbols}


@dataclass(frozen=True)
class CurrencyMention:
    start: int
    end: int
    candidates: tuple[str, ...]  # ISO 4217 codes, most likely first

    def resolve(self, hints: ValueHints | None = None) -> Parsed[str]:
        """The code meant: the only candidate, or the hinted default when it is one, else the likeliest,
        INFERRED."""
        default = (hints or ValueHints()).default_currency
        if len(self.candidates) == 1:
            return Parsed(self.candidates[0], Quality.EXACT)
        if default and default.upper() in self.candidates:
            return Parsed(default.upper(), Quality.EXACT)
        return Parsed(self.candidates[0], Quality.INFERRED)


@cache
def _symbol_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(symbol) for symbol in sorted(_SYMBOLS, key=len, reverse=True))
    # A symbol that starts or ends with a letter must not continue a word ("RM" in "FORM", "kr" in "krab").
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])")


_CODE = re.compile(r"(?<![^\W\d_])([A-Za-z]{3})(?![^\W\d_])")


def find_currencies(text: str) -> list[CurrencyMention]:
    """Every currency code, symbol or word in `text`, in order of position."""
    mentions = [
        CurrencyMention(m.start(), m.end(), _SYMBOLS[m.group()]) for m in _symbol_pattern().finditer(text)
    ]
    taken = [(m.start, m.end) for m in mentions]
    for match in _CODE.finditer(text):
        word = match.group(1)
        is_code = (word.isupper() and word in ISO_4217_CODES) or word in _LOWER_CASE_CODES
        if word in _WORD_LIKE_CODES:
            before, after = text[: match.start()], text[match.end() :]
            is_code = bool(_BESIDE_NUMBER_AFTER.match(after) or _BESIDE_NUMBER_BEFORE.search(before))
        overlaps = any(start < match.end() and match.start() < end for start, end in taken)
        if is_code and not overlaps:
            mentions.append(CurrencyMention(match.start(), match.end(), (word.upper(),)))
    return sorted(mentions, key=lambda m: m.start)


def parse_currency_code(text: str, hints: ValueHints | None = None) -> Parsed[str]:
    """The ISO 4217 code of the first currency named in `text` ("€" -> EUR, "zł" -> PLN, "usd" -> USD)."""
    if is_blank(text):
        return Parsed.empty()
    mentions = find_currencies(text)
    if not mentions:
        return Parsed.invalid()
    return mentions[0].resolve(hints)
