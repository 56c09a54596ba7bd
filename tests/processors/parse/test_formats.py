"""Office files, spreadsheets, HTML, text, Markdown, e-mail and XML become typed blocks; spreadsheets are
sheet-aware (one page and section per sheet, cells as tables)."""

from __future__ import annotations

import io
from email.message import EmailMessage

import docx
import openpyxl
import pptx
from pptx.util import Inches

from pagemill.processors.parse import ParseConfig, load_parse_config, parse


def _saved(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def _blocks(output: dict) -> list[dict]:
    return [block for chunk in output["chunks"] for block in chunk["blocks"]]


def test_docx_headings_lists_tables_and_page_breaks(config: ParseConfig) -> None:
    document = docx.Document()
    document.add_heading("Service Agreement", level=0)
    document.add_heading("Scope", level=1)
    document.add_paragraph("The supplier delivers the goods.")
    document.add_paragraph("First obligation", style="List Bullet")
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate([["Party", "Role"], ["Acme", "Supplier"], ["Globex", "Buyer"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_page_break()
    document.add_paragraph("Signed on the second page.")
    result = parse(_saved(document), config=config, name="agreement.docx")
    blocks = _blocks(result.output)
    assert [b["type"] for b in blocks] == ["heading", "section_heading", "text", "text", "table", "text"]
    assert blocks[0]["content"] == "# Service Agreement" and blocks[1]["content"] == "## Scope"
    assert blocks[3]["content"] == "- First obligation"
    assert blocks[4]["content"].split("\n")[2] == "| Acme | Supplier |"
    assert result.page_count == 2 and blocks[5]["metadata"]["page"]["number"] == 2
    assert blocks[0]["polygon"] == [] and blocks[0]["boundingBox"]["left"] is None
    assert result.output["metadata"]["pages"] is None


def test_xlsx_sheets_are_pages_with_tables_and_cell_metadata() -> None:
    book = openpyxl.Workbook()
    sales = book.active
    sales.title = "Sales"
    for row in [["Region", "Units", "Price"], ["North", 10, 2.5], ["South", 4, 3.0]]:
        sales.append(row)
    sales["D1"] = "Total"
    sales["D2"] = "=B2*C2"
    notes = book.create_sheet("Notes")
    notes["B2"] = "Prepared by finance"
    hidden = book.create_sheet("Secret")
    hidden["A1"] = "hidden value"
    hidden.sheet_state = "hidden"
    config = load_parse_config(
        {
            "advancedOptions": {"excelIncludeCellMetadata": True, "excelSkipHiddenContent": True},
            "blockOptions": {"tables": {"cellBlocksEnabled": True}},
        }
    )
    result = parse(_saved(book), config=config)
    assert result.page_count == 2
    sales_heading, table, notes_heading, note = _blocks(result.output)
    assert (sales_heading["type"], sales_heading["content"]) == ("section_heading", "## Sales")
    assert notes_heading["content"] == "## Notes"
    assert table["metadata"]["sheet"] == {"index": 0, "name": "Sales"}
    assert table["details"] == {"type": "table_details", "rowCount": 3, "columnCount": 4}
    assert "| North | 10 | 2.5 |  |" in table["content"]
    formula_cell = next(c for c in table["children"] if c["details"]["cellReference"] == "D2")
    assert formula_cell["details"]["formula"] == "=B2*C2"
    assert note["type"] == "text" and note["content"] == "Prepared by finance"
    assert note["details"]["cellReference"] == "B2" and note["metadata"]["sheet"]["name"] == "Notes"
    assert "hidden value" not in str(result.output)


def test_csv_is_one_sheet_table(config: ParseConfig) -> None:
    result = parse(b"name;amount\nalpha;1\nbeta;2\n", config=config, name="data.csv")
    table = _blocks(result.output)[0]
    assert table["type"] == "table" and table["content"].split("\n")[-1] == "| beta | 2 |"


def test_pptx_slides_are_pages_with_shape_boxes_in_points(config: ParseConfig) -> None:
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Quarterly Review"
    body = slide.placeholders[1].text_frame
    body.text = "Revenue grew"
    body.add_paragraph().text = "Costs fell"
    table_slide = deck.slides.add_slide(deck.slide_layouts[5])
    shape = table_slide.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(4), Inches(1))
    for r, row in enumerate([["Metric", "Value"], ["NPS", "61"]]):
        for c, text in enumerate(row):
            shape.table.cell(r, c).text = text
    result = parse(_saved(deck), config=config)
    first, second = result.output["chunks"]
    assert first["blocks"][0]["content"] == "# Quarterly Review"
    assert "Revenue grew" in first["blocks"][1]["content"] and "Costs fell" in first["blocks"][1]["content"]
    table = next(b for b in second["blocks"] if b["type"] == "table")
    assert table["boundingBox"] == {"left": 72.0, "top": 144.0, "right": 360.0, "bottom": 216.0}
    assert result.output["metadata"]["pages"][0]["originalPageWidth"] == 720.0


def test_html_structure(config: ParseConfig) -> None:
    page = b"""<html><head><title>t</title><script>var x;</script></head><body>
    <h1>Price list</h1><p>Valid from <b>May</b>.</p><ul><li>Fast delivery</li><li>Free returns</li></ul>
    <table><tr><th>Item</th><th>Price</th></tr><tr><td
    colspan="2">Seasonal</td></tr><tr><td>Tea</td><td>3</td></tr>
    </table><dl><dt>Contact</dt><dd>sales@example.com</dd></dl></body></html>"""
    blocks = _blocks(parse(page, config=config).output)
    assert [b["type"] for b in blocks] == ["heading", "text", "text", "text", "table", "key_value"]
    assert blocks[1]["content"] == "Valid from May."
    assert blocks[2]["content"] == "- Fast delivery"
    assert blocks[4]["content"].split("\n")[2] == "| Seasonal | Seasonal |"
    assert blocks[5]["content"] == "Contact: sales@example.com"
    assert "var x" not in str(blocks)


def test_markdown_and_text(config: ParseConfig) -> None:
    markdown = b"# Guide\n\nIntro line.\n\n## Steps\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    blocks = _blocks(parse(markdown, config=config, name="guide.md").output)
    assert [b["type"] for b in blocks] == ["heading", "text", "section_heading", "text", "text", "table"]
    text = parse(b"First paragraph\ncontinues here.\n\nSecond.\fNext page.", config=config, name="a.txt")
    assert text.page_count == 2
    assert _blocks(text.output)[0]["content"] == "First paragraph continues here."


def test_email_headers_body_and_attachments(config: ParseConfig) -> None:
    message = EmailMessage()
    message["From"] = "Ann <ann@example.com>"
    message["To"] = "bob@example.com"
    message["Subject"] = "Invoice 77"
    message.set_content("Please find the invoice attached.\n\nRegards")
    message.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="inv77.pdf")
    result = parse(message.as_bytes(), config=config, name="mail.eml")
    blocks = _blocks(result.output)
    assert blocks[0]["content"] == "# Invoice 77"
    assert blocks[1]["content"] == "From: Ann <ann@example.com>"
    assert "Please find the invoice attached." in [b["content"] for b in blocks]
    assert blocks[-2]["content"] == "## Attachments"
    assert blocks[-1]["content"].startswith("- inv77.pdf (application/pdf, 13 bytes)")
    assert result.document.attachments == ["inv77.pdf"]
    assert result.output["metadata"]["originalMimeType"] == "message/rfc822"


def test_xml_leaves_become_key_values(config: ParseConfig) -> None:
    blocks = _blocks(
        parse(b"<?xml version='1.0'?><invoice><id>9</id><total>12.5</total></invoice>", config=config).output
    )
    assert [b["content"] for b in blocks] == ["id: 9", "total: 12.5"]
