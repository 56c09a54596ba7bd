"""Block content as text: markdown for the markdown target, tables as markdown or HTML, enrichment tags, and
the
position-preserving text of the spatial target."""

from __future__ import annotations

import html
from dataclasses import dataclass

from pagemill.processors.document import Block, BlockType, Line, Page, Table


@dataclass(frozen=True, slots=True)
class RenderOptions:
    table_format: str = "markdown"
    enrichment_format: str = "xml"
    blank_field_formatting: bool = False


def block_content(block: Block, options: RenderOptions) -> str:
    if block.type in (BlockType.HEADING, BlockType.SECTION_HEADING):
        return f"{'#' * max(1, block.level or (1 if block.type is BlockType.HEADING else 2))} {block.text}"
    if block.type is BlockType.TABLE and block.table is not None:
        return table_html(block.table) if options.table_format == "html" else table_markdown(block.table)
    if block.type is BlockType.PAGE_NUMBER:
        return _enrichment("page_number", block.text.strip(), options)
    if block.type is BlockType.BARCODE:
        return _enrichment(
            "barcode", block.barcode.value if block.barcode and block.barcode.value else "", options
        )
    if block.type is BlockType.FIGURE:
        return block.text or "<!-- figure -->"
    if block.type is BlockType.KEY_VALUE and block.key is not None:
        value = block.value or ("____" if options.blank_field_formatting else "")
        return f"{block.key}: {value}".rstrip()
    if block.list_item:
        return "\n".join(_markdown_bullet(line) for line in block.text.split("\n"))
    return block.text


def _markdown_bullet(line: str) -> str:
    stripped = line.lstrip()
    if stripped[:1] in "•▪◦●■□‣∙·":
        return "- " + stripped[1:].lstrip()
    return stripped


def _enrichment(tag: str, value: str, options: RenderOptions) -> str:
    return f"[{tag}: {value}]" if options.enrichment_format == "bracket" else f"<{tag}>{value}</{tag}>"


def table_markdown(table: Table) -> str:
    grid = table.grid()
    if not grid:
        return ""
    rows = [[_markdown_cell(text) for text in row] for row in grid]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join("---" for _ in rows[0]) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _markdown_cell(text: str) -> str:
    return " ".join(text.split("\n")).replace("|", "\\|").strip()


def table_html(table: Table) -> str:
    rows: dict[int, list[str]] = {}
    for cell in sorted(table.cells, key=lambda c: (c.row, c.column)):
        tag = "th" if cell.header else "td"
        spans = (f' rowspan="{cell.row_span}"' if cell.row_span > 1 else "") + (
            f' colspan="{cell.column_span}"' if cell.column_span > 1 else ""
        )
        rows.setdefault(cell.row, []).append(f"<{tag}{spans}>{html.escape(cell.text)}</{tag}>")
    body = "".join(f"<tr>{''.join(cells)}</tr>" for _, cells in sorted(rows.items()))
    return f"<table>{body}</table>"


def spatial_text(page: Page, grouping: float = 1.0) -> str:
    """The page's words placed on a character grid, rows joined when their centres are within `grouping`
    lines."""
    lines = sorted(page.lines, key=lambda line: line.box.center_y)
    if not lines:
        return "\n\n".join(b.text for b in page.blocks)
    char_width = _char_width(lines)
    rows: list[list[Line]] = []
    for line in lines:
        if rows and abs(line.box.center_y - rows[-1][0].box.center_y) < 0.5 * grouping * line.box.height:
            rows[-1].append(line)
        else:
            rows.append([line])
    out = []
    for row in rows:
        text = ""
        for word in sorted((w for line in row for w in line.words), key=lambda w: w.box.left):
            column = int(word.box.left / char_width)
            text += " " * max(1 if text else 0, column - len(text)) + word.text
        out.append(text.rstrip())
    return "\n".join(out)


def _char_width(lines: list[Line]) -> float:
    widths = [w.box.width / len(w.text) for line in lines for w in line.words if w.text]
    widths.sort()
    return max(widths[len(widths) // 2], 1.0) if widths else 5.0
