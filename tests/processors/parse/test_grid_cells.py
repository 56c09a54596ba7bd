"""Ruled cells are the smallest rectangles closed on all four sides by drawn edges."""

from __future__ import annotations

from pagemill.processors.parse.grid_cells import find_cells, group_cells


def test_two_by_two_grid_with_slightly_misaligned_and_broken_rules() -> None:
    horizontal = [(100.0, 50.0, 250.0), (130.4, 50.0, 140.0), (130.0, 141.5, 250.0), (160.0, 50.0, 250.0)]
    vertical = [(50.0, 100.0, 160.0), (150.6, 100.0, 160.0), (250.0, 100.0, 160.0)]
    cells = find_cells(horizontal, vertical)
    assert len(cells) == 4
    assert [tuple(round(v) for v in cell) for cell in cells] == [
        (50, 100, 151, 130),
        (151, 100, 250, 130),
        (50, 130, 151, 160),
        (151, 130, 250, 160),
    ]
    assert len(group_cells(cells)) == 1


def test_a_missing_side_merges_cells_and_separate_grids_are_separate_tables() -> None:
    horizontal = [
        (0.0, 0.0, 200.0),
        (50.0, 0.0, 200.0),
        (300.0, 0.0, 100.0),
        (350.0, 0.0, 100.0),
        (400.0, 0.0, 100.0),
    ]
    vertical = [
        (0.0, 0.0, 50.0),
        (200.0, 0.0, 50.0),
        (100.0, 0.0, 20.0),  # a stub does not close a cell
        (0.0, 300.0, 400.0),
        (100.0, 300.0, 400.0),
    ]
    cells = find_cells(horizontal, vertical)
    assert (0.0, 0.0, 200.0, 50.0) in cells
    tables = group_cells(cells)
    assert [len(t) for t in tables] == [2]  # the lone wide cell is no table; the 2-row grid is
