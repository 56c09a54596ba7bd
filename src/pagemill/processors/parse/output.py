"""A parsed `Document` to ParseRun.output: chunks by the requested strategy and size limits, OCR words and
lines
when `returnOcr` asks, and page metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pagemill.processors.document import HEADING_TYPES, Document, Line, Page
from pagemill.processors.parse.config import ChunkType, ParseConfig, Target
from pagemill.processors.parse.render import RenderOptions, spatial_text
from pagemill.processors.parse.wire_blocks import block_id, confidence_stats, wire_block, wire_box


@dataclass(slots=True)
class _Item:
    wire: dict[str, Any]
    page: int
    starts_section: bool
    confidences: list[float]

    @property
    def size(self) -> int:
        return len(self.wire["content"])


@dataclass(slots=True)
class _Chunk:
    items: list[_Item] = field(default_factory=list)
    pages: tuple[int, int] = (1, 1)
    text: str | None = None

    @property
    def size(self) -> int:
        return len(self.text) if self.text is not None else sum(item.size + 2 for item in self.items)


def build_output(document: Document, config: ParseConfig) -> dict[str, Any]:
    render = RenderOptions(
        config.block_options.tables.target_format,
        config.advanced_options.enrichment_format,
        config.block_options.key_value.blank_field_formatting_enabled,
    )
    tables = config.block_options.tables
    advanced = config.advanced_options
    items: list[_Item] = []
    for page in document.pages:
        for ordinal, block in enumerate(page.blocks):
            wire = wire_block(
                block,
                page,
                ordinal,
                render,
                cell_blocks=tables.cell_blocks_enabled,
                cell_metadata=advanced.excel_include_cell_metadata,
                cell_formatting=advanced.excel_include_cell_formatting,
            )
            confidences = [w.confidence for w in block.words()] if page.ocr_applied else []
            items.append(_Item(wire, page.number, block.type in HEADING_TYPES, confidences))
    strategy = config.chunking_strategy
    if config.target is Target.SPATIAL:
        chunks = _spatial_chunks(document, items, config)
    else:
        groups = _group(items, strategy.type, document)
        chunks = _sized(groups, strategy.options.min_characters, strategy.options.max_characters)
    output: dict[str, Any] = {
        "chunks": [_wire_chunk(chunk, strategy.type.value) for chunk in chunks],
        "ocr": _ocr(document, items, advanced.return_ocr.words, advanced.return_ocr.lines),
        "metadata": _metadata(document),
    }
    return output


def _group(items: list[_Item], kind: ChunkType, document: Document) -> list[_Chunk]:
    if kind is ChunkType.DOCUMENT:
        first = document.pages[0].number if document.pages else 1
        last = document.pages[-1].number if document.pages else 1
        return [_Chunk(items, (first, last))]
    if kind is ChunkType.PAGE:
        by_page: dict[int, list[_Item]] = {page.number: [] for page in document.pages}
        for item in items:
            by_page.setdefault(item.page, []).append(item)
        return [_Chunk(page_items, (number, number)) for number, page_items in by_page.items()]
    sections: list[_Chunk] = []
    for item in items:
        if not sections or (item.starts_section and sections[-1].items):
            sections.append(_Chunk([], (item.page, item.page)))
        sections[-1].items.append(item)
    for section in sections:
        section.pages = (section.items[0].page, section.items[-1].page)
    return sections or [_Chunk([], (1, 1))]


def _sized(groups: list[_Chunk], minimum: int | None, maximum: int | None) -> list[_Chunk]:
    chunks = [piece for group in groups for piece in _split(group, maximum)] if maximum else groups
    if not minimum:
        return chunks
    merged: list[_Chunk] = []
    for chunk in chunks:
        if (
            merged
            and merged[-1].size < minimum
            and (maximum is None or merged[-1].size + chunk.size <= maximum)
        ):
            merged[-1] = _Chunk(merged[-1].items + chunk.items, (merged[-1].pages[0], chunk.pages[1]))
        else:
            merged.append(chunk)
    return merged


def _split(group: _Chunk, maximum: int) -> list[_Chunk]:
    pieces: list[_Chunk] = []
    current: list[_Item] = []
    size = 0
    for item in (part for whole in group.items for part in _split_item(whole, maximum)):
        if current and size + item.size + 2 > maximum:
            pieces.append(_Chunk(current, (current[0].page, current[-1].page)))
            current, size = [], 0
        current.append(item)
        size += item.size + 2
    if current or not pieces:
        pieces.append(_Chunk(current, (current[0].page, current[-1].page) if current else group.pages))
    return pieces


def _split_item(item: _Item, maximum: int) -> list[_Item]:
    if item.size <= maximum:
        return [item]
    texts, current = [], ""
    for word in item.wire["content"].split(" "):
        if current and len(current) + 1 + len(word) > maximum:
            texts.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    texts.append(current)
    parts = []
    for index, text in enumerate(texts):
        wire = {**item.wire, "content": text, "id": block_id(item.page, index, item.wire["id"], text)}
        parts.append(_Item(wire, item.page, item.starts_section and index == 0, item.confidences))
    return parts


def _spatial_chunks(document: Document, items: list[_Item], config: ParseConfig) -> list[_Chunk]:
    grouping = config.advanced_options.vertical_grouping_threshold
    maximum = config.chunking_strategy.options.max_characters
    chunks = []
    for page in document.pages:
        page_items = [item for item in items if item.page == page.number]
        text = spatial_text(page, grouping)
        pieces = _split_lines(text, maximum) if maximum else [text]
        for index, piece in enumerate(pieces):
            chunks.append(_Chunk(page_items if index == 0 else [], (page.number, page.number), piece))
    return chunks


def _split_lines(text: str, maximum: int) -> list[str]:
    pieces: list[str] = [""]
    for line in text.split("\n"):
        if pieces[-1] and len(pieces[-1]) + 1 + len(line) > maximum:
            pieces.append(line)
        else:
            pieces[-1] = f"{pieces[-1]}\n{line}" if pieces[-1] else line
    return pieces


def _wire_chunk(chunk: _Chunk, kind: str) -> dict[str, Any]:
    content = (
        chunk.text
        if chunk.text is not None
        else "\n\n".join(item.wire["content"] for item in chunk.items if item.wire["content"])
    )
    low, mean = confidence_stats([c for item in chunk.items for c in item.confidences])
    return {
        "object": "chunk",
        "type": kind,
        "content": content,
        "metadata": {
            "pageRange": {"start": chunk.pages[0], "end": chunk.pages[1]},
            "minOcrConfidence": low,
            "avgOcrConfidence": mean,
        },
        "blocks": [item.wire for item in chunk.items],
    }


def _ocr(document: Document, items: list[_Item], words: bool, lines: bool) -> dict[str, Any] | None:
    if not (words or lines) or not document.has_geometry:
        return None
    blocks_by_page: dict[int, list[dict[str, Any]]] = {}
    for item in items:
        if item.wire["boundingBox"]["left"] is not None:
            blocks_by_page.setdefault(item.page, []).append(item.wire)
    result: dict[str, Any] = {}
    if words:
        result["words"] = [
            {
                "content": word.text,
                "boundingBox": wire_box(word.box, page.dpi / 72)[1],
                "confidence": round(word.confidence, 4),
                "pageNumber": page.number,
                "blockId": _block_at(blocks_by_page.get(page.number, []), word.box, page),
                "rotation": word.rotation,
            }
            for page in document.pages
            for word in page.words()
        ]
    if lines:
        result["lines"] = [
            _wire_line(line, page, blocks_by_page.get(page.number, []))
            for page in document.pages
            for line in page.lines
        ]
    return result


def _wire_line(line: Line, page: Page, blocks: list[dict[str, Any]]) -> dict[str, Any]:
    confidences = [w.confidence for w in line.words]
    return {
        "content": line.text,
        "boundingBox": wire_box(line.box, page.dpi / 72)[1],
        "confidence": round(sum(confidences) / len(confidences), 4) if confidences else None,
        "pageNumber": page.number,
        "blockId": _block_at(blocks, line.box, page),
    }


def _block_at(blocks: list[dict[str, Any]], box: Any, page: Page) -> str | None:
    scale = page.dpi / 72
    x, y = (box.left + box.right) / 2 * scale, box.center_y * scale
    for wire in blocks:
        bounds = wire["boundingBox"]
        if bounds["left"] <= x <= bounds["right"] and bounds["top"] <= y <= bounds["bottom"]:
            return str(wire["id"])
    return None


def _metadata(document: Document) -> dict[str, Any]:
    pages = None
    if document.has_geometry:
        pages = [
            {
                "number": page.number,
                "rotationApplied": page.rotation_applied,
                "originalPageWidth": round(page.width, 2),
                "originalPageHeight": round(page.height, 2),
                "dpi": page.dpi,
            }
            for page in document.pages
        ]
    return {
        "originalMimeType": document.kind.media_type,
        "finalMimeType": document.kind.media_type,
        "pages": pages,
    }
