"""Webhook endpoints and subscriptions, and `emit`: the one way every feature fires a webhook event."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy.orm import Session

from pagemill.api import versions
from pagemill.auth.service import Principal
from pagemill.config import Settings
from pagemill.db.session import after_commit
from pagemill.engine import Engine, JobNotFound
from pagemill.errors import InvalidRequest, NotFound
from pagemill.kit.clock import utcnow
from pagemill.kit.ids import new_id
from pagemill.kit.pagination import PageRequest
from pagemill.models import (
    WebhookDelivery,
    WebhookDeliveryAttempt,
    WebhookEndpoint,
    WebhookEvent,
    WebhookSubscription,
)
from pagemill.net.checked_connection import resolve_host
from pagemill.net.url_guard import UrlGuard
from pagemill.runtime import Runtime, current
from pagemill.webhooks import events
from pagemill.webhooks.delivery import sealer
from pagemill.webhooks.events import ResourceType
from pagemill.webhooks.payload_links import check_payload_link
from pagemill.webhooks.repository import (
    WebhookDeliveryRepository,
    WebhookEndpointRepository,
    WebhookSubscriptionRepository,
)
from pagemill.webhooks.schemas import (
    AdvancedOptions,
    WebhookEndpointCreate,
    WebhookEndpointUpdate,
    WebhookSubscriptionCreate,
    WebhookSubscriptionUpdate,
)
from pagemill.webhooks.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, new_signing_secret
from pagemill.webhooks.status import ENABLED, DeliveryStatus
from pagemill.webhooks.tasks import DELIVER_JOB

# Headers Pagemill sets itself on every delivery; an endpoint's custom headers may not replace them.
RESERVED_HEADERS = frozenset(
    {TIMESTAMP_HEADER, SIGNATURE_HEADER, "content-type", "content-length", "host", "transfer-encoding"}
)


@dataclass(frozen=True)
class CreatedEndpoint:
    endpoint: WebhookEndpoint
    signing_secret: str  # the only time it is shown


# Endpoints --------------------------------------------------------------------------------------------------


def create_endpoint(
    session: Session, runtime: Runtime, principal: Principal, body: WebhookEndpointCreate
) -> CreatedEndpoint:
    check_endpoint_url(runtime.url_guard, body.url)
    if body.api_version not in versions.SUPPORTED:
        raise InvalidRequest(
            f"apiVersion {body.api_version!r} is not spoken here: {', '.join(versions.SUPPORTED)}",
            path="apiVersion",
        )
    secret = new_signing_secret()
    endpoint = WebhookEndpoint(
        id=new_id("wh"),
        workspace_id=principal.workspace_id,
        url=body.url,
        name=body.name,
        status=body.status or ENABLED,
        enabled_events=_global_events(body.enabled_events),
        api_version=body.api_version,
        advanced_options=_advanced_options(body.advanced_options),
        signing_secret_sealed=sealer(runtime.settings).seal(secret),
        created_by=principal.created_by,
    )
    WebhookEndpointRepository(session).add(endpoint)
    return CreatedEndpoint(endpoint=endpoint, signing_secret=secret)


def get_endpoint(session: Session, principal: Principal, endpoint_id: str) -> WebhookEndpoint:
    endpoint = WebhookEndpointRepository(session).get(principal.workspace_id, endpoint_id)
    if endpoint is None:
        raise NotFound(f"Webhook endpoint {endpoint_id} does not exist", path="id")
    return endpoint


def list_endpoints(
    session: Session, principal: Principal, page: PageRequest, *, status: str | None = None
) -> tuple[list[WebhookEndpoint], str | None]:
    return WebhookEndpointRepository(session).page(principal.workspace_id, page, status=status)


def update_endpoint(
    session: Session, runtime: Runtime, principal: Principal, endpoint_id: str, body: WebhookEndpointUpdate
) -> WebhookEndpoint:
    endpoint = get_endpoint(session, principal, endpoint_id)
    if body.api_version is not None and body.api_version != endpoint.api_version:
        raise InvalidRequest(
            "apiVersion is fixed when an endpoint is created; create a new endpoint for another version",
            path="apiVersion",
        )
    if body.url is not None:
        check_endpoint_url(runtime.url_guard, body.url)
        endpoint.url = body.url
    if body.name is not None:
        endpoint.name = body.name
    if body.status is not None:
        endpoint.status = body.status
    if body.enabled_events is not None:
        endpoint.enabled_events = _global_events(body.enabled_events)
    if body.advanced_options is not None:
        endpoint.advanced_options = _advanced_options(body.advanced_options)
    return endpoint


def delete_endpoint(session: Session, principal: Principal, endpoint_id: str) -> str:
    """Deletes the endpoint with its subscriptions and delivery log; deliveries still retrying stop."""
    WebhookEndpointRepository(session).delete(get_endpoint(session, principal, endpoint_id))
    return endpoint_id


def check_endpoint_url(guard: UrlGuard, url: str) -> None:
    """Refuse URLs the guard would never deliver to (400, path `url`).

    A host name that does not resolve yet is accepted: DNS may come later, and every delivery is checked again
    as it connects.
    """
    try:
        guard.check(url, path="url")
    except InvalidRequest:
        if not _unresolvable_http_url(url):
            raise


def _unresolvable_http_url(url: str) -> bool:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return False
    if parsed.scheme not in ("http", "https") or not parsed.host:
        return False
    try:
        return not resolve_host(parsed.host, parsed.port or 443)
    except (OSError, UnicodeError):
        return True


def _global_events(requested: list[str]) -> list[str]:
    for index, event_type in enumerate(requested):
        if not events.is_global(event_type):
            hint = (
                "; workflow_run events come only through a webhook subscription to the workflow"
                if event_type in events.WORKFLOW_RUN_EVENTS
                else ""
            )
            raise InvalidRequest(
                f"{event_type!r} is not an event an endpoint can enable{hint}", path=f"enabledEvents[{index}]"
            )
    return _unique(requested)


def _advanced_options(options: AdvancedOptions | None) -> dict[str, Any] | None:
    if options is None:
        return None
    for name in options.headers or {}:
        if name.lower() in RESERVED_HEADERS:
            raise InvalidRequest(
                f"the header {name!r} is set by Pagemill on every delivery and cannot be replaced",
                path=f"advancedOptions.headers.{name}",
            )
    return options.model_dump(mode="json", by_alias=True)


# Subscriptions ----------------------------------------------------------------------------------------------


def upsert_subscription(
    session: Session, principal: Principal, body: WebhookSubscriptionCreate
) -> WebhookSubscription:
    """One subscription per (endpoint, resource): creating it again replaces its type and events."""
    endpoint = WebhookEndpointRepository(session).get(principal.workspace_id, body.webhook_endpoint_id)
    if endpoint is None:
        raise NotFound(
            f"Webhook endpoint {body.webhook_endpoint_id} does not exist", path="webhookEndpointId"
        )
    enabled = _subscription_events(body.enabled_events, body.resource_type)
    subscriptions = WebhookSubscriptionRepository(session)
    subscription = subscriptions.for_resource(endpoint.id, body.resource_id)
    if subscription is None:
        subscription = WebhookSubscription(
            id=new_id("whes"),
            workspace_id=principal.workspace_id,
            webhook_endpoint_id=endpoint.id,
            resource_type=body.resource_type.value,
            resource_id=body.resource_id,
            enabled_events=enabled,
        )
        subscriptions.add(subscription)
    else:
        subscription.resource_type = body.resource_type.value
        subscription.enabled_events = enabled
    return subscription


def get_subscription(session: Session, principal: Principal, subscription_id: str) -> WebhookSubscription:
    subscription = WebhookSubscriptionRepository(session).get(principal.workspace_id, subscription_id)
    if subscription is None:
        raise NotFound(f"Webhook subscription {subscription_id} does not exist", path="id")
    return subscription


def list_subscriptions(
    session: Session,
    principal: Principal,
    page: PageRequest,
    *,
    endpoint_id: str | None = None,
    resource_id: str | None = None,
) -> tuple[list[WebhookSubscription], str | None]:
    return WebhookSubscriptionRepository(session).page(
        principal.workspace_id, page, endpoint_id=endpoint_id, resource_id=resource_id
    )


def update_subscription(
    session: Session, principal: Principal, subscription_id: str, body: WebhookSubscriptionUpdate
) -> WebhookSubscription:
    subscription = get_subscription(session, principal, subscription_id)
    subscription.enabled_events = _subscription_events(
        body.enabled_events, ResourceType(subscription.resource_type)
    )
    return subscription


def delete_subscription(session: Session, principal: Principal, subscription_id: str) -> str:
    WebhookSubscriptionRepository(session).delete(get_subscription(session, principal, subscription_id))
    return subscription_id


def _subscription_events(requested: list[str], resource_type: ResourceType) -> list[str]:
    for index, event_type in enumerate(requested):
        if not events.fits_resource(event_type, resource_type):
            allowed = ", ".join(events.SUBSCRIPTION_EVENTS[resource_type])
            raise InvalidRequest(
                f"{event_type!r} is not an event of {resource_type.value} subscriptions (allowed: {allowed})",
                path=f"enabledEvents[{index}]",
            )
    return _unique(requested)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


# Delivery log -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliveryRecord:
    delivery: WebhookDelivery
    event: WebhookEvent
    attempts: list[WebhookDeliveryAttempt]


def list_deliveries(
    session: Session, principal: Principal, endpoint_id: str, page: PageRequest, *, status: str | None = None
) -> tuple[list[DeliveryRecord], str | None]:
    endpoint = get_endpoint(session, principal, endpoint_id)
    repository = WebhookDeliveryRepository(session)
    rows, token = repository.page(endpoint.id, page, status=status)
    attempts = repository.attempts_of([row.id for row in rows])
    events_by_id = repository.events_of([row.event_id for row in rows])
    records = [DeliveryRecord(row, events_by_id[row.event_id], attempts[row.id]) for row in rows]
    return records, token


def event_payload(
    session: Session, settings: Settings, event_id: str, expires: int, signature: str
) -> dict[str, Any]:
    """The payload a signed link (`payload_links.payload_url`) points at."""
    check_payload_link(settings, event_id, expires, signature)
    event = WebhookDeliveryRepository(session).event(event_id)
    if event is None:
        raise NotFound(f"Event {event_id} no longer exists")
    return event.payload


# Firing events ----------------------------------------------------------------------------------------------


def emit(
    session: Session,
    workspace_id: str,
    event_type: str,
    payload: dict[str, Any],
    *,
    workflow_id: str | None = None,
    resource_id: str | None = None,
) -> None:
    """Fire an event of the catalogue (`events.ALL_EVENTS`) with its wire payload (a JSON-ready dict).

    In the caller's transaction, records the event and one delivery per endpoint that wants it: endpoints that
    enabled it globally, and subscriptions to the resource it concerns — `workflow_id` for `workflow_run.*`,
    else `resource_id`, else the saved processor the run payload names (`payload["extractor"]["id"]` …).
    Once the transaction commits, one durable delivery job per delivery is queued. Nothing is recorded when no
    endpoint wants the event.
    """
    if event_type not in events.ALL_EVENTS:
        raise ValueError(f"{event_type!r} is not a webhook event; see pagemill.webhooks.events")
    endpoint_ids = _listening_endpoints(
        session, workspace_id, event_type, workflow_id or resource_id or _processor_of(event_type, payload)
    )
    if not endpoint_ids:
        return
    event = WebhookEvent(
        id=new_id("event"), workspace_id=workspace_id, event_type=event_type, payload=payload
    )
    deliveries = [
        WebhookDelivery(
            id=new_id("whd"),
            workspace_id=workspace_id,
            event_id=event.id,
            webhook_endpoint_id=endpoint_id,
            status=DeliveryStatus.PENDING,
        )
        for endpoint_id in endpoint_ids
    ]
    WebhookDeliveryRepository(session).add_event(event, deliveries)
    delivery_ids = [item.id for item in deliveries]
    after_commit(session, lambda: _enqueue(current().engine, delivery_ids))


def enqueue_stranded_deliveries(runtime: Runtime, *, older_than: timedelta, limit: int = 100) -> int:
    """Enqueue the pending deliveries older than `older_than` that have no job (the process died between the
    commit and the enqueue); returns how many. For a maintenance loop, like `runs.reconcile`."""
    with runtime.database.session() as session:
        pending = WebhookDeliveryRepository(session).pending_ids(utcnow() - older_than, limit)
    stranded = []
    for delivery_id in pending:
        try:
            runtime.engine.status(delivery_id)
        except JobNotFound:
            stranded.append(delivery_id)
    _enqueue(runtime.engine, stranded)
    return len(stranded)


def _listening_endpoints(
    session: Session, workspace_id: str, event_type: str, resource_id: str | None
) -> list[str]:
    found = [
        endpoint.id
        for endpoint in WebhookEndpointRepository(session).enabled(workspace_id)
        if event_type in endpoint.enabled_events
    ]
    if resource_id:
        found += [
            subscription.webhook_endpoint_id
            for subscription in WebhookSubscriptionRepository(session).enabled_for_resource(
                workspace_id, resource_id
            )
            if event_type in subscription.enabled_events
        ]
    return _unique(found)


def _processor_of(event_type: str, payload: dict[str, Any]) -> str | None:
    reference = payload.get(events.PROCESSOR_REFERENCE.get(event_type.split(".", 1)[0], ""))
    return str(reference["id"]) if isinstance(reference, dict) and reference.get("id") else None


def _enqueue(engine: Engine, delivery_ids: list[str]) -> None:
    for delivery_id in delivery_ids:
        engine.enqueue(DELIVER_JOB, delivery_id, workflow_id=delivery_id)
