"""Tables on a page with geometry: ruled tables from the edges pdfium reads (lattice method, `grid_cells`),
and unruled tables from rows of short text segments whose columns line up."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from pagemill.processors.document import Box, Line, Table, TableCell, Word
from pagemill.processors.parse.grid_cells import find_cells, group_cells

_NUMERIC = re.compile(r"^[\s$€£¥%().,+\-–\d]*\d[\s$€£¥%().,+\-–\d]*$")
_SNAP = 3.0


@dataclass(slots=True)
class FoundTable:
    table: Table
    box: Box


def ruled_tables(
    horizontal: list[tuple[float, float, float]],
    vertical: list[tuple[float, float, float]],
    lines: list[Line],
) -> tuple[list[FoundTable], list[Line]]:
    """Tables whose cells are closed by drawn lines; returns them and the lines left outside every table."""
    if len(horizontal) < 2 or len(vertical) < 2:
        return [], lines
    found = []
    for group in group_cells(find_cells(horizontal, vertical, _SNAP)):
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
        cell = TableCell(
            row,
            column,
            "",
            Box(x0, top, x1, bottom),
            row_span=max(1, _index(ys, bottom) - row),
            column_span=max(1, _index(xs, x1) - column),
        )
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
    left, right = _side_columns(lines, box, ys)
    for cell in table_cells:
        cell.column += len(left)
    columns = len(left) + len(xs) - 1
    for offset, column in [(i, c) for i, c in enumerate(left)] + [
        (len(left) + len(xs) - 1 + i, c) for i, c in enumerate(right)
    ]:
        table_cells.extend(_side_cells(column, offset, ys))
    columns += len(right)
    box = union_box(box, [w.box for column in left + right for w in column])
    table = Table(len(ys) - 1, columns, sorted(table_cells, key=lambda c: (c.row, c.column)))
    _mark_header(table)
    return FoundTable(table, box)


def _side_columns(lines: list[Line], box: Box, ys: list[float]) -> tuple[list[list[Word]], list[list[Word]]]:
    """Columns just outside a table drawn with horizontal rules only at its edges (booktabs style): short
    segments whose rows line up with the table's rows, present in at least half of them."""
    outside = [
        w
        for line in lines
        if len(line.words) <= 4 and box.top < line.box.center_y < box.bottom
        for w in line.words
        if not box.left - 1 <= (w.box.left + w.box.right) / 2 <= box.right + 1
    ]
    if not outside:
        return [], []
    em = max(sorted(w.box.height for w in outside)[len(outside) // 2], 1.0)
    sides: tuple[list[list[Word]], list[list[Word]]] = ([], [])
    for index, words in enumerate(
        (
            [w for w in outside if w.box.right <= box.left + 1],
            [w for w in outside if w.box.left >= box.right - 1],
        )
    ):
        clusters = _x_clusters(words, em)
        near = box.left if index == 0 else box.right
        clusters.sort(key=lambda c: abs((c[0].box.left if index else c[-1].box.right) - near))
        kept = []
        for cluster in clusters:
            rows = {bisect_right(ys, w.box.center_y) - 1 for w in cluster}
            width = max(w.box.right for w in cluster) - min(w.box.left for w in cluster)
            if len(rows) < max(2, (len(ys) - 1) // 2) or width > 0.5 * box.width:
                break
            kept.append(cluster)
        sides[index].extend(sorted(kept, key=lambda c: c[0].box.left))
    return sides


def _x_clusters(words: list[Word], em: float) -> list[list[Word]]:
    clusters: list[list[Word]] = []
    reach = -1e9
    for word in sorted(words, key=lambda w: w.box.left):
        if not clusters or word.box.left - reach > em:
            clusters.append([])
        clusters[-1].append(word)
        reach = max(reach, word.box.right)
    return clusters


def _side_cells(words: list[Word], column: int, ys: list[float]) -> list[TableCell]:
    by_row: dict[int, list[Word]] = {}
    for word in words:
        by_row.setdefault(bisect_right(ys, word.box.center_y) - 1, []).append(word)
    cells = []
    for row in range(len(ys) - 1):
        row_words = by_row.get(row, [])
        box = Line.of(row_words).box if row_words else None
        cells.append(TableCell(row, column, words_text(row_words), box))
    return cells


def union_box(box: Box, boxes: list[Box]) -> Box:
    for other in boxes:
        box = box.union(other)
    return box


def _snapped(values: list[float]) -> list[float]:
    result: list[float] = []
    for value in values:
        if not result or value - result[-1] > _SNAP:
            result.append(value)
    return result


def _index(bounds: list[float], value: float) -> int:
    """The index of the boundary nearest to `value` in sorted `bounds`."""
    at = bisect_right(bounds, value)
    if at == 0:
        return 0
    if at == len(bounds) or value - bounds[at - 1] <= bounds[at] - value:
        return at - 1
    return at


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
        words = [
            w
            for w in line.words
            if not any(b.contains_point((w.box.left + w.box.right) / 2, w.box.center_y) for b in boxes)
        ]
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


_LEADER = re.compile(r"^(?P<title>.*?\w.*?)\s*(?:\.\s*){4,}(?P<page>[\w.-]+)$")


def aligned_tables(lines: list[Line]) -> tuple[list[FoundTable], list[Line]]:
    """Unruled tables: ≥3 consecutive rows of ≥2 short segments whose column gaps line up, and tables of
    contents (titles joined to page numbers by dot leaders)."""
    rows = _rows(lines)
    found: list[FoundTable] = []
    used: set[int] = set()
    _leader_tables(rows, found, used)
    start = 0
    while start < len(rows):
        end = start
        while end < len(rows) and len(rows[end]) >= 2 and (end == start or _close(rows[end - 1], rows[end])):
            end += 1
        if end - start >= _MIN_ROWS and not any(id(line) in used for row in rows[start:end] for line in row):
            table = _aligned_table(rows[start:end])
            if table is not None:
                found.append(table)
                used.update(id(line) for row in rows[start:end] for line in row)
        start = max(end, start + 1)
    if not found:
        return [], lines
    return found, [line for line in lines if id(line) not in used]


def _leader_tables(rows: list[list[Line]], found: list[FoundTable], used: set[int]) -> None:
    run: list[tuple[list[Line], re.Match[str]]] = []
    for row in [*rows, []]:
        text = " ".join(line.text for line in row)
        match = _LEADER.match(text) if "...." in text or ". . . ." in text else None
        if match:
            run.append((row, match))
            continue
        if len(run) >= _MIN_ROWS:
            cells = []
            for r, (parts, entry) in enumerate(run):
                box = Line.of([w for part in parts for w in part.words]).box
                cells += [TableCell(r, 0, entry["title"].strip(), box), TableCell(r, 1, entry["page"], box)]
                used.update(id(part) for part in parts)
            box = Line.of([w for parts, _ in run for part in parts for w in part.words]).box
            found.append(FoundTable(Table(len(run), 2, cells), box))
        run = []


def _rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: line.box.center_y):
        if rows and rows[-1][0].box.vertical_overlap(line.box) > 0.5 * min(
            rows[-1][0].box.height, line.box.height
        ):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda line: line.box.left) for row in rows]


def _close(upper: list[Line], lower: list[Line]) -> bool:
    height = max(line.box.height for line in upper)
    return min(line.box.top for line in lower) - max(line.box.bottom for line in upper) < 1.5 * height


def _aligned_table(rows: list[list[Line]]) -> FoundTable | None:
    segments = [line for row in rows for line in row]
    if sum(len(s.words) for s in segments) / len(segments) > _MAX_WORDS_PER_CELL:
        return None
    columns = _column_spans(segments)
    if len(columns) < 2 or _text_columns(columns, segments):
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


def _text_columns(columns: list[tuple[float, float]], segments: list[Line]) -> bool:
    """Two or three wide columns of several words per line are running text set in columns, not a table."""
    total = columns[-1][1] - columns[0][0]
    words = sum(len(s.words) for s in segments) / len(segments)
    return len(columns) <= 3 and words >= 3 and all(right - left >= 0.25 * total for left, right in columns)


def _column_spans(segments: list[Line]) -> list[tuple[float, float]]:
    spans: list[tuple[float, float]] = []
    for segment in sorted(segments, key=lambda s: s.box.left):
        if spans and segment.box.left <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], segment.box.right))
        else:
            spans.append((segment.box.left, segment.box.right))
    return spans


def _best_column(columns: list[tuple[float, float]], box: Box) -> int:
    return max(
        range(len(columns)), key=lambda i: min(box.right, columns[i][1]) - max(box.left, columns[i][0])
    )
