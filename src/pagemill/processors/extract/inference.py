"""A schema for a run given no schema: its printed labels ("Invoice No: 42") as string fields."""

from __future__ import annotations

import re
from typing import Any

from pagemill.processors.document import Document
from pagemill.processors.extract.layout import read_layout
from pagemill.processors.extract.schema_rules import normalise_schema

MAX_FIELDS = 40
_LABELLED = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 ./#&()-]{1,40}?)\s*:\s*\S")
_NOT_KEY = re.compile(r"[^a-z0-9]+")


def infer_schema(document: Document) -> dict[str, Any] | None:
    """String properties named after the labels printed before a colon; None when the document has none."""
    properties: dict[str, Any] = {}
    for line in read_layout(document).lines:
        found = _LABELLED.match(line.text)
        if found is None or len(found.group(1).split()) > 5:
            continue
        key = _NOT_KEY.sub("_", found.group(1).lower()).strip("_")[:60]
        if key and key not in properties:
            properties[key] = {"type": ["string", "null"], "extend:name": found.group(1).strip()}
        if len(properties) >= MAX_FIELDS:
            break
    return normalise_schema({"type": "object", "properties": properties}) if properties else None
