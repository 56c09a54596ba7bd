"""Images and scanned PDF pages are read with Tesseract, RapidOCR or both (`auto`): words with boxes in the
image's pixel space and per-word confidence, pages from every frame of a TIFF, upright text from a rotated
scan."""

from __future__ import annotations

import io
import socket
import threading
import unicodedata
from difflib import SequenceMatcher

from PIL import Image
from pytest import MonkeyPatch

from pagemill.config import get_settings
from pagemill.processors.document import Box, Word
from pagemill.processors.parse import ParseConfig, load_parse_config, parse
from pagemill.processors.parse.ocr import OcrResult, ocr_image
from pagemill.processors.parse.ocr_rapid import join_pieces, rapid_lines
from pagemill.processors.parse.page_options import PageOptions
from pagemill.processors.pdf_writer import PageCanvas, pdf_bytes

from .samples import image_bytes, text_image

LINES = ["Receipt 4411", "Total amount 42.50", "Thank you for shopping"]


def _words(output: dict) -> list[str]:
    return " ".join(c["content"] for c in output["chunks"]).replace("#", " ").split()


def test_png_is_ocred_with_confidence_and_pixel_boxes(config: ParseConfig) -> None:
    ocr_config = load_parse_config({"advancedOptions": {"returnOcr": {"words": True, "lines": True}}})
    result = parse(image_bytes(text_image(LINES), "PNG", dpi=(150, 150)), config=ocr_config)
    assert _words(result.output) == " ".join(LINES).split()
    words = result.output["ocr"]["words"]
    total = next(w for w in words if w["content"] == "Total")
    assert 0.8 < total["confidence"] <= 1.0
    assert (
        50 <= total["boundingBox"]["left"] <= 70
    )  # drawn at x=60 px; coordinates are pixels at the image dpi
    page = result.output["metadata"]["pages"][0]
    assert page["dpi"] == 150 and page["originalPageWidth"] == round(1240 * 72 / 150, 2)
    chunk = result.output["chunks"][0]["metadata"]
    assert 0.8 < chunk["minOcrConfidence"] <= chunk["avgOcrConfidence"] <= 1.0
    assert len(result.output["ocr"]["lines"]) == 3


def test_every_frame_of_a_multipage_tiff_is_a_page(config: ParseConfig) -> None:
    frames = [text_image([f"Page number {n} text"]) for n in (1, 2)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    result = parse(buffer.getvalue(), config=config)
    assert result.page_count == 2
    assert "Page number 2 text" in result.output["chunks"][1]["content"]


def test_jpeg_webp_bmp_and_gif_are_read(config: ParseConfig) -> None:
    image = text_image(["Invoice 12345"])
    for fmt in ("JPEG", "WEBP", "BMP", "GIF"):
        assert (
            "Invoice 12345" in parse(image_bytes(image, fmt), config=config).output["chunks"][0]["content"]
        ), fmt


def test_scanned_pdf_page_is_ocred_and_reported_in_points(config: ParseConfig) -> None:
    scan = text_image(LINES, size=(1700, 2200), font_size=48).convert("RGB")
    page = PageCanvas()
    page.jpeg(image_bytes(scan, "JPEG", quality=90), scan.size, 0, 0, 612, 792)
    result = parse(pdf_bytes([page]), config=config)
    assert result.document.pages[0].ocr_applied
    assert "Total amount 42.50" in result.output["chunks"][0]["content"]
    box = result.output["chunks"][0]["blocks"][0]["boundingBox"]
    assert 0 < box["left"] < box["right"] <= 612


def test_rotated_scan_is_turned_upright(config: ParseConfig) -> None:
    lines = [
        "Dear customer, your parcel arrived today.",
        "We kept it at the front desk for you.",
        "Please bring an identity card along.",
        "Opening hours are nine to five daily.",
        "Kind regards from the building team.",
        "Reference number 5521 applies here.",
    ]
    upright = text_image(lines, size=(1500, 900), font_size=32)
    sideways = upright.rotate(-90, expand=True)  # turned a quarter clockwise
    result = parse(image_bytes(sideways, "PNG"), config=config)
    assert result.output["metadata"]["pages"][0]["rotationApplied"] == 270
    assert "Please bring an identity card along." in result.output["chunks"][0]["content"]
    without = load_parse_config({"advancedOptions": {"pageRotationEnabled": False}})
    assert (
        parse(image_bytes(sideways, "PNG"), config=without).output["metadata"]["pages"][0]["rotationApplied"]
        is None
    )


def test_qr_code_in_an_image_is_decoded(config: ParseConfig) -> None:
    import zxingcpp

    code = zxingcpp.write_barcode_to_image(
        zxingcpp.create_barcode("PM-7781", zxingcpp.BarcodeFormat.QRCode), scale=6
    )
    canvas = Image.new("L", (600, 400), 255)
    canvas.paste(Image.fromarray(code) if not isinstance(code, Image.Image) else code, (200, 100))
    blocks = parse(image_bytes(canvas, "PNG"), config=config).output["chunks"][0]["blocks"]
    barcode = next(b for b in blocks if b["type"] == "barcode")
    assert barcode["details"] == {
        "type": "barcode_details",
        "imageUrl": None,
        "decodedValue": "PM-7781",
        "format": "QRCode",
    }
    assert barcode["content"] == "<barcode>PM-7781</barcode>"


DEGRADED_LINES = ["INVOICE 20417 PAID", "Widget 2 x 10.00", "Total due 99.50", "Thank you kindly"]


def _degraded_scan(lines: list[str]) -> Image.Image:
    """A poor scan: small text, turned 1.2°, blurred, speckled with noise and saved as JPEG q=35."""
    import numpy
    from PIL import ImageFilter

    clean = text_image(lines, size=(520, 240), font_size=20)
    turned = clean.rotate(1.2, expand=False, fillcolor=255).filter(ImageFilter.GaussianBlur(0.9))
    noise = numpy.random.default_rng(7).normal(0.0, 40.0, (turned.height, turned.width))
    noisy = numpy.clip(numpy.asarray(turned, dtype=float) * 0.6 + 60 + noise, 0, 255).astype("uint8")
    return Image.open(io.BytesIO(image_bytes(Image.fromarray(noisy), "JPEG", quality=35)))


def _text(result: OcrResult) -> str:
    return "\n".join(line.text for line in result.lines)


def _similarity(result: OcrResult, lines: list[str]) -> float:
    return SequenceMatcher(None, _text(result), "\n".join(lines)).ratio()


def test_rapidocr_reads_a_degraded_scan_into_words_with_boxes_and_confidence() -> None:
    result = ocr_image(
        _degraded_scan(DEGRADED_LINES), points_per_pixel=0.5, detect_orientation=False, engine="rapidocr"
    )
    assert result.engine == "rapidocr"
    assert len(result.lines) == len(DEGRADED_LINES) and _similarity(result, DEGRADED_LINES) >= 0.9
    total = next(word for line in result.lines for word in line.words if word.text == "Total")
    assert 0.8 < total.confidence <= 1.0
    # drawn at x=60 px, y=60 + 2 × 36 px, 20 px high; boxes are in points (pixels × 0.5)
    assert 25 <= total.box.left <= 35 and 62 <= total.box.top <= 70 and 6 <= total.box.height <= 16


def test_auto_rereads_a_page_tesseract_is_unsure_of_with_rapidocr() -> None:
    scan = _degraded_scan(DEGRADED_LINES)
    tesseract = ocr_image(scan, points_per_pixel=1.0, detect_orientation=False, engine="tesseract")
    auto = ocr_image(scan, points_per_pixel=1.0, detect_orientation=False, engine="auto")
    assert _similarity(tesseract, DEGRADED_LINES) < 0.5
    assert auto.engine == "rapidocr" and _similarity(auto, DEGRADED_LINES) >= 0.9


def test_auto_keeps_tesseract_for_a_clean_page() -> None:
    auto = ocr_image(text_image(LINES), points_per_pixel=1.0, detect_orientation=True, engine="auto")
    assert auto.engine == "tesseract" and _text(auto).split("\n") == LINES


def test_rapidocr_models_load_from_the_wheel_with_the_network_unreachable(monkeypatch: MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network unreachable in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    lines: list[str] = []
    # Engines are per thread, so a new thread loads the models afresh under the blocked network.
    reader = threading.Thread(
        target=lambda: lines.extend(line.text for line in rapid_lines(text_image(LINES), 1.0))
    )
    reader.start()
    reader.join()
    assert lines == LINES


def test_the_ocr_engine_setting_reaches_the_page_options(monkeypatch: MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEMILL_OCR_ENGINE", "rapidocr")
    get_settings.cache_clear()
    try:
        assert PageOptions.of(load_parse_config({})).ocr_engine == "rapidocr"
    finally:
        get_settings.cache_clear()


def test_rapidocr_character_pieces_are_joined_into_words_at_spaces_and_wide_gaps() -> None:
    # RapidOCR returns one piece per character, spaces dropped, for a line holding a full-width bracket.
    line_text = "S.H.H.MOTOR（SUNGAI RENGIT）"
    left = 0.0
    pieces: list[Word] = []
    for character in "S.H.H.MOTOR(SUNGAIRENGIT)":
        left += 30.0 if character == "M" else 10.0  # a wide gap before MOTOR; SUNGAI|RENGIT only by the space
        pieces.append(
            Word(character, Box(left, 0.0, left + 8.0, 20.0), 0.9 if character == "T" else 0.99, 20.0)
        )
    words = join_pieces(unicodedata.normalize("NFKC", line_text), pieces)
    assert [word.text for word in words] == ["S.H.H.", "MOTOR(SUNGAI", "RENGIT)"]
    assert words[0].box == Box(10.0, 0.0, 68.0, 20.0)
    assert words[2].confidence == 0.9
