"""The per-page slice of a ParseConfig: small, frozen and picklable, so page work can run in another
process."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from pagemill.config import get_settings
from pagemill.processors.parse.config import ParseConfig
from pagemill.processors.parse.ocr import OcrEngine


@dataclass(frozen=True, slots=True)
class PageOptions:
    ocr_dpi: int = 300
    detect_rotation: bool = True
    read_barcodes: bool = True
    figures: bool = True
    ocr_engine: OcrEngine = "tesseract"

    @classmethod
    def of(cls, config: ParseConfig) -> PageOptions:
        return cls(
            ocr_dpi=config.ocr_dpi,
            detect_rotation=config.advanced_options.page_rotation_enabled,
            read_barcodes=config.block_options.barcodes.reading_enabled,
            figures=config.block_options.figures.enabled,
            ocr_engine=cast(OcrEngine, get_settings().ocr_engine),
        )
