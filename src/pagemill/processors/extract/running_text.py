"""The first pages of a document as one running string, and the lines behind a span of it: for patterns
that cross line breaks ("between Acme, Inc. and" / "Bolt LLC")."""

from __future__ import annotations

from pagemill.processors.extract.layout import Layout, TextLine


def full_text(layout: Layout, pages: int = 2) -> tuple[str, list[tuple[int, TextLine]]]:
    first = min(layout.pages, default=1)
    offsets: list[tuple[int, TextLine]] = []
    text = ""
    for line in layout.lines:
        if line.page >= first + pages:
            break
        offsets.append((len(text), line))
        text += line.text + " "
    return text, offsets


def lines_at(offsets: list[tuple[int, TextLine]], start: int, end: int) -> list[TextLine]:
    return [line for offset, line in offsets if offset < end and offset + len(line.text) >= start][:4]
