"""Coercing a raw extracted value to the shape a JSON-schema property asks for (Extend's schema dialect).

Dispatches on `enum`, `extend:type` (date, currency, signature), `format: date` and `type`, and walks objects
and arrays, so a model's loosely typed answer becomes exactly the output Extend returns: every property
present, `null` where nothing was found, dates `yyyy-mm-dd`, currency objects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

from pagemill.processors.values.booleans import parse_boolean
from pagemill.processors.values.currencies import parse_currency_code
from pagemill.processors.values.dates import parse_date
from pagemill.processors.values.enums import match_enum
from pagemill.processors.values.hints import ValueHints
from pagemill.processors.values.money import parse_money
from pagemill.processors.values.numbers import parse_integer, parse_number
from pagemill.processors.values.parsed import Parsed, Quality, worst
from pagemill.processors.values.signature import parse_signature
from pagemill.processors.values.text import is_blank

JsonValue: TypeAlias = str | int | float | bool | None | list[Any] | dict[str, Any]
Coerced: TypeAlias = Parsed[Any]
Schema: TypeAlias = Mapping[str, Any]

CURRENCY_PROPERTIES: dict[str, Schema] = {
    "amount": {"type": ["number", "null"]},
    "iso_4217_currency_code": {"type": ["string", "null"]},
}
SIGNATURE_PROPERTIES: dict[str, Schema] = {
    "printed_name": {"type": ["string", "null"]},
    "signature_date": {"type": ["string", "null"], "extend:type": "date"},
    "is_signed": {"type": ["boolean", "null"]},
    "title_or_role": {"type": ["string", "null"]},
}


def coerce(value_text: JsonValue, schema: Schema, hints: ValueHints | None = None) -> Coerced:
    """`value_text` (usually text; structured JSON from a model is walked too) as `schema` asks.

    Never raises on bad values: what cannot be read becomes null (or an all-null object) with quality
    INVALID; absent values are null with EMPTY. An object's or array's quality is the worst of its parts,
    ignoring EMPTY ones.
    """
    hints = hints or ValueHints()
    if "enum" in schema:
        return _coerce_enum(value_text, schema)
    extend_type = schema.get("extend:type")
    if extend_type == "currency":
        return _coerce_currency(value_text, hints)
    if extend_type == "signature":
        return _coerce_signature(value_text, hints)
    if extend_type == "date" or schema.get("format") == "date":
        return _coerce_scalar(value_text, lambda text: parse_date(text, hints))
    kind = primary_type(schema)
    if kind == "object":
        return _coerce_object(value_text, schema.get("properties", {}), hints)
    if kind == "array":
        return _coerce_array(value_text, schema.get("items", {}), hints)
    if kind in ("number", "integer"):
        return _coerce_number(value_text, kind, hints)
    if kind == "boolean":
        return _coerce_boolean(value_text)
    return _coerce_string(value_text)


def primary_type(schema: Schema) -> str | None:
    """The non-null JSON type of a property (["string", "null"] -> "string"), else implied by its keys."""
    declared = schema.get("type")
    types = [declared] if isinstance(declared, str) else list(declared or [])
    concrete = [t for t in types if t != "null"]
    if concrete:
        return str(concrete[0])
    if "properties" in schema:
        return "object"
    if "items" in schema:
        return "array"
    return None


def _coerce_scalar(value: JsonValue, parse: Callable[[str], Parsed[Any]]) -> Coerced:
    if value is None:
        return Parsed.empty()
    if isinstance(value, (list, dict)):
        return Parsed.invalid()
    return parse(str(value))


def _coerce_string(value: JsonValue) -> Coerced:
    if isinstance(value, bool):
        return Parsed(str(value).lower(), Quality.EXACT)
    return _coerce_scalar(value, _clean_text)


def _clean_text(text: str) -> Parsed[str]:
    if is_blank(text):
        return Parsed.empty()
    return Parsed(" ".join(text.split()), Quality.EXACT)


def _coerce_number(value: JsonValue, kind: str, hints: ValueHints) -> Coerced:
    if isinstance(value, bool):
        return Parsed.invalid()
    if isinstance(value, (int, float)):
        if kind == "integer" and not float(value).is_integer():
            return Parsed.invalid()
        return Parsed(int(value) if kind == "integer" else value, Quality.EXACT)
    parse = parse_integer if kind == "integer" else parse_number
    return _coerce_scalar(value, lambda text: parse(text, hints))


def _coerce_boolean(value: JsonValue) -> Coerced:
    if isinstance(value, bool):
        return Parsed(value, Quality.EXACT)
    return _coerce_scalar(value, parse_boolean)


def _coerce_enum(value: JsonValue, schema: Schema) -> Coerced:
    allowed = list(schema["enum"])
    if isinstance(value, bool | int | float):
        value = str(value)
    return _coerce_scalar(value, lambda text: match_enum(text, allowed))


def _coerce_object(value: JsonValue, properties: Mapping[str, Schema], hints: ValueHints) -> Coerced:
    given: Mapping[str, JsonValue] = value if isinstance(value, dict) else {}
    parts = {key: coerce(given.get(key), subschema, hints) for key, subschema in properties.items()}
    quality = _combined([part.quality for part in parts.values()])
    if value is not None and not isinstance(value, dict):
        quality = Quality.INVALID
    return Parsed({key: part.value for key, part in parts.items()}, quality)


def _coerce_array(value: JsonValue, items: Schema, hints: ValueHints) -> Coerced:
    if value is None:
        return Parsed([], Quality.EMPTY)
    if isinstance(value, str):
        if primary_type(items) in ("object", "array") or items.get("extend:type") in (
            "currency",
            "signature",
        ):
            return Parsed([], Quality.INVALID)
        value = [line for line in value.replace(";", "\n").splitlines() if not is_blank(line)]
    if not isinstance(value, list):
        return Parsed([], Quality.INVALID)
    parts = [coerce(item, items, hints) for item in value]
    kept = [part for part in parts if part.value is not None]
    return Parsed([part.value for part in kept], _combined([part.quality for part in parts]))


def _coerce_currency(value: JsonValue, hints: ValueHints) -> Coerced:
    if isinstance(value, dict):
        return _coerce_currency_object(value, hints)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        code = hints.default_currency.upper() if hints.default_currency else None
        return Parsed({"amount": float(value), "iso_4217_currency_code": code}, Quality.EXACT)
    money = _coerce_scalar(value, lambda text: parse_money(text, hints))
    return money if money.value is not None else Parsed(_nulls(CURRENCY_PROPERTIES), money.quality)


def _coerce_currency_object(value: Mapping[str, JsonValue], hints: ValueHints) -> Coerced:
    amount_value = value.get("amount")
    code_value = value.get("iso_4217_currency_code")
    if isinstance(amount_value, str) and code_value is None:
        return _coerce_currency(amount_value, hints)
    amount = coerce(amount_value, CURRENCY_PROPERTIES["amount"], hints)
    code = _coerce_scalar(code_value, lambda text: parse_currency_code(text, hints))
    if code.value is None and code.quality is Quality.EMPTY and hints.default_currency:
        code = Parsed(hints.default_currency.upper(), amount.quality)
    return Parsed(
        {"amount": amount.value, "iso_4217_currency_code": code.value},
        _combined([amount.quality, code.quality]),
    )


def _coerce_signature(value: JsonValue, hints: ValueHints) -> Coerced:
    if isinstance(value, dict) or value is None:
        return _coerce_object(value, SIGNATURE_PROPERTIES, hints)
    signature = _coerce_scalar(value, lambda text: parse_signature(text, hints))
    return (
        signature if signature.value is not None else Parsed(_nulls(SIGNATURE_PROPERTIES), signature.quality)
    )


def _nulls(properties: Mapping[str, Schema]) -> dict[str, None]:
    return dict.fromkeys(properties)


def _combined(qualities: list[Quality]) -> Quality:
    present = [q for q in qualities if q is not Quality.EMPTY]
    return worst(*present) if present else Quality.EMPTY
