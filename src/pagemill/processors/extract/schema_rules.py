"""Extend's JSON-schema dialect for extraction: every rule checked with the field path of the first breach,
and the schema normalised as it is stored (every property required, `additionalProperties: false`)."""

from __future__ import annotations

import re
from typing import Any

from pagemill.errors import InvalidRequest

MAX_NESTING = 5
PRIMITIVES = frozenset({"string", "number", "integer", "boolean"})
CONTAINERS = frozenset({"object", "array"})
PROPERTY_KEY = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
UNSUPPORTED_KEYWORDS = (
    "anyOf",
    "oneOf",
    "allOf",
    "not",
    "$ref",
    "$defs",
    "definitions",
    "if",
    "then",
    "else",
    "const",
    "pattern",
    "patternProperties",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "dependentRequired",
    "dependentSchemas",
    "prefixItems",
    "contains",
)
CURRENCY_SHAPE = {"amount": "number", "iso_4217_currency_code": "string"}
SIGNATURE_SHAPE = {
    "printed_name": "string",
    "signature_date": "date",
    "is_signed": "boolean",
    "title_or_role": "string",
}
EXTEND_TYPES = ("date", "currency", "signature")


def normalise_schema(schema: Any, path: str = "schema") -> dict[str, Any]:
    """An extraction schema in its stored form; raises `InvalidRequest` at the breach's path."""
    if not isinstance(schema, dict):
        raise InvalidRequest("schema must be a JSON object", path=path)
    if schema.get("type") != "object":
        raise InvalidRequest(
            'the root of the schema must be {"type": "object"} (not nullable)', path=f"{path}.type"
        )
    if "extend:type" in schema:
        raise InvalidRequest("the root of the schema cannot have an extend:type", path=f"{path}.extend:type")
    return _object(schema, path, depth=0)


def _reject_unsupported(node: dict[str, Any], path: str) -> None:
    for keyword in UNSUPPORTED_KEYWORDS:
        if keyword in node:
            raise InvalidRequest(
                f"the keyword {keyword!r} is not supported in extraction schemas", path=f"{path}.{keyword}"
            )


def _declared_types(node: dict[str, Any], path: str) -> list[str]:
    declared = node.get("type")
    if declared is None:
        raise InvalidRequest("every property needs a type (or an enum)", path=f"{path}.type")
    types = [declared] if isinstance(declared, str) else declared
    if not isinstance(types, list) or not types or not all(isinstance(t, str) for t in types):
        raise InvalidRequest("type must be a type name or a list of type names", path=f"{path}.type")
    unknown = [t for t in types if t not in PRIMITIVES | CONTAINERS | {"null"}]
    if unknown:
        raise InvalidRequest(
            f"type {unknown[0]!r} is not supported; use string, number, integer, boolean, object or array",
            path=f"{path}.type",
        )
    if len(set(types)) != len(types):
        raise InvalidRequest("type lists a type twice", path=f"{path}.type")
    return types


def _node(node: Any, path: str, *, depth: int, in_array: bool) -> dict[str, Any]:
    if not isinstance(node, dict):
        raise InvalidRequest("a property's schema must be a JSON object", path=path)
    _reject_unsupported(node, path)
    _check_annotations(node, path)
    if "enum" in node:
        if in_array:
            raise InvalidRequest(
                "enums are not allowed as array items; use an array of objects with an enum property",
                path=f"{path}.enum",
            )
        return _enum(node, path)
    types = _declared_types(node, path)
    concrete = [t for t in types if t != "null"]
    if len(concrete) != 1:
        raise InvalidRequest("a property has exactly one type besides null", path=f"{path}.type")
    kind, nullable = concrete[0], "null" in types
    extend_type = node.get("extend:type")
    if extend_type is not None and extend_type not in EXTEND_TYPES:
        raise InvalidRequest(
            f"extend:type {extend_type!r} is not supported; use one of {', '.join(EXTEND_TYPES)}",
            path=f"{path}.extend:type",
        )
    if kind in CONTAINERS:
        if nullable:
            raise InvalidRequest(f'{kind}s cannot be nullable; use "type": "{kind}"', path=f"{path}.type")
        if depth >= MAX_NESTING:
            raise InvalidRequest(
                f"schemas nest at most {MAX_NESTING} levels of objects and arrays", path=path
            )
        if kind == "array":
            return _array(node, path, depth=depth + 1)
        if extend_type in ("currency", "signature"):
            _check_custom_object(node, path, extend_type)
        elif extend_type is not None:
            raise InvalidRequest(
                f"extend:type {extend_type!r} applies to strings", path=f"{path}.extend:type"
            )
        return _object(node, path, depth=depth + 1)
    if in_array and nullable:
        raise InvalidRequest(f'array items cannot be nullable; use "type": "{kind}"', path=f"{path}.type")
    if not in_array and not nullable:
        raise InvalidRequest(
            f'primitive properties must be nullable; use "type": ["{kind}", "null"]', path=f"{path}.type"
        )
    if extend_type is not None and (extend_type != "date" or kind != "string"):
        raise InvalidRequest(
            f"extend:type {extend_type!r} needs a "
            + ("string" if extend_type == "date" else "object")
            + " property",
            path=f"{path}.extend:type",
        )
    if "properties" in node or "items" in node:
        raise InvalidRequest(f"a {kind} property cannot have properties or items", path=path)
    return dict(node)


def _check_annotations(node: dict[str, Any], path: str) -> None:
    for key in ("description", "extend:name", "title"):
        if key in node and not isinstance(node[key], str):
            raise InvalidRequest(f"{key} must be a string", path=f"{path}.{key}")


def _enum(node: dict[str, Any], path: str) -> dict[str, Any]:
    values = node["enum"]
    if not isinstance(values, list) or not values:
        raise InvalidRequest("enum must be a non-empty list", path=f"{path}.enum")
    for index, value in enumerate(values):
        if value is not None and not isinstance(value, str):
            raise InvalidRequest("enum values must be strings (plus null)", path=f"{path}.enum[{index}]")
    if None not in values:
        raise InvalidRequest('enums must include null, e.g. "enum": ["a", "b", null]', path=f"{path}.enum")
    options = [value for value in values if value is not None]
    if not options:
        raise InvalidRequest("enum needs at least one string value", path=f"{path}.enum")
    if len(set(options)) != len(options) or values.count(None) > 1:
        raise InvalidRequest("enum lists a value twice", path=f"{path}.enum")
    if "type" in node:
        types = _declared_types(node, path)
        if set(types) - {"string", "null"}:
            raise InvalidRequest("an enum's type can only be string (and null)", path=f"{path}.type")
    descriptions = node.get("extend:descriptions")
    if descriptions is not None and (
        not isinstance(descriptions, list)
        or len(descriptions) != len(options)
        or not all(isinstance(text, str) for text in descriptions)
    ):
        raise InvalidRequest(
            "extend:descriptions needs one string per non-null enum value", path=f"{path}.extend:descriptions"
        )
    return dict(node)


def _array(node: dict[str, Any], path: str, *, depth: int) -> dict[str, Any]:
    if node.get("extend:type") is not None:
        raise InvalidRequest("arrays cannot have an extend:type", path=f"{path}.extend:type")
    if "items" not in node:
        raise InvalidRequest("an array needs items", path=f"{path}.items")
    normalised = dict(node)
    normalised["items"] = _node(node["items"], f"{path}.items", depth=depth, in_array=True)
    return normalised


def _object(node: dict[str, Any], path: str, *, depth: int) -> dict[str, Any]:
    _reject_unsupported(node, path)
    properties = node.get("properties")
    if not isinstance(properties, dict) or not properties:
        raise InvalidRequest("an object needs at least one property", path=f"{path}.properties")
    additional = node.get("additionalProperties", False)
    if additional is not False:
        raise InvalidRequest("additionalProperties must be false", path=f"{path}.additionalProperties")
    required = node.get("required", [])
    if not isinstance(required, list) or not all(isinstance(name, str) for name in required):
        raise InvalidRequest("required must be a list of property names", path=f"{path}.required")
    for index, name in enumerate(required):
        if name not in properties:
            raise InvalidRequest(
                f"required names {name!r}, which is not a property", path=f"{path}.required[{index}]"
            )
    normalised_properties: dict[str, Any] = {}
    for key, child in properties.items():
        child_path = f"{path}.properties.{key}"
        if not PROPERTY_KEY.match(key):
            raise InvalidRequest(
                "property names use only letters, digits, _ and - (at most 100)", path=child_path
            )
        normalised_properties[key] = _node(child, child_path, depth=depth, in_array=False)
    normalised = dict(node)
    normalised["properties"] = normalised_properties
    normalised["required"] = list(properties)
    normalised["additionalProperties"] = False
    return normalised


def _check_custom_object(node: dict[str, Any], path: str, extend_type: str) -> None:
    shape = CURRENCY_SHAPE if extend_type == "currency" else SIGNATURE_SHAPE
    properties = node.get("properties")
    if not isinstance(properties, dict) or set(properties) != set(shape):
        raise InvalidRequest(
            f"an extend:type {extend_type} object has exactly the properties {', '.join(shape)}",
            path=f"{path}.properties",
        )
    for key, expected in shape.items():
        child = properties[key]
        kind = "string" if expected == "date" else expected
        declared = child.get("type") if isinstance(child, dict) else None
        declared_set = {declared} if isinstance(declared, str) else set(declared or [])
        if declared_set != {kind, "null"}:
            raise InvalidRequest(
                f'{key} must be {{"type": ["{kind}", "null"]}}', path=f"{path}.properties.{key}.type"
            )
