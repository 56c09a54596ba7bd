"""The event catalogue (Extend §E1): which events exist, which an endpoint may enable globally, and which a
subscription to each kind of resource may enable."""

from __future__ import annotations

from enum import StrEnum


class ResourceType(StrEnum):
    EXTRACTOR = "extractor"
    CLASSIFIER = "classifier"
    SPLITTER = "splitter"
    WORKFLOW = "workflow"


def _run_events(*runs: str) -> tuple[str, ...]:
    return tuple(f"{run}.{outcome}" for run in runs for outcome in ("processed", "failed"))


def _resource_events(resource: str) -> tuple[str, ...]:
    return tuple(
        f"{resource}.{change}"
        for change in ("created", "updated", "deleted", "draft.updated", "version.published")
    )


BATCH_PROCESSOR_EVENTS = _run_events("batch_processor_run")

# The order is the SDK's `WebhookEndpointEventType`.
GLOBAL_EVENTS: tuple[str, ...] = (
    *_run_events("parse_run", "edit_run", "form_detection_run", "extract_run", "classify_run", "split_run"),
    *BATCH_PROCESSOR_EVENTS,
    *_run_events("batch_parse_run"),
    *_resource_events("extractor"),
    *_resource_events("classifier"),
    *_resource_events("splitter"),
    "workflow.created",
    "workflow.deployed",
    "workflow.deleted",
)

WORKFLOW_RUN_EVENTS: tuple[str, ...] = (
    "workflow_run.completed",
    "workflow_run.failed",
    "workflow_run.needs_review",
    "workflow_run.rejected",
    "workflow_run.cancelled",
    "workflow_run.step_run.processed",
)

SUBSCRIPTION_EVENTS: dict[ResourceType, tuple[str, ...]] = {
    ResourceType.EXTRACTOR: (*_run_events("extract_run"), *BATCH_PROCESSOR_EVENTS),
    ResourceType.CLASSIFIER: (*_run_events("classify_run"), *BATCH_PROCESSOR_EVENTS),
    ResourceType.SPLITTER: (*_run_events("split_run"), *BATCH_PROCESSOR_EVENTS),
    ResourceType.WORKFLOW: WORKFLOW_RUN_EVENTS,
}

ALL_EVENTS: frozenset[str] = frozenset(GLOBAL_EVENTS) | frozenset(WORKFLOW_RUN_EVENTS)

# The key of a run payload that names the saved processor a resource subscription is scoped to.
PROCESSOR_REFERENCE = {
    "extract_run": "extractor",
    "classify_run": "classifier",
    "split_run": "splitter",
}


def is_global(event_type: str) -> bool:
    return event_type in GLOBAL_EVENTS


def fits_resource(event_type: str, resource_type: ResourceType) -> bool:
    return event_type in SUBSCRIPTION_EVENTS[resource_type]
