"""Typed value parsing: text to dates, money, numbers, booleans and enum values, and schema-driven coercion.

Every parser returns a `Parsed(value, quality)` and never raises on bad text.
"""

from pagemill.processors.values.booleans import parse_boolean
from pagemill.processors.values.coerce import Coerced, coerce, primary_type
from pagemill.processors.values.currencies import find_currencies, parse_currency_code
from pagemill.processors.values.dates import parse_date
from pagemill.processors.values.enums import match_enum
from pagemill.processors.values.hints import ValueHints
from pagemill.processors.values.money import Money, parse_money
from pagemill.processors.values.numbers import find_numbers, parse_integer, parse_number
from pagemill.processors.values.parsed import Parsed, Quality, worst
from pagemill.processors.values.signature import Signature, parse_signature

__all__ = [
    "Coerced",
    "Money",
    "Parsed",
    "Quality",
    "Signature",
    "ValueHints",
    "coerce",
    "find_currencies",
    "find_numbers",
    "match_enum",
    "parse_boolean",
    "parse_currency_code",
    "parse_date",
    "parse_integer",
    "parse_money",
    "parse_number",
    "parse_signature",
    "primary_type",
    "worst",
]
