"""Words and lines of a PDF page's text layer, from pdfium's character boxes, in top-left page points.

A word is a run of non-space characters in pdfium's text (which already inserts generated spaces and line
breaks);
its box comes from the loose boxes of its first and last characters only, so a word costs four pdfium calls,
not
one per character.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from pagemill.processors.document import Box, Line, Word

_WORD = re.compile(r"\S+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BOLD_WEIGHT = 600
_ITALIC_NAME = re.compile(rb"italic|oblique|-it\b|\b(?:cm|sf|lm)ti", re.IGNORECASE)
_BOLD_NAME = re.compile(rb"bold|black|heavy|demi|-bd\b|bd$|\b(?:cm|sf|lm)bx", re.IGNORECASE)
_COLUMN_GAP_EMS = 1.2
"""A horizontal gap wider than this many font sizes splits a pdfium line into separate segments (cells,
columns)."""

Transform = Callable[[float, float, float, float], Box]


@dataclass(frozen=True, slots=True)
class PageFrame:
    """Maps pdfium user space (origin bottom-left of the media box) to displayed top-left coordinates."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int

    @classmethod
    def of(cls, page: pdfium.PdfPage) -> PageFrame:
        left, bottom, right, top = page.get_cropbox()
        return cls(left, bottom, right, top, page.get_rotation() % 360)

    @property
    def size(self) -> tuple[float, float]:
        width, height = self.right - self.left, self.top - self.bottom
        return (height, width) if self.rotation in (90, 270) else (width, height)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> Box:
        ax, ay = self._point(x0, y0)
        bx, by = self._point(x1, y1)
        return Box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))

    def _point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y - self.bottom, x - self.left
        if self.rotation == 180:
            return self.right - x, y - self.bottom
        if self.rotation == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y


def page_text(textpage: pdfium.PdfTextPage) -> str:
    """The page's characters, one string index per pdfium character index."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    if len(text) == count:
        # Lone UTF-16 surrogates (broken font maps) cannot be encoded; replace them in place to keep indexes.
        return _clean(text)
    get_unicode = pdfium_raw.FPDFText_GetUnicode
    handle = textpage.raw
    return _clean("".join(chr(get_unicode(handle, index) or 32) for index in range(count)))


def _clean(text: str) -> str:
    """Same length, no characters that cannot be encoded: lone surrogates from broken font maps become U+FFFD,
    and pdfium's U+FFFE line-end hyphen marker becomes a soft hyphen that paragraph joining removes."""
    return _SURROGATE.sub("\ufffd", text).replace("\ufffe", "\u00ad")


def read_lines(textpage: pdfium.PdfTextPage, frame: PageFrame) -> list[Line]:
    """Lines in content-stream order; a pdfium line is split where a gap is wider than a column gap."""
    text = page_text(textpage)
    handle = textpage.raw
    rect = pdfium_raw.FS_RECTF()
    loose_box = pdfium_raw.FPDFText_GetLooseCharBox
    text_object = pdfium_raw.FPDFText_GetTextObject
    fonts: dict[int, tuple[float, bool, bool]] = {}
    font_styles: dict[int, tuple[bool, bool]] = {}
    lines: list[Line] = []
    current: list[Word] = []
    previous_end = 0
    upright = frame.rotation == 0
    frame_left, frame_top = frame.left, frame.top
    for match in _WORD.finditer(text):
        start, end = match.start(), match.end() - 1
        loose_box(handle, start, rect)
        x0, top, bottom = rect.left, rect.top, rect.bottom
        loose_box(handle, end, rect)
        top, bottom = max(top, rect.top), min(bottom, rect.bottom)
        if upright and x0 <= rect.right:  # the common case, inlined: shift to the crop box, flip y
            box = Box(x0 - frame_left, frame_top - top, rect.right - frame_left, frame_top - bottom)
        else:
            box = frame.box(x0, bottom, rect.right, top)
        obj = text_object(handle, start)
        address = ctypes.addressof(obj.contents) if obj else 0
        style = fonts.get(address)
        if style is None:
            style = fonts[address] = _font_style(obj, font_styles)
        word = Word(match.group(), box, 1.0, style[0], style[1], italic=style[2])
        if current and (text.find("\n", previous_end, start) >= 0 or _starts_new_line(current[-1], word)):
            lines.append(Line.of(current))
            current = []
        current.append(word)
        previous_end = match.end()
    if current:
        lines.append(Line.of(current))
    return lines


def _font_style(obj: ctypes.c_void_p, font_styles: dict[int, tuple[bool, bool]]) -> tuple[float, bool, bool]:
    """Rendered font size (nominal size × the text object's scale), and whether the font is bold, italic."""
    if not obj:
        return 0.0, False, False
    size = ctypes.c_float()
    pdfium_raw.FPDFTextObj_GetFontSize(obj, size)
    matrix = pdfium_raw.FS_MATRIX()
    scale = 1.0
    if pdfium_raw.FPDFPageObj_GetMatrix(obj, matrix):
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    font = pdfium_raw.FPDFTextObj_GetFont(obj)
    address = ctypes.addressof(font.contents) if font else 0
    style = font_styles.get(address)
    if style is None:
        style = (False, False)
        if font:
            name = ctypes.create_string_buffer(128)
            pdfium_raw.FPDFFont_GetBaseFontName(font, name, 128)
            bold = pdfium_raw.FPDFFont_GetWeight(font) >= _BOLD_WEIGHT or bool(_BOLD_NAME.search(name.value))
            style = (bold, bool(_ITALIC_NAME.search(name.value)))
        font_styles[address] = style
    return round(size.value * scale, 2), style[0], style[1]


def _starts_new_line(previous: Word, word: Word) -> bool:
    a, b = previous.box, word.box
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    if overlap < 0.5 * min(a.bottom - a.top, b.bottom - b.top):
        return True
    gap = b.left - a.right
    return gap > _COLUMN_GAP_EMS * max(previous.font_size, word.font_size, 1.0) or gap < a.top - a.bottom
