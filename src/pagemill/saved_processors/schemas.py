"""Wire models for one kind of saved processor, made per kind (the `object` tags and id field differ)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import Field, create_model, field_serializer

from pagemill.kit.clock import rfc3339
from pagemill.kit.schema import RequestModel, WireModel
from pagemill.models import SavedProcessor, SavedProcessorVersion
from pagemill.saved_processors.kinds import ProcessorKind


class _Timestamped(WireModel):
    @field_serializer("created_at", "updated_at", check_fields=False)
    def _timestamps(self, value: datetime) -> str | None:
        return rfc3339(value)


class VersionCreate(RequestModel):
    release_type: Literal["major", "minor"]
    description: str | None = Field(default=None, max_length=10_000)
    config: dict[str, Any] | None = None


class ProcessorUpdate(RequestModel):
    name: str | None = Field(default=None, min_length=1, max_length=255)
    config: dict[str, Any] | None = None


@dataclass(frozen=True)
class KindSchemas:
    """The request and response models of one kind, and how to fill them from rows."""

    kind: ProcessorKind
    create: type[RequestModel]
    version_summary: type[WireModel]
    version: type[WireModel]
    summary: type[WireModel]
    processor: type[WireModel]
    processor_list: type[WireModel]
    version_list: type[WireModel]

    def version_out(self, row: SavedProcessorVersion, *, with_config: bool = True) -> WireModel:
        fields: dict[str, Any] = {
            "id": row.id,
            "description": row.description,
            "version": row.version,
            self.kind.parent_id_field: row.processor_id,
            "created_at": row.created_at,
            "created_by": row.created_by,
        }
        if with_config:
            return self.version(**fields, config=row.config)
        return self.version_summary(**fields)

    def summary_out(self, row: SavedProcessor) -> WireModel:
        return self.summary(id=row.id, name=row.name, created_at=row.created_at, updated_at=row.updated_at)

    def processor_out(self, row: SavedProcessor, draft: SavedProcessorVersion) -> WireModel:
        return self.processor(
            id=row.id,
            name=row.name,
            created_at=row.created_at,
            updated_at=row.updated_at,
            draft_version=self.version_out(draft),
        )


def schemas_for(kind: ProcessorKind) -> KindSchemas:
    title = kind.name.capitalize()
    version_object = kind.version_object
    parent_field = (str, Field(alias=kind.parent_id_field))
    version_summary = create_model(
        f"{title}VersionSummary",
        __base__=_Timestamped,
        object=(Literal[version_object], version_object),  # type: ignore[valid-type]
        id=(str, ...),
        description=(str | None, None),
        version=(str, ...),
        created_at=(datetime, ...),
        created_by=(dict[str, Any] | None, None),
        **{kind.parent_id_field: parent_field},
    )
    version = create_model(f"{title}Version", __base__=version_summary, config=(dict[str, Any], ...))
    summary = create_model(
        f"{title}Summary",
        __base__=_Timestamped,
        object=(Literal[kind.name], kind.name),  # type: ignore[valid-type]
        id=(str, ...),
        name=(str, ...),
        created_at=(datetime, ...),
        updated_at=(datetime, ...),
    )
    processor = create_model(title, __base__=summary, draft_version=(version, ...))
    create = create_model(
        f"{title}Create",
        __base__=RequestModel,
        name=(str, Field(min_length=1, max_length=255)),
        config=(dict[str, Any] | None, None),
        **{kind.clone_field: (str | None, Field(default=None, alias=kind.clone_field))},
        generate=(dict[str, Any] | None, None),
    )
    processor_list = create_model(
        f"{title}List",
        __base__=WireModel,
        object=(Literal["list"], "list"),
        data=(list[summary], ...),  # type: ignore[valid-type]
        next_page_token=(str | None, None),
    )
    version_list = create_model(
        f"{title}VersionList",
        __base__=WireModel,
        object=(Literal["list"], "list"),
        data=(list[version_summary], ...),
        next_page_token=(str | None, None),  # type: ignore[valid-type]
    )
    return KindSchemas(
        kind, create, version_summary, version, summary, processor, processor_list, version_list
    )
