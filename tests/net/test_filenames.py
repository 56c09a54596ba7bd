"""File names for downloads: Content-Disposition first (`filename*` over `filename`), else the URL path."""

from __future__ import annotations

import pytest

from pagemill.net.filenames import download_filename


@pytest.mark.parametrize(
    ("header", "url", "expected"),
    [
        ('attachment; filename="report.pdf"', "https://x.example/download?id=1", "report.pdf"),
        ("attachment; filename=report.pdf", "https://x.example/d", "report.pdf"),
        ("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf", "https://x.example/d", "résumé.pdf"),
        (
            "attachment; filename=\"fallback.pdf\"; filename*=utf-8''%E2%82%AC.pdf",
            "https://x.example/d",
            "€.pdf",
        ),
        ("attachment; filename*=UTF-8''a.pdf; filename=\"b.pdf\"", "https://x.example/d", "a.pdf"),
        ('attachment; filename="quoted \\"name\\".pdf"', "https://x.example/d", 'quoted "name".pdf'),
        ('attachment; filename="../../etc/passwd"', "https://x.example/d", "passwd"),
        ('attachment; filename="C:\\\\Users\\\\a\\\\scan.pdf"', "https://x.example/d", "scan.pdf"),
        ("inline", "https://x.example/files/invoice%20march.pdf?sig=1", "invoice march.pdf"),
        (None, "https://x.example/files/scan.png", "scan.png"),
        ('attachment; filename=".."', "https://x.example/files/a.pdf", "a.pdf"),
        (None, "https://x.example/", None),
        (None, "https://x.example", None),
    ],
)
def test_download_filename(header: str | None, url: str, expected: str | None) -> None:
    assert download_filename(header, url) == expected
