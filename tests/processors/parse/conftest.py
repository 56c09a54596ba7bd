"""Fixtures shared by the parse tests."""

from __future__ import annotations

import pytest

from pagemill.processors.parse import ParseConfig, load_parse_config
from pagemill.processors.pdf_writer import pdf_bytes

from .samples import invoice_page


@pytest.fixture
def config() -> ParseConfig:
    return load_parse_config({})


@pytest.fixture
def invoice_pdf() -> bytes:
    return pdf_bytes([invoice_page()])
