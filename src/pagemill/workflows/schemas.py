"""Wire models of workflows and versions, exactly the SDK's `Workflow`, `WorkflowVersion` and summaries."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field, field_serializer

from pagemill.kit.clock import rfc3339
from pagemill.kit.schema import RequestModel, WireModel

# Steps are read item by item by `workflows.steps`, which reports each problem with its `steps[i]…` path.
StepsInput = list[Any]


class WorkflowCreate(RequestModel):
    name: str = Field(min_length=1, max_length=1024)
    steps: StepsInput | None = None


class WorkflowUpdate(RequestModel):
    name: str | None = Field(default=None, min_length=1, max_length=1024)
    steps: StepsInput | None = None


class WorkflowVersionCreate(RequestModel):
    name: str | None = Field(default=None, max_length=1024)
    steps: StepsInput | None = None


class WorkflowVersionSummary(WireModel):
    object: Literal["workflow_version"] = "workflow_version"
    id: str
    version: str
    name: str | None
    created_at: datetime
    created_by: dict[str, Any] | None

    @field_serializer("created_at")
    def _timestamp(self, value: datetime) -> str | None:
        return rfc3339(value)


class WorkflowVersion(WorkflowVersionSummary):
    steps: list[dict[str, Any]]


class WorkflowSummary(WireModel):
    object: Literal["workflow"] = "workflow"
    id: str
    name: str
    created_at: datetime
    updated_at: datetime
    created_by: dict[str, Any] | None

    @field_serializer("created_at", "updated_at")
    def _timestamps(self, value: datetime) -> str | None:
        return rfc3339(value)


class Workflow(WorkflowSummary):
    draft_version: WorkflowVersion


class WorkflowList(WireModel):
    object: Literal["list"] = "list"
    data: list[WorkflowSummary]
    next_page_token: str | None


class WorkflowVersionList(WireModel):
    object: Literal["list"] = "list"
    data: list[WorkflowVersionSummary]
    next_page_token: str | None
