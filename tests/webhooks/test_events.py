"""The event catalogue is the SDK's: every event an endpoint or a subscription may enable, and no other."""

from __future__ import annotations

import re

from extend_ai.types import WebhookEndpointEventType, WebhookSubscriptionEventType

from pagemill.webhooks import events
from pagemill.webhooks.events import ResourceType


def _members(enum: type) -> list[str]:
    return [member.value for member in enum if not member.name.startswith("_")]


def test_global_events_are_the_sdk_endpoint_event_types_in_order() -> None:
    assert list(events.GLOBAL_EVENTS) == _members(WebhookEndpointEventType)


def test_workflow_run_events_are_never_global() -> None:
    assert not any(events.is_global(event) for event in events.WORKFLOW_RUN_EVENTS)


def test_each_resource_type_allows_what_the_sdk_documents() -> None:
    documented = {
        match.group(1): re.findall(r"`([a-z_.]+)`", match.group(2))
        for match in re.finditer(r"\*\*(\w+)\*\*: (.+)", WebhookSubscriptionEventType.__doc__ or "")
    }
    assert set(documented) == {resource.value for resource in ResourceType}
    for resource in ResourceType:
        assert list(events.SUBSCRIPTION_EVENTS[resource]) == documented[resource.value]
        assert all(events.fits_resource(event, resource) for event in documented[resource.value])
    subscribable = {event for allowed in events.SUBSCRIPTION_EVENTS.values() for event in allowed}
    assert subscribable == set(_members(WebhookSubscriptionEventType))


def test_every_sdk_event_is_known() -> None:
    sdk_events = set(_members(WebhookEndpointEventType)) | set(_members(WebhookSubscriptionEventType))
    assert sdk_events == events.ALL_EVENTS
