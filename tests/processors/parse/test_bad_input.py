"""Input Pagemill cannot parse fails with a stable reason and a message that says what was wrong."""

from __future__ import annotations

import io
import resource
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pikepdf
import pytest

from pagemill.processors.parse import FailureReason, ParseCancelled, ParseConfig, ParseFailure, parse
from pagemill.processors.pdf_writer import PageCanvas, PdfWriter, pdf_bytes

from .samples import image_bytes, invoice_page, text_image


def _failure(data: bytes | Path, config: ParseConfig, **kwargs: object) -> ParseFailure:
    with pytest.raises(ParseFailure) as raised:
        parse(data, config=config, **kwargs)  # type: ignore[arg-type]
    return raised.value


def _encrypted(data: bytes, password: str) -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="owner-secret", user=password))
    return out.getvalue()


def test_corrupt_pdf(config: ParseConfig) -> None:
    failure = _failure(b"%PDF-1.7\n" + bytes(range(256)) * 20, config)
    assert failure.reason is FailureReason.CORRUPT_FILE
    assert "could not be read" in failure.message


def test_truncated_pdf_fails_or_keeps_what_survives(invoice_pdf: bytes, config: ParseConfig) -> None:
    try:
        result = parse(invoice_pdf[: len(invoice_pdf) // 3], config=config)
    except ParseFailure as failure:
        assert failure.reason is FailureReason.CORRUPT_FILE
    else:  # pdfium rebuilt the cross-reference table: whatever it returns must be real content
        assert "INVOICE" in result.output["chunks"][0]["content"]


def test_pdf_without_pages(config: ParseConfig) -> None:
    empty = io.BytesIO()
    pikepdf.new().save(empty)
    failure = _failure(empty.getvalue(), config)
    assert (failure.reason, failure.message) == (FailureReason.CORRUPT_FILE, "The PDF has no pages.")


def test_encrypted_pdf_needs_the_right_password(invoice_pdf: bytes, config: ParseConfig) -> None:
    locked = _encrypted(invoice_pdf, "s3cret")
    missing = _failure(locked, config)
    assert (
        missing.reason is FailureReason.PASSWORD_PROTECTED_FILE and "supply its password" in missing.message
    )
    wrong = _failure(locked, config, password="guess")
    assert wrong.reason is FailureReason.PASSWORD_PROTECTED_FILE and "wrong" in wrong.message
    assert "INVOICE" in parse(locked, config=config, password="s3cret").output["chunks"][0]["content"]


def _png_claiming(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    data = zlib.compress(b"\x00" * 64)
    idat = struct.pack(">I", len(data)) + b"IDAT" + data + struct.pack(">I", zlib.crc32(b"IDAT" + data))
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def test_decompression_bomb_image_is_refused_before_decoding(config: ParseConfig) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    failure = _failure(_png_claiming(60_000, 60_000), config)
    assert failure.reason is FailureReason.FILE_SIZE_TOO_LARGE
    assert "decompression bomb" in failure.message or "too large" in failure.message
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB: nothing was decoded


def test_broken_image_and_broken_office_file_are_corrupt(config: ParseConfig) -> None:
    png = image_bytes(text_image(["x"]), "PNG")
    assert _failure(png[:60], config).reason is FailureReason.CORRUPT_FILE
    assert _failure(b"PK\x03\x04" + b"\x00" * 40, config, name="a.docx").reason is FailureReason.CORRUPT_FILE


def test_extension_that_lies_is_ignored(invoice_pdf: bytes, config: ParseConfig) -> None:
    as_docx = parse(invoice_pdf, config=config, name="invoice.docx")
    assert as_docx.kind.media_type == "application/pdf"
    png = image_bytes(text_image(["Hello scanner"]), "PNG")
    assert parse(png, config=config, name="scan.pdf").kind.media_type == "image/png"
    assert parse(b"plain words only", config=config, name="fake.pdf").kind.media_type == "text/plain"


def test_unsupported_and_empty_files(config: ParseConfig) -> None:
    assert _failure(bytes(range(256)) * 8, config).reason is FailureReason.FILE_TYPE_NOT_SUPPORTED
    assert _failure(b"", config).reason is FailureReason.CORRUPT_FILE


def test_too_many_pages_and_cancellation(config: ParseConfig) -> None:
    data = pdf_bytes([invoice_page() for _ in range(4)])
    too_many = _failure(data, config, max_pages=3)
    assert too_many.reason is FailureReason.FILE_SIZE_TOO_LARGE and "4 pages" in too_many.message
    polls = iter([False, False, True])
    with pytest.raises(ParseCancelled) as cancelled:
        parse(data, config=config, should_stop=lambda: next(polls))
    assert cancelled.value.pages_done == 2


@pytest.mark.slow
def test_thousand_page_pdf_parses_within_500_mb(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    with path.open("wb") as handle:
        writer = PdfWriter(handle)
        for number in range(1, 1001):
            page = PageCanvas()
            page.text(72, 60, f"Chapter {number}", size=16, bold=True)
            for line in range(40):
                page.text(72, 100 + line * 15, f"Line {line} of page {number}: some ordinary body text here.")
            writer.add(page)
        writer.close()
    script = textwrap.dedent(f"""
        from pathlib import Path
        from pagemill.processors.parse import load_parse_config, parse
        result = parse(Path({str(path)!r}), config=load_parse_config({{}}))
        assert result.page_count == 1000, result.page_count
        assert "Chapter 1000" in result.output["chunks"][-1]["content"]
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through fork and exec, so a large
        # test worker would be counted as this process's own peak.
        status = Path("/proc/self/status").read_text()
        print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600, check=True
    )
    peak_kib = int(done.stdout.strip().splitlines()[-1])
    assert peak_kib < 500 * 1024, f"peak RSS {peak_kib / 1024:.0f} MiB"
