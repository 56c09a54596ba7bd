"""Recognise a document's type from its first bytes, falling back to its name only where content cannot tell.

`FileKind.type` is Extend's File.type enum (PDF|CSV|IMG|TXT|DOCX|EXCEL|XML|HTML). Formats Extend has no value
for
map to the nearest one a client can act on: PPTX and other Office Open XML presentations → DOCX (an office
document Extend converts to PDF), EML → TXT (a text message), Markdown → TXT. `format` keeps the precise
format.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from enum import StrEnum
from io import BytesIO
from pathlib import PurePath

HEAD_SIZE = 8192
"""How many leading bytes `detect_file_type` needs; ZIP containers are told apart by entry names in this
window."""


class FileType(StrEnum):
    PDF = "PDF"
    CSV = "CSV"
    IMG = "IMG"
    TXT = "TXT"
    DOCX = "DOCX"
    EXCEL = "EXCEL"
    XML = "XML"
    HTML = "HTML"


class Format(StrEnum):
    """The precise format a parser is chosen by."""

    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"
    WEBP = "webp"
    BMP = "bmp"
    GIF = "gif"
    DOCX = "docx"
    XLSX = "xlsx"
    XLSM = "xlsm"
    XLS = "xls"
    PPTX = "pptx"
    CSV = "csv"
    TXT = "txt"
    MARKDOWN = "markdown"
    HTML = "html"
    XML = "xml"
    EML = "eml"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class FileKind:
    type: FileType | None
    format: Format
    media_type: str

    @property
    def supported(self) -> bool:
        return self.type is not None


_KINDS: dict[Format, tuple[FileType | None, str]] = {
    Format.PDF: (FileType.PDF, "application/pdf"),
    Format.PNG: (FileType.IMG, "image/png"),
    Format.JPEG: (FileType.IMG, "image/jpeg"),
    Format.TIFF: (FileType.IMG, "image/tiff"),
    Format.WEBP: (FileType.IMG, "image/webp"),
    Format.BMP: (FileType.IMG, "image/bmp"),
    Format.GIF: (FileType.IMG, "image/gif"),
    Format.DOCX: (FileType.DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    Format.XLSX: (FileType.EXCEL, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    Format.XLSM: (FileType.EXCEL, "application/vnd.ms-excel.sheet.macroEnabled.12"),
    Format.XLS: (FileType.EXCEL, "application/vnd.ms-excel"),
    Format.PPTX: (FileType.DOCX, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    Format.CSV: (FileType.CSV, "text/csv"),
    Format.TXT: (FileType.TXT, "text/plain"),
    Format.MARKDOWN: (FileType.TXT, "text/markdown"),
    Format.HTML: (FileType.HTML, "text/html"),
    Format.XML: (FileType.XML, "application/xml"),
    Format.EML: (FileType.TXT, "message/rfc822"),
    Format.UNKNOWN: (None, "application/octet-stream"),
}

_MAGIC: tuple[tuple[bytes, Format], ...] = (
    (b"\x89PNG\r\n\x1a\n", Format.PNG),
    (b"\xff\xd8\xff", Format.JPEG),
    (b"II*\x00", Format.TIFF),
    (b"MM\x00*", Format.TIFF),
    (b"GIF87a", Format.GIF),
    (b"GIF89a", Format.GIF),
    (b"BM", Format.BMP),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_SUFFIXES = {
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".csv": Format.CSV,
    ".tsv": Format.CSV,
}
_EMAIL_HEADERS = (
    b"from:",
    b"to:",
    b"subject:",
    b"date:",
    b"message-id:",
    b"mime-version:",
    b"received:",
    b"return-path:",
    b"delivered-to:",
    b"reply-to:",
    b"content-type:",
)


def kind_of(fmt: Format) -> FileKind:
    file_type, media_type = _KINDS[fmt]
    return FileKind(file_type, fmt, media_type)


def detect_file_type(head: bytes, name: str | None = None) -> FileKind:
    """Classify by content; the name's extension only separates text formats that share bytes (CSV vs TXT vs
    MD)."""
    return kind_of(_detect_format(head, name))


def _detect_format(head: bytes, name: str | None) -> Format:
    if b"%PDF-" in head[:1024]:
        return Format.PDF
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Format.WEBP
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(head, name)
    if head.startswith(_OLE2):
        return (
            Format.XLS
            if _suffix(name) in {".xls", ".xlt", ""} or b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in head
            else Format.UNKNOWN
        )
    return _text_format(head, name)


def _suffix(name: str | None) -> str:
    return PurePath(name).suffix.lower() if name else ""


def _zip_format(head: bytes, name: str | None) -> Format:
    names = _zip_names(head)
    if any(n.startswith("word/") for n in names):
        return Format.DOCX
    if any(n.startswith("xl/") for n in names):
        return Format.XLSM if b"vbaProject" in head or _suffix(name) == ".xlsm" else Format.XLSX
    if any(n.startswith("ppt/") for n in names):
        return Format.PPTX
    by_suffix = {".docx": Format.DOCX, ".xlsx": Format.XLSX, ".xlsm": Format.XLSM, ".pptx": Format.PPTX}
    return by_suffix.get(_suffix(name), Format.UNKNOWN)


def _zip_names(head: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(BytesIO(head)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return _local_header_names(head)


def _local_header_names(head: bytes) -> list[str]:
    """Entry names from local file headers: a head is a truncated archive whose central directory is
    missing."""
    names, at = [], 0
    while (at := head.find(b"PK\x03\x04", at)) >= 0 and at + 30 <= len(head):
        length = int.from_bytes(head[at + 26 : at + 28], "little")
        names.append(head[at + 30 : at + 30 + length].decode("utf-8", "replace"))
        at += 30 + length
    return names


def _text_format(head: bytes, name: str | None) -> Format:
    text = _decode_text(head)
    if text is None:
        return Format.UNKNOWN
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith(("<!doctype html", "<html")) or ("<body" in lowered[:2048] and lowered[:1] == "<"):
        return Format.HTML
    if lowered.startswith("<?xml") or lowered.startswith("<"):
        return Format.HTML if "<html" in lowered[:2048] else Format.XML
    if _looks_like_email(head):
        return Format.EML
    suffix = _suffix(name)
    if suffix in _TEXT_SUFFIXES:
        return _TEXT_SUFFIXES[suffix]
    if suffix in {".htm", ".html"}:
        return Format.HTML
    return Format.TXT


def _decode_text(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    sample = head[:4096]
    if b"\x00" in sample:
        return None
    try:
        return sample.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(sample) - 3:
            return sample[: error.start].decode("utf-8")
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return sample.decode("latin-1") if controls <= len(sample) // 100 else None


def _looks_like_email(head: bytes) -> bool:
    header_block = head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0].lower()
    lines = [line for line in header_block.splitlines() if line and not line[:1].isspace()]
    known = sum(1 for line in lines if line.startswith(_EMAIL_HEADERS))
    return known >= 2 and known >= len(lines) // 2
