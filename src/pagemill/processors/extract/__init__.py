"""Extraction: Extend's JSON-schema config dialect and the embedded (offline, no-LLM) extractor."""

from pagemill.processors.extract.config import (
    EXTRACTOR,
    load_extract_config,
    load_extract_override,
    merge_override,
)
from pagemill.processors.extract.extractor import ExtractResult, extract

__all__ = [
    "EXTRACTOR",
    "ExtractResult",
    "extract",
    "load_extract_config",
    "load_extract_override",
    "merge_override",
]
