"""Classification configs (Extend §C6): validated with field paths and normalised as stored and echoed.

The split config (`processors/split/config.py`) shares the building blocks here: the classification list,
page ranges, override merging and the embedded parse config.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pagemill.errors import InvalidRequest
from pagemill.processors.parse import load_parse_config
from pagemill.saved_processors.kinds import ProcessorKind

CLASSIFY_BASE_PROCESSORS = ("classification_standard", "classification_performance", "classification_light")
CONTEXTS = ("default", "max")
_CAMEL = re.compile(r"_([a-z0-9])")


def camel_keys(data: dict[str, Any]) -> dict[str, Any]:
    """`snake_case` keys as the camelCase the wire uses (the SDK sends camelCase; raw callers may not)."""
    return {_CAMEL.sub(lambda match: match.group(1).upper(), key): value for key, value in data.items()}


def require_object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidRequest("must be an object", path=path)
    return camel_keys({key: item for key, item in value.items() if item is not None})


def optional_text(data: dict[str, Any], key: str, path: str, out: dict[str, Any]) -> None:
    if key in data:
        if not isinstance(data[key], str):
            raise InvalidRequest("must be a string", path=f"{path}.{key}")
        out[key] = data[key]


def optional_flags(data: dict[str, Any], keys: Iterable[str], path: str, out: dict[str, Any]) -> None:
    for key in keys:
        if key in data:
            if not isinstance(data[key], bool):
                raise InvalidRequest("must be a boolean", path=f"{path}.{key}")
            out[key] = data[key]


def choice(
    data: dict[str, Any], key: str, allowed: tuple[str, ...], default: str | None, path: str
) -> str | None:
    value = data.get(key, default)
    if value is not None and value not in allowed:
        raise InvalidRequest(f"must be one of {', '.join(allowed)}", path=f"{path}.{key}")
    return value


def load_classifications(
    items: Any, path: str, *, extra_text_keys: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """`[{id, type, description}]`: at least one, ids unique, every text non-empty."""
    if not isinstance(items, list) or not items:
        raise InvalidRequest("must be a non-empty array of classifications", path=path)
    seen: set[str] = set()
    loaded: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        where = f"{path}[{index}]"
        entry = require_object(item, where)
        out: dict[str, Any] = {}
        for key in ("id", "type", "description"):
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                raise InvalidRequest(
                    f"{key} is required and must be a non-empty string", path=f"{where}.{key}"
                )
            out[key] = value.strip() if key != "description" else value
        if out["id"] in seen:
            raise InvalidRequest(f"duplicate classification id {out['id']!r}", path=f"{where}.id")
        seen.add(out["id"])
        for key in extra_text_keys:
            optional_text(entry, key, where, out)
        loaded.append(out)
    return loaded


def load_page_ranges(value: Any, path: str) -> list[dict[str, int]]:
    """`[{start, end}]`, 1-based and inclusive, start ≤ end."""
    if not isinstance(value, list):
        raise InvalidRequest("must be an array of {start, end}", path=path)
    ranges = []
    for index, item in enumerate(value):
        where = f"{path}[{index}]"
        entry = require_object(item, where)
        start, end = entry.get("start"), entry.get("end")
        for key, number in (("start", start), ("end", end)):
            if not isinstance(number, int) or isinstance(number, bool) or number < 1:
                raise InvalidRequest("must be an integer of at least 1", path=f"{where}.{key}")
        if start > end:
            raise InvalidRequest("start must not be after end", path=f"{where}.start")
        ranges.append({"start": start, "end": end})
    return ranges


def load_parse_section(data: dict[str, Any], path: str, out: dict[str, Any]) -> None:
    if "parseConfig" in data:
        out["parseConfig"] = load_parse_config(data["parseConfig"], path=f"{path}.parseConfig").to_wire()


def merge_override(base: dict[str, Any], override: dict[str, Any] | None, path: str) -> dict[str, Any]:
    """A saved config with a partial override on top: top-level keys replace, `advancedOptions` merges."""
    if override is None:
        return dict(base)
    patch = require_object(override, path)
    merged = {**base, **patch}
    if isinstance(base.get("advancedOptions"), dict) and isinstance(patch.get("advancedOptions"), dict):
        merged["advancedOptions"] = {**base["advancedOptions"], **camel_keys(patch["advancedOptions"])}
    return merged


def _load_classify_options(value: Any, path: str) -> dict[str, Any]:
    data = require_object(value, path)
    out: dict[str, Any] = {}
    context = choice(data, "context", CONTEXTS, None, path)
    if context is not None:
        out["context"] = context
    optional_flags(data, ("advancedMultimodalEnabled", "memoryEnabled"), path, out)
    if "pageRanges" in data:
        out["pageRanges"] = load_page_ranges(data["pageRanges"], f"{path}.pageRanges")
    return out


def load_classify_config(data: dict[str, Any] | None, path: str = "config") -> dict[str, Any]:
    """A ClassifyConfig from request JSON, normalised (camelCase, defaults filled, nulls dropped)."""
    config = require_object(data if data is not None else {}, path)
    if "classifications" not in config:
        raise InvalidRequest("classifications is required", path=f"{path}.classifications")
    out: dict[str, Any] = {
        "baseProcessor": choice(
            config, "baseProcessor", CLASSIFY_BASE_PROCESSORS, CLASSIFY_BASE_PROCESSORS[0], path
        ),
        "classifications": load_classifications(config["classifications"], f"{path}.classifications"),
    }
    optional_text(config, "baseVersion", path, out)
    optional_text(config, "classificationRules", path, out)
    if "advancedOptions" in config:
        out["advancedOptions"] = _load_classify_options(config["advancedOptions"], f"{path}.advancedOptions")
    load_parse_section(config, path, out)
    return out


CLASSIFIER = ProcessorKind(
    name="classifier",
    collection="classifiers",
    id_prefix="cl",
    version_prefix="clv",
    clone_field="cloneClassifierId",
    load_config=load_classify_config,
)
