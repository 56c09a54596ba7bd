"""The embedded extractor: a JSON-schema config over a parsed Document to Extend's output `{value, metadata}`,
offline and without a language model; an optional model provider fills the fields it is unsure of."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from pagemill.processors.document import Document
from pagemill.processors.extract.citations import citations_for
from pagemill.processors.extract.confidence import confidence
from pagemill.processors.extract.date_order import day_first
from pagemill.processors.extract.fields import Field, fields_of, render_path
from pagemill.processors.extract.found import Found
from pagemill.processors.extract.layout import Layout, read_layout
from pagemill.processors.extract.matching import find_by_label
from pagemill.processors.extract.provider_fill import fill_with_provider
from pagemill.processors.extract.roles import locator_for, pattern_only, prefers_layout
from pagemill.processors.extract.semantic import LabelIndex
from pagemill.processors.extract.shape import blank, place
from pagemill.processors.extract.tables import find_table_items
from pagemill.processors.extract.us_legal import is_us_legal_text
from pagemill.processors.values import ValueHints

# A locator that knows where documents put a value beats a weak label ("Total" printed twice on a receipt).
ROLE_FIRST_BELOW = 0.96
UNSURE_BELOW = 0.6


@dataclass
class ExtractResult:
    value: dict[str, Any]
    metadata: dict[str, dict[str, Any]]
    usage: dict[str, Any]
    seconds: float = 0.0
    unsure: list[str] = field(default_factory=list)

    def output(self) -> dict[str, Any]:
        """Extend's ExtractOutputJson."""
        return {"value": self.value, "metadata": self.metadata}


def extract(
    document: Document, config: dict[str, Any], *, provider: Any = None, hints: ValueHints | None = None
) -> ExtractResult:
    """Fill `config["schema"]` from `document`. A `provider` (ModelProvider) is asked for unsure fields."""
    started = time.perf_counter()
    schema = config["schema"]
    layout = read_layout(document)
    hints = hints or _document_hints(layout)
    value = blank(schema)
    fields = list(fields_of(schema))
    found = {item.path: result for item in fields if (result := _find(item, layout, document, hints))}
    missing = [item for item in fields if item.path not in found and not item.is_list]
    found.update(LabelIndex(layout).find(missing, hints))
    usage: dict[str, Any] = {"credits": 0.0, "totalCredits": 0.0, "breakdown": None}
    if provider is not None:
        unsure = [
            item for item in fields if item.path not in found or confidence(found[item.path]) < UNSURE_BELOW
        ]
        found.update(fill_with_provider(provider, unsure, layout, config, hints, usage))
    metadata: dict[str, dict[str, Any]] = {}
    citations_on = (config.get("advancedOptions") or {}).get("citationsEnabled", True)
    per_property = (config.get("advancedOptions") or {}).get("arrayCitationStrategy") == "property"
    for item in fields:
        result = found.get(item.path)
        if result is None:
            continue
        place(value, item.path, result.value)
        metadata.update(_metadata(item, result, layout, citations_on=citations_on, per_property=per_property))
    unsure_paths = [
        render_path(item.path)
        for item in fields
        if item.path not in found or confidence(found[item.path]) < UNSURE_BELOW
    ]
    return ExtractResult(value, metadata, usage, time.perf_counter() - started, unsure_paths)


def _document_hints(layout: Layout) -> ValueHints:
    """The document's own date order; failing that, a US legal text writes the month first."""
    order = day_first(layout)
    if order is None and is_us_legal_text(layout):
        return ValueHints(locale="en_US")
    return ValueHints(day_first=order)


def _find(item: Field, layout: Layout, document: Document, hints: ValueHints) -> Found | None:
    locator = locator_for(item)
    if item.is_list and "properties" in item.item_schema:
        return find_table_items(item, document, hints)
    if item.is_list:
        return locator(item, layout, hints) if locator else None
    if locator is not None and prefers_layout(item) and (located := locator(item, layout, hints)) is not None:
        return located
    if pattern_only(item):
        return None
    labelled = find_by_label(item, layout, hints)
    if locator is None or (labelled is not None and labelled.evidence >= ROLE_FIRST_BELOW):
        return labelled
    located = locator(item, layout, hints)
    if located is None or (labelled is not None and labelled.evidence > located.evidence):
        return labelled
    return located


def _metadata(
    item: Field, result: Found, layout: Layout, *, citations_on: bool, per_property: bool
) -> dict[str, dict[str, Any]]:
    path = render_path(item.path)
    entries = {path: _entry(result, layout, citations_on)}
    for index, element in enumerate(result.items):
        item_path = (*item.path, index)
        entries[render_path(item_path)] = _entry(element, layout, citations_on)
        if per_property and isinstance(element.value, dict):
            for key in element.value:
                entries[render_path((*item_path, key))] = _entry(element, layout, citations_on)
    return entries


def _entry(result: Found, layout: Layout, citations_on: bool) -> dict[str, Any]:
    return {
        "confidence": confidence(result),
        "ocrConfidence": round(result.ocr_confidence, 3),
        "logprobsConfidence": None,
        "reviewAgentScore": None,
        "citations": citations_for(result.lines, layout, result.reference_text) if citations_on else [],
        "insights": [],
    }
