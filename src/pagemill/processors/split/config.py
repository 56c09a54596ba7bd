"""Split configs (Extend §C7): validated with field paths and normalised as stored and echoed."""

from __future__ import annotations

from typing import Any

from pagemill.errors import InvalidRequest
from pagemill.processors.classify.config import (
    choice,
    load_classifications,
    load_page_ranges,
    load_parse_section,
    optional_flags,
    optional_text,
    require_object,
)
from pagemill.saved_processors.kinds import ProcessorKind

SPLIT_BASE_PROCESSORS = ("splitting_performance", "splitting_light")
SPLIT_METHODS = ("high_precision", "basic_precision")
_SPLIT_FLAGS = ("splitExcelDocumentsBySheetEnabled", "pageOverlapEnabled", "strictIdentifierModeEnabled")


def _load_split_options(value: Any, path: str) -> dict[str, Any]:
    data = require_object(value, path)
    out: dict[str, Any] = {}
    optional_text(data, "splitIdentifierRules", path, out)
    method = choice(data, "splitMethod", SPLIT_METHODS, None, path)
    if method is not None:
        out["splitMethod"] = method
    optional_flags(data, _SPLIT_FLAGS, path, out)
    if "pageRanges" in data:
        out["pageRanges"] = load_page_ranges(data["pageRanges"], f"{path}.pageRanges")
    return out


def load_split_config(data: dict[str, Any] | None, path: str = "config") -> dict[str, Any]:
    """A SplitConfig from request JSON, normalised (camelCase, defaults filled, nulls dropped)."""
    config = require_object(data if data is not None else {}, path)
    if "splitClassifications" not in config:
        raise InvalidRequest("splitClassifications is required", path=f"{path}.splitClassifications")
    out: dict[str, Any] = {
        "baseProcessor": choice(
            config, "baseProcessor", SPLIT_BASE_PROCESSORS, SPLIT_BASE_PROCESSORS[0], path
        ),
        "splitClassifications": load_classifications(
            config["splitClassifications"], f"{path}.splitClassifications", extra_text_keys=("identifierKey",)
        ),
    }
    optional_text(config, "baseVersion", path, out)
    optional_text(config, "splitRules", path, out)
    if "advancedOptions" in config:
        out["advancedOptions"] = _load_split_options(config["advancedOptions"], f"{path}.advancedOptions")
    load_parse_section(config, path, out)
    return out


SPLITTER = ProcessorKind(
    name="splitter",
    collection="splitters",
    id_prefix="spl",
    version_prefix="splv",
    clone_field="cloneSplitterId",
    load_config=load_split_config,
)
