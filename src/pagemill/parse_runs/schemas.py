from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field, field_serializer

from pagemill.files.schemas import FileSummary
from pagemill.kit.clock import rfc3339
from pagemill.kit.schema import RequestModel, WireModel
from pagemill.runs.schemas import FileInput


class DataRetention(RequestModel):
    mode: Literal["workspace_default", "zero"] = "workspace_default"


class ParseRunCreate(RequestModel):
    file: FileInput
    config: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None
    data_retention: DataRetention | None = None


class ParseBatchInput(RequestModel):
    file: FileInput
    metadata: dict[str, Any] | None = None


class ParseBatchCreate(RequestModel):
    inputs: list[ParseBatchInput] = Field(min_length=1, max_length=1000)
    config: dict[str, Any] | None = None
    priority: int = Field(default=90, ge=1, le=100)


class ParseRunSummary(WireModel):
    object: Literal["parse_run"] = "parse_run"
    id: str
    batch_id: str | None
    file: FileSummary
    status: str
    failure_reason: str | None
    failure_message: str | None
    metadata: dict[str, Any]
    metrics: dict[str, Any] | None
    usage: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime

    @field_serializer("created_at", "updated_at")
    def _timestamps(self, value: datetime) -> str | None:
        return rfc3339(value)


class ParseRun(WireModel):
    object: Literal["parse_run"] = "parse_run"
    id: str
    batch_id: str | None
    file: FileSummary
    status: str
    failure_reason: str | None
    failure_message: str | None
    metadata: dict[str, Any]
    output: dict[str, Any] | None
    output_url: str | None
    metrics: dict[str, Any] | None
    config: dict[str, Any]
    usage: dict[str, Any] | None


class ParseRunList(WireModel):
    object: Literal["list"] = "list"
    data: list[ParseRunSummary]
    next_page_token: str | None
