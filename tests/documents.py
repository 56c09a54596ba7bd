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
