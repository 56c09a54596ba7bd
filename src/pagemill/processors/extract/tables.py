"""Arrays from tables: the document's tables whose header names the item's properties, rows to items, tables
continued across pages joined in order."""

from __future__ import annotations

from dataclasses import dataclass

from pagemill.processors.document import Document, Table
from pagemill.processors.extract.fields import Field, fields_of
from pagemill.processors.extract.found import Found
from pagemill.processors.extract.labels import label_phrases, match_label, normalise
from pagemill.processors.extract.layout import TextLine
from pagemill.processors.values import Quality, ValueHints, coerce

MIN_HEADER_SCORE = 0.55


@dataclass
class _Columns:
    table: Table
    page: int
    mapping: dict[str, int]  # item property key -> column index
    score: float
    own_header: bool = True  # False for a table continued from the previous page without its header


def find_table_items(field: Field, document: Document, hints: ValueHints) -> Found | None:
    """The array's items from every table whose header maps onto at least one of the item's properties."""
    item_fields = list(fields_of(field.item_schema)) if "properties" in field.item_schema else []
    if not item_fields:
        return None
    matched = [columns for columns in _tables(document, item_fields) if columns.mapping]
    if not matched:
        return None
    best_width = max(len(columns.mapping) for columns in matched)
    keep = [columns for columns in matched if len(columns.mapping) == best_width]
    items: list[Found] = []
    for columns in keep:
        items.extend(_rows(columns, item_fields, hints))
    if not items:
        return None
    evidence = sum(columns.score for columns in keep) / len(keep)
    lines = [line for item in items for line in item.lines][:1]
    return Found([item.value for item in items], lines, evidence, True, "", "table", items=items)


def _tables(document: Document, item_fields: list[Field]) -> list[_Columns]:
    found: list[_Columns] = []
    previous: _Columns | None = None
    for page, block in document.blocks():
        table = block.table
        if table is None or table.row_count < 1:
            continue
        mapping, score = _header_mapping(table, item_fields)
        if not mapping and previous is not None and table.column_count == previous.table.column_count:
            mapping, score = dict(previous.mapping), previous.score  # a continuation without its header
            columns = _Columns(table, page.number, mapping, score, own_header=False)
        else:
            columns = _Columns(table, page.number, mapping, score)
        found.append(columns)
        previous = columns if mapping else previous
    return found


def _header_mapping(table: Table, item_fields: list[Field]) -> tuple[dict[str, int], float]:
    grid = table.grid()
    header_rows = max(table.header_rows, 1)
    headers = [
        " ".join(grid[row][column] for row in range(min(header_rows, len(grid)))).strip()
        for column in range(table.column_count)
    ]
    mapping: dict[str, int] = {}
    scores: list[float] = []
    for item_field in item_fields:
        phrases = label_phrases(item_field)
        best: tuple[float, int] | None = None
        for column, header in enumerate(headers):
            if column in mapping.values() or not header:
                continue
            match = match_label(normalise(header), phrases)
            if match and match.score >= MIN_HEADER_SCORE and (best is None or match.score > best[0]):
                best = (match.score, column)
        if best:
            mapping[item_field.key] = best[1]
            scores.append(best[0])
    return mapping, (sum(scores) / len(scores) if scores else 0.0)


def _rows(columns: _Columns, item_fields: list[Field], hints: ValueHints) -> list[Found]:
    table = columns.table
    grid = table.grid()
    by_key = {item_field.key: item_field for item_field in item_fields}
    cells = {(cell.row, cell.column): cell for cell in table.cells}
    start = max(table.header_rows, 1) if columns.own_header else table.header_rows
    items: list[Found] = []
    for row in range(start, table.row_count):
        value: dict[str, object] = {key: None for key in by_key}
        exact = True
        filled = 0
        lines: list[TextLine] = []
        for key, column in columns.mapping.items():
            text = grid[row][column].strip()
            if not text:
                continue
            coerced = coerce(text, by_key[key].schema, hints)
            if coerced.ok:
                value[key] = coerced.value
                filled += 1
                exact = exact and coerced.quality == Quality.EXACT
                cell = cells.get((row, column))
                if cell is not None and cell.box is not None:
                    lines.append(TextLine(-1, columns.page, text, [], cell.box))
        if filled == 0 or _is_total_row(grid[row]):
            continue
        filled_value = _fill_item(value, item_fields)
        items.append(Found(filled_value, lines, columns.score, exact, " | ".join(grid[row]), "table"))
    return items


def _fill_item(value: dict[str, object], item_fields: list[Field]) -> dict[str, object]:
    item: dict[str, object] = {}
    for item_field in item_fields:
        target = item
        for part in item_field.path[:-1]:
            target = target.setdefault(str(part), {})  # type: ignore[assignment]
        target[item_field.key] = value.get(item_field.key)
    return item


def _is_total_row(cells: list[str]) -> bool:
    first = normalise(" ".join(cells[:2]))
    return first.startswith(("total", "subtotal", "sub total", "grand total"))
