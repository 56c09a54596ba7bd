"""The internal layout model every processor consumes: pages of words, lines and typed blocks in reading
order.

Coordinates are PDF points (1/72 inch) from the page's top-left corner, whatever the source: pixels of an
image
are converted with the image's DPI. Flow formats without geometry (DOCX, HTML, TXT, spreadsheets) have
`box=None`.
Every class is a plain picklable dataclass so pages can be produced in worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from pagemill.processors.filetype import FileKind


@dataclass(slots=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def center_y(self) -> float:
        return (self.top + self.bottom) / 2

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )

    def contains_point(self, x: float, y: float, slack: float = 0.0) -> bool:
        return self.left - slack <= x <= self.right + slack and self.top - slack <= y <= self.bottom + slack

    def vertical_overlap(self, other: Box) -> float:
        return min(self.bottom, other.bottom) - max(self.top, other.top)

    def horizontal_overlap(self, other: Box) -> float:
        return min(self.right, other.right) - max(self.left, other.left)

    def scaled(self, factor: float) -> Box:
        return Box(self.left * factor, self.top * factor, self.right * factor, self.bottom * factor)


def union_of(boxes: Iterable[Box | None]) -> Box | None:
    result: Box | None = None
    for box in boxes:
        if box is not None:
            result = box if result is None else result.union(box)
    return result


@dataclass(slots=True)
class Word:
    text: str
    box: Box
    confidence: float = 1.0
    font_size: float = 0.0
    bold: bool = False
    rotation: int = 0
    italic: bool = False


@dataclass(slots=True)
class Line:
    words: list[Word]
    box: Box

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def font_size(self) -> float:
        """The size most of the line's characters are set in (a bullet glyph in a larger font does not
        count)."""
        weights: dict[float, int] = {}
        for word in self.words:
            weights[word.font_size] = weights.get(word.font_size, 0) + len(word.text)
        return max(weights, key=weights.__getitem__) if weights else 0.0

    @property
    def bold(self) -> bool:
        return bool(self.words) and all(word.bold for word in self.words)

    @property
    def italic(self) -> bool:
        return bool(self.words) and all(word.italic for word in self.words)

    @classmethod
    def of(cls, words: list[Word]) -> Line:
        boxes = [word.box for word in words]
        return cls(
            words,
            Box(
                min(b.left for b in boxes),
                min(b.top for b in boxes),
                max(b.right for b in boxes),
                max(b.bottom for b in boxes),
            ),
        )


class BlockType(StrEnum):
    TEXT = "text"
    HEADING = "heading"
    SECTION_HEADING = "section_heading"
    TABLE = "table"
    FIGURE = "figure"
    KEY_VALUE = "key_value"
    PAGE_NUMBER = "page_number"
    BARCODE = "barcode"
    HEADER = "header"
    FOOTER = "footer"


HEADING_TYPES = frozenset({BlockType.HEADING, BlockType.SECTION_HEADING})


@dataclass(slots=True)
class CellFormatting:
    bold: bool = False
    italic: bool = False
    font_color: str | None = None
    background_color: str | None = None


@dataclass(slots=True)
class TableCell:
    row: int
    column: int
    text: str
    box: Box | None = None
    header: bool = False
    row_span: int = 1
    column_span: int = 1
    reference: str | None = None
    formula: str | None = None
    formatting: CellFormatting | None = None


@dataclass(slots=True)
class Table:
    row_count: int
    column_count: int
    cells: list[TableCell]

    def grid(self) -> list[list[str]]:
        """Cell texts by row; a merged cell's text fills every slot it spans."""
        rows = [["" for _ in range(self.column_count)] for _ in range(self.row_count)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.row_span, self.row_count)):
                for c in range(cell.column, min(cell.column + cell.column_span, self.column_count)):
                    if not rows[r][c]:
                        rows[r][c] = cell.text
        return rows

    @property
    def header_rows(self) -> int:
        rows_with_header = {cell.row for cell in self.cells if cell.header}
        count = 0
        while count in rows_with_header:
            count += 1
        return count


@dataclass(slots=True)
class Barcode:
    value: str | None
    format: str


@dataclass(slots=True)
class SheetRef:
    index: int
    name: str


@dataclass(slots=True)
class Block:
    type: BlockType
    text: str
    box: Box | None = None
    lines: list[Line] = field(default_factory=list)
    level: int = 0
    table: Table | None = None
    barcode: Barcode | None = None
    key: str | None = None
    value: str | None = None
    sheet: SheetRef | None = None
    cell_reference: str | None = None
    list_item: bool = False

    def words(self) -> Iterator[Word]:
        for line in self.lines:
            yield from line.words


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    rotation: int = 0
    dpi: float = 72.0
    blocks: list[Block] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    ocr_applied: bool = False
    rotation_applied: int | None = None
    sheet: SheetRef | None = None

    def words(self) -> Iterator[Word]:
        for line in self.lines:
            yield from line.words


@dataclass(slots=True)
class Document:
    kind: FileKind
    pages: list[Page] = field(default_factory=list)
    source_page_count: int = 0
    has_geometry: bool = True
    attachments: list[str] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def blocks(self) -> Iterator[tuple[Page, Block]]:
        for page in self.pages:
            for block in page.blocks:
                yield page, block
