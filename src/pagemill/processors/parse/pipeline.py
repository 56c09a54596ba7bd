"""`parse`: any supported document to Extend's ParseRun.output, detecting its type from its content."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pagemill.processors.document import Document
from pagemill.processors.filetype import HEAD_SIZE, FileKind, Format, detect_file_type
from pagemill.processors.parse.config import ParseConfig
from pagemill.processors.parse.document_pass import finish_document
from pagemill.processors.parse.failure import FailureReason, ParseCancelled, ParseFailure
from pagemill.processors.parse.formats import read_flow_document
from pagemill.processors.parse.images import read_image
from pagemill.processors.parse.output import build_output
from pagemill.processors.parse.page_options import PageOptions
from pagemill.processors.parse.pdf_document import read_pdf

DEFAULT_MAX_PAGES = 5000
_IMAGE_FORMATS = {Format.PNG, Format.JPEG, Format.TIFF, Format.WEBP, Format.BMP, Format.GIF}

Source = BinaryIO | bytes | Path


@dataclass(slots=True)
class ParseMetrics:
    processing_time_ms: float
    read_time_ms: float
    output_time_ms: float

    def to_wire(self, page_count: int) -> dict[str, float]:
        return {"processingTimeMs": round(self.processing_time_ms, 1), "pageCount": page_count}


@dataclass(slots=True)
class ParseResult:
    output: dict[str, Any]
    """ParseRun.output in the wire shape (camelCase): chunks, ocr, metadata."""
    page_count: int
    document: Document
    metrics: ParseMetrics
    config: ParseConfig

    @property
    def kind(self) -> FileKind:
        return self.document.kind


def parse(
    source: Source,
    *,
    config: ParseConfig,
    password: str | None = None,
    should_stop: Callable[[], bool] | None = None,
    name: str | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
) -> ParseResult:
    """Parse a document. Raises `ParseFailure` (with a stable `reason`) for input it cannot parse.

    `name` (the uploaded file name) only separates text formats that share bytes, such as CSV and TXT.
    `should_stop` is polled between pages; when it returns True a `ParseCancelled` is raised.
    """
    started = time.perf_counter()
    data, path = _load(source)
    head = data[:HEAD_SIZE] if data is not None else _head(path)
    kind = detect_file_type(head, name or (path.name if path else None))
    if not kind.supported:
        raise ParseFailure(
            FailureReason.FILE_TYPE_NOT_SUPPORTED,
            f"The file's content is not a format Pagemill parses (name: {name or 'unknown'}).",
        )
    options = PageOptions.of(config)
    document = _read(kind, data, path, config, options, password, should_stop, max_pages)
    finish_document(
        document, continue_table_headers=config.block_options.tables.table_header_continuation_enabled
    )
    read_done = time.perf_counter()
    output = build_output(document, config)
    done = time.perf_counter()
    metrics = ParseMetrics((done - started) * 1000, (read_done - started) * 1000, (done - read_done) * 1000)
    return ParseResult(output, document.page_count, document, metrics, config)


def _load(source: Source) -> tuple[bytes | None, Path | None]:
    if isinstance(source, Path):
        if not source.is_file():
            raise ParseFailure(FailureReason.CORRUPT_FILE, f"{source.name} is not a readable file.")
        return None, source
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), None
    return source.read(), None


def _head(path: Path | None) -> bytes:
    assert path is not None
    with path.open("rb") as handle:
        return handle.read(HEAD_SIZE)


def _read(
    kind: FileKind,
    data: bytes | None,
    path: Path | None,
    config: ParseConfig,
    options: PageOptions,
    password: str | None,
    should_stop: Callable[[], bool] | None,
    max_pages: int,
) -> Document:
    if data is None and path is not None and path.stat().st_size == 0:
        raise ParseFailure(FailureReason.CORRUPT_FILE, "The file is empty.")
    if kind.format is Format.PDF:
        return read_pdf(
            path if data is None else data,
            kind,
            password=password,
            options=options,
            wants_page=config.wants_page,
            should_stop=should_stop,
            max_pages=max_pages,
        )
    payload = data if data is not None else path.read_bytes()  # type: ignore[union-attr]
    if kind.format in _IMAGE_FORMATS:
        return read_image(
            payload,
            kind,
            options=options,
            wants_page=config.wants_page,
            should_stop=should_stop,
            max_pages=max_pages,
        )
    document = read_flow_document(payload, kind, config)
    if should_stop is not None and should_stop():
        raise ParseCancelled(0)
    return document
