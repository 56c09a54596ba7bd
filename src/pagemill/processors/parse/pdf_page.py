"""One PDF page to a `Page`: text layer, ruled and aligned tables, figures, barcodes; OCR when it has no text.

`read_pdf_page` works on an open document; `parse_pdf_page` is the same work from picklable inputs (path or
bytes, password, page index, options) for a process pool, with the document kept open per worker process.
"""

from __future__ import annotations

import atexit
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium

from pagemill.processors.document import Block, Box, Line, Page
from pagemill.processors.parse.barcodes import read_barcodes
from pagemill.processors.parse.image_page import image_page
from pagemill.processors.parse.layout import layout_blocks
from pagemill.processors.parse.page_options import PageOptions
from pagemill.processors.parse.pdf_objects import PageObjects, read_objects
from pagemill.processors.parse.pdf_words import PageFrame, read_lines
from pagemill.processors.parse.tables import aligned_tables, ruled_tables

_MIN_TEXT_CHARS = 16
_SCAN_COVERAGE = 0.3
_MIN_FIGURE_AREA = 0.01
_BARCODE_DPI = 150
_BARCODE_EDGES = 24
_MIN_BARCODE_AREA = 0.001
_MAX_BARCODE_AREA = 0.12
_MAX_BAR_PITCH = 4.0


def read_pdf_page(pdf: pdfium.PdfDocument, index: int, options: PageOptions) -> Page:
    page = pdf[index]
    try:
        return _read(page, index + 1, options)
    finally:
        page.close()


def _read(page: pdfium.PdfPage, number: int, options: PageOptions) -> Page:
    frame = PageFrame.of(page)
    width, height = frame.size
    textpage = page.get_textpage()
    try:
        lines = read_lines(textpage, frame)
    finally:
        textpage.close()
    objects = read_objects(page, frame)
    if _is_scanned(lines, objects, width * height):
        image = page.render(scale=options.ocr_dpi / 72.0, grayscale=True).to_pil()
        scanned = image_page(image, number=number, dpi=options.ocr_dpi, options=options)
        # Boxes are kept in points; a scanned PDF page reports coordinates at 72 dpi like its text pages.
        scanned.dpi = 72.0
        scanned.rotation = frame.rotation
        return scanned
    tables, flow = ruled_tables(objects.horizontal, objects.vertical, lines)
    more_tables, flow = aligned_tables(flow)
    figures = _figure_boxes(objects, width * height) if options.figures else []
    blocks = layout_blocks(flow, tables + more_tables, figures)
    if options.read_barcodes:
        blocks.extend(_barcodes(page, frame, objects))
    return Page(number, width, height, rotation=frame.rotation, blocks=blocks, lines=lines)


def _is_scanned(lines: list[Line], objects: PageObjects, area: float) -> bool:
    characters = sum(len(word.text) for line in lines for word in line.words)
    if characters >= _MIN_TEXT_CHARS:
        return False
    covered = sum(box.width * box.height for box in objects.images)
    return covered >= _SCAN_COVERAGE * area


def _barcodes(page: pdfium.PdfPage, frame: PageFrame, objects: PageObjects) -> list[Block]:
    """Decode only where a barcode can be: small placed images (their own pixels, no rendering) and a dense
    row
    of equal vertical bars drawn as vectors (rendered at 150 dpi)."""
    width, height = frame.size
    found: list[Block] = []
    for box, handle in zip(objects.images, objects.image_handles, strict=True):
        if (
            not _MIN_BARCODE_AREA * width * height
            <= box.width * box.height
            <= _MAX_BARCODE_AREA * width * height
        ):
            continue
        try:
            image = pdfium.PdfImage(handle, page=page).get_bitmap(render=False).to_pil()
        except (pdfium.PdfiumError, ValueError):
            continue
        if image.width and image.height:
            found.extend(
                read_barcodes(image, points_per_pixel=box.width / image.width, offset=(box.left, box.top))
            )
    region = _bar_region(objects, width)
    if region is not None:
        scale = _BARCODE_DPI / 72.0
        left, top = max(0.0, region.left - 8), max(0.0, region.top - 8)
        right, bottom = min(width, region.right + 8), min(height, region.bottom + 8)
        crop = (0, 0, 0, 0) if frame.rotation else (left, height - bottom, width - right, top)
        origin = (0.0, 0.0) if frame.rotation else (left, top)
        image = page.render(scale=scale, crop=crop, grayscale=True).to_pil()
        found.extend(read_barcodes(image, points_per_pixel=1 / scale, offset=origin))
    return found


def _bar_region(objects: PageObjects, page_width: float) -> Box | None:
    bars = objects.vertical
    if len(bars) < _BARCODE_EDGES:
        return None
    heights = sorted(bottom - top for _, top, bottom in bars)
    typical = heights[len(heights) // 2]
    equal = [bar for bar in bars if abs(bar[2] - bar[1] - typical) <= 0.1 * typical]
    if len(equal) < _BARCODE_EDGES:
        return None
    left, right = min(x for x, _, _ in equal), max(x for x, _, _ in equal)
    positions = len({round(x) for x, _, _ in equal})
    if right - left > 0.6 * page_width or (right - left) / positions > _MAX_BAR_PITCH:
        return None
    return Box(left, min(top for _, top, _ in equal), right, max(bottom for _, _, bottom in equal))


def _figure_boxes(objects: PageObjects, area: float) -> list[Box]:
    return [box for box in objects.images if box.width * box.height >= _MIN_FIGURE_AREA * area]


@lru_cache(maxsize=2)
def _open(source: str | bytes, password: str | None) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(Path(source) if isinstance(source, str) else source, password=password)


atexit.register(_open.cache_clear)  # let pdfium close the worker's documents before the interpreter goes


def parse_pdf_page(source: str | bytes, password: str | None, index: int, options: PageOptions) -> Page:
    """Pool entry point: every argument and the result pickle; `source` is a file path or the PDF's bytes."""
    return read_pdf_page(_open(source, password), index, options)
