"""The output value in exactly the schema's shape: every key present, null (or []) where nothing was found."""

from __future__ import annotations

from typing import Any

from pagemill.processors.values import primary_type


def blank(schema: dict[str, Any]) -> Any:
    if "enum" in schema:
        return None
    kind = primary_type(schema)
    if kind == "object":
        return {key: blank(child) for key, child in schema.get("properties", {}).items()}
    if kind == "array":
        return []
    return None


def place(value: dict[str, Any], path: tuple[str | int, ...], item: Any) -> None:
    target: Any = value
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = item
