from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field, field_serializer, model_validator

from pagemill.files.schemas import FileSummary
from pagemill.kit.clock import rfc3339
from pagemill.kit.schema import RequestModel, WireModel
from pagemill.runs.schemas import FileInput


class ExtractorReference(RequestModel):
    id: str = Field(min_length=1)
    version: str | None = None
    override_config: dict[str, Any] | None = None


class PackageInput(RequestModel):
    files: list[FileInput] = Field(min_length=1, max_length=50)


class ExtractRunCreate(RequestModel):
    extractor: ExtractorReference | None = None
    config: dict[str, Any] | None = None
    file: FileInput | None = None
    package: PackageInput | None = None
    metadata: dict[str, Any] | None = None
    priority: int = Field(default=50, ge=1, le=100)

    @model_validator(mode="after")
    def _one_input(self) -> ExtractRunCreate:
        if (self.file is None) == (self.package is None):
            raise ValueError("give exactly one of file or package")
        return self


class ExtractBatchInput(RequestModel):
    file: FileInput
    metadata: dict[str, Any] | None = None


class ExtractBatchCreate(RequestModel):
    extractor: ExtractorReference
    inputs: list[ExtractBatchInput] = Field(min_length=1, max_length=1000)
    priority: int = Field(default=90, ge=1, le=100)


class _Timestamped(WireModel):
    @field_serializer("created_at", "updated_at", check_fields=False)
    def _timestamps(self, value: datetime) -> str | None:
        return rfc3339(value)


class ExtractRunSummary(_Timestamped):
    object: Literal["extract_run"] = "extract_run"
    id: str
    extractor: dict[str, Any] | None
    extractor_version: dict[str, Any] | None
    status: str
    failure_reason: str | None
    failure_message: str | None
    metadata: dict[str, Any]
    reviewed: bool = False
    edited: bool = False
    file: FileSummary | None
    files: list[FileSummary] | None
    parse_run_id: str | None = None
    dashboard_url: str
    usage: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime


class ExtractRun(ExtractRunSummary):
    output: dict[str, Any] | None
    initial_output: dict[str, Any] | None = None
    reviewed_output: dict[str, Any] | None = None
    edits: dict[str, Any] | None = None
    config: dict[str, Any]


class ExtractRunList(WireModel):
    object: Literal["list"] = "list"
    data: list[ExtractRunSummary]
    next_page_token: str | None
