"""Plain text and Markdown: paragraphs split at blank lines, form feeds as page breaks; in Markdown also ATX
headings, list items and pipe tables."""

from __future__ import annotations

import re

from pagemill.processors.document import Document
from pagemill.processors.filetype import FileKind, Format
from pagemill.processors.parse.formats.flow import FlowBuilder, grid_table
from pagemill.processors.parse.formats.sheets import decode_text

_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^\s*([-*+]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def read_text(data: bytes, kind: FileKind) -> Document:
    builder = FlowBuilder(kind)
    markdown = kind.format is Format.MARKDOWN
    for number, page_text in enumerate(decode_text(data).replace("\r\n", "\n").split("\f")):
        if number:
            builder.new_page()
        add_text(builder, page_text, markdown=markdown)
    return builder.finish()


def add_text(builder: FlowBuilder, text: str, *, markdown: bool) -> None:
    paragraph: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if paragraph:
            builder.text("\n".join(paragraph) if markdown else " ".join(line.strip() for line in paragraph))
            paragraph.clear()
        if table:
            rows = [_cells(line) for line in table if not _TABLE_RULE.match(line)]
            builder.table(grid_table(rows))
            table.clear()

    for line in text.split("\n"):
        if not line.strip():
            flush()
        elif markdown and (heading := _ATX.match(line)):
            flush()
            builder.heading(heading.group(2), len(heading.group(1)))
        elif markdown and line.lstrip().startswith("|"):
            if paragraph:
                flush()
            table.append(line)
        elif markdown and _LIST.match(line):
            flush()
            builder.text(line.strip(), list_item=True)
        else:
            if table:
                flush()
            paragraph.append(line)
    flush()


def _cells(line: str) -> list[str]:
    stripped = line.strip()
    stripped = stripped[1:] if stripped.startswith("|") else stripped
    stripped = stripped[:-1] if stripped.endswith("|") else stripped
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", stripped)]
