"""Image files (PNG, JPEG, TIFF with several pages, WEBP, BMP, GIF) as OCR'd pages, with a pixel budget that
refuses decompression bombs before any pixel is decoded."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

from pagemill.processors.document import Document
from pagemill.processors.filetype import FileKind
from pagemill.processors.parse.failure import FailureReason, ParseCancelled, ParseFailure
from pagemill.processors.parse.image_page import image_page
from pagemill.processors.parse.page_options import PageOptions

MAX_PIXELS = 100_000_000
"""About a 10,000 × 10,000 image; a page scanned at 600 dpi is 35 megapixels."""
_DEFAULT_DPI = 72.0
_MIN_DPI, _MAX_DPI = 50.0, 1200.0


def read_image(
    data: bytes,
    kind: FileKind,
    *,
    options: PageOptions,
    wants_page: Callable[[int], bool],
    should_stop: Callable[[], bool] | None,
    max_pages: int,
) -> Document:
    image = _open(data)
    frames = getattr(image, "n_frames", 1)
    if frames > max_pages:
        raise ParseFailure(
            FailureReason.FILE_SIZE_TOO_LARGE, f"The image has {frames} frames; at most {max_pages}."
        )
    document = Document(kind, source_page_count=frames)
    for index in range(frames):
        if should_stop is not None and should_stop():
            raise ParseCancelled(len(document.pages))
        if not wants_page(index + 1):
            continue
        frame = _frame(image, index)
        document.pages.append(image_page(frame, number=index + 1, dpi=_dpi(image), options=options))
    return document


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data))
            _check_size(image)
            return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ParseFailure(
            FailureReason.FILE_SIZE_TOO_LARGE, f"The image is too large to decode safely ({error})."
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ParseFailure(FailureReason.CORRUPT_FILE, f"The image could not be read ({error}).") from None


def _check_size(image: Image.Image) -> None:
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ParseFailure(
            FailureReason.FILE_SIZE_TOO_LARGE,
            f"The image is {width}×{height} pixels; at most {MAX_PIXELS:,} pixels are decoded "
            "(decompression bomb guard).",
        )


def _frame(image: Image.Image, index: int) -> Image.Image:
    try:
        image.seek(index)
        _check_size(image)
        frame = ImageOps.exif_transpose(image) if index == 0 else image.copy()
        frame.load()
    except (OSError, SyntaxError, ValueError) as error:
        raise ParseFailure(
            FailureReason.CORRUPT_FILE, f"Image frame {index + 1} could not be decoded ({error})."
        ) from None
    return frame.convert("L") if frame.mode not in ("L", "1") else frame


def _dpi(image: Image.Image) -> float:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else _DEFAULT_DPI
    except (TypeError, ValueError, IndexError):
        value = _DEFAULT_DPI
    # PNG stores dots per metre, so 150 dpi comes back as 150.0124: keep whole numbers whole.
    value = round(value) if abs(value - round(value)) < 0.05 else value
    return value if _MIN_DPI <= value <= _MAX_DPI else _DEFAULT_DPI
