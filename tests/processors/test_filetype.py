"""File types are told by content; the name only separates text formats that share bytes."""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pptx
import pytest
from PIL import Image

from pagemill.processors.filetype import FileType, Format, detect_file_type
from pagemill.processors.pdf_writer import PageCanvas, pdf_bytes


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format=fmt)
    return buffer.getvalue()


def _office(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("PNG", Format.PNG),
        ("JPEG", Format.JPEG),
        ("TIFF", Format.TIFF),
        ("WEBP", Format.WEBP),
        ("BMP", Format.BMP),
        ("GIF", Format.GIF),
    ],
)
def test_images_are_img_with_their_precise_media_type(fmt: str, expected: Format) -> None:
    kind = detect_file_type(_image(fmt), "scan.bin")
    assert kind.type is FileType.IMG
    assert kind.format is expected
    assert kind.media_type == f"image/{expected.value}"


def test_pdf_is_recognised_even_when_named_otherwise() -> None:
    kind = detect_file_type(pdf_bytes([PageCanvas()])[:8192], "photo.jpg")
    assert (kind.type, kind.media_type) == (FileType.PDF, "application/pdf")


def test_office_open_xml_containers_are_told_apart_by_their_entries() -> None:
    workbook = openpyxl.Workbook()
    assert detect_file_type(_office(docx.Document())[:8192], "x.xlsx").format is Format.DOCX
    assert detect_file_type(_office(workbook)[:8192], "x.docx").type is FileType.EXCEL
    assert detect_file_type(_office(pptx.Presentation())[:8192], None).format is Format.PPTX


def test_pptx_maps_to_docx_type_and_keeps_presentation_media_type() -> None:
    kind = detect_file_type(_office(pptx.Presentation())[:8192], "deck.pptx")
    assert kind.type is FileType.DOCX
    assert kind.media_type.endswith("presentationml.presentation")


def test_text_formats_use_the_name_only_to_separate_csv_markdown_and_text() -> None:
    assert detect_file_type(b"a,b\n1,2\n", "data.csv").type is FileType.CSV
    assert detect_file_type(b"# Title\n\ntext", "notes.md").format is Format.MARKDOWN
    assert detect_file_type(b"just words", None).type is FileType.TXT


def test_html_and_xml_are_recognised_from_markup() -> None:
    assert detect_file_type(b"<!DOCTYPE html><html><body>x</body></html>", "a.txt").type is FileType.HTML
    assert detect_file_type(b"<?xml version='1.0'?><invoice><id>1</id></invoice>", None).type is FileType.XML


def test_email_maps_to_txt_with_rfc822_media_type() -> None:
    message = b"From: a@example.com\r\nTo: b@example.com\r\nSubject: Hi\r\n\r\nBody"
    kind = detect_file_type(message, "mail.eml")
    assert (kind.type, kind.format, kind.media_type) == (FileType.TXT, Format.EML, "message/rfc822")


def test_binary_garbage_and_unknown_zip_are_unsupported() -> None:
    assert not detect_file_type(bytes(range(256)) * 4, "x.pdf").supported
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert detect_file_type(buffer.getvalue(), "archive.zip").format is Format.UNKNOWN
