"""Extend's extract config (ExtractConfigJson): validated with field paths, normalised as stored.

Also the `extractor` kind of saved processors, whose drafts and versions hold these configs.
"""

from __future__ import annotations

from typing import Any

from pagemill.errors import InvalidRequest
from pagemill.processors.extract.legacy import fields_to_schema
from pagemill.processors.extract.schema_rules import normalise_schema
from pagemill.processors.parse import load_parse_config
from pagemill.saved_processors.kinds import ProcessorKind

BASE_PROCESSORS = ("extraction_performance", "extraction_light", "extraction_operator")
DEFAULT_BASE_PROCESSOR = "extraction_performance"
CONFIG_KEYS = ("baseProcessor", "baseVersion", "extractionRules", "schema", "advancedOptions", "parseConfig")

_ENUM_OPTIONS: dict[str, tuple[str, ...]] = {
    "citationMode": ("line", "word", "block"),
    "arrayCitationStrategy": ("item", "property"),
    "excelSheetSelectionStrategy": ("intelligent", "all", "first", "last"),
}
_BOOLEAN_OPTIONS = (
    "modelReasoningInsightsEnabled",
    "advancedMultimodalEnabled",
    "citationsEnabled",
    "currentDateEnabled",
)
_CHUNKING_ENUMS: dict[str, tuple[str, ...]] = {
    "chunkingStrategy": ("standard", "semantic", "contextual"),
    "chunkSelectionStrategy": ("intelligent", "confidence", "take_first", "take_last"),
}
_ARRAY_STRATEGIES = ("large_array_heuristics", "large_array_max_context", "large_array_overlap_context")


def load_extract_config(data: Any, path: str = "config", *, schema_required: bool = True) -> dict[str, Any]:
    """A request's extract config in its stored form: every key present (null when not given), the schema
    normalised, a legacy `fields` array converted to a schema. Raises `InvalidRequest` with the field path."""
    data = _object(data, path)
    if "fields" in data and data.get("schema") is None:
        data = {**data, "schema": fields_to_schema(data["fields"], f"{path}.fields")}
    if data.get("schema") is None and schema_required:
        raise InvalidRequest("schema is required", path=f"{path}.schema")
    return _normalise(data, path, base_default=DEFAULT_BASE_PROCESSOR)


def load_extract_override(data: Any, path: str) -> dict[str, Any]:
    """A partial config (ExtractOverrideConfigJson): only the keys given, validated like a full config."""
    data = _object(data, path)
    normalised = _normalise(data, path, base_default=None)
    return {key: value for key, value in normalised.items() if value is not None}


def merge_override(config: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` over a stored config; `advancedOptions` merge key by key, everything else replaces."""
    merged = dict(config)
    for key, value in override.items():
        if key == "advancedOptions" and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _object(data: Any, path: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InvalidRequest("config must be a JSON object", path=path)
    return {key: value for key, value in data.items() if value is not None}


def _normalise(data: dict[str, Any], path: str, *, base_default: str | None) -> dict[str, Any]:
    base = data.get("baseProcessor", base_default)
    if base is not None and base not in BASE_PROCESSORS:
        raise InvalidRequest(
            f"baseProcessor must be one of {', '.join(BASE_PROCESSORS)}", path=f"{path}.baseProcessor"
        )
    for key in ("baseVersion", "extractionRules"):
        if key in data and not isinstance(data[key], str):
            raise InvalidRequest(f"{key} must be a string", path=f"{path}.{key}")
    schema = data.get("schema")
    parse_config = data.get("parseConfig")
    if parse_config is not None:
        load_parse_config(parse_config, path=f"{path}.parseConfig")
    options = data.get("advancedOptions")
    return {
        "baseProcessor": base,
        "baseVersion": data.get("baseVersion"),
        "extractionRules": data.get("extractionRules"),
        "schema": normalise_schema(schema, f"{path}.schema") if schema is not None else None,
        "advancedOptions": _advanced_options(options, f"{path}.advancedOptions")
        if options is not None
        else None,
        "parseConfig": parse_config,
    }


def _advanced_options(options: Any, path: str) -> dict[str, Any]:
    options = _object(options, path)
    for key in _BOOLEAN_OPTIONS:
        if key in options and not isinstance(options[key], bool):
            raise InvalidRequest(f"{key} must be a boolean", path=f"{path}.{key}")
    for key, allowed in _ENUM_OPTIONS.items():
        if key in options and options[key] not in allowed:
            raise InvalidRequest(f"{key} must be one of {', '.join(allowed)}", path=f"{path}.{key}")
    if "arrayStrategy" in options:
        strategy = _object(options["arrayStrategy"], f"{path}.arrayStrategy")
        if strategy.get("type") not in _ARRAY_STRATEGIES:
            raise InvalidRequest(
                f"type must be one of {', '.join(_ARRAY_STRATEGIES)}", path=f"{path}.arrayStrategy.type"
            )
    if "chunkingOptions" in options:
        _chunking(options["chunkingOptions"], f"{path}.chunkingOptions")
    if "reviewAgent" in options:
        agent = _object(options["reviewAgent"], f"{path}.reviewAgent")
        if not isinstance(agent.get("enabled", False), bool):
            raise InvalidRequest("enabled must be a boolean", path=f"{path}.reviewAgent.enabled")
    for key in ("pageRanges", "excelSheetRanges"):
        if key in options:
            _ranges(options[key], f"{path}.{key}", minimum=1 if key == "pageRanges" else 0)
    return options


def _chunking(value: Any, path: str) -> None:
    chunking = _object(value, path)
    for key, allowed in _CHUNKING_ENUMS.items():
        if key in chunking and chunking[key] not in allowed:
            raise InvalidRequest(f"{key} must be one of {', '.join(allowed)}", path=f"{path}.{key}")
    size = chunking.get("pageChunkSize")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 1):
        raise InvalidRequest("pageChunkSize must be a positive integer", path=f"{path}.pageChunkSize")


def _ranges(value: Any, path: str, *, minimum: int) -> None:
    if not isinstance(value, list):
        raise InvalidRequest("must be a list of {start, end} ranges", path=path)
    for index, item in enumerate(value):
        start, end = (item.get("start"), item.get("end")) if isinstance(item, dict) else (None, None)
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)):
            raise InvalidRequest("a range needs integer start and end", path=f"{path}[{index}]")
        if start < minimum or end < start:  # type: ignore[operator]
            raise InvalidRequest(f"a range needs {minimum} <= start <= end", path=f"{path}[{index}]")


EXTRACTOR = ProcessorKind(
    name="extractor",
    collection="extractors",
    id_prefix="ex",
    version_prefix="exv",
    clone_field="cloneExtractorId",
    load_config=lambda data, path: load_extract_config(data, path),
)
