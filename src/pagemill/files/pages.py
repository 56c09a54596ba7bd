"""Page counts recorded on upload (`metadata.pageCount`): PDFs from their page tree, DOCX from their properties."""

from __future__ import annotations

import re
import zipfile
from typing import BinaryIO

import pypdfium2


def count_pages(source: BinaryIO, file_type: str | None, *, password: str | None = None) -> int | None:
    """The number of pages, or None when the type has no pages or the file cannot be opened (e.g. no password)."""
    try:
        if file_type == "PDF":
            document = pypdfium2.PdfDocument(source, password=password, autoclose=False)
            try:
                return len(document)
            finally:
                document.close()
        if file_type == "DOCX":
            with zipfile.ZipFile(source) as archive, archive.open("docProps/app.xml") as properties:
                match = re.search(rb"<Pages>(\d+)</Pages>", properties.read(65536))
                return int(match.group(1)) if match else None
    except (pypdfium2.PdfiumError, zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    return None
