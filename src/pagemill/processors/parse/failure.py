"""Why a parse could not finish, as one of Extend's ParseRun.failureReason codes plus a message for people."""

from __future__ import annotations

from enum import StrEnum


class FailureReason(StrEnum):
    FILE_TYPE_NOT_SUPPORTED = "FILE_TYPE_NOT_SUPPORTED"
    FILE_SIZE_TOO_LARGE = "FILE_SIZE_TOO_LARGE"
    CORRUPT_FILE = "CORRUPT_FILE"
    OCR_ERROR = "OCR_ERROR"
    PASSWORD_PROTECTED_FILE = "PASSWORD_PROTECTED_FILE"
    INVALID_CONFIG_OPTIONS = "INVALID_CONFIG_OPTIONS"
    CHUNKING_ERROR = "CHUNKING_ERROR"
    INTERNAL_ERROR = "INTERNAL_ERROR"
    CANCELLED = "CANCELLED"


class ParseFailure(Exception):
    """A document Pagemill cannot parse. `reason` is stable; `message` says what was wrong with this file."""

    def __init__(self, reason: FailureReason, message: str):
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.message = message


class ParseCancelled(ParseFailure):
    """`should_stop` returned True between pages."""

    def __init__(self, pages_done: int):
        super().__init__(FailureReason.CANCELLED, f"Parsing was cancelled after {pages_done} page(s).")
        self.pages_done = pages_done
