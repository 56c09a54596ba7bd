"""The fidelity scores the benchmark reports measure what their names say."""

from __future__ import annotations

from pagemill.processors.parse.fidelity import score, table_cells

REFERENCE = "## Prices\n\nTea is cheap.\n\n| Item | Price |\n|---|---|\n| Tea | 3 |\n"


def test_identical_markdown_scores_one_everywhere() -> None:
    result = score(REFERENCE, REFERENCE)
    assert (
        result.text_recall,
        result.text_precision,
        result.heading_recall,
        result.table_cell_recall,
        result.reading_order,
    ) == (1.0, 1.0, 1.0, 1.0, 1.0)


def test_missing_cells_headings_and_swapped_order_lower_their_scores() -> None:
    candidate = "| Item | Price |\n|---|---|\n| Tea | 4 |\n\nTea is cheap.\n"
    result = score(candidate, REFERENCE)
    assert result.heading_recall == 0.0
    assert result.table_cell_recall == 0.75
    assert result.reading_order < 0.8
    assert result.text_recall == 6 / 8  # "prices" and "3" are missing


def test_html_tables_count_as_cells() -> None:
    assert table_cells("<table><tr><th>A b</th><td>1</td></tr></table>") == ["a b", "1"]
