from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, Self

from pydantic import Field, field_serializer, model_validator

from pagemill.kit.clock import rfc3339
from pagemill.kit.schema import RequestModel, WireModel
from pagemill.models import File as FileRow


class FileMetadata(WireModel):
    page_count: int | None = None
    parent_split: dict[str, Any] | None = None


class FileSummary(WireModel):
    """How a file appears inside lists and runs."""

    object: Literal["file"] = "file"
    id: str
    name: str
    type: str | None
    parent_file_id: str | None
    metadata: FileMetadata
    created_at: datetime
    updated_at: datetime

    @field_serializer("created_at", "updated_at")
    def _timestamps(self, value: datetime) -> str | None:
        return rfc3339(value)

    @classmethod
    def of(cls, row: FileRow) -> Self:
        return cls(
            id=row.id,
            name=row.name,
            type=row.type,
            parent_file_id=row.parent_file_id,
            metadata=FileMetadata(
                page_count=row.page_count, parent_split=row.extra_metadata.get("parentSplit")
            ),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


class File(FileSummary):
    presigned_url: str | None = None
    contents: dict[str, Any] | None = None


class FileList(WireModel):
    object: Literal["list"] = "list"
    data: list[FileSummary]
    next_page_token: str | None


class FileDeleted(WireModel):
    id: str


class FileUrlSettings(RequestModel):
    password: str | None = None


class FileCreate(RequestModel):
    """`POST /files`: register a file from a URL the server downloads, or from raw text."""

    url: str | None = Field(default=None, max_length=8192)
    text: str | None = None
    name: str | None = Field(default=None, max_length=1024)
    settings: FileUrlSettings | None = None

    @model_validator(mode="after")
    def _one_source(self) -> FileCreate:
        if (self.url is None) == (self.text is None):
            raise ValueError("give exactly one of url or text")
        return self
