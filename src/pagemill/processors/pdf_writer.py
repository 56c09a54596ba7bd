"""A small PDF writer: pages of text runs (Helvetica, regular or bold), ruling lines, filled rectangles and
JPEG
images, positioned from the page's top-left in points. Used to make test and benchmark documents of known
content,
and enough to turn plain text into a PDF. Pages are streamed to the output, so long documents stay cheap."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import BinaryIO

_FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold"}


def _escape(text: str) -> bytes:
    encoded = text.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


@dataclass
class PageCanvas:
    width: float = 612.0
    height: float = 792.0
    rotation: int = 0
    commands: list[bytes] = field(default_factory=list)
    images: list[tuple[bytes, int, int, str]] = field(default_factory=list)

    def text(self, x: float, top: float, text: str, *, size: float = 11.0, bold: bool = False) -> None:
        """Write `text` with the top of its em box at `top` (its baseline is about 0.8 em lower)."""
        font = "F2" if bold else "F1"
        baseline = self.height - top - 0.8 * size
        self.commands.append(
            b"BT /%s %.2f Tf %.2f %.2f Td (%s) Tj ET" % (font.encode(), size, x, baseline, _escape(text))
        )

    def line(self, x0: float, top0: float, x1: float, top1: float, *, width: float = 0.75) -> None:
        self.commands.append(
            b"%.2f w %.2f %.2f m %.2f %.2f l S" % (width, x0, self.height - top0, x1, self.height - top1)
        )

    def rect(self, x: float, top: float, w: float, h: float, *, fill: bool = False) -> None:
        operator = b"f" if fill else b"S"
        self.commands.append(b"%.2f %.2f %.2f %.2f re %s" % (x, self.height - top - h, w, h, operator))

    def jpeg(
        self,
        data: bytes,
        pixel_size: tuple[int, int],
        x: float,
        top: float,
        w: float,
        h: float,
        *,
        gray: bool = False,
    ) -> None:
        name = f"Im{len(self.images) + 1}"
        self.images.append((data, pixel_size[0], pixel_size[1], "DeviceGray" if gray else "DeviceRGB"))
        self.commands.append(
            b"q %.2f 0 0 %.2f %.2f %.2f cm /%s Do Q" % (w, h, x, self.height - top - h, name.encode())
        )


class PdfWriter:
    """Write pages to `out` as they are added; `close()` writes the page tree, catalogue and
    cross-reference."""

    def __init__(self, out: BinaryIO):
        self._out = out
        self._offsets: dict[int, int] = {}
        self._pages: list[int] = []
        self._next = 3  # 1: catalogue, 2: page tree
        self._fonts: dict[str, int] = {}
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        for key, base in _FONTS.items():
            self._fonts[key] = self._object(
                b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % base.encode()
            )

    def _object(self, body: bytes, number: int | None = None) -> int:
        if number is None:
            number = self._next
            self._next += 1
        self._offsets[number] = self._out.tell()
        self._out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        return number

    def _stream(self, dictionary: bytes, data: bytes) -> int:
        return self._object(
            b"<< %s /Length %d >>\nstream\n" % (dictionary, len(data)) + data + b"\nendstream"
        )

    def add(self, canvas: PageCanvas) -> None:
        content = self._stream(b"", b"\n".join(canvas.commands))
        images = b"".join(
            b"/Im%d %d 0 R "
            % (
                index,
                self._stream(
                    b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s "
                    b"/BitsPerComponent 8 /Filter /DCTDecode" % (w, h, space.encode()),
                    data,
                ),
            )
            for index, (data, w, h, space) in enumerate(canvas.images, start=1)
        )
        fonts = b" ".join(b"/%s %d 0 R" % (key.encode(), number) for key, number in self._fonts.items())
        page = self._object(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Rotate %d /Contents %d 0 R "
            b"/Resources << /Font << %s >> /XObject << %s >> >> >>"
            % (canvas.width, canvas.height, canvas.rotation, content, fonts, images)
        )
        self._pages.append(page)

    def close(self) -> None:
        kids = b" ".join(b"%d 0 R" % page for page in self._pages)
        self._object(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(self._pages)), 2)
        self._object(b"<< /Type /Catalog /Pages 2 0 R >>", 1)
        xref = self._out.tell()
        count = self._next
        self._out.write(b"xref\n0 %d\n0000000000 65535 f \n" % count)
        for number in range(1, count):
            self._out.write(b"%010d 00000 n \n" % self._offsets.get(number, 0))
        self._out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, xref))


def pdf_bytes(pages: list[PageCanvas]) -> bytes:
    buffer = io.BytesIO()
    writer = PdfWriter(buffer)
    for page in pages:
        writer.add(page)
    writer.close()
    return buffer.getvalue()
