"""EXTRACT, CLASSIFY and SPLIT configs: a saved processor reference XOR an inline config.

CLASSIFY and SPLIT route by classification `id`, so their routes are the ids of the referenced version's
config or of the inline config; that is also why their references cannot float on "latest".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pagemill.workflows.catalog import ProcessorKindName
from pagemill.workflows.shapes import ConfigContext, Routes, items_of, unique_ids

LATEST = "latest"


@dataclass(frozen=True)
class ProcessorSlot:
    kind: ProcessorKindName
    reference_key: str  # "classifier"
    inline_key: str  # "classifierConfig"
    classifications_key: str | None  # "classifications"; None for extractors

    @property
    def pins_version(self) -> bool:
        return self.classifications_key is not None


EXTRACTOR = ProcessorSlot("extractor", "extractor", "extractorConfig", None)
CLASSIFIER = ProcessorSlot("classifier", "classifier", "classifierConfig", "classifications")
SPLITTER = ProcessorSlot("splitter", "splitter", "splitterConfig", "splitClassifications")


def check_processor_config(
    slot: ProcessorSlot, config: dict[str, Any], path: str, context: ConfigContext
) -> Routes:
    reference, inline = config.get(slot.reference_key), config.get(slot.inline_key)
    if (reference is None) == (inline is None):
        problem = "both" if reference is not None else "neither"
        context.problems.add(
            path,
            f"needs exactly one of `{slot.reference_key}` (a saved {slot.kind}) or `{slot.inline_key}` "
            f"(an inline config); got {problem}",
        )
        return None
    if reference is not None:
        found = check_reference(slot, reference, f"{path}.{slot.reference_key}", context)
        if found is None or slot.classifications_key is None:
            return None
        return frozenset(
            item["id"]
            for item in found.get(slot.classifications_key) or []
            if isinstance(item, dict) and isinstance(item.get("id"), str)
        )
    return _check_inline(slot, inline, f"{path}.{slot.inline_key}", context)


def check_reference(
    slot: ProcessorSlot, reference: Any, path: str, context: ConfigContext
) -> dict[str, Any] | None:
    """Check `{id, version}` and look it up; the referenced version's config, or None after a problem."""
    problems = context.problems
    if not isinstance(reference, dict):
        problems.add(path, "must be an object {id, version}")
        return None
    processor_id, version = reference.get("id"), reference.get("version")
    allowed = '"draft" or a version number such as "0.1"'
    if not slot.pins_version:
        allowed = '"latest", ' + allowed
    if not isinstance(processor_id, str) or not processor_id:
        problems.add(f"{path}.id", f"is required: the id of a saved {slot.kind}")
    if not isinstance(version, str) or not version:
        problems.add(f"{path}.version", f"is required: an explicit version, {allowed}")
        return None
    if slot.pins_version and version == LATEST:
        problems.add(
            f"{path}.version",
            f'"latest" is not allowed: routing by classificationId needs a pinned version, {allowed}',
        )
        return None
    if not isinstance(processor_id, str) or not processor_id:
        return None
    found = context.catalog.config_of(slot.kind, processor_id, version)
    if found is None:
        problems.add(path, f"no {slot.kind} {processor_id!r} with version {version!r} in this workspace")
    return found


def _check_inline(slot: ProcessorSlot, inline: Any, path: str, context: ConfigContext) -> Routes:
    problems = context.problems
    if not isinstance(inline, dict):
        problems.add(path, "must be an object")
        return None
    if slot.classifications_key is None:
        if not isinstance(inline.get("schema"), dict):
            problems.add(f"{path}.schema", "is required in a workflow: a JSON Schema object")
        return None
    key = slot.classifications_key
    ids: list[tuple[str, str]] = []
    for index, item in enumerate(items_of(inline, key, path, problems, "classifications")):
        where = f"{path}.{key}[{index}]"
        if not isinstance(item, dict):
            problems.add(where, "must be an object {id, type, description}")
            continue
        for field in ("id", "type", "description"):
            if not isinstance(item.get(field), str) or (field != "description" and not item[field]):
                problems.add(f"{where}.{field}", "is required: a string")
        if isinstance(item.get("id"), str) and item["id"]:
            ids.append((f"{where}.id", item["id"]))
    return unique_ids(ids, problems, "classification")
