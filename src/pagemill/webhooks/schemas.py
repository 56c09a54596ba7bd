"""Wire shapes of webhook endpoints and subscriptions (Extend §C13) and of Pagemill's delivery log."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field, field_serializer

from pagemill.kit.clock import rfc3339
from pagemill.kit.schema import RequestModel, WireModel
from pagemill.webhooks.events import ResourceType

EndpointStatus = Literal["enabled", "disabled"]


class PayloadOptions(RequestModel):
    format: Literal["json", "url"]
    url_threshold_bytes: int | None = Field(default=None, ge=0)


class AdvancedOptions(RequestModel):
    headers: dict[str, str] | None = None
    payload: PayloadOptions | None = None


class WebhookEndpointCreate(RequestModel):
    url: str = Field(min_length=1, max_length=8192)
    name: str = Field(min_length=1, max_length=1024)
    enabled_events: list[str]
    api_version: str
    status: EndpointStatus | None = None
    advanced_options: AdvancedOptions | None = None


class WebhookEndpointUpdate(RequestModel):
    """Partial: keys left out (or null) stay as they are. `apiVersion` is fixed at creation."""

    url: str | None = Field(default=None, min_length=1, max_length=8192)
    name: str | None = Field(default=None, min_length=1, max_length=1024)
    status: EndpointStatus | None = None
    enabled_events: list[str] | None = None
    advanced_options: AdvancedOptions | None = None
    api_version: str | None = None


class WebhookSubscriptionCreate(RequestModel):
    webhook_endpoint_id: str = Field(min_length=1)
    resource_type: ResourceType
    resource_id: str = Field(min_length=1, max_length=255)
    enabled_events: list[str]


class WebhookSubscriptionUpdate(RequestModel):
    enabled_events: list[str]


class _CreatedAt(WireModel):
    created_at: datetime

    @field_serializer("created_at")
    def _created_at(self, value: datetime) -> str | None:
        return rfc3339(value)


class PayloadOptionsOut(WireModel):
    format: str
    url_threshold_bytes: int | None


class AdvancedOptionsOut(WireModel):
    headers: dict[str, str] | None
    payload: PayloadOptionsOut | None


class WebhookEndpointOut(_CreatedAt):
    object: Literal["webhook_endpoint"] = "webhook_endpoint"
    id: str
    url: str
    name: str
    status: str
    enabled_events: list[str]
    api_version: str
    advanced_options: AdvancedOptionsOut | None
    created_by: dict[str, Any] | None


class WebhookEndpointCreated(WebhookEndpointOut):
    """The only time the signing secret is shown."""

    signing_secret: str


class WebhookEndpointList(WireModel):
    object: Literal["list"] = "list"
    data: list[WebhookEndpointOut]
    next_page_token: str | None


class WebhookSubscriptionOut(_CreatedAt):
    object: Literal["webhook_subscription"] = "webhook_subscription"
    id: str
    webhook_endpoint_id: str
    resource_type: str
    resource_id: str
    enabled_events: list[str]


class WebhookSubscriptionList(WireModel):
    object: Literal["list"] = "list"
    data: list[WebhookSubscriptionOut]
    next_page_token: str | None


class Deleted(WireModel):
    id: str


class DeliveryAttemptOut(WireModel):
    number: int
    attempted_at: datetime
    status_code: int | None
    duration_ms: int
    error: str | None
    request_body: str = Field(
        description="The exact body POSTed in this attempt (what the signature covers)."
    )

    @field_serializer("attempted_at")
    def _attempted_at(self, value: datetime) -> str | None:
        return rfc3339(value)


class WebhookDeliveryOut(_CreatedAt):
    """One event's delivery to one endpoint (Pagemill's addition; Extend has no delivery log API)."""

    object: Literal["webhook_delivery"] = "webhook_delivery"
    id: str
    webhook_endpoint_id: str
    event_id: str
    event_type: str
    status: Literal["pending", "succeeded", "failed"]
    attempt_count: int
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    payload: dict[str, Any]
    attempts: list[DeliveryAttemptOut]

    @field_serializer("next_attempt_at", "delivered_at")
    def _times(self, value: datetime | None) -> str | None:
        return rfc3339(value)


class WebhookDeliveryList(WireModel):
    object: Literal["list"] = "list"
    data: list[WebhookDeliveryOut]
    next_page_token: str | None
