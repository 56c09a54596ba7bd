"""Wire shapes shared by processor runs: file inputs (Extend §A11) and batch runs (§B9)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field, field_serializer, model_validator

from pagemill.kit.clock import rfc3339
from pagemill.kit.schema import RequestModel, WireModel


class FileInputSettings(RequestModel):
    password: str | None = None


class FileInput(RequestModel):
    """`{url, name?, settings?}` | `{id}` | `{text, name?}`; the union is untagged, so the key decides."""

    url: str | None = Field(default=None, max_length=8192)
    id: str | None = None
    text: str | None = None
    name: str | None = Field(default=None, max_length=1024)
    settings: FileInputSettings | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> FileInput:
        given = [key for key in ("url", "id", "text") if getattr(self, key) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of url, id or text")
        return self


class BatchRunOut(WireModel):
    object: Literal["batch_run"] = "batch_run"
    id: str
    status: str
    run_count: int
    created_at: datetime

    @field_serializer("created_at")
    def _timestamp(self, value: datetime) -> str | None:
        return rfc3339(value)


class RunDeleted(WireModel):
    id: str


def metadata_or_empty(value: dict[str, Any] | None) -> dict[str, Any]:
    return dict(value or {})
