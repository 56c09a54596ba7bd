"""Table cells from ruling edges: snap and join collinear edges, find their crossings, and close the smallest
rectangles whose four sides are drawn (pdfplumber's lattice method, on plain tuples so a page costs ~1 ms)."""

from __future__ import annotations

from bisect import bisect_left

Interval = tuple[float, float]
Cell = tuple[float, float, float, float]
"""left, top, right, bottom"""


def _snap(values: list[float], tolerance: float) -> dict[float, float]:
    """Each value mapped to the mean of its cluster of values no further than `tolerance` apart."""
    mapping: dict[float, float] = {}
    cluster: list[float] = []
    for value in sorted(set(values)) + [float("inf")]:
        if cluster and value - cluster[-1] > tolerance:
            mean = sum(cluster) / len(cluster)
            mapping.update({member: mean for member in cluster})
            cluster = []
        cluster.append(value)
    return mapping


def _join(lines: dict[float, list[Interval]], tolerance: float) -> dict[float, list[Interval]]:
    joined: dict[float, list[Interval]] = {}
    for position, intervals in lines.items():
        merged: list[Interval] = []
        for start, end in sorted(intervals):
            if merged and start <= merged[-1][1] + tolerance:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        joined[position] = merged
    return joined


def _covers(intervals: list[Interval], start: float, end: float, tolerance: float) -> bool:
    return any(a - tolerance <= start and end <= b + tolerance for a, b in intervals)


def find_cells(
    horizontal: list[tuple[float, float, float]],
    vertical: list[tuple[float, float, float]],
    tolerance: float = 3.0,
) -> list[Cell]:
    """`horizontal` edges are (y, x0, x1) and `vertical` edges (x, top, bottom), in top-left coordinates."""
    y_snap = _snap([y for y, _, _ in horizontal], tolerance)
    x_snap = _snap([x for x, _, _ in vertical], tolerance)
    rows: dict[float, list[Interval]] = {}
    for y, x0, x1 in horizontal:
        rows.setdefault(y_snap[y], []).append((x0, x1))
    columns: dict[float, list[Interval]] = {}
    for x, top, bottom in vertical:
        columns.setdefault(x_snap[x], []).append((top, bottom))
    rows, columns = _join(rows, tolerance), _join(columns, tolerance)
    _close_open_sides(rows, columns, tolerance)
    ys, xs = sorted(rows), sorted(columns)
    points = {
        (x, y)
        for x in xs
        for y in ys
        if _covers(columns[x], y, y, tolerance) and _covers(rows[y], x, x, tolerance)
    }
    cells = []
    for x, y in sorted(points, key=lambda p: (p[1], p[0])):
        cell = _smallest_cell(x, y, xs, ys, points, rows, columns, tolerance)
        if cell is not None:
            cells.append(cell)
    return cells


def _close_open_sides(
    rows: dict[float, list[Interval]], columns: dict[float, list[Interval]], tolerance: float
) -> None:
    """Many tables draw row rules and inner column rules but no outer left and right borders: where three or
    more rules share both ends and an inner vertical rule runs between them, draw the missing sides."""
    extents: dict[tuple[int, int], list[float]] = {}
    for y, intervals in rows.items():
        for start, end in intervals:
            extents.setdefault((round(start), round(end)), []).append(y)
    for (start, end), ys in extents.items():
        if len(ys) < 3:
            continue
        top, bottom = min(ys), max(ys)
        inner = any(
            start + tolerance < x < end - tolerance and any(a < bottom and b > top for a, b in spans)
            for x, spans in columns.items()
        )
        if not inner:
            continue
        for side in (float(start), float(end)):
            key = next((x for x in columns if abs(x - side) <= tolerance), side)
            columns[key] = _join({key: [*columns.get(key, []), (top, bottom)]}, tolerance)[key]


def _smallest_cell(
    x: float,
    y: float,
    xs: list[float],
    ys: list[float],
    points: set[tuple[float, float]],
    rows: dict[float, list[Interval]],
    columns: dict[float, list[Interval]],
    tolerance: float,
) -> Cell | None:
    for y2 in ys[bisect_left(ys, y) + 1 :]:
        if (x, y2) not in points:
            continue
        if not _covers(columns[x], y, y2, tolerance):
            break
        for x2 in xs[bisect_left(xs, x) + 1 :]:
            if (x2, y) not in points:
                continue
            if not _covers(rows[y], x, x2, tolerance):
                break
            if (
                (x2, y2) in points
                and _covers(columns[x2], y, y2, tolerance)
                and _covers(rows[y2], x, x2, tolerance)
            ):
                return (x, y, x2, y2)
    return None


def group_cells(cells: list[Cell]) -> list[list[Cell]]:
    """Cells that share a corner belong to one table."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for index, (left, top, right, bottom) in enumerate(cells):
        for corner in ((left, top), (right, top), (left, bottom), (right, bottom)):
            if corner in owner:
                parent[root(index)] = root(owner[corner])
            else:
                owner[corner] = index
    groups: dict[int, list[Cell]] = {}
    for index, cell in enumerate(cells):
        groups.setdefault(root(index), []).append(cell)
    return [group for group in groups.values() if len(group) > 1]
