"""Images and scanned PDF pages are read with Tesseract: words with boxes in the image's pixel space and
per-word confidence, pages from every frame of a TIFF, upright text from a rotated scan."""

from __future__ import annotations

import io

from PIL import Image

from pagemill.processors.parse import ParseConfig, load_parse_config, parse
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
