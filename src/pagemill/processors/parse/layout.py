"""From a page's lines, tables and figures to typed blocks in reading order.

Reading order is a recursive XY-cut over element boxes that prefers a vertical gutter (columns) to a
horizontal gap,
and cuts horizontally only at the widest gaps, so a full-width title above two columns does not interleave
them.
Headings are decided later, over the whole document's font statistics (`document_pass`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from pagemill.processors.document import Block, BlockType, Box, Line
from pagemill.processors.parse.tables import FoundTable

_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z#№][^\s:]*(?: [^\s:]+){0,3})\s*:\s+(?P<value>\S.{0,60})$")
_KEY_ONLY = re.compile(r"^(?P<key>[A-Za-z#№][^\s:]*(?: [^\s:]+){0,3})\s*:$")
_BULLET = re.compile(r"^([•▪◦●■□‣∙·*\-–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")
_MIN_COLUMN_SHARE = 0.2
_JOIN_GAP_EMS = 3.0


@dataclass(slots=True)
class _Element:
    box: Box
    line: Line | None = None
    block: Block | None = None


def layout_blocks(lines: list[Line], tables: list[FoundTable], figures: list[Box]) -> list[Block]:
    elements = [_Element(line.box, line=line) for line in lines]
    elements += [_Element(t.box, block=Block(BlockType.TABLE, "", t.box, table=t.table)) for t in tables]
    elements += [_Element(box, block=Block(BlockType.FIGURE, "", box)) for box in figures]
    if not elements:
        return []
    heights = [line.box.height for line in lines] or [10.0]
    typical = max(median(heights), 1.0)
    blocks: list[Block] = []
    for group in _xy_cut(elements, typical):
        pending: list[Line] = []
        for element in group:  # in top-to-bottom order: tables and figures keep their place among the text
            if element.line is not None:
                pending.append(element.line)
                continue
            blocks.extend(_paragraphs(pending, typical))
            pending = []
            if element.block is not None:
                blocks.append(element.block)
        blocks.extend(_paragraphs(pending, typical))
    return blocks


def _xy_cut(elements: list[_Element], typical: float) -> list[list[_Element]]:
    if len(elements) <= 1:
        return [elements]
    columns = _columns(elements, typical)
    if len(columns) > 1:
        return [group for column in columns for group in _xy_cut(column, typical)]
    bands = _split(elements, vertical=False, min_gap=0.6 * typical)
    if len(bands) > 1:
        return [group for band in bands for group in _xy_cut(band, typical)]
    return [sorted(elements, key=lambda e: (e.box.top, e.box.left))]


def _columns(elements: list[_Element], typical: float) -> list[list[_Element]]:
    """Columns found from the text alone; a figure straddling the gutter joins the column it overlaps most."""
    text = [e for e in elements if e.block is None or e.block.type is not BlockType.FIGURE]
    figures = [e for e in elements if e.block is not None and e.block.type is BlockType.FIGURE]
    if not text:
        return [elements]
    columns = _split(text, vertical=True, min_gap=1.0 * typical)
    if len(columns) == 1 or not _text_columns(columns):
        return [elements]
    spans = [(min(e.box.left for e in c), max(e.box.right for e in c)) for c in columns]
    for figure in figures:
        best = max(
            range(len(columns)),
            key=lambda i: min(figure.box.right, spans[i][1]) - max(figure.box.left, spans[i][0]),
        )
        columns[best].append(figure)
    return columns


def _text_columns(columns: list[list[_Element]]) -> bool:
    """Columns of running text are each a fair share of the width; a narrow column of prices or values beside
    labels is read row by row instead (receipts, forms, statements)."""
    left = min(e.box.left for column in columns for e in column)
    right = max(e.box.right for column in columns for e in column)
    widths = [max(e.box.right for e in column) - min(e.box.left for e in column) for column in columns]
    return min(widths) >= _MIN_COLUMN_SHARE * (right - left)


def _split(elements: list[_Element], *, vertical: bool, min_gap: float) -> list[list[_Element]]:
    """Split at gaps in the projection on one axis; horizontal splits keep only the widest gaps."""

    def start(e: _Element) -> float:
        return e.box.left if vertical else e.box.top

    def end(e: _Element) -> float:
        return e.box.right if vertical else e.box.bottom

    ordered = sorted(elements, key=start)
    groups: list[list[_Element]] = [[ordered[0]]]
    gaps: list[float] = []
    reach = end(ordered[0])
    for element in ordered[1:]:
        gap = start(element) - reach
        if gap > min_gap:
            groups.append([element])
            gaps.append(gap)
        else:
            groups[-1].append(element)
        reach = max(reach, end(element))
    if vertical or len(groups) <= 2:
        return groups
    widest = max(gaps)
    merged: list[list[_Element]] = [groups[0]]
    for gap, group in zip(gaps, groups[1:], strict=True):
        if gap >= 0.8 * widest:
            merged.append(group)
        else:
            merged[-1].extend(group)
    return merged


def _paragraphs(lines: list[Line], typical: float) -> list[Block]:
    if not lines:
        return []
    rows = _visual_rows(lines)
    blocks: list[Block] = []
    current: list[Line] = []
    for row in rows:
        if current and _breaks_paragraph(current[-1], row, typical):
            blocks.extend(_text_blocks(current))
            current = []
        current.append(row)
    blocks.extend(_text_blocks(current))
    return blocks


def _visual_rows(lines: list[Line]) -> list[Line]:
    """Segments on the same baseline joined left to right into one line, unless a wide gap keeps them apart
    (a page number beside a footer, an amount across from its label)."""
    ordered = sorted(lines, key=lambda line: (line.box.top, line.box.left))
    rows: list[list[Line]] = []
    for line in ordered:
        if rows and _same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    joined: list[Line] = []
    for row in rows:
        parts = sorted(row, key=lambda line: line.box.left)
        current = [parts[0]]
        for part in parts[1:]:
            gap = part.box.left - current[-1].box.right
            if gap > _JOIN_GAP_EMS * max(part.font_size, current[-1].font_size, 1.0):
                joined.append(_joined(current))
                current = []
            current.append(part)
        joined.append(_joined(current))
    return joined


def _joined(parts: list[Line]) -> Line:
    return parts[0] if len(parts) == 1 else Line.of([word for part in parts for word in part.words])


def _same_row(a: Line, b: Line) -> bool:
    return a.box.vertical_overlap(b.box) > 0.5 * min(a.box.height, b.box.height)


def _breaks_paragraph(previous: Line, line: Line, typical: float) -> bool:
    if _same_row(previous, line):
        # Side by side on one row: separate blocks, except a "Label:" with its value to the right.
        return not _KEY_ONLY.match(previous.text)
    size_a, size_b = previous.font_size, line.font_size
    if abs(size_a - size_b) > 0.12 * max(size_a, size_b, 1.0):
        return True
    if previous.bold != line.bold or previous.italic != line.italic:
        return True
    if line.box.top - previous.box.bottom > 0.5 * typical:
        return True
    return bool(_KEY_VALUE.match(line.text) and _KEY_VALUE.match(previous.text))


def _text_blocks(lines: list[Line]) -> list[Block]:
    if not lines:
        return []
    if len(lines) == 1 and (match := _KEY_VALUE.match(lines[0].text)):
        return [
            Block(
                BlockType.KEY_VALUE,
                lines[0].text,
                lines[0].box,
                lines,
                key=match["key"],
                value=match["value"],
            )
        ]
    if len(lines) == 2 and (match := _KEY_ONLY.match(lines[0].text)) and not _KEY_ONLY.match(lines[1].text):
        box = lines[0].box.union(lines[1].box)
        return [
            Block(
                BlockType.KEY_VALUE,
                f"{match['key']}: {lines[1].text}",
                box,
                lines,
                key=match["key"],
                value=lines[1].text,
            )
        ]
    box = lines[0].box
    for line in lines[1:]:
        box = box.union(line.box)
    return [
        Block(BlockType.TEXT, join_lines(lines), box, lines, list_item=bool(_BULLET.match(lines[0].text)))
    ]


def join_lines(lines: list[Line]) -> str:
    """Paragraph text: lines joined by spaces, hyphenated line ends rejoined, list items kept on their own
    lines."""
    parts: list[str] = []
    for line in lines:
        text = line.text
        if not parts:
            parts.append(text)
        elif _BULLET.match(text):
            parts.append("\n" + text)
        elif parts[-1].endswith("\u00ad") or (parts[-1].endswith("-") and text[:1].islower()):
            parts[-1] = parts[-1][:-1]
            parts.append(text)
        else:
            parts.append(" " + text)
    return "".join(parts).replace("\u00ad", "")
