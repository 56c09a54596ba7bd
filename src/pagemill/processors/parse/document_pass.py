"""Decisions that need the whole document: headings from font statistics, repeated page headers and footers,
page numbers, and table headers carried onto continuation pages."""

from __future__ import annotations

import re
from collections import Counter

from pagemill.processors.document import Block, BlockType, Document, Page, TableCell

_PAGE_NUMBER = re.compile(r"^(page\s*)?[-–]?\s*\d{1,4}\s*[-–]?(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
_MARGIN = 0.12
_HEADING_RATIO = 1.15
_MAX_HEADING_WORDS = 20
_MAX_BOLD_HEADING_WORDS = 12
_MAX_ITALIC_HEADING_WORDS = 8
_DIGITS = re.compile(r"\d+")


def finish_document(document: Document, *, continue_table_headers: bool) -> None:
    if document.has_geometry:
        body = _body_size(document.pages)
        _mark_page_furniture(document.pages, body)
        _mark_headings(document.pages, body)
    if continue_table_headers:
        _continue_table_headers(document.pages)


def _block_size(block: Block) -> float:
    sizes = [word.font_size for line in block.lines for word in line.words]
    return sorted(sizes)[len(sizes) // 2] if sizes else 0.0


def _body_size(pages: list[Page]) -> float:
    weights: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            for word in line.words:
                weights[round(word.font_size * 2) / 2] += len(word.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _mark_headings(pages: list[Page], body: float) -> None:
    if body <= 0:
        return
    candidates: list[tuple[Block, float]] = []
    for page in pages:
        for index, block in enumerate(page.blocks):
            following = page.blocks[index + 1] if index + 1 < len(page.blocks) else None
            if block.type is BlockType.TEXT and _italic_lead_in(block, following, body):
                candidates.append((block, _block_size(block)))
                continue
            if block.type is BlockType.TEXT and _heading_shaped(block):
                size = _block_size(block)
                bold = all(line.bold for line in block.lines)
                if size >= _HEADING_RATIO * body or (
                    bold and size >= 0.95 * body and len(block.text.split()) <= _MAX_BOLD_HEADING_WORDS
                ):
                    candidates.append((block, size))
    larger = sorted(
        {round(size * 2) / 2 for _, size in candidates if size >= _HEADING_RATIO * body}, reverse=True
    )
    for block, size in candidates:
        rounded = round(size * 2) / 2
        level = larger.index(rounded) + 1 if rounded in larger else len(larger) + 1
        block.level = min(level, 6)
        block.type = BlockType.HEADING if level == 1 else BlockType.SECTION_HEADING


def _italic_lead_in(block: Block, following: Block | None, body: float) -> bool:
    """A short italic line set apart above body text is a run-in heading in many manuals and reports."""
    return (
        len(block.lines) == 1
        and block.lines[0].italic
        and _heading_shaped(block)
        and len(block.text.split()) <= _MAX_ITALIC_HEADING_WORDS
        and following is not None
        and following.type is BlockType.TEXT
        and len(following.lines) > 1
        and abs(_block_size(following) - body) <= 0.1 * body
        and abs(_block_size(block) - body) <= 0.1 * body
    )


def _heading_shaped(block: Block) -> bool:
    text = block.text.strip()
    words = text.split()
    if not words or len(words) > _MAX_HEADING_WORDS or len(block.lines) > 3 or block.list_item:
        return False
    if text.endswith((".", ",", ";")) and not re.match(r"^\d+(\.\d+)*\.?\s", text):
        return False
    return any(ch.isalpha() for ch in text)


def _mark_page_furniture(pages: list[Page], body: float) -> None:
    """Page numbers, and text repeated in the top or bottom margin of many pages in no larger than body type
    (a title repeated at the top of every page of a packet is content, not a running header)."""
    repeated = _repeated_margin_texts(pages)
    for page in pages:
        for block in page.blocks:
            zone = _margin_zone(block, page)
            if zone is None or block.type not in (BlockType.TEXT, BlockType.KEY_VALUE):
                continue
            if body > 0 and _block_size(block) > 1.1 * body:
                continue
            if _PAGE_NUMBER.match(block.text.strip()):
                block.type = BlockType.PAGE_NUMBER
            elif _normalised(block.text) in repeated:
                block.type = BlockType.HEADER if zone == "top" else BlockType.FOOTER


def _margin_zone(block: Block, page: Page) -> str | None:
    if block.box is None or page.height <= 0:
        return None
    if block.box.bottom <= _MARGIN * page.height:
        return "top"
    if block.box.top >= (1 - _MARGIN) * page.height:
        return "bottom"
    return None


def _normalised(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _repeated_margin_texts(pages: list[Page]) -> set[str]:
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update(
            {_normalised(b.text) for b in page.blocks if _margin_zone(b, page) is not None and b.text}
        )
    needed = max(2, int(0.4 * len(pages)))
    return {text for text, count in seen.items() if count >= needed}


def _continue_table_headers(pages: list[Page]) -> None:
    previous_table: Block | None = None
    for page in pages:
        tables = [block for block in page.blocks if block.type is BlockType.TABLE and block.table is not None]
        if tables and previous_table is not None:
            _copy_header(previous_table, tables[0])
        if tables:
            previous_table = tables[-1]


def _copy_header(source: Block, target: Block) -> None:
    assert source.table is not None and target.table is not None
    rows = source.table.header_rows
    if rows == 0 or target.table.header_rows or source.table.column_count != target.table.column_count:
        return
    header = [
        TableCell(c.row, c.column, c.text, None, True, c.row_span, c.column_span)
        for c in source.table.cells
        if c.row < rows
    ]
    for cell in target.table.cells:
        cell.row += rows
    target.table.cells = header + target.table.cells
    target.table.row_count += rows
