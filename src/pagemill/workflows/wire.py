"""Workflow rows as the API shows them, for responses and for webhook payloads alike."""

from __future__ import annotations

from pagemill.models import Workflow as WorkflowRow
from pagemill.models import WorkflowVersion as VersionRow
from pagemill.workflows.schemas import Workflow, WorkflowSummary, WorkflowVersion, WorkflowVersionSummary
from pagemill.workflows.steps import wire_steps


def to_version_summary(row: VersionRow) -> WorkflowVersionSummary:
    return WorkflowVersionSummary(
        id=row.id, version=row.version, name=row.name, created_at=row.created_at, created_by=row.created_by
    )


def to_version(row: VersionRow) -> WorkflowVersion:
    return WorkflowVersion(
        **to_version_summary(row).model_dump(by_alias=False, exclude={"object"}), steps=wire_steps(row.steps)
    )


def to_summary(row: WorkflowRow) -> WorkflowSummary:
    return WorkflowSummary(
        id=row.id,
        name=row.name,
        created_at=row.created_at,
        updated_at=row.updated_at,
        created_by=row.created_by,
    )


def to_workflow(row: WorkflowRow, draft: VersionRow) -> Workflow:
    return Workflow(
        **to_summary(row).model_dump(by_alias=False, exclude={"object"}), draft_version=to_version(draft)
    )
