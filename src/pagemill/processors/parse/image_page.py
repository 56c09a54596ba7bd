"""A page that exists only as pixels (an image file, a scanned PDF page): OCR, barcodes and layout."""

from __future__ import annotations

from PIL import Image

from pagemill.processors.document import Page
from pagemill.processors.parse.barcodes import read_barcodes
from pagemill.processors.parse.layout import layout_blocks
from pagemill.processors.parse.ocr import ocr_image
from pagemill.processors.parse.page_options import PageOptions
from pagemill.processors.parse.tables import aligned_tables


def image_page(image: Image.Image, *, number: int, dpi: float, options: PageOptions) -> Page:
    """`dpi` is the image's resolution; the page is sized in points and its boxes are in points."""
    points_per_pixel = 72.0 / dpi
    result = ocr_image(
        image,
        points_per_pixel=points_per_pixel,
        detect_orientation=options.detect_rotation,
        engine=options.ocr_engine,
    )
    width, height = image.width * points_per_pixel, image.height * points_per_pixel
    if result.rotation_applied in (90, 270):
        width, height = height, width
    if result.rotation_applied:
        image = image.rotate(360 - result.rotation_applied, expand=True)
    tables, flow = aligned_tables(result.lines)
    blocks = layout_blocks(flow, tables, [])
    if options.read_barcodes:
        blocks.extend(read_barcodes(image, points_per_pixel=points_per_pixel))
    return Page(
        number,
        width,
        height,
        dpi=dpi,
        blocks=blocks,
        lines=result.lines,
        ocr_applied=True,
        rotation_applied=result.rotation_applied if options.detect_rotation else None,
    )
