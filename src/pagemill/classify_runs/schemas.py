"""Wire models of classify and split runs, made per kind (the reference key and `object` tag differ)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import Field, create_model, field_serializer

from pagemill.classify_runs.kinds import RunKind
from pagemill.files.schemas import FileSummary
from pagemill.kit.clock import rfc3339
from pagemill.kit.schema import RequestModel, WireModel
from pagemill.runs.schemas import FileInput


class ProcessorReference(RequestModel):
    """`{id, version?, overrideConfig?}`: a saved classifier or splitter (default `latest`)."""

    id: str = Field(min_length=1)
    version: str | None = None
    override_config: dict[str, Any] | None = None


class BatchInput(RequestModel):
    file: FileInput
    metadata: dict[str, Any] | None = None


class _Timestamped(WireModel):
    @field_serializer("created_at", "updated_at", check_fields=False)
    def _timestamps(self, value: datetime) -> str | None:
        return rfc3339(value)


@dataclass(frozen=True)
class RunSchemas:
    create: type[RequestModel]
    batch_create: type[RequestModel]
    summary: type[WireModel]
    run: type[WireModel]
    run_list: type[WireModel]


def run_schemas(kind: RunKind) -> RunSchemas:
    title = kind.kind.capitalize()
    reference = kind.reference_field
    version_field = f"{reference}_version"
    create = create_model(
        f"{title}RunCreate",
        __base__=RequestModel,
        config=(dict[str, Any] | None, None),
        file=(FileInput, ...),
        metadata=(dict[str, Any] | None, None),
        priority=(int, Field(default=50, ge=1, le=100)),
        **{reference: (ProcessorReference | None, None)},
    )
    batch_create = create_model(
        f"{title}BatchCreate",
        __base__=RequestModel,
        inputs=(list[BatchInput], Field(min_length=1, max_length=1000)),
        priority=(int, Field(default=90, ge=1, le=100)),
        **{reference: (ProcessorReference, ...)},
    )
    summary = create_model(
        f"{title}RunSummary",
        __base__=_Timestamped,
        object=(Literal[kind.object], kind.object),  # type: ignore[valid-type]
        id=(str, ...),
        status=(str, ...),
        failure_reason=(str | None, None),
        failure_message=(str | None, None),
        metadata=(dict[str, Any], ...),
        reviewed=(bool, False),
        edited=(bool, False),
        file=(FileSummary | None, None),
        parse_run_id=(str | None, None),
        dashboard_url=(str, ...),
        usage=(dict[str, Any] | None, None),
        created_at=(datetime, ...),
        updated_at=(datetime, ...),
        **{reference: (dict[str, Any] | None, None), version_field: (dict[str, Any] | None, None)},
    )
    run = create_model(
        f"{title}Run",
        __base__=summary,
        output=(dict[str, Any] | None, None),
        initial_output=(dict[str, Any] | None, None),
        reviewed_output=(dict[str, Any] | None, None),
        config=(dict[str, Any], ...),
    )
    run_list = create_model(
        f"{title}RunList",
        __base__=WireModel,
        object=(Literal["list"], "list"),
        data=(list[summary], ...),  # type: ignore[valid-type]
        next_page_token=(str | None, None),
    )
    return RunSchemas(create, batch_create, summary, run, run_list)
