"""Chunks follow the requested strategy (page, section, document) and honour minCharacters/maxCharacters."""

from __future__ import annotations

from pagemill.processors.parse import load_parse_config, parse
from pagemill.processors.pdf_writer import pdf_bytes

from .samples import invoice_page

MARKDOWN = (
    b"""# Alpha

First section text that is fairly short.

# Beta

"""
    + b" ".join(b"word%d" % n for n in range(120))
    + b"""

# Gamma

Tail.
"""
)


def _chunks(data: bytes, strategy: dict, name: str = "doc.md") -> list[dict]:
    return parse(data, config=load_parse_config({"chunkingStrategy": strategy}), name=name).output["chunks"]


def test_section_chunks_start_at_headings() -> None:
    chunks = _chunks(MARKDOWN, {"type": "section"})
    assert [c["content"].split("\n")[0] for c in chunks] == ["# Alpha", "# Beta", "# Gamma"]
    assert {c["type"] for c in chunks} == {"section"}


def test_document_chunk_holds_everything_with_its_page_range() -> None:
    data = pdf_bytes([invoice_page(page_label=str(n)) for n in (1, 2, 3)])
    (chunk,) = parse(data, config=load_parse_config({"chunkingStrategy": {"type": "document"}})).output[
        "chunks"
    ]
    assert chunk["type"] == "document" and chunk["metadata"]["pageRange"] == {"start": 1, "end": 3}
    assert chunk["content"].count("# INVOICE") == 3


def test_max_characters_splits_and_every_chunk_fits() -> None:
    chunks = _chunks(MARKDOWN, {"type": "section", "options": {"maxCharacters": 200}})
    assert len(chunks) > 3
    assert all(len(c["content"]) <= 200 for c in chunks)
    words = " ".join(c["content"] for c in chunks).split()
    assert words.count("word119") == 1 and words.count("word0") == 1


def test_min_characters_merges_small_chunks() -> None:
    chunks = _chunks(MARKDOWN, {"type": "section", "options": {"minCharacters": 60}})
    assert chunks[0]["content"].startswith("# Alpha") and "# Beta" in chunks[0]["content"]
    assert len(chunks) == 2


def test_spatial_target_keeps_positions_on_the_line() -> None:
    config = load_parse_config({"target": "spatial"})
    content = parse(pdf_bytes([invoice_page()]), config=config).output["chunks"][0]["content"]
    row = next(line for line in content.split("\n") if "Widget A" in line)
    assert row.index("$20.00") > row.index("$10.00") > row.index("Widget A")
    assert "  " in row  # gaps between cells are kept as runs of spaces
