"""The text of a parsed page as lines in reading order, whatever format it came from."""

from __future__ import annotations

from pagemill.processors.document import Document, Page


def page_lines(page: Page) -> list[str]:
    """Layout formats carry lines; flow formats (DOCX, TXT, sheets) only blocks, whose text may span lines."""
    if page.lines:
        return [line.text for line in page.lines if line.text.strip()]
    lines: list[str] = []
    for block in page.blocks:
        lines.extend(part for part in block.text.splitlines() if part.strip())
    return lines


def document_lines(document: Document, page_numbers: list[int] | None = None) -> list[str]:
    lines: list[str] = []
    for page in document.pages:
        if page_numbers is None or page.number in page_numbers:
            lines.extend(page_lines(page))
    return lines
