"""Extend's ParseConfig with Pagemill's defaults filled in, rejecting options this parser cannot honour.

Load request JSON with `load_parse_config(data)`; echo it on runs with `config.to_wire()`. An option that
needs a
vision or language model (agentic tables/text, chart extraction, signature detection, LaTeX formulas), a PDF
converter (`alwaysConvertToPdf`) or Excel's layout model (`excelParsingMode: advanced`) is refused with
`InvalidRequest` naming the field, never ignored.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic.alias_generators import to_camel

from pagemill.errors import InvalidRequest


class _Wire(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


class Target(StrEnum):
    MARKDOWN = "markdown"
    SPATIAL = "spatial"


class Engine(StrEnum):
    PARSE_PERFORMANCE = "parse_performance"
    PARSE_LIGHT = "parse_light"
    PARSE_AUTO = "parse_auto"


class ChunkType(StrEnum):
    PAGE = "page"
    DOCUMENT = "document"
    SECTION = "section"


class ChunkingOptions(_Wire):
    min_characters: int | None = Field(default=None, ge=0)
    max_characters: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> ChunkingOptions:
        if (
            self.min_characters is not None
            and self.max_characters is not None
            and self.min_characters > self.max_characters
        ):
            raise ValueError("minCharacters must not exceed maxCharacters")
        return self


class ChunkingStrategy(_Wire):
    type: ChunkType = ChunkType.PAGE
    options: ChunkingOptions = Field(default_factory=ChunkingOptions)


class Agentic(_Wire):
    enabled: bool = False
    custom_instructions: str | None = None


class FigureOptions(_Wire):
    enabled: bool = True
    figure_image_clipping_enabled: bool = False
    advanced_chart_extraction_enabled: bool = False
    custom_instructions: str | None = None


class TableOptions(_Wire):
    enabled: bool = True
    target_format: Literal["markdown", "html"] = "markdown"
    table_header_continuation_enabled: bool = False
    cell_blocks_enabled: bool = False
    agentic: Agentic = Field(default_factory=Agentic)


class TextOptions(_Wire):
    signature_detection_enabled: bool = False
    agentic: Agentic = Field(default_factory=Agentic)


class KeyValueOptions(_Wire):
    blank_field_formatting_enabled: bool = False


class BarcodeOptions(_Wire):
    image_clipping_enabled: bool = False
    reading_enabled: bool = True


class FormulaOptions(_Wire):
    enabled: bool = False


class BlockOptions(_Wire):
    figures: FigureOptions = Field(default_factory=FigureOptions)
    tables: TableOptions = Field(default_factory=TableOptions)
    text: TextOptions = Field(default_factory=TextOptions)
    key_value: KeyValueOptions = Field(default_factory=KeyValueOptions)
    barcodes: BarcodeOptions = Field(default_factory=BarcodeOptions)
    formulas: FormulaOptions = Field(default_factory=FormulaOptions)


class PageRange(_Wire):
    start: int = Field(ge=1)
    end: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> PageRange:
        if self.start > self.end:
            raise ValueError("start must not exceed end")
        return self


class ReturnOcr(_Wire):
    words: bool = False
    lines: bool = False


class FormattingDetection(_Wire):
    type: Literal["change_tracking"] = "change_tracking"


class AdvancedOptions(_Wire):
    page_rotation_enabled: bool = True
    page_ranges: list[PageRange] | None = None
    excel_parsing_mode: Literal["basic", "advanced"] = "basic"
    excel_skip_hidden_content: bool = False
    excel_use_raw_cell_values: bool = False
    excel_skip_calculation: bool = False
    excel_include_cell_metadata: bool = False
    excel_include_cell_formatting: bool = False
    vertical_grouping_threshold: float = Field(default=1.0, ge=0.1, le=5.0)
    return_ocr: ReturnOcr = Field(default_factory=ReturnOcr)
    always_convert_to_pdf: bool = False
    enrichment_format: Literal["xml", "bracket"] = "xml"
    image_conversion_quality: Literal["high", "medium", "low"] = "high"
    formatting_detection: list[FormattingDetection] = Field(default_factory=list)


class ParseConfig(_Wire):
    target: Target = Target.MARKDOWN
    engine: Engine = Engine.PARSE_PERFORMANCE
    engine_version: str = "latest"
    chunking_strategy: ChunkingStrategy = Field(default_factory=ChunkingStrategy)
    block_options: BlockOptions = Field(default_factory=BlockOptions)
    advanced_options: AdvancedOptions = Field(default_factory=AdvancedOptions)

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def wants_page(self, number: int) -> bool:
        ranges = self.advanced_options.page_ranges
        return ranges is None or any(r.start <= number <= r.end for r in ranges)

    @property
    def ocr_dpi(self) -> int:
        return {"high": 300, "medium": 200, "low": 150}[self.advanced_options.image_conversion_quality]


_UNSUPPORTED: tuple[tuple[str, Any, str], ...] = (
    (
        "blockOptions.figures.advancedChartExtractionEnabled",
        True,
        "needs a vision model, which Pagemill does not run",
    ),
    (
        "blockOptions.figures.customInstructions",
        "*",
        "figure summaries need a vision model, which Pagemill does not run",
    ),
    ("blockOptions.tables.agentic.enabled", True, "agentic table correction needs a vision model"),
    ("blockOptions.tables.agentic.customInstructions", "*", "agentic table correction needs a vision model"),
    ("blockOptions.text.agentic.enabled", True, "agentic text correction needs a vision model"),
    ("blockOptions.text.agentic.customInstructions", "*", "agentic text correction needs a vision model"),
    ("blockOptions.text.signatureDetectionEnabled", True, "signature detection needs a vision model"),
    ("blockOptions.formulas.enabled", True, "LaTeX formula recognition needs a model Pagemill does not ship"),
    ("blockOptions.figures.figureImageClippingEnabled", True, "figures are not clipped; imageUrl stays null"),
    ("blockOptions.barcodes.imageClippingEnabled", True, "barcodes are not clipped; imageUrl stays null"),
    (
        "advancedOptions.alwaysConvertToPdf",
        True,
        "no PDF converter is installed; documents are parsed natively",
    ),
    ("advancedOptions.excelParsingMode", "advanced", "only basic spreadsheet parsing is available"),
    ("advancedOptions.formattingDetection", "*", "change-tracking detection is not available"),
)


def load_parse_config(data: dict[str, Any] | ParseConfig | None, *, path: str = "config") -> ParseConfig:
    """Validate request JSON (camelCase; snake_case accepted) into a ParseConfig with every default filled
    in."""
    if isinstance(data, ParseConfig):
        return data
    data = _drop_nulls(data or {})
    if not isinstance(data, dict):
        raise InvalidRequest("config must be an object", path=path)
    try:
        config = ParseConfig.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join([path, *(str(part) for part in first["loc"])])
        raise InvalidRequest(first["msg"], path=where) from None
    _reject_unsupported(config, path)
    _reject_incompatible(config, path)
    return config


def _drop_nulls(value: Any) -> Any:
    """The SDK sends explicit nulls for options a caller passed as None: treat them as absent."""
    if isinstance(value, dict):
        return {key: _drop_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_drop_nulls(item) for item in value]
    return value


def _reject_unsupported(config: ParseConfig, path: str) -> None:
    wire = config.to_wire()
    for dotted, refused, why in _UNSUPPORTED:
        value: Any = wire
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if (refused == "*" and value) or (refused != "*" and value == refused):
            raise InvalidRequest(
                f"{dotted.rsplit('.', 1)[-1]}={value!r} is not supported: {why}", path=f"{path}.{dotted}"
            )


def _reject_incompatible(config: ParseConfig, path: str) -> None:
    if config.target is Target.SPATIAL and config.chunking_strategy.type is not ChunkType.PAGE:
        raise InvalidRequest(
            "target 'spatial' supports only page chunking", path=f"{path}.chunkingStrategy.type"
        )
    if config.target is Target.MARKDOWN and config.advanced_options.vertical_grouping_threshold != 1.0:
        raise InvalidRequest(
            "verticalGroupingThreshold applies only to target 'spatial'",
            path=f"{path}.advancedOptions.verticalGroupingThreshold",
        )
