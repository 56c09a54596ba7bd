"""Documents of known content for the parse tests: PDFs from pagemill's own writer, scans drawn with
Pillow."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from pagemill.processors.pdf_writer import PageCanvas

EVAL = Path(__file__).resolve().parents[4] / "shared" / "eval"

INVOICE_ROWS = [
    ["Item", "Qty", "Unit price", "Amount"],
    ["Widget A", "2", "$10.00", "$20.00"],
    ["Gadget B", "1", "$99.50", "$99.50"],
    ["Service C", "3", "$5.00", "$15.00"],
]


def invoice_page(*, footer: str = "Acme Corp - Confidential", page_label: str = "1") -> PageCanvas:
    page = PageCanvas()
    page.text(72, 60, "INVOICE", size=24, bold=True)
    page.text(72, 110, "Invoice Number: INV-2024-001")
    page.text(72, 128, "Date: 2024-03-15")
    page.text(72, 146, "Bill To: Globex Corporation")
    page.text(72, 190, "Line items", size=15, bold=True)
    ruled_table(page, INVOICE_ROWS, left=72, top=220)
    page.text(72, 360, "Thank you for your business. Payment is due within thirty days of the invoice date.")
    page.text(72, 760, footer, size=8)
    page.text(540, 760, page_label, size=8)
    return page


def ruled_table(
    page: PageCanvas,
    rows: list[list[str]],
    *,
    left: float,
    top: float,
    widths: tuple[float, ...] = (160, 60, 110, 110),
    row_height: float = 22,
) -> None:
    right = left + sum(widths)
    bottom = top + row_height * len(rows)
    for r in range(len(rows) + 1):
        page.line(left, top + r * row_height, right, top + r * row_height)
    x = left
    for width in (0, *widths):
        x += width
        page.line(x, top, x, bottom)
    for r, row in enumerate(rows):
        x = left
        for width, text in zip(widths, row, strict=True):
            page.text(x + 4, top + r * row_height + 5, text, size=10, bold=r == 0)
            x += width


def two_column_page() -> PageCanvas:
    page = PageCanvas()
    page.text(72, 50, "Annual Report", size=20, bold=True)
    left = [f"Left column sentence number {i} continues the story." for i in range(1, 9)]
    right = [f"Right column sentence number {i} follows after." for i in range(1, 9)]
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        page.text(72, 100 + i * 14, a, size=9)
        page.text(320, 100 + i * 14, b, size=9)
    return page


def text_image(lines: list[str], *, size: tuple[int, int] = (1240, 600), font_size: int = 36) -> Image.Image:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=font_size)
    for index, line in enumerate(lines):
        draw.text((60, 60 + index * int(font_size * 1.8)), line, fill=0, font=font)
    return image


def image_bytes(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()
