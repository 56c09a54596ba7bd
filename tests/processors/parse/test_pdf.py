"""Text-layer PDFs: words and lines from character boxes, headings, key-values, ruled and aligned tables,
reading
order across columns, page furniture, and the exact wire shape of ParseRun.output."""

from __future__ import annotations

from extend_ai.types import ParseRunOutput

from pagemill.processors.document import BlockType
from pagemill.processors.parse import ParseConfig, load_parse_config, parse
from pagemill.processors.pdf_writer import PageCanvas, pdf_bytes

from .samples import INVOICE_ROWS, invoice_page, ruled_table, two_column_page


def _blocks(output: dict) -> list[dict]:
    return [block for chunk in output["chunks"] for block in chunk["blocks"]]


def test_invoice_blocks_have_types_in_reading_order(invoice_pdf: bytes, config: ParseConfig) -> None:
    blocks = _blocks(parse(invoice_pdf, config=config).output)
    assert [b["type"] for b in blocks] == [
        "heading",
        "key_value",
        "key_value",
        "key_value",
        "section_heading",
        "table",
        "text",
        "text",
        "page_number",
    ]
    assert blocks[0]["content"] == "# INVOICE"
    assert blocks[1]["content"] == "Invoice Number: INV-2024-001"


def test_ruled_table_cells_and_markdown(invoice_pdf: bytes, config: ParseConfig) -> None:
    table = next(b for b in _blocks(parse(invoice_pdf, config=config).output) if b["type"] == "table")
    assert table["details"] == {"type": "table_details", "rowCount": 4, "columnCount": 4}
    lines = table["content"].split("\n")
    assert lines[0] == "| " + " | ".join(INVOICE_ROWS[0]) + " |"
    assert lines[2] == "| Widget A | 2 | $10.00 | $20.00 |"


def test_table_html_and_cell_blocks_when_asked(invoice_pdf: bytes) -> None:
    config = load_parse_config(
        {"blockOptions": {"tables": {"targetFormat": "html", "cellBlocksEnabled": True}}}
    )
    table = next(b for b in _blocks(parse(invoice_pdf, config=config).output) if b["type"] == "table")
    assert table["content"].startswith("<table><tr><th>Item</th>")
    cells = table["children"]
    assert len(cells) == 16
    assert {c["type"] for c in cells[:4]} == {"table_head"}
    widget = next(c for c in cells if c["content"] == "Widget A")
    assert widget["parentBlockId"] == table["id"]
    assert widget["details"]["rowIndex"] == 1 and widget["details"]["columnIndex"] == 0
    assert widget["boundingBox"]["left"] == 72.0


def test_boxes_are_top_left_points_matching_where_text_was_drawn(
    invoice_pdf: bytes, config: ParseConfig
) -> None:
    output = parse(invoice_pdf, config=config).output
    heading = _blocks(output)[0]
    box = heading["boundingBox"]
    assert abs(box["left"] - 72) < 1 and 50 < box["top"] < 62 and 80 < box["bottom"] < 90
    assert heading["polygon"] == [
        {"x": box["left"], "y": box["top"]},
        {"x": box["right"], "y": box["top"]},
        {"x": box["right"], "y": box["bottom"]},
        {"x": box["left"], "y": box["bottom"]},
    ]
    page = output["metadata"]["pages"][0]
    assert page == {
        "number": 1,
        "rotationApplied": None,
        "originalPageWidth": 612.0,
        "originalPageHeight": 792.0,
        "dpi": 72.0,
    }
    assert heading["metadata"]["page"] == {"number": 1, "width": 612.0, "height": 792.0}


def test_output_validates_against_the_sdk_models(invoice_pdf: bytes) -> None:
    config = load_parse_config(
        {
            "advancedOptions": {"returnOcr": {"words": True, "lines": True}},
            "blockOptions": {"tables": {"cellBlocksEnabled": True}},
        }
    )
    output = parse(invoice_pdf, config=config).output
    model = ParseRunOutput.model_validate(output)
    block = model.chunks[0].blocks[0]
    assert block.object == "block" and block.type == "heading"
    assert block.bounding_box.left is not None
    assert model.ocr is not None and model.ocr.words and model.ocr.lines
    assert model.metadata is not None and model.metadata.original_mime_type == "application/pdf"
    assert model.chunks[0].metadata.page_range.start == 1


def test_ocr_words_carry_boxes_confidence_and_their_block(invoice_pdf: bytes) -> None:
    config = load_parse_config({"advancedOptions": {"returnOcr": {"words": True}}})
    output = parse(invoice_pdf, config=config).output
    words = output["ocr"]["words"]
    invoice = next(w for w in words if w["content"] == "INVOICE")
    assert invoice["confidence"] == 1.0 and invoice["pageNumber"] == 1
    assert invoice["blockId"] == _blocks(output)[0]["id"]
    assert "lines" not in output["ocr"]


def test_two_columns_are_read_column_by_column(config: ParseConfig) -> None:
    output = parse(pdf_bytes([two_column_page()]), config=config).output
    text = output["chunks"][0]["content"]
    assert text.index("Left column sentence number 8") < text.index("Right column sentence number 1")
    assert text.startswith("#") and "Annual Report" in text.split("\n")[0]


def test_unruled_aligned_table_is_found(config: ParseConfig) -> None:
    page = PageCanvas()
    page.text(72, 60, "Quarterly figures")
    for r, row in enumerate(
        [["Region", "Q1", "Q2"], ["North", "120", "135"], ["South", "98", "101"], ["West", "77", "80"]]
    ):
        for c, text in enumerate(row):
            page.text(72 + c * 120, 100 + r * 16, text)
    table = next(b for b in _blocks(parse(pdf_bytes([page]), config=config).output) if b["type"] == "table")
    assert table["details"]["rowCount"] == 4 and table["details"]["columnCount"] == 3
    assert "| South | 98 | 101 |" in table["content"]


def test_repeated_footer_is_footer_and_page_numbers_are_tagged(config: ParseConfig) -> None:
    pages = [invoice_page(page_label=str(n)) for n in (1, 2, 3)]
    output = parse(pdf_bytes(pages), config=config).output
    assert len(output["chunks"]) == 3
    last = output["chunks"][2]["blocks"]
    assert [b["type"] for b in last[-2:]] == ["footer", "page_number"]
    assert last[-1]["content"] == "<page_number>3</page_number>"
    bracket = load_parse_config({"advancedOptions": {"enrichmentFormat": "bracket"}})
    assert _blocks(parse(pdf_bytes(pages), config=bracket).output)[-1]["content"] == "[page_number: 3]"


def test_rotated_page_boxes_are_in_displayed_orientation(config: ParseConfig) -> None:
    page = PageCanvas(rotation=90)
    page.text(72, 60, "Rotated heading text")
    result = parse(pdf_bytes([page]), config=config)
    meta = result.output["metadata"]["pages"][0]
    assert (meta["originalPageWidth"], meta["originalPageHeight"]) == (792.0, 612.0)
    box = _blocks(result.output)[0]["boundingBox"]
    assert 0 <= box["left"] < box["right"] <= 792 and 0 <= box["top"] < box["bottom"] <= 612
    assert (
        box["bottom"] - box["top"] > box["right"] - box["left"]
    )  # the text runs top to bottom once displayed


def test_page_ranges_select_pages(config: ParseConfig) -> None:
    pages = [invoice_page(page_label=str(n)) for n in range(1, 6)]
    ranged = load_parse_config(
        {"advancedOptions": {"pageRanges": [{"start": 2, "end": 3}, {"start": 5, "end": 5}]}}
    )
    result = parse(pdf_bytes(pages), config=ranged)
    assert result.page_count == 3
    assert [c["metadata"]["pageRange"]["start"] for c in result.output["chunks"]] == [2, 3, 5]


def test_headers_and_words_feed_the_internal_document(invoice_pdf: bytes, config: ParseConfig) -> None:
    document = parse(invoice_pdf, config=config).document
    page = document.pages[0]
    assert (page.number, page.width, page.height, page.rotation) == (1, 612.0, 792.0, 0)
    words = [w.text for w in page.words()]
    assert words[:3] == ["INVOICE", "Invoice", "Number:"]
    assert page.blocks[5].type is BlockType.TABLE and page.blocks[5].table is not None
    assert page.blocks[5].table.grid()[3] == INVOICE_ROWS[3]


def test_table_header_is_carried_onto_a_continuation_page_when_asked() -> None:
    first, second = PageCanvas(), PageCanvas()
    ruled_table(first, INVOICE_ROWS, left=72, top=100)
    ruled_table(
        second, [["Gizmo D", "4", "$1.00", "$4.00"], ["Gizmo E", "5", "$2.00", "$10.00"]], left=72, top=100
    )
    data = pdf_bytes([first, second])
    plain = _blocks(parse(data, config=load_parse_config({})).output)[-1]
    assert plain["details"]["rowCount"] == 2
    config = load_parse_config({"blockOptions": {"tables": {"tableHeaderContinuationEnabled": True}}})
    continued = _blocks(parse(data, config=config).output)[-1]
    assert continued["details"]["rowCount"] == 3
    assert continued["content"].split("\n")[0] == "| Item | Qty | Unit price | Amount |"
