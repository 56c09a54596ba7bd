"""Asking a language model (a `ModelProvider` of `pagemill.processors.models.providers`) for the fields the
embedded matcher is unsure of. A provider failure keeps the embedded values; it never fails the extraction."""

from __future__ import annotations

import logging
from typing import Any

from pagemill.processors.extract.fields import Field
from pagemill.processors.extract.found import Found
from pagemill.processors.extract.labels import normalise
from pagemill.processors.extract.layout import Layout, TextLine
from pagemill.processors.values import Quality, ValueHints, coerce

log = logging.getLogger(__name__)

MAX_DOCUMENT_CHARS = 12_000
MAX_OUTPUT_TOKENS = 1024
MODEL_EVIDENCE = 0.7
SYSTEM = (
    "You extract data from documents. Answer with JSON matching the schema. Use null for a value the "
    "document does not state; copy text values as printed; dates as YYYY-MM-DD."
)


def fill_with_provider(
    provider: Any,
    fields: list[Field],
    layout: Layout,
    config: dict[str, Any],
    hints: ValueHints,
    usage: dict[str, Any],
) -> dict[tuple[str | int, ...], Found]:
    """Values for `fields` from the provider, keyed by field path; `usage` gets the model's token counts."""
    top_level = {field.path[0]: field for field in fields}
    if not top_level:
        return {}
    schema = config["schema"]
    sub_schema = {
        "type": "object",
        "additionalProperties": False,
        "required": list(top_level),
        "properties": {str(key): schema["properties"][key] for key in top_level},
    }
    text = "\n".join(line.text for line in layout.lines)[:MAX_DOCUMENT_CHARS]
    rules = config.get("extractionRules") or ""
    try:
        completion = provider.complete_json(
            system=SYSTEM,
            prompt=f"{rules}\n\nDocument:\n{text}".strip(),
            schema=sub_schema,
            max_tokens=MAX_OUTPUT_TOKENS,
        )
    except Exception as error:  # a timed-out or misbehaving model leaves the embedded answer in place
        log.warning("model provider failed; keeping embedded values: %s", error)
        return {}
    tokens = getattr(completion, "usage", None) or {}
    usage["inputTokens"] = usage.get("inputTokens", 0) + int(tokens.get("inputTokens", 0))
    usage["outputTokens"] = usage.get("outputTokens", 0) + int(tokens.get("outputTokens", 0))
    answer = getattr(completion, "value", None) or {}
    found: dict[tuple[str | int, ...], Found] = {}
    for field in fields:
        raw: Any = answer
        for part in field.path:
            raw = raw.get(part) if isinstance(raw, dict) else None
        coerced = coerce(raw, field.schema, hints)
        if coerced.ok:
            source = _source_lines(layout, raw)
            found[field.path] = Found(
                coerced.value,
                source,
                MODEL_EVIDENCE,
                coerced.quality == Quality.EXACT,
                str(raw) if not isinstance(raw, (dict, list)) else "",
                "model",
            )
    return found


def _source_lines(layout: Layout, raw: Any) -> list[TextLine]:
    if not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
        return []
    wanted = normalise(str(raw))
    if not wanted:
        return []
    return [line for line in layout.lines if wanted in normalise(line.text)][:1]
