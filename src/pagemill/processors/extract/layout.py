"""The parsed document as the extractor reads it: text lines with their page and words, grouped into rows."""

from __future__ import annotations

import re
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
    by_page: dict[int, list[TextLine]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for line in self.lines:
            self.by_page.setdefault(line.page, []).append(line)

    def same_row_right(self, line: TextLine) -> list[TextLine]:
        """Lines on `line`'s page whose vertical middle falls within it, to its right, nearest first."""
        if line.box is None:
            return []
        row = [
            other
            for other in self.by_page.get(line.page, [])
            if other.box is not None
            and other is not line
            and other.box.left >= line.box.right - 1
            and line.box.top - 2 <= other.box.center_y <= line.box.bottom + 2
        ]
        return sorted(row, key=lambda other: other.box.left if other.box else 0.0)

    def below(self, line: TextLine, *, count: int = 1) -> list[TextLine]:
        """The next lines under `line` that overlap it horizontally (the next lines without geometry)."""
        if line.box is None:
            return [
                other
                for other in self.lines[line.index + 1 : line.index + 1 + count]
                if other.page == line.page
            ]
        box = line.box
        under = [
            other
            for other in self.by_page.get(line.page, [])
            if other.box is not None
            and other.box.top >= box.bottom - 1
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
            for text in _segments(block.text):
                lines.append(TextLine(len(lines), page.number, text, [], box))
    geometry = document.has_geometry and any(line.words for line in lines)
    return Layout(lines, pages, geometry)


# Flow formats join a paragraph's lines: "Status: Paid Recurring: yes" holds two labelled values.
_COLON = re.compile(r"(?<=\w):\s")
MAX_LABEL_WORDS = 2


def _segments(text: str) -> list[str]:
    pieces = []
    for line in text.splitlines():
        pieces.extend(piece.strip() for piece in _split_at_labels(line) if piece.strip())
    return pieces


def _split_at_labels(line: str) -> list[str]:
    """Cut before each label: the (at most two) words before a colon, the first capitalised."""
    starts = []
    for colon in _COLON.finditer(line):
        words = list(re.finditer(r"\S+", line[: colon.start() + 1]))[-MAX_LABEL_WORDS:]
        # The farthest capitalised word, unless that leaves the previous label without its value.
        options = [
            word.start()
            for word in words
            if word.group(0)[0].isupper()
            and word.start() > 0
            and not line[: word.start()].rstrip().endswith(":")
        ]
        if options:
            starts.append(options[0])
    bounds = [0, *sorted(set(starts)), len(line)]
    return [line[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]
