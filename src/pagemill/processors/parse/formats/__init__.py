"""Readers for formats without page images: Office files, spreadsheets, HTML, text, e-mail and XML."""

from __future__ import annotations

import zipfile
from collections.abc import Callable

from lxml import etree

from pagemill.processors.document import Document
from pagemill.processors.filetype import FileKind, Format
from pagemill.processors.parse.config import ParseConfig
from pagemill.processors.parse.failure import FailureReason, ParseFailure
from pagemill.processors.parse.formats.docx_reader import read_docx
from pagemill.processors.parse.formats.email_reader import read_email
from pagemill.processors.parse.formats.flow import FlowBuilder
from pagemill.processors.parse.formats.html_reader import read_html
from pagemill.processors.parse.formats.pptx_reader import read_pptx
from pagemill.processors.parse.formats.sheets import read_csv, read_xls, read_xlsx
from pagemill.processors.parse.formats.text_reader import read_text

_MAX_UNCOMPRESSED = 1 << 30
_MAX_RATIO = 200


def read_flow_document(data: bytes, kind: FileKind, config: ParseConfig) -> Document:
    if not data:
        raise ParseFailure(FailureReason.CORRUPT_FILE, "The file is empty.")
    readers: dict[Format, Callable[[], Document]] = {
        Format.DOCX: lambda: read_docx(data, kind),
        Format.PPTX: lambda: read_pptx(data, kind),
        Format.XLSX: lambda: read_xlsx(data, kind, config),
        Format.XLSM: lambda: read_xlsx(data, kind, config),
        Format.XLS: lambda: read_xls(data, kind, config),
        Format.CSV: lambda: read_csv(data, kind),
        Format.HTML: lambda: read_html(data, kind),
        Format.TXT: lambda: read_text(data, kind),
        Format.MARKDOWN: lambda: read_text(data, kind),
        Format.EML: lambda: read_email(data, kind),
        Format.XML: lambda: _read_xml(data, kind),
    }
    reader = readers.get(kind.format)
    if reader is None:
        raise ParseFailure(
            FailureReason.FILE_TYPE_NOT_SUPPORTED, f"{kind.format.value} files are not parsed."
        )
    if kind.format in (Format.DOCX, Format.PPTX, Format.XLSX, Format.XLSM):
        _check_archive(data)
    try:
        return reader()
    except ParseFailure:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise ParseFailure(
            FailureReason.CORRUPT_FILE, f"The {kind.format.value} file could not be read ({error})."
        ) from None


def _check_archive(data: bytes) -> None:
    """Office files are ZIP archives: refuse one that would inflate far beyond its size (a ZIP bomb)."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ParseFailure(
            FailureReason.CORRUPT_FILE, f"The Office file is not a valid archive ({error})."
        ) from None
    if total > _MAX_UNCOMPRESSED or total > _MAX_RATIO * max(len(data), 1) and total > 100 << 20:
        raise ParseFailure(
            FailureReason.FILE_SIZE_TOO_LARGE,
            f"The archive inflates to {total:,} bytes (decompression bomb guard).",
        )


def _read_xml(data: bytes, kind: FileKind) -> Document:
    builder = FlowBuilder(kind)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(data, parser)
    for element in root.iter():
        if isinstance(element.tag, str) and len(element) == 0 and element.text and element.text.strip():
            builder.key_value(etree.QName(element).localname, " ".join(element.text.split()))
    return builder.finish()
