"""Wire models of workflow runs (Extend §B8, §C10–C12) and of Pagemill's review API."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field, field_serializer, model_validator

from pagemill.files.schemas import FileSummary
from pagemill.kit.clock import rfc3339
from pagemill.kit.schema import RequestModel, WireModel
from pagemill.runs.schemas import FileInput
from pagemill.workflows.schemas import WorkflowSummary, WorkflowVersionSummary

MAX_BATCH_INPUTS = 1000
BATCH_PRIORITY = 90
SINGLE_PRIORITY = 50


class WorkflowReference(RequestModel):
    id: str = Field(min_length=1)
    version: str | None = None


class PackageInput(RequestModel):
    files: list[FileInput] = Field(min_length=2, max_length=50)


class ProvidedOutput(RequestModel):
    processor_id: str = Field(min_length=1)
    output: dict[str, Any]


class WorkflowRunCreate(RequestModel):
    workflow: WorkflowReference
    file: FileInput | None = None
    package: PackageInput | None = None
    outputs: list[ProvidedOutput] | None = None
    priority: int = Field(default=SINGLE_PRIORITY, ge=1, le=100)
    metadata: dict[str, Any] | None = None
    secrets: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _one_input(self) -> WorkflowRunCreate:
        if (self.file is None) == (self.package is None):
            raise ValueError("give exactly one of file or package")
        if self.package is not None and self.outputs:
            raise ValueError("outputs cannot be given with a package")
        return self


class WorkflowRunUpdate(RequestModel):
    name: str | None = Field(default=None, max_length=1024)
    metadata: dict[str, Any] | None = None


class WorkflowBatchInput(RequestModel):
    file: FileInput
    metadata: dict[str, Any] | None = None
    secrets: dict[str, Any] | None = None


class WorkflowBatchCreate(RequestModel):
    workflow: WorkflowReference
    inputs: list[WorkflowBatchInput] = Field(min_length=1, max_length=MAX_BATCH_INPUTS)
    priority: int = Field(default=BATCH_PRIORITY, ge=1, le=100)


class _Timestamped(WireModel):
    @field_serializer(
        "initial_run_at",
        "reviewed_at",
        "start_time",
        "end_time",
        "created_at",
        "updated_at",
        check_fields=False,
    )
    def _timestamps(self, value: datetime | None) -> str | None:
        return rfc3339(value)


class WorkflowRunSummary(_Timestamped):
    object: Literal["workflow_run"] = "workflow_run"
    id: str
    status: str
    workflow: WorkflowSummary
    workflow_version: WorkflowVersionSummary
    dashboard_url: str
    reviewed_by_user: str | None
    reviewed_at: datetime | None
    initial_run_at: datetime | None
    start_time: datetime | None
    end_time: datetime | None
    batch_id: str | None
    rejection_note: str | None
    files: list[FileSummary]
    created_at: datetime
    updated_at: datetime
    usage: dict[str, Any] | None


class WorkflowRun(_Timestamped):
    object: Literal["workflow_run"] = "workflow_run"
    id: str
    workflow: WorkflowSummary
    workflow_version: WorkflowVersionSummary
    dashboard_url: str
    status: str
    metadata: dict[str, Any]
    batch_id: str | None
    files: list[FileSummary]
    failure_reason: str | None
    failure_message: str | None
    initial_run_at: datetime | None
    reviewed_by_user: str | None
    reviewed: bool
    rejection_note: str | None
    reviewed_at: datetime | None
    start_time: datetime | None
    end_time: datetime | None
    step_runs: list[dict[str, Any]]
    usage: dict[str, Any] | None


class WorkflowRunList(WireModel):
    object: Literal["list"] = "list"
    data: list[WorkflowRunSummary]
    next_page_token: str | None


class WorkflowRunDeleted(WireModel):
    id: str


class WorkflowBatchCreated(WireModel):
    batch_id: str


# Pagemill's review API -------------------------------------------------------------------------------


class ReviewedOutput(RequestModel):
    """A corrected output for one processor step: `output.value` fields replace the extracted ones."""

    step_name: str = Field(min_length=1)
    output: dict[str, Any]


class ReviewApproval(RequestModel):
    reviewer: str = Field(min_length=1, max_length=320)
    outputs: list[ReviewedOutput] | None = None


class ReviewRejection(RequestModel):
    reviewer: str = Field(min_length=1, max_length=320)
    note: str | None = Field(default=None, max_length=10_000)


class ReviewOutput(WireModel):
    step_run_id: str
    step_name: str
    step_type: str
    processor_run_id: str | None
    initial_output: dict[str, Any] | None
    reviewed_output: dict[str, Any] | None


class ReviewSummary(_Timestamped):
    object: Literal["review"] = "review"
    run_id: str
    workflow: WorkflowSummary
    status: str
    files: list[FileSummary]
    metadata: dict[str, Any]
    updated_at: datetime


class Review(ReviewSummary):
    outputs: list[ReviewOutput]
    workflow_run: WorkflowRun


class ReviewList(WireModel):
    object: Literal["list"] = "list"
    data: list[ReviewSummary]
    next_page_token: str | None
