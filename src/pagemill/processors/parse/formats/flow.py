"""Builds a `Document` for formats that have structure but no page geometry (DOCX, spreadsheets, HTML,
text)."""

from __future__ import annotations

from pagemill.processors.document import Block, BlockType, Document, Page, SheetRef, Table, TableCell
from pagemill.processors.filetype import FileKind


class FlowBuilder:
    def __init__(self, kind: FileKind):
        self.document = Document(kind, has_geometry=False)
        self.new_page()

    @property
    def page(self) -> Page:
        return self.document.pages[-1]

    def new_page(self, sheet: SheetRef | None = None) -> None:
        if self.document.pages and not self.page.blocks and self.page.sheet is None and sheet is None:
            return
        self.document.pages.append(Page(len(self.document.pages) + 1, 0.0, 0.0, sheet=sheet))

    def add(self, block: Block) -> None:
        if block.text.strip() or block.table is not None or block.type is BlockType.FIGURE:
            self.page.blocks.append(block)

    def heading(self, text: str, level: int) -> None:
        kind = BlockType.HEADING if level <= 1 else BlockType.SECTION_HEADING
        self.add(Block(kind, " ".join(text.split()), level=max(1, min(level, 6))))

    def text(self, text: str, *, list_item: bool = False, cell_reference: str | None = None) -> None:
        self.add(Block(BlockType.TEXT, text.strip(), list_item=list_item, cell_reference=cell_reference))

    def key_value(self, key: str, value: str) -> None:
        self.add(Block(BlockType.KEY_VALUE, f"{key}: {value}", key=key, value=value))

    def figure(self, caption: str = "") -> None:
        self.add(Block(BlockType.FIGURE, caption))

    def table(self, table: Table) -> None:
        if any(cell.text for cell in table.cells):
            self.add(Block(BlockType.TABLE, "", table=table))

    def finish(self) -> Document:
        pages = [page for page in self.document.pages if page.blocks or page.sheet is not None]
        if not pages:
            pages = [Page(1, 0.0, 0.0)]
        for number, page in enumerate(pages, start=1):
            page.number = number
        self.document.pages = pages
        self.document.source_page_count = len(pages)
        return self.document


def grid_table(rows: list[list[str]], *, header_rows: int = 1) -> Table:
    """A table from rows of cell texts, padded to the widest row; the first `header_rows` rows are headers."""
    width = max((len(row) for row in rows), default=0)
    cells = [
        TableCell(r, c, (row[c] if c < len(row) else "").strip(), header=r < header_rows)
        for r, row in enumerate(rows)
        for c in range(width)
    ]
    return Table(len(rows), width, cells)
