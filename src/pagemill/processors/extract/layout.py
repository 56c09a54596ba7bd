"""The parsed document as the extractor reads it: text lines with their page and words, grouped into rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from pagemill.processors.document import Box, Document, Word, union_of


@dataclass(slots=True)
class TextLine:
    """One line of text in reading order; `words` is empty (and `box` None) for formats without geometry."""

    index: int
    page: int
    text: str
    words: list[Word] = field(default_factory=list)
    box: Box | None = None

    @property
    def ocr_confidence(self) -> float:
        if not self.words:
            return 1.0
        return min(word.confidence for word in self.words)

    @property
    def font_size(self) -> float:
        sizes = [word.box.height for word in self.words]
        return max(sizes) if sizes else 0.0


@dataclass(slots=True)
class PageSize:
    number: int
    width: float
    height: float


@dataclass(slots=True)
class Layout:
    lines: list[TextLine]
    pages: dict[int, PageSize]
    has_geometry: bool

    def same_row_right(self, line: TextLine) -> list[TextLine]:
        """Lines on `line`'s page whose vertical middle falls within it, to its right, nearest first."""
        if line.box is None:
            return []
        row = [
            other for other in self.lines
            if other.page == line.page and other.box is not None and other is not line
            and other.box.left >= line.box.right - 1
            and line.box.top - 2 <= other.box.center_y <= line.box.bottom + 2
        ]
        return sorted(row, key=lambda other: other.box.left if other.box else 0.0)

    def below(self, line: TextLine, *, count: int = 1) -> list[TextLine]:
        """The next lines under `line` that overlap it horizontally (or simply the next lines without geometry)."""
        if line.box is None:
            return [other for other in self.lines[line.index + 1: line.index + 1 + count] if other.page == line.page]
        box = line.box
        under = [
            other for other in self.lines
            if other.page == line.page and other.box is not None and other.box.top >= box.bottom - 1
            and other.box.top - box.bottom < 3 * max(box.height, 6.0)
            and other.box.horizontal_overlap(box) > 0
        ]
        return sorted(under, key=lambda other: other.box.top if other.box else 0.0)[:count]


def read_layout(document: Document) -> Layout:
    """Lines top to bottom and left to right per page; flow formats give one line per text line of a block."""
    lines: list[TextLine] = []
    pages: dict[int, PageSize] = {}
    for page in document.pages:
        pages[page.number] = PageSize(page.number, page.width, page.height)
        if page.lines:
            ordered = sorted(page.lines, key=lambda line: (round(line.box.top / 4), line.box.left))
            for line in ordered:
                text = line.text.strip()
                if text:
                    lines.append(TextLine(len(lines), page.number, text, list(line.words), line.box))
            continue
        for block in page.blocks:
            box = block.box or union_of(line.box for line in block.lines)
            for text in block.text.splitlines():
                if text.strip():
                    lines.append(TextLine(len(lines), page.number, text.strip(), [], box))
    geometry = document.has_geometry and any(line.words for line in lines)
    return Layout(lines, pages, geometry)
