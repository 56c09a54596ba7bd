"""HTTP routes of webhooks (Extend §B10), Pagemill's delivery log, and the target of signed payload links."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from pagemill.api.deps import PageDep, PrincipalDep, RuntimeDep, SessionDep
from pagemill.models import WebhookEndpoint, WebhookSubscription
from pagemill.webhooks import service
from pagemill.webhooks.schemas import (
    AdvancedOptionsOut,
    Deleted,
    DeliveryAttemptOut,
    EndpointStatus,
    WebhookDeliveryList,
    WebhookDeliveryOut,
    WebhookEndpointCreate,
    WebhookEndpointCreated,
    WebhookEndpointList,
    WebhookEndpointOut,
    WebhookEndpointUpdate,
    WebhookSubscriptionCreate,
    WebhookSubscriptionList,
    WebhookSubscriptionOut,
    WebhookSubscriptionUpdate,
)
from pagemill.webhooks.status import DeliveryStatus

router = APIRouter(tags=["webhooks"])



def to_endpoint(row: WebhookEndpoint) -> WebhookEndpointOut:
    return WebhookEndpointOut(
        id=row.id,
        url=row.url,
        name=row.name,
        status=row.status,
        enabled_events=row.enabled_events,
        api_version=row.api_version,
        advanced_options=AdvancedOptionsOut.model_validate(row.advanced_options)
        if row.advanced_options
        else None,
        created_at=row.created_at,
        created_by=row.created_by,
    )


def to_subscription(row: WebhookSubscription) -> WebhookSubscriptionOut:
    return WebhookSubscriptionOut(
        id=row.id,
        webhook_endpoint_id=row.webhook_endpoint_id,
        resource_type=row.resource_type,
        resource_id=row.resource_id,
        enabled_events=row.enabled_events,
        created_at=row.created_at,
    )


# Endpoints --------------------------------------------------------------------------------------------------


@router.post("/webhook_endpoints", response_model=WebhookEndpointCreated, summary="Create a webhook endpoint")
def create_webhook_endpoint(
    body: WebhookEndpointCreate, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> WebhookEndpointCreated:
    """Register a URL for events. The response carries the `signingSecret` — the only time it is shown."""
    created = service.create_endpoint(session, runtime, principal, body)
    return WebhookEndpointCreated(
        **to_endpoint(created.endpoint).model_dump(by_alias=False), signing_secret=created.signing_secret
    )


@router.get("/webhook_endpoints", response_model=WebhookEndpointList, summary="List webhook endpoints")
def list_webhook_endpoints(
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    status: Annotated[EndpointStatus | None, Query()] = None,
) -> WebhookEndpointList:
    rows, token = service.list_endpoints(session, principal, page, status=status)
    return WebhookEndpointList(data=[to_endpoint(row) for row in rows], next_page_token=token)


@router.get("/webhook_endpoints/{id}", response_model=WebhookEndpointOut, summary="Get a webhook endpoint")
def retrieve_webhook_endpoint(id: str, session: SessionDep, principal: PrincipalDep) -> WebhookEndpointOut:
    return to_endpoint(service.get_endpoint(session, principal, id))


@router.post(
    "/webhook_endpoints/{id}", response_model=WebhookEndpointOut, summary="Update a webhook endpoint"
)
def update_webhook_endpoint(
    id: str, body: WebhookEndpointUpdate, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep
) -> WebhookEndpointOut:
    """Change the keys given; the others stay. `apiVersion` cannot change."""
    return to_endpoint(service.update_endpoint(session, runtime, principal, id, body))


@router.delete("/webhook_endpoints/{id}", response_model=Deleted, summary="Delete a webhook endpoint")
def delete_webhook_endpoint(id: str, session: SessionDep, principal: PrincipalDep) -> Deleted:
    """Delete the endpoint, its subscriptions and its delivery log; retries in progress stop."""
    return Deleted(id=service.delete_endpoint(session, principal, id))


@router.get(
    "/webhook_endpoints/{id}/deliveries",
    response_model=WebhookDeliveryList,
    summary="List an endpoint's deliveries (Pagemill)",
)
def list_webhook_deliveries(
    id: str,
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    status: Annotated[DeliveryStatus | None, Query()] = None,
) -> WebhookDeliveryList:
    """The delivery log: each event sent to this endpoint, its status and every attempt (time, HTTP status,
    duration, error, exact body). A Pagemill addition; Extend's API has no equivalent."""
    rows, token = service.list_deliveries(session, principal, id, page, status=status)
    return WebhookDeliveryList(data=[to_delivery(record) for record in rows], next_page_token=token)


def to_delivery(record: service.DeliveryRecord) -> WebhookDeliveryOut:
    row = record.delivery
    return WebhookDeliveryOut(
        id=row.id,
        webhook_endpoint_id=row.webhook_endpoint_id,
        event_id=row.event_id,
        event_type=record.event.event_type,
        status=row.status,  # type: ignore[arg-type]
        attempt_count=row.attempt_count,
        next_attempt_at=row.next_attempt_at,
        delivered_at=row.delivered_at,
        payload=record.event.payload,
        attempts=[
            DeliveryAttemptOut(
                number=attempt.number,
                attempted_at=attempt.attempted_at,
                status_code=attempt.status_code,
                duration_ms=attempt.duration_ms,
                error=attempt.error,
                request_body=attempt.request_body,
            )
            for attempt in record.attempts
        ],
        created_at=row.created_at,
    )


# Subscriptions ----------------------------------------------------------------------------------------------


@router.post(
    "/webhook_subscriptions", response_model=WebhookSubscriptionOut, summary="Create a webhook subscription"
)
def create_webhook_subscription(
    body: WebhookSubscriptionCreate, session: SessionDep, principal: PrincipalDep
) -> WebhookSubscriptionOut:
    """Subscribe an endpoint to one resource's events. Creating it again for the same endpoint and resource
    replaces its events (upsert)."""
    return to_subscription(service.upsert_subscription(session, principal, body))


@router.get(
    "/webhook_subscriptions", response_model=WebhookSubscriptionList, summary="List webhook subscriptions"
)
def list_webhook_subscriptions(
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    webhook_endpoint_id: Annotated[str | None, Query(alias="webhookEndpointId")] = None,
    resource_id: Annotated[str | None, Query(alias="resourceId")] = None,
) -> WebhookSubscriptionList:
    rows, token = service.list_subscriptions(
        session, principal, page, endpoint_id=webhook_endpoint_id, resource_id=resource_id
    )
    return WebhookSubscriptionList(data=[to_subscription(row) for row in rows], next_page_token=token)


@router.get(
    "/webhook_subscriptions/{id}", response_model=WebhookSubscriptionOut, summary="Get a webhook subscription"
)
def retrieve_webhook_subscription(
    id: str, session: SessionDep, principal: PrincipalDep
) -> WebhookSubscriptionOut:
    return to_subscription(service.get_subscription(session, principal, id))


@router.post(
    "/webhook_subscriptions/{id}",
    response_model=WebhookSubscriptionOut,
    summary="Update a webhook subscription",
)
def update_webhook_subscription(
    id: str, body: WebhookSubscriptionUpdate, session: SessionDep, principal: PrincipalDep
) -> WebhookSubscriptionOut:
    return to_subscription(service.update_subscription(session, principal, id, body))


@router.delete("/webhook_subscriptions/{id}", response_model=Deleted, summary="Delete a webhook subscription")
def delete_webhook_subscription(id: str, session: SessionDep, principal: PrincipalDep) -> Deleted:
    return Deleted(id=service.delete_subscription(session, principal, id))


# Signed payload links ---------------------------------------------------------------------------------------


@router.get("/webhook_events/{id}/payload", summary="Download an event's payload through a signed link")
def download_webhook_payload(
    id: str,
    runtime: RuntimeDep,
    session: SessionDep,
    expires: Annotated[int, Query()],
    signature: Annotated[str, Query()],
) -> JSONResponse:
    """The target of a `signed_data_url` payload: the event's full payload object, authorised by the link."""
    return JSONResponse(service.event_payload(session, runtime.settings, id, expires, signature))
