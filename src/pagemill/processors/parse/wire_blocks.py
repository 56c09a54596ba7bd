"""A `Block` in Extend's wire shape (camelCase, SDK `Block` model), coordinates scaled to the page's DPI."""

from __future__ import annotations

import hashlib
from typing import Any

from pagemill.processors.document import Block, BlockType, Box, Page, TableCell
from pagemill.processors.parse.render import RenderOptions, block_content


def block_id(page_number: int, ordinal: int, kind: str, content: str) -> str:
    digest = hashlib.sha1(
        f"{page_number}\x1f{ordinal}\x1f{kind}\x1f{content}".encode(), usedforsecurity=False
    )
    return f"block_{digest.hexdigest()[:24]}"


def wire_box(box: Box | None, scale: float) -> tuple[list[dict[str, float]], dict[str, float | None]]:
    if box is None:
        return [], {"left": None, "top": None, "right": None, "bottom": None}
    b = box.scaled(scale)
    corners = [(b.left, b.top), (b.right, b.top), (b.right, b.bottom), (b.left, b.bottom)]
    polygon = [{"x": round(x, 2), "y": round(y, 2)} for x, y in corners]
    return polygon, {
        "left": round(b.left, 2),
        "top": round(b.top, 2),
        "right": round(b.right, 2),
        "bottom": round(b.bottom, 2),
    }


def confidence_stats(confidences: list[float]) -> tuple[float | None, float | None]:
    if not confidences:
        return None, None
    return round(min(confidences), 4), round(sum(confidences) / len(confidences), 4)


def wire_block(
    block: Block,
    page: Page,
    ordinal: int,
    options: RenderOptions,
    *,
    cell_blocks: bool,
    cell_metadata: bool,
    cell_formatting: bool,
) -> dict[str, Any]:
    content = block_content(block, options)
    identifier = block_id(page.number, ordinal, block.type.value, content)
    scale = page.dpi / 72.0
    polygon, bounding_box = wire_box(block.box, scale)
    confidences = [word.confidence for word in block.words()] if page.ocr_applied else []
    low, mean = confidence_stats(confidences)
    metadata: dict[str, Any] = {
        "page": {
            "number": page.number,
            "width": round(page.width, 2) if block.box else None,
            "height": round(page.height, 2) if block.box else None,
        },
        "minOcrConfidence": low,
        "avgOcrConfidence": mean,
    }
    sheet = block.sheet or page.sheet
    if sheet is not None:
        metadata["sheet"] = {"index": sheet.index, "name": sheet.name}
    wire: dict[str, Any] = {
        "object": "block",
        "id": identifier,
        "parentBlockId": None,
        "type": block.type.value,
        "content": content,
        "details": _details(block, cell_metadata),
        "metadata": metadata,
        "polygon": polygon,
        "boundingBox": bounding_box,
        "children": None,
    }
    if cell_blocks and block.table is not None:
        wire["children"] = [
            _cell_block(cell, identifier, metadata, scale, cell_metadata, cell_formatting)
            for cell in block.table.cells
        ]
    return wire


def _details(block: Block, cell_metadata: bool) -> dict[str, Any]:
    if block.type is BlockType.TABLE and block.table is not None:
        return {
            "type": "table_details",
            "rowCount": block.table.row_count,
            "columnCount": block.table.column_count,
        }
    if block.type in (BlockType.TEXT, BlockType.HEADING, BlockType.SECTION_HEADING):
        return {"type": "text_details", "cellReference": block.cell_reference if cell_metadata else None}
    if block.type is BlockType.FIGURE:
        return {"type": "figure_details", "imageUrl": None, "figureType": None}
    if block.type is BlockType.BARCODE and block.barcode is not None:
        return {
            "type": "barcode_details",
            "imageUrl": None,
            "decodedValue": block.barcode.value,
            "format": block.barcode.format,
        }
    if block.type is BlockType.KEY_VALUE:
        return {"type": "key_value_details"}
    return {}


def _cell_block(
    cell: TableCell,
    parent_id: str,
    parent_metadata: dict[str, Any],
    scale: float,
    cell_metadata: bool,
    cell_formatting: bool,
) -> dict[str, Any]:
    kind = "table_head" if cell.header else "table_cell"
    polygon, bounding_box = wire_box(cell.box, scale)
    details: dict[str, Any] = {
        "type": "table_cell_details",
        "rowIndex": cell.row,
        "columnIndex": cell.column,
        "cellReference": cell.reference if cell_metadata else None,
        "formula": cell.formula if cell_metadata else None,
        "formatting": None,
    }
    if cell_formatting and cell.formatting is not None:
        f = cell.formatting
        details["formatting"] = {
            "bold": f.bold,
            "italic": f.italic,
            "fontColor": f.font_color,
            "backgroundColor": f.background_color,
        }
    return {
        "object": "block",
        "id": block_id(cell.row, cell.column, parent_id, cell.text),
        "parentBlockId": parent_id,
        "type": kind,
        "content": cell.text,
        "details": details,
        "metadata": {**parent_metadata, "minOcrConfidence": None, "avgOcrConfidence": None},
        "polygon": polygon,
        "boundingBox": bounding_box,
        "children": None,
    }
