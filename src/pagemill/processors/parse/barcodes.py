"""Barcodes and QR codes in a page image, decoded with zxing-cpp."""

from __future__ import annotations

import zxingcpp
from PIL import Image

from pagemill.processors.document import Barcode, Block, BlockType, Box


def read_barcodes(
    image: Image.Image, *, points_per_pixel: float, offset: tuple[float, float] = (0.0, 0.0)
) -> list[Block]:
    """Barcode blocks with boxes in page points; `offset` places a cropped image back on its page."""
    blocks = []
    for result in zxingcpp.read_barcodes(image, try_invert=False):
        position = result.position
        xs = [position.top_left.x, position.top_right.x, position.bottom_left.x, position.bottom_right.x]
        ys = [position.top_left.y, position.top_right.y, position.bottom_left.y, position.bottom_right.y]
        box = Box(
            offset[0] + min(xs) * points_per_pixel,
            offset[1] + min(ys) * points_per_pixel,
            offset[0] + max(xs) * points_per_pixel,
            offset[1] + max(ys) * points_per_pixel,
        )
        format_name = getattr(result.format, "name", str(result.format))
        blocks.append(Block(BlockType.BARCODE, result.text, box, barcode=Barcode(result.text, format_name)))
    return blocks
