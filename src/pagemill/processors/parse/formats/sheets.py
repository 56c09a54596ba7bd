"""Spreadsheets (XLSX/XLSM with openpyxl, XLS with xlrd, CSV): each sheet is its own page and section; each
block
of filled cells separated by empty rows or columns is a table, a lone cell is text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from pagemill.processors.document import CellFormatting, Document, SheetRef, Table, TableCell
from pagemill.processors.filetype import FileKind
from pagemill.processors.parse.config import ParseConfig
from pagemill.processors.parse.failure import FailureReason, ParseFailure
from pagemill.processors.parse.formats.flow import FlowBuilder, grid_table


@dataclass(slots=True)
class SheetCell:
    text: str
    formula: str | None = None
    formatting: CellFormatting | None = None
    row_span: int = 1
    column_span: int = 1


Grid = dict[tuple[int, int], SheetCell]
"""Filled cells by (row, column), both 0-based."""


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_xlsx(data: bytes, kind: FileKind, config: ParseConfig) -> Document:
    import openpyxl

    options = config.advanced_options
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        formulas = (
            openpyxl.load_workbook(io.BytesIO(data), data_only=False)
            if options.excel_include_cell_metadata
            else None
        )
    except Exception as error:  # openpyxl raises many types for damaged archives
        raise ParseFailure(FailureReason.CORRUPT_FILE, f"The workbook could not be read ({error}).") from None
    builder = FlowBuilder(kind)
    for index, sheet in enumerate(book.worksheets):
        if options.excel_skip_hidden_content and sheet.sheet_state != "visible":
            continue
        formula_sheet = formulas.worksheets[index] if formulas is not None else None
        grid = _openpyxl_grid(sheet, formula_sheet, config)
        add_sheet(builder, SheetRef(index, sheet.title), grid)
        for chart in getattr(sheet, "_charts", []):
            _add_chart(builder, book, chart)
    return builder.finish()


def _add_chart(builder: FlowBuilder, book: Any, chart: Any) -> None:
    """A chart is a figure named by its type and title, followed by the data it plots (categories ×
    series)."""
    kind = type(chart).__name__.replace("Chart", "").replace("3D", " 3D").lower()
    title = _rich_text(getattr(chart.title, "tx", None)) if chart.title is not None else ""
    builder.figure(f"{kind.capitalize()} chart" + (f": {title}" if title else ""))
    series = list(chart.series)
    if not series:
        return
    categories = _ref_values(
        book, _ref(getattr(series[0], "cat", None)) or _ref(getattr(series[0], "xVal", None))
    )
    columns = [
        _ref_values(book, _ref(getattr(s, "val", None)) or _ref(getattr(s, "yVal", None))) for s in series
    ]
    names = [
        (_ref_values(book, s.tx.strRef.f) or [""])[0] if s.tx is not None and s.tx.strRef is not None else ""
        for s in series
    ]
    length = max([len(categories), *(len(c) for c in columns)])
    rows = [["", *names]] + [
        [categories[i] if i < len(categories) else "", *(c[i] if i < len(c) else "" for c in columns)]
        for i in range(length)
    ]
    builder.table(grid_table(rows))


def _ref(data: Any) -> str | None:
    for attribute in ("numRef", "strRef"):
        reference = getattr(data, attribute, None) if data is not None else None
        if reference is not None and reference.f:
            return str(reference.f)
    return None


def _ref_values(book: Any, reference: str | None) -> list[str]:
    if not reference or "!" not in reference:
        return []
    sheet_name, cells = reference.rsplit("!", 1)
    sheet_name = sheet_name.strip("'")
    if sheet_name not in book.sheetnames:
        return []
    found = book[sheet_name][cells.replace("$", "")]
    flat = (
        [c for row in found for c in row]
        if isinstance(found, tuple) and found and isinstance(found[0], tuple)
        else (list(found) if isinstance(found, tuple) else [found])
    )
    return [format_value(c.value, c.number_format) if c.value is not None else "" for c in flat]


def _rich_text(text: Any) -> str:
    rich = getattr(text, "rich", None)
    if rich is None:
        return ""
    return " ".join("".join(run.t or "" for run in (p.r or [])) for p in rich.p).strip()


def _openpyxl_grid(sheet: Any, formula_sheet: Any, config: ParseConfig) -> Grid:
    options = config.advanced_options
    hidden_rows = (
        {r for r, d in sheet.row_dimensions.items() if d.hidden}
        if options.excel_skip_hidden_content
        else set()
    )
    hidden_columns = (
        {k for k, d in sheet.column_dimensions.items() if d.hidden}
        if options.excel_skip_hidden_content
        else set()
    )
    grid: Grid = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None or cell.row in hidden_rows or cell.column_letter in hidden_columns:
                continue
            text = (
                str(cell.value)
                if options.excel_use_raw_cell_values
                else format_value(cell.value, cell.number_format)
            )
            entry = SheetCell(text)
            if formula_sheet is not None:
                raw = formula_sheet.cell(cell.row, cell.column).value
                entry.formula = raw if isinstance(raw, str) and raw.startswith("=") else None
            if options.excel_include_cell_formatting:
                entry.formatting = _formatting(cell)
            grid[(cell.row - 1, cell.column - 1)] = entry
    if formula_sheet is not None:
        # A workbook saved without calculation has formulas but no cached values: keep the formula cells.
        for row in formula_sheet.iter_rows():
            for cell in row:
                if (
                    isinstance(cell.value, str)
                    and cell.value.startswith("=")
                    and (cell.row - 1, cell.column - 1) not in grid
                ):
                    grid[(cell.row - 1, cell.column - 1)] = SheetCell("", formula=cell.value)
    for merged in sheet.merged_cells.ranges:
        origin = grid.get((merged.min_row - 1, merged.min_col - 1))
        if origin is not None:
            origin.row_span = merged.max_row - merged.min_row + 1
            origin.column_span = merged.max_col - merged.min_col + 1
    return grid


def _formatting(cell: Any) -> CellFormatting | None:
    font, fill = cell.font, cell.fill
    color = (
        font.color.rgb
        if font is not None and font.color is not None and isinstance(font.color.rgb, str)
        else None
    )
    background = (
        fill.fgColor.rgb
        if fill is not None and fill.fill_type == "solid" and isinstance(fill.fgColor.rgb, str)
        else None
    )
    formatting = CellFormatting(bool(font and font.b), bool(font and font.i), _hex(color), _hex(background))
    return formatting if formatting != CellFormatting() else None


def _hex(argb: str | None) -> str | None:
    return f"#{argb[-6:]}" if argb and argb not in ("00000000",) else None


def format_value(value: Any, number_format: str | None) -> str:
    """The value as a spreadsheet shows it, for the common number formats."""
    fmt = number_format or "General"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        shows_time = "h" in fmt.lower() or "s" in fmt.lower().replace("yyyy", "")
        return (
            value.isoformat(sep=" ") if shows_time or value.time() != dt.time() else value.date().isoformat()
        )
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | float):
        if "%" in fmt:
            decimals = _decimals(fmt)
            return f"{value * 100:.{decimals}f}%"
        if fmt != "General":
            decimals = _decimals(fmt)
            return f"{value:,.{decimals}f}" if "," in fmt else f"{value:.{decimals}f}"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    return str(value)


def _decimals(fmt: str) -> int:
    section = fmt.split(";")[0]
    return (
        len(section.split(".", 1)[1].rstrip("%")) - section.split(".", 1)[1].count("_")
        if "." in section
        else 0
    )


def read_xls(data: bytes, kind: FileKind, config: ParseConfig) -> Document:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=False)
    except Exception as error:  # xlrd raises its own and struct errors for damaged files
        raise ParseFailure(FailureReason.CORRUPT_FILE, f"The workbook could not be read ({error}).") from None
    builder = FlowBuilder(kind)
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        if config.advanced_options.excel_skip_hidden_content and sheet.visibility:
            continue
        grid: Grid = {}
        for r in range(sheet.nrows):
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                value = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                grid[(r, c)] = SheetCell(format_value(value, None))
        add_sheet(builder, SheetRef(index, sheet.name), grid)
    return builder.finish()


def read_csv(data: bytes, kind: FileKind) -> Document:
    text = decode_text(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    grid: Grid = {}
    for r, row in enumerate(csv.reader(io.StringIO(text), dialect)):
        for c, value in enumerate(row):
            if value.strip():
                grid[(r, c)] = SheetCell(value.strip())
    builder = FlowBuilder(kind)
    add_sheet(builder, SheetRef(0, "Sheet1"), grid, titled=False)
    return builder.finish()


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def add_sheet(builder: FlowBuilder, sheet: SheetRef, grid: Grid, *, titled: bool = True) -> None:
    """The sheet as its own page, opened by a section heading with its name (a CSV has no name to show)."""
    builder.new_page(sheet)
    if titled:
        builder.heading(sheet.name, 2)
    for region in _regions(grid):
        rows = sorted({r for r, _ in region})
        columns = sorted({c for _, c in region})
        if len(region) == 1:
            ((r, c),) = region
            builder.text(grid[(r, c)].text, cell_reference=f"{column_letter(c)}{r + 1}")
        else:
            builder.table(_region_table(grid, region, rows, columns))


def _regions(grid: Grid) -> list[set[tuple[int, int]]]:
    """Filled cells split into rectangles by fully empty rows, then by fully empty columns within each
    band."""
    regions = []
    for band in _bands(sorted(grid), axis=0):
        regions.extend(_bands(sorted(band, key=lambda rc: (rc[1], rc[0])), axis=1))
    return [set(region) for region in regions]


def _bands(cells: list[tuple[int, int]], axis: int) -> list[list[tuple[int, int]]]:
    bands: list[list[tuple[int, int]]] = []
    last = None
    for cell in cells:
        if last is None or cell[axis] > last + 1:
            bands.append([])
        bands[-1].append(cell)
        last = cell[axis] if last is None else max(last, cell[axis])
    return bands


def _region_table(grid: Grid, region: set[tuple[int, int]], rows: list[int], columns: list[int]) -> Table:
    top, left = rows[0], columns[0]
    cells = []
    for r in range(top, rows[-1] + 1):
        for c in range(left, columns[-1] + 1):
            entry = grid.get((r, c))
            cells.append(
                TableCell(
                    r - top,
                    c - left,
                    entry.text if entry else "",
                    header=r == top,
                    row_span=entry.row_span if entry else 1,
                    column_span=entry.column_span if entry else 1,
                    reference=f"{column_letter(c)}{r + 1}",
                    formula=entry.formula if entry else None,
                    formatting=entry.formatting if entry else None,
                )
            )
    return Table(rows[-1] - top + 1, columns[-1] - left + 1, cells)
