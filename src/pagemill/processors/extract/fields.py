"""The schema as a list of fields to look for: each with output path, schema and the words naming it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pagemill.processors.values import primary_type

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@dataclass(frozen=True)
class Field:
    """A value the extractor fills: a primitive, an enum, a currency or signature object, or an array."""

    path: tuple[str | int, ...]
    key: str
    schema: dict[str, Any]
    label: str  # the field's name in words: "invoice_number" -> "invoice number"
    description: str

    @property
    def query(self) -> str:
        return f"{self.label}. {self.description}".strip(". ") if self.description else self.label

    @property
    def kind(self) -> str:
        """One of string, number, integer, boolean, date, currency, signature, enum, array, object."""
        if "enum" in self.schema:
            return "enum"
        extend_type = self.schema.get("extend:type")
        if extend_type in ("date", "currency", "signature"):
            return str(extend_type)
        return primary_type(self.schema) or "string"

    @property
    def is_list(self) -> bool:
        return self.kind == "array"

    @property
    def item_schema(self) -> dict[str, Any]:
        items = self.schema.get("items")
        return items if isinstance(items, dict) else {}


def words_of(key: str) -> str:
    return " ".join(_CAMEL.sub(" ", key).replace("_", " ").replace("-", " ").split()).lower()


def fields_of(schema: dict[str, Any], path: tuple[str | int, ...] = ()) -> Iterator[Field]:
    """The fields of an object schema; plain nested objects are walked, custom-typed objects are one field."""
    for key, child in schema.get("properties", {}).items():
        child_path = (*path, key)
        is_plain_object = (
            primary_type(child) == "object" and "enum" not in child and child.get("extend:type") is None
        )
        if is_plain_object:
            yield from fields_of(child, child_path)
            continue
        label = words_of(child.get("extend:name") or key)
        yield Field(child_path, key, child, label, str(child.get("description") or ""))


def render_path(path: tuple[str | int, ...]) -> str:
    """Extend's metadata key: `a.b`, `items[0].price`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
