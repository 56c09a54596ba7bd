"""OCR of a page image with RapidOCR (PP-OCRv6 ONNX models bundled in the `rapidocr` wheel, run by
onnxruntime): words with boxes and confidence, one line per detected text line. Imported lazily: loading
onnxruntime and the models costs seconds and hundreds of MB, paid only by pages that use this engine."""

from __future__ import annotations

import threading
from typing import Any

from PIL import Image

from pagemill.processors.document import Box, Line, Word
from pagemill.processors.parse.failure import FailureReason, ParseFailure

_local = threading.local()
# One thread per inference: page work already runs in parallel, and onnxruntime's default pool of one thread
# per core slows every other worker on a shared 2-core machine.
_PARAMS = {
    "Global.log_level": "error",
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
}


def _engine() -> Any:
    engine = getattr(_local, "engine", None)
    if engine is None:
        from rapidocr import RapidOCR

        engine = RapidOCR(params=_PARAMS)
        _local.engine = engine
    return engine


def rapid_lines(image: Image.Image, scale: float) -> list[Line]:
    """Lines of `image` in RapidOCR's order (top to bottom); boxes are pixels × `scale`."""
    import numpy

    pixels = numpy.asarray(image if image.mode == "RGB" else image.convert("RGB"))
    try:
        result = _engine()(pixels, return_word_box=True)
    except Exception as error:  # onnxruntime and OpenCV raise their own, unrelated exception types
        raise ParseFailure(FailureReason.OCR_ERROR, f"RapidOCR failed: {error}") from error
    if not result.txts:
        return []
    lines: list[Line] = []
    for text, score, quad, words in zip(
        result.txts, result.scores, result.boxes, result.word_results, strict=True
    ):
        line_words = [
            _word(word, confidence, points, scale) for word, confidence, points in words if word.strip()
        ]
        if not line_words and text.strip():
            line_words = [_word(text, score, quad, scale)]
        if line_words:
            lines.append(Line.of(line_words))
    return lines


def _word(text: str, confidence: float, quad: Any, scale: float) -> Word:
    xs, ys = [float(point[0]) for point in quad], [float(point[1]) for point in quad]
    box = Box(min(xs) * scale, min(ys) * scale, max(xs) * scale, max(ys) * scale)
    return Word(text.strip(), box, float(confidence), box.height)
