"""PPTX: one page per slide sized in points, shapes in reading order with their real boxes: titles as
headings,
text frames as paragraphs and list items, tables, pictures and charts as figures."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Emu

from pagemill.processors.document import Block, BlockType, Box, Document, Page, Table, TableCell
from pagemill.processors.filetype import FileKind

_EMU_PER_POINT = 12700
_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
_SUBTITLE = PP_PLACEHOLDER.SUBTITLE


def read_pptx(data: bytes, kind: FileKind) -> Document:
    deck = Presentation(BytesIO(data))
    width = Emu(deck.slide_width or 9144000).pt
    height = Emu(deck.slide_height or 6858000).pt
    document = Document(kind)
    for number, slide in enumerate(deck.slides, start=1):
        page = Page(number, width, height)
        for shape in sorted(_flatten(slide.shapes), key=_reading_key):
            page.blocks.extend(_shape_blocks(shape))
        document.pages.append(page)
    document.source_page_count = len(document.pages)
    return document


def _flatten(shapes: Any) -> list[Any]:
    flat = []
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            flat.extend(_flatten(shape.shapes))
        else:
            flat.append(shape)
    return flat


def _reading_key(shape: Any) -> tuple[int, int, int]:
    is_title = shape.is_placeholder and shape.placeholder_format.type in _TITLES
    return (0 if is_title else 1, shape.top or 0, shape.left or 0)


def _box(shape: Any) -> Box | None:
    if shape.left is None or shape.top is None or shape.width is None or shape.height is None:
        return None
    left, top = shape.left / _EMU_PER_POINT, shape.top / _EMU_PER_POINT
    return Box(left, top, left + shape.width / _EMU_PER_POINT, top + shape.height / _EMU_PER_POINT)


def _shape_blocks(shape: Any) -> list[Block]:
    box = _box(shape)
    if shape.has_table if hasattr(shape, "has_table") else False:
        return [Block(BlockType.TABLE, "", box, table=_table(shape.table))]
    if getattr(shape, "has_chart", False):
        return _chart_blocks(shape.chart, box)
    if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
        return [Block(BlockType.FIGURE, "", box)]
    if not getattr(shape, "has_text_frame", False) or not shape.text_frame.text.strip():
        return []
    placeholder = shape.placeholder_format.type if shape.is_placeholder else None
    if placeholder in _TITLES:
        return [Block(BlockType.HEADING, " ".join(shape.text_frame.text.split()), box, level=1)]
    if placeholder == _SUBTITLE:
        return [Block(BlockType.SECTION_HEADING, " ".join(shape.text_frame.text.split()), box, level=2)]
    return _paragraph_blocks(shape, box)


def _chart_blocks(chart: Any, box: Box | None) -> list[Block]:
    """A chart is a figure titled by the chart, followed by its data as a table (categories × series)."""
    title = chart.chart_title.text_frame.text if chart.has_title else ""
    blocks = [Block(BlockType.FIGURE, title, box)]
    try:
        plot = chart.plots[0]
        categories = [str(c) for c in plot.categories]
        series = list(plot.series)
    except (IndexError, KeyError, ValueError, AttributeError):
        return blocks
    if not series:
        return blocks
    rows = [["", *(s.name or "" for s in series)]]
    for index, category in enumerate(categories):
        rows.append([category, *(_number(s.values[index]) if index < len(s.values) else "" for s in series)])
    cells = [TableCell(r, c, text, header=r == 0) for r, row in enumerate(rows) for c, text in enumerate(row)]
    blocks.append(Block(BlockType.TABLE, "", box, table=Table(len(rows), len(rows[0]), cells)))
    return blocks


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _paragraph_blocks(shape: Any, box: Box | None) -> list[Block]:
    lines = []
    bulleted = False
    counters: dict[int, int] = {}
    for paragraph in shape.text_frame.paragraphs:
        text = "".join(run.text for run in paragraph.runs).strip()
        if not text:
            continue
        marker = _bullet(paragraph)
        if marker == "number":
            counters[paragraph.level] = counters.get(paragraph.level, 0) + 1
            counters = {level: n for level, n in counters.items() if level <= paragraph.level}
            marker = f"{counters[paragraph.level]}."
        if marker or paragraph.level > 0:
            bulleted = True
            lines.append("  " * paragraph.level + (marker or "-") + " " + text)
        else:
            lines.append(text)
    if not lines:
        return []
    return [Block(BlockType.TEXT, "\n".join(lines), box, list_item=bulleted)]


def _bullet(paragraph: Any) -> str | None:
    """ "-" for a bullet, "number" for an automatic number, None for plain text (as the paragraph itself
    says)."""
    properties = paragraph._p.pPr
    for child in properties if properties is not None else []:
        if child.tag.endswith("buAutoNum"):
            return "number"
        if child.tag.endswith("buChar"):
            return "-"
    return None


def _table(table: Any) -> Table:
    cells = []
    rows = list(table.rows)
    columns = len(table.columns)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            text = cell.text if not cell.is_spanned else ""
            cells.append(
                TableCell(
                    r,
                    c,
                    " ".join(text.split()),
                    header=r == 0,
                    row_span=cell.span_height if cell.is_merge_origin else 1,
                    column_span=cell.span_width if cell.is_merge_origin else 1,
                )
            )
    return Table(len(rows), columns, cells)
