"""A whole PDF, page by page: opening (with its password), limits, page ranges and cancellation between pages.
Only one page is open at a time, so memory stays bounded on long files."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from pagemill.processors.document import Document, Page
from pagemill.processors.filetype import FileKind
from pagemill.processors.parse.failure import FailureReason, ParseCancelled, ParseFailure
from pagemill.processors.parse.page_options import PageOptions
from pagemill.processors.parse.pdf_page import read_pdf_page

PdfSource = Path | bytes


def open_pdf(source: PdfSource, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(source, password=password)
    except pdfium.PdfiumError as error:
        if _has_no_pages(source, password):
            raise ParseFailure(FailureReason.CORRUPT_FILE, "The PDF has no pages.") from None
        raise _open_failure(str(error), password) from None


def _has_no_pages(source: PdfSource, password: str | None) -> bool:
    """pdfium refuses a page tree with no pages as a format error; pypdf tells the two apart."""
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source, strict=False)
        if reader.is_encrypted:
            return False
        return len(reader.pages) == 0
    except Exception:  # pypdf raises many types for damaged files; they are simply corrupt
        return False


def _open_failure(detail: str, password: str | None) -> ParseFailure:
    if "password" in detail.lower():
        message = (
            "The PDF is encrypted and the supplied password is wrong."
            if password
            else "The PDF is encrypted; supply its password."
        )
        return ParseFailure(FailureReason.PASSWORD_PROTECTED_FILE, message)
    return ParseFailure(FailureReason.CORRUPT_FILE, f"The PDF could not be read ({detail.rstrip('.')}).")


def read_pdf(
    source: PdfSource,
    kind: FileKind,
    *,
    password: str | None,
    options: PageOptions,
    wants_page: Callable[[int], bool],
    should_stop: Callable[[], bool] | None,
    max_pages: int,
) -> Document:
    pdf = open_pdf(source, password)
    try:
        count = len(pdf)
        if count == 0:
            raise ParseFailure(FailureReason.CORRUPT_FILE, "The PDF has no pages.")
        if count > max_pages:
            raise ParseFailure(
                FailureReason.FILE_SIZE_TOO_LARGE,
                f"The PDF has {count} pages; at most {max_pages} can be parsed.",
            )
        document = Document(kind, source_page_count=count)
        for index in range(count):
            if should_stop is not None and should_stop():
                raise ParseCancelled(len(document.pages))
            if wants_page(index + 1):
                document.pages.append(_page(pdf, index, options))
        if not document.pages:
            raise ParseFailure(
                FailureReason.INVALID_CONFIG_OPTIONS,
                f"pageRanges select none of the document's {count} pages.",
            )
        return document
    finally:
        pdf.close()


def _page(pdf: pdfium.PdfDocument, index: int, options: PageOptions) -> Page:
    try:
        return read_pdf_page(pdf, index, options)
    except pdfium.PdfiumError as error:
        raise ParseFailure(
            FailureReason.CORRUPT_FILE, f"Page {index + 1} could not be read ({error})."
        ) from None
