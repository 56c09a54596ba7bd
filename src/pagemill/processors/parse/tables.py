"""Tables on a page with geometry: ruled tables from drawn edges (pdfplumber's grid algorithm over edges read by
pdfium), and unruled tables from rows of short text segments whose columns line up."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from pagemill.processors.document import Box, Line, Table, TableCell, Word

_NUMERIC = re.compile(r"^[\s$€£¥%().,+\-–\d]*\d[\s$€£¥%().,+\-–\d]*$")
_SNAP = 3.0


@dataclass(slots=True)
class FoundTable:
    table: Table
    box: Box


def ruled_tables(edges: list[dict[str, float | str]], lines: list[Line]) -> tuple[list[FoundTable], list[Line]]:
    """Tables whose cells are closed by drawn lines; returns them and the lines left outside every table."""
    if len(edges) < 4:
        return [], lines
    merged = merge_edges(edges, _SNAP, _SNAP, _SNAP, _SNAP)
    cells = intersections_to_cells(edges_to_intersections(merged, _SNAP / 3, _SNAP / 3))
    found = []
    for group in cells_to_tables(cells):
        table = _grid_table(group, lines)
        if table is not None:
            found.append(table)
    return found, _lines_outside(lines, [t.box for t in found]) if found else lines


def _grid_table(cells: list[tuple[float, float, float, float]], lines: list[Line]) -> FoundTable | None:
    xs = _snapped(sorted({c[0] for c in cells} | {c[2] for c in cells}))
    ys = _snapped(sorted({c[1] for c in cells} | {c[3] for c in cells}))
    if len(xs) < 3 or len(ys) < 3:
        return None
    box = Box(xs[0], ys[0], xs[-1], ys[-1])
    slots: dict[tuple[int, int], TableCell] = {}
    table_cells = []
    for x0, top, x1, bottom in cells:
        row, column = _index(ys, top), _index(xs, x0)
        cell = TableCell(row, column, "", Box(x0, top, x1, bottom), row_span=max(1, _index(ys, bottom) - row),
                         column_span=max(1, _index(xs, x1) - column))
        table_cells.append(cell)
        for r in range(row, row + cell.row_span):
            for c in range(column, column + cell.column_span):
                slots[(r, c)] = cell
    texts: dict[int, list[Word]] = {}
    for line in lines:
        if line.box.vertical_overlap(box) <= 0:
            continue
        for word in line.words:
            x, y = (word.box.left + word.box.right) / 2, word.box.center_y
            if box.contains_point(x, y):
                cell = slots.get((bisect_right(ys, y) - 1, bisect_right(xs, x) - 1))
                if cell is not None:
                    texts.setdefault(id(cell), []).append(word)
    for cell in table_cells:
        cell.text = words_text(texts.get(id(cell), []))
    if sum(1 for cell in table_cells if cell.text) < 2:
        return None
    table = Table(len(ys) - 1, len(xs) - 1, sorted(table_cells, key=lambda c: (c.row, c.column)))
    _mark_header(table)
    return FoundTable(table, box)


def _snapped(values: list[float]) -> list[float]:
    result: list[float] = []
    for value in values:
        if not result or value - result[-1] > _SNAP:
            result.append(value)
    return result


def _index(bounds: list[float], value: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - value))


def words_text(words: list[Word]) -> str:
    """Words in reading order: grouped into visual lines top to bottom, each left to right."""
    if not words:
        return ""
    ordered = sorted(words, key=lambda w: (w.box.top, w.box.left))
    rows: list[list[Word]] = [[ordered[0]]]
    for word in ordered[1:]:
        if word.box.vertical_overlap(rows[-1][0].box) > 0.5 * min(word.box.height, rows[-1][0].box.height):
            rows[-1].append(word)
        else:
            rows.append([word])
    return " ".join(w.text for row in rows for w in sorted(row, key=lambda w: w.box.left))


def _lines_outside(lines: list[Line], boxes: list[Box]) -> list[Line]:
    kept = []
    for line in lines:
        if not any(line.box.vertical_overlap(b) > 0 and line.box.horizontal_overlap(b) > 0 for b in boxes):
            kept.append(line)
            continue
        words = [w for w in line.words
                 if not any(b.contains_point((w.box.left + w.box.right) / 2, w.box.center_y) for b in boxes)]
        if words:
            kept.append(Line.of(words))
    return kept


def _mark_header(table: Table) -> None:
    first = [cell for cell in table.cells if cell.row == 0]
    rest = [cell for cell in table.cells if cell.row > 0 and cell.text]
    first_numeric = any(_NUMERIC.match(cell.text) for cell in first if cell.text)
    rest_numeric = any(_NUMERIC.match(cell.text) for cell in rest)
    if table.row_count > 1 and not first_numeric and (rest_numeric or all(cell.text for cell in first)):
        for cell in first:
            cell.header = True


_MIN_ROWS = 3
_MAX_WORDS_PER_CELL = 6.0


def aligned_tables(lines: list[Line]) -> tuple[list[FoundTable], list[Line]]:
    """Unruled tables: ≥3 consecutive rows of ≥2 short segments whose column gaps line up."""
    rows = _rows(lines)
    found: list[FoundTable] = []
    used: set[int] = set()
    start = 0
    while start < len(rows):
        end = start
        while end < len(rows) and len(rows[end]) >= 2 and (end == start or _close(rows[end - 1], rows[end])):
            end += 1
        if end - start >= _MIN_ROWS:
            table = _aligned_table(rows[start:end])
            if table is not None:
                found.append(table)
                used.update(id(line) for row in rows[start:end] for line in row)
        start = max(end, start + 1)
    if not found:
        return [], lines
    return found, [line for line in lines if id(line) not in used]


def _rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: l.box.center_y):
        if rows and rows[-1][0].box.vertical_overlap(line.box) > 0.5 * min(rows[-1][0].box.height, line.box.height):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda l: l.box.left) for row in rows]


def _close(upper: list[Line], lower: list[Line]) -> bool:
    height = max(line.box.height for line in upper)
    return min(l.box.top for l in lower) - max(l.box.bottom for l in upper) < 1.5 * height


def _aligned_table(rows: list[list[Line]]) -> FoundTable | None:
    segments = [line for row in rows for line in row]
    if sum(len(s.words) for s in segments) / len(segments) > _MAX_WORDS_PER_CELL:
        return None
    columns = _column_spans(segments)
    if len(columns) < 2:
        return None
    cells = []
    for r, row in enumerate(rows):
        by_column: dict[int, list[Line]] = {}
        for segment in row:
            by_column.setdefault(_best_column(columns, segment.box), []).append(segment)
        if len(by_column) < 2:
            return None
        for c, parts in by_column.items():
            words = [w for part in parts for w in part.words]
            box = Line.of(words).box
            cells.append(TableCell(r, c, " ".join(w.text for w in words), box))
    box = Line.of([w for s in segments for w in s.words]).box
    table = Table(len(rows), len(columns), sorted(cells, key=lambda c: (c.row, c.column)))
    _mark_header(table)
    return FoundTable(table, box)


def _column_spans(segments: list[Line]) -> list[tuple[float, float]]:
    spans: list[tuple[float, float]] = []
    for segment in sorted(segments, key=lambda s: s.box.left):
        if spans and segment.box.left <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], segment.box.right))
        else:
            spans.append((segment.box.left, segment.box.right))
    return spans


def _best_column(columns: list[tuple[float, float]], box: Box) -> int:
    return max(range(len(columns)), key=lambda i: min(box.right, columns[i][1]) - max(box.left, columns[i][0]))
