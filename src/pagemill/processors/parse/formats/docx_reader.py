"""DOCX: paragraphs (headings by style or outline level, list items), tables with merged cells, text boxes and
equations' text, page breaks as page boundaries, section headers and footers."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import docx
from docx.oxml.ns import qn

from pagemill.processors.document import Block, BlockType, Table, TableCell
from pagemill.processors.filetype import FileKind
from pagemill.processors.parse.formats.docx_numbering import Numbering, paragraph_numbering
from pagemill.processors.parse.formats.flow import FlowBuilder
from pagemill.processors.parse.formats.omml import latex

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_TEXT_TAGS = {qn("w:t"), qn("m:t")}
_BREAK = qn("w:br")
_RENDERED_BREAK = qn("w:lastRenderedPageBreak")
_TAB = qn("w:tab")
_MATH = qn("m:oMath")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_MATH_PARAGRAPH = qn("m:oMathPara")


def read_docx(data: bytes, kind: FileKind) -> Any:
    document = docx.Document(BytesIO(data))
    builder = FlowBuilder(kind)
    section = document.sections[0] if document.sections else None
    if section is not None and not section.header.is_linked_to_previous:
        _furniture(builder, section.header.paragraphs, BlockType.HEADER)
    styles = {style.style_id: style for style in document.styles}
    numbering = Numbering(document)
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            _paragraph(builder, child, styles, numbering)
        elif child.tag == qn("w:tbl"):
            builder.table(_table(child))
    if section is not None and not section.footer.is_linked_to_previous:
        _furniture(builder, section.footer.paragraphs, BlockType.FOOTER)
    return builder.finish()


def _furniture(builder: FlowBuilder, paragraphs: list[Any], kind: BlockType) -> None:
    text = " ".join(p.text.strip() for p in paragraphs if p.text.strip())
    if text:
        builder.add(Block(kind, text))


def _paragraph(builder: FlowBuilder, element: Any, styles: dict[str, Any], numbering: Numbering) -> None:
    if _breaks_page(element) and builder.page.blocks:
        builder.new_page()
    text = paragraph_text(element)
    if not text.strip():
        return
    style_id = element.style or ""
    style = styles.get(style_id)
    name = style.name if style is not None else style_id
    level = _heading_level(element, name)
    numbered = paragraph_numbering(element, styles)
    label = numbering.label(*numbered) if numbered else None
    if level:
        builder.heading(f"{label} {text}" if label and label != "-" else text, level)
    elif label or name.lower().startswith("list"):
        indent = "    " * (numbered[1] if numbered else 0)
        builder.text(f"{indent}{label or '-'} {text.strip()}", list_item=True)
    else:
        builder.text(text)


def _heading_level(element: Any, style_name: str) -> int:
    if style_name.lower() == "title":
        return 1
    match = _HEADING_STYLE.match(style_name.strip())
    if match:
        return int(match.group(1)) + 1 if int(match.group(1)) > 0 else 1
    outline = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if outline is not None:
        return int(outline.get(qn("w:val"), "0")) + 2
    return 0


def _breaks_page(element: Any) -> bool:
    for node in element.iter(_BREAK, _RENDERED_BREAK):
        if node.tag == _RENDERED_BREAK or node.get(qn("w:type")) == "page":
            return True
    return False


def paragraph_text(element: Any) -> str:
    """Text of a paragraph with its text boxes; equations become LaTeX ($…$ inline, $$…$$ on their own)."""
    parts: list[str] = []
    _collect(element, parts)
    return "".join(parts)


def _collect(element: Any, parts: list[str]) -> None:
    for node in element:
        if node.tag == _MATH_PARAGRAPH:
            parts.append(" $$" + " ".join(latex(m) for m in node.iter(_MATH)) + "$$ ")
        elif node.tag == _MATH:
            parts.append(" $" + latex(node) + "$ ")
        elif node.tag in _TEXT_TAGS:
            parts.append(node.text or "")
        elif node.tag == _TAB:
            parts.append("\t")
        elif node.tag == _BREAK and node.get(qn("w:type")) is None:
            parts.append("\n")
        elif node.tag != _FALLBACK:  # a text box is stored twice: DrawingML and a VML fallback copy
            _collect(node, parts)


def _table(element: Any) -> Table:
    cells: list[TableCell] = []
    vertical_origin: dict[int, TableCell] = {}
    rows = element.findall(qn("w:tr"))
    width = 0
    for r, row in enumerate(rows):
        column = 0
        for tc in row.findall(qn("w:tc")):
            properties = tc.find(qn("w:tcPr"))
            span = _int_val(properties, "w:gridSpan", 1)
            merge = properties.find(qn("w:vMerge")) if properties is not None else None
            text = _cell_text(tc)
            if (
                merge is not None
                and merge.get(qn("w:val")) in (None, "continue")
                and column in vertical_origin
            ):
                vertical_origin[column].row_span += 1
            else:
                cell = TableCell(r, column, text, header=r == 0, column_span=span)
                cells.append(cell)
                vertical_origin[column] = cell
            column += span
        width = max(width, column)
    # A grid table needs a value in each slot: spanned slots repeat the spanning cell's text.
    filled = {(c.row, c.column) for c in cells}
    for cell in list(cells):
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.column, cell.column + cell.column_span):
                if (r, c) not in filled:
                    cells.append(TableCell(r, c, cell.text, header=cell.header))
                    filled.add((r, c))
    return Table(len(rows), width, sorted(cells, key=lambda c: (c.row, c.column)))


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs, and the cells of tables nested in it, as one line of text."""
    parts = []
    for child in cell:
        if child.tag == qn("w:p"):
            parts.append(paragraph_text(child))
        elif child.tag == qn("w:tbl"):
            parts.extend(_cell_text(tc) for tc in child.iter(qn("w:tc")))
    return " ".join(" ".join(part.split()) for part in parts if part.strip())


def _int_val(properties: Any, tag: str, default: int) -> int:
    node = properties.find(qn(tag)) if properties is not None else None
    try:
        return int(node.get(qn("w:val"))) if node is not None else default
    except (TypeError, ValueError):
        return default
