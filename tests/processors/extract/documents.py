"""Small invoices for the extraction tests: labels beside and above values, a ruled table over two pages."""

from __future__ import annotations

import io

from pagemill.processors.document import Document
from pagemill.processors.parse import load_parse_config, parse
from pagemill.processors.pdf_writer import PageCanvas, pdf_bytes

COLUMNS = (72.0, 300.0, 400.0, 520.0)
HEADER = ("Description", "Quantity", "Unit price")


def ruled_table(canvas: PageCanvas, top: float, rows: list[tuple[str, ...]]) -> float:
    """Draw `rows` as a ruled grid from `top`; returns the grid's bottom."""
    y = top
    for row in rows:
        canvas.line(COLUMNS[0], y, COLUMNS[-1], y)
        for x, cell in zip(COLUMNS, row, strict=False):
            canvas.text(x + 4, y + 4, cell, bold=row == HEADER)
        y += 20
    canvas.line(COLUMNS[0], y, COLUMNS[-1], y)
    for x in COLUMNS:
        canvas.line(x, top, x, y)
    return y


def item(number: int) -> tuple[str, str, str]:
    return (f"Widget {number}", str(number), f"{number}.50")


def invoice_pdf(item_count: int = 30, first_page_items: int = 20) -> bytes:
    first = PageCanvas()
    first.text(72, 60, "Northwind Traders BV", size=16, bold=True)
    first.text(72, 100, "Invoice Number:")
    first.text(300, 100, "INV-2041")
    first.text(72, 120, "Invoice Date:")
    first.text(300, 120, "5 March 2024")
    first.text(72, 150, "Due date")
    first.text(72, 166, "2024-04-04")
    ruled_table(first, 220, [HEADER, *(item(n) for n in range(1, first_page_items + 1))])
    second = PageCanvas()
    bottom = ruled_table(second, 72, [item(n) for n in range(first_page_items + 1, item_count + 1)])
    second.text(72, bottom + 40, "Total amount due:")
    second.text(300, bottom + 40, "EUR 1,234.50")
    return pdf_bytes([first, second])


def lines_pdf(text: str) -> bytes:
    """A one-page PDF with each non-empty line of `text` on its own row."""
    page = PageCanvas()
    for row, line in enumerate(line for line in text.splitlines() if line):
        page.text(72, 72 + 20 * row, line)
    return pdf_bytes([page])


def parsed(data: bytes, name: str | None = None) -> Document:
    return parse(io.BytesIO(data), config=load_parse_config(None), name=name).document
