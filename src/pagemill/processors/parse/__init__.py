"""The parsing processor: documents of every common format to Extend's ParseRun.output, offline."""

from pagemill.processors.parse.config import ParseConfig, load_parse_config
from pagemill.processors.parse.failure import FailureReason, ParseCancelled, ParseFailure
from pagemill.processors.parse.pipeline import ParseMetrics, ParseResult, parse

__all__ = [
    "FailureReason",
    "ParseCancelled",
    "ParseConfig",
    "ParseFailure",
    "ParseMetrics",
    "ParseResult",
    "load_parse_config",
    "parse",
]
