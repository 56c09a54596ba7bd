"""Citations in Extend's metadata shape: page (1-based, with its size), polygon in points, reference text."""

from __future__ import annotations

from typing import Any

from pagemill.processors.document import union_of
from pagemill.processors.extract.layout import Layout, TextLine


def citations_for(lines: list[TextLine], layout: Layout, reference_text: str) -> list[dict[str, Any]]:
    """One citation per page the value was read on; lines on a page are joined into one polygon."""
    by_page: dict[int, list[TextLine]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    citations = []
    for number, page_lines in by_page.items():
        page = layout.pages.get(number)
        box = union_of(line.box for line in page_lines)
        polygon = (
            None
            if box is None or not layout.has_geometry
            else [
                {"x": round(box.left, 2), "y": round(box.top, 2)},
                {"x": round(box.right, 2), "y": round(box.top, 2)},
                {"x": round(box.right, 2), "y": round(box.bottom, 2)},
                {"x": round(box.left, 2), "y": round(box.bottom, 2)},
            ]
        )
        citations.append(
            {
                "fileId": None,
                "page": {
                    "number": number,
                    "width": page.width if page else None,
                    "height": page.height if page else None,
                },
                "referenceText": reference_text or " ".join(line.text for line in page_lines),
                "polygon": polygon,
                "cellRange": None,
            }
        )
    return citations
