"""Documents the tests make themselves, so no test depends on files outside the repository."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfWriter

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def blank_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages carry the given lines of text, top to bottom."""
    from pagemill.processors.pdf_writer import PageCanvas, pdf_bytes

    canvases = []
    for lines in pages:
        canvas = PageCanvas()
        for index, line in enumerate(lines):
            canvas.text(72, 72 + index * 18, line)
        canvases.append(canvas)
    return pdf_bytes(canvases)
