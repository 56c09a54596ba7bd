"""Legacy fields-array extraction configs (`fields: [{id, name, type, description, schema?, enum?}]`) turned
into the JSON-schema dialect, so every extractor runs on one config shape."""

from __future__ import annotations

import re
from typing import Any

from pagemill.errors import InvalidRequest

_PRIMITIVE = {"string": "string", "number": "number", "boolean": "boolean"}
_NOT_A_KEY_CHAR = re.compile(r"[^A-Za-z0-9_-]")


def fields_to_schema(fields: Any, path: str = "fields") -> dict[str, Any]:
    """The JSON schema equivalent to a legacy fields array; property keys are the field ids."""
    if not isinstance(fields, list) or not fields:
        raise InvalidRequest("fields must be a non-empty list", path=path)
    properties: dict[str, Any] = {}
    for index, field in enumerate(fields):
        field_path = f"{path}[{index}]"
        if not isinstance(field, dict):
            raise InvalidRequest("a field must be an object", path=field_path)
        key = _key(field, field_path)
        if key in properties:
            raise InvalidRequest(f"field id {key!r} appears twice", path=f"{field_path}.id")
        properties[key] = _property(field, field_path)
    return {"type": "object", "properties": properties}


def _key(field: dict[str, Any], path: str) -> str:
    raw = field.get("id") or field.get("name")
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidRequest("a field needs an id", path=f"{path}.id")
    return _NOT_A_KEY_CHAR.sub("_", raw.strip())[:100]


def _annotations(field: dict[str, Any]) -> dict[str, Any]:
    annotations: dict[str, Any] = {}
    if isinstance(field.get("description"), str):
        annotations["description"] = field["description"]
    if isinstance(field.get("name"), str):
        annotations["extend:name"] = field["name"]
    return annotations


def _property(field: dict[str, Any], path: str, *, in_array: bool = False) -> dict[str, Any]:
    kind = field.get("type")
    extra = _annotations(field)
    nullable = (lambda name: name) if in_array else (lambda name: [name, "null"])
    if kind in _PRIMITIVE:
        return {"type": nullable(_PRIMITIVE[kind]), **extra}
    if kind == "date":
        return {"type": nullable("string"), "extend:type": "date", **extra}
    if kind == "currency":
        return {
            "type": "object",
            "extend:type": "currency",
            "properties": {
                "amount": {"type": ["number", "null"]},
                "iso_4217_currency_code": {"type": ["string", "null"]},
            },
            **extra,
        }
    if kind == "signature":
        return {
            "type": "object",
            "extend:type": "signature",
            "properties": {
                "printed_name": {"type": ["string", "null"]},
                "signature_date": {"type": ["string", "null"], "extend:type": "date"},
                "is_signed": {"type": ["boolean", "null"]},
                "title_or_role": {"type": ["string", "null"]},
            },
            **extra,
        }
    if kind == "enum":
        return _enum(field, path, extra)
    if kind in ("object", "array"):
        children = field.get("schema")
        if not isinstance(children, list) or not children:
            raise InvalidRequest(
                f"a field of type {kind} needs a schema list of its fields", path=f"{path}.schema"
            )
        inner = fields_to_schema(children, f"{path}.schema")
        if kind == "object":
            return {**inner, **extra}
        return {"type": "array", "items": inner, **extra}
    raise InvalidRequest(f"field type {kind!r} is not supported", path=f"{path}.type")


def _enum(field: dict[str, Any], path: str, extra: dict[str, Any]) -> dict[str, Any]:
    options = field.get("enum")
    if not isinstance(options, list) or not options:
        raise InvalidRequest("an enum field needs enum options", path=f"{path}.enum")
    values: list[str] = []
    descriptions: list[str] = []
    for index, option in enumerate(options):
        value = option.get("value") if isinstance(option, dict) else option
        if not isinstance(value, str):
            raise InvalidRequest("an enum option needs a string value", path=f"{path}.enum[{index}].value")
        values.append(value)
        description = option.get("description") if isinstance(option, dict) else None
        descriptions.append(description if isinstance(description, str) else "")
    return {"enum": [*values, None], "extend:descriptions": descriptions, **extra}
