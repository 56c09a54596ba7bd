"""HTML: headings, paragraphs, lists, tables (with row and column spans), definition lists as key-values,
images
as figures; scripts, styles and navigation chrome dropped."""

from __future__ import annotations

from typing import Any

import lxml.html
from lxml import etree

from pagemill.processors.document import Document, Table, TableCell
from pagemill.processors.filetype import FileKind
from pagemill.processors.parse.formats.flow import FlowBuilder

_SKIP = {"script", "style", "noscript", "template", "head", "nav", "svg", "button", "form", "iframe"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "table",
    "dl",
    "figure",
    "figcaption",
    "body",
    "html",
    "center",
    "address",
    "caption",
    *_HEADINGS,
}


def read_html(data: bytes | str, kind: FileKind, builder: FlowBuilder | None = None) -> Document:
    builder = builder or FlowBuilder(kind)
    try:
        root = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return builder.finish()
    body = root.find("body")
    _walk(body if body is not None else root, builder)
    return builder.finish()


def _walk(element: Any, builder: FlowBuilder) -> None:
    inline: list[str] = []

    def flush() -> None:
        text = " ".join("".join(inline).split())
        if text:
            builder.text(text)
        inline.clear()

    if element.text:
        inline.append(element.text)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _SKIP or not tag:
            pass
        elif tag in _BLOCKS or tag == "img" and not inline:
            flush()
            _block(child, tag, builder)
        elif tag == "br":
            inline.append("\n")
        else:
            inline.append(child.text_content())
        if child.tail:
            inline.append(child.tail)
    flush()


def _block(element: Any, tag: str, builder: FlowBuilder) -> None:
    if tag in _HEADINGS:
        builder.heading(element.text_content(), _HEADINGS[tag])
    elif tag == "table":
        builder.table(html_table(element))
    elif tag in ("ul", "ol"):
        for index, item in enumerate(element.findall("li"), start=1):
            marker = f"{index}." if tag == "ol" else "-"
            nested = [
                child for child in item if isinstance(child.tag, str) and child.tag in ("ul", "ol", "table")
            ]
            own = _own_text(item, nested)
            if own:
                builder.text(f"{marker} {own}", list_item=True)
            for child in nested:
                _block(child, child.tag, builder)
    elif tag == "dl":
        for term in element.findall("dt"):
            definition = term.getnext()
            value = definition.text_content() if definition is not None and definition.tag == "dd" else ""
            builder.key_value(" ".join(term.text_content().split()), " ".join(value.split()))
    elif tag == "img":
        builder.figure(element.get("alt", ""))
    elif tag == "pre":
        builder.text(element.text_content())
    else:
        _walk(element, builder)


def _own_text(item: Any, nested: list[Any]) -> str:
    parts = [item.text or ""]
    for child in item:
        if child not in nested and isinstance(child.tag, str) and child.tag not in _SKIP:
            parts.append(spaced_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def spaced_text(element: Any) -> str:
    """Text of an element with a space wherever a block element or line break separates two pieces."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _SKIP:
            separate = child.tag in _BLOCKS or child.tag in ("br", "td", "th", "tr")
            parts.append(" " if separate else "")
            parts.append(spaced_text(child))
            parts.append(" " if separate else "")
        parts.append(child.tail or "")
    return "".join(parts)


def html_table(element: Any) -> Table:
    cells: list[TableCell] = []
    taken: set[tuple[int, int]] = set()
    rows = [row for row in element.iter("tr") if _owning_table(row) is element]
    width = 0
    for r, row in enumerate(rows):
        column = 0
        for cell in row:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, column) in taken:
                column += 1
            row_span, column_span = _span(cell, "rowspan"), _span(cell, "colspan")
            text = " ".join(spaced_text(cell).split())
            cells.append(
                TableCell(
                    r, column, text, header=cell.tag == "th", row_span=row_span, column_span=column_span
                )
            )
            for dr in range(row_span):
                for dc in range(column_span):
                    taken.add((r + dr, column + dc))
            column += column_span
            width = max(width, column)
    return Table(len(rows), width, cells)


def _owning_table(row: Any) -> Any:
    parent = row.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(cell: Any, attribute: str) -> int:
    try:
        return max(1, min(int(cell.get(attribute, "1")), 1000))
    except ValueError:
        return 1
