"""Request bodies of the 2025-04-21 workflow run endpoints, each translated to the current request."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from pagemill.kit.schema import RequestModel
from pagemill.runs.schemas import FileInput
from pagemill.workflow_runs.schemas import BATCH_PRIORITY, MAX_BATCH_INPUTS, SINGLE_PRIORITY, ProvidedOutput

MAX_FILES = 50


class LegacyFile(RequestModel):
    """`{fileName?, fileUrl?, fileId?}`: a URL to fetch (named `fileName`) or an uploaded file's id."""

    file_name: str | None = Field(default=None, max_length=1024)
    file_url: str | None = Field(default=None, max_length=8192)
    file_id: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> LegacyFile:
        if (self.file_url is None) == (self.file_id is None):
            raise ValueError("give exactly one of fileUrl or fileId")
        return self

    def as_input(self) -> FileInput:
        if self.file_id is not None:
            return FileInput(id=self.file_id)
        return FileInput(url=self.file_url, name=self.file_name)


class LegacyRunFile(LegacyFile):
    outputs: list[ProvidedOutput] | None = None


class LegacyRunCreate(RequestModel):
    workflow_id: str = Field(min_length=1)
    files: list[LegacyRunFile] | None = Field(default=None, min_length=1, max_length=MAX_FILES)
    raw_texts: list[str] | None = Field(default=None, min_length=1, max_length=MAX_FILES)
    version: str | None = None
    priority: int = Field(default=SINGLE_PRIORITY, ge=1, le=100)
    metadata: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _one_input_kind(self) -> LegacyRunCreate:
        if (self.files is None) == (self.raw_texts is None):
            raise ValueError("give exactly one of files or rawTexts")
        return self

    def inputs(self) -> list[tuple[FileInput, list[ProvidedOutput] | None]]:
        """One run per file or raw text (a raw text becomes a `.txt` file)."""
        if self.raw_texts is not None:
            return [(FileInput(text=text), None) for text in self.raw_texts]
        return [(item.as_input(), item.outputs) for item in self.files or []]


class LegacyBatchInput(RequestModel):
    file: LegacyFile | None = None
    raw_text: str | None = None
    metadata: dict[str, Any] | None = None
    secrets: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _one_input(self) -> LegacyBatchInput:
        if (self.file is None) == (self.raw_text is None):
            raise ValueError("give exactly one of file or rawText")
        return self

    def as_input(self) -> FileInput:
        return self.file.as_input() if self.file is not None else FileInput(text=self.raw_text)


class LegacyBatchCreate(RequestModel):
    workflow_id: str = Field(min_length=1)
    version: str | None = None
    inputs: list[LegacyBatchInput] = Field(min_length=1, max_length=MAX_BATCH_INPUTS)
    priority: int = Field(default=BATCH_PRIORITY, ge=1, le=100)


class LegacyOutputCorrection(RequestModel):
    """A corrected processor output; for extractions only the fields given replace the extracted ones."""

    reviewed_output: dict[str, Any]
