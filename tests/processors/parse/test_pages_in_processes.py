"""The per-page work is a pure function of picklable inputs, so pages can be parsed in worker processes."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor

from pagemill.processors.parse.page_options import PageOptions
from pagemill.processors.parse.pdf_page import parse_pdf_page
from pagemill.processors.pdf_writer import pdf_bytes

from .samples import invoice_page, two_column_page


def test_pages_parsed_in_a_process_pool_match_pages_parsed_in_order() -> None:
    data = pdf_bytes([invoice_page(), two_column_page(), invoice_page(page_label="3")])
    options = PageOptions()
    in_order = [parse_pdf_page(data, None, index, options) for index in range(3)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = list(pool.map(parse_pdf_page, [data] * 3, [None] * 3, range(3), [options] * 3))
    assert [[b.text for b in page.blocks] for page in pooled] == [
        [b.text for b in page.blocks] for page in in_order
    ]
    assert pooled[1].blocks[1].text.startswith("Left column sentence number 1")
    assert pickle.loads(pickle.dumps(pooled[0])).blocks[5].table.grid()[1][0] == "Widget A"
