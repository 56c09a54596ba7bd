"""OCR of a page image with RapidOCR (PP-OCRv6 ONNX models bundled in the `rapidocr` wheel, run by
onnxruntime): words with boxes and confidence, one line per detected text line. Imported lazily: loading
onnxruntime and the models costs seconds and hundreds of MB, paid only by pages that use this engine."""

from __future__ import annotations

import threading
import unicodedata
from typing import Any

from PIL import Image

from pagemill.processors.document import Box, Line, Word
from pagemill.processors.parse.failure import FailureReason, ParseFailure

_local = threading.local()
_WORD_GAP = 0.5
"""Single-character pieces further apart than this many glyph heights are separate words."""
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
    for text, score, quad, pieces in zip(
        result.txts, result.scores, result.boxes, result.word_results, strict=True
    ):
        recognised = [_word(piece, confidence, points, scale) for piece, confidence, points in pieces]
        words = join_pieces(unicodedata.normalize("NFKC", text), [word for word in recognised if word.text])
        if not words and text.strip():
            words = [_word(text, score, quad, scale)]
        if words:
            lines.append(Line.of(words))
    return lines


def _word(text: str, confidence: float, quad: Any, scale: float) -> Word:
    xs, ys = [float(point[0]) for point in quad], [float(point[1]) for point in quad]
    box = Box(min(xs) * scale, min(ys) * scale, max(xs) * scale, max(ys) * scale)
    return Word(unicodedata.normalize("NFKC", text).strip(), box, float(confidence), box.height)


def join_pieces(line_text: str, pieces: list[Word]) -> list[Word]:
    """RapidOCR splits a line holding any CJK-width character (a full-width bracket) into single characters,
    spaces lost: pieces are joined back into words at the spaces of the line's text and at wide gaps."""
    if "".join(piece.text for piece in pieces) != "".join(line_text.split()):
        return pieces
    groups: list[list[Word]] = []
    position = 0
    for piece in pieces:
        spaced = position < len(line_text) and line_text[position].isspace()
        while position < len(line_text) and line_text[position].isspace():
            position += 1
        position += len(piece.text)
        if not groups or spaced or _wide_gap(groups[-1][-1], piece):
            groups.append([piece])
        else:
            groups[-1].append(piece)
    return [_merged(group) for group in groups]


def _wide_gap(previous: Word, piece: Word) -> bool:
    return piece.box.left - previous.box.right > _WORD_GAP * max(previous.box.height, piece.box.height)


def _merged(group: list[Word]) -> Word:
    if len(group) == 1:
        return group[0]
    box = Line.of(group).box
    return Word("".join(word.text for word in group), box, min(word.confidence for word in group), box.height)
