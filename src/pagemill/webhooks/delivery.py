"""One attempt at delivering one event to one endpoint: build the signed request, POST it through the URL
guard, record the attempt. Attempts are numbered and recorded once per number, so a replayed attempt (after a
worker crash) neither sends a delivered event again nor logs an attempt twice."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from pagemill.config import Settings
from pagemill.errors import InvalidRequest
from pagemill.kit.clock import utcnow
from pagemill.kit.crypto import SecretBox
from pagemill.models import WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint, WebhookEvent
from pagemill.net.url_guard import UrlGuard
from pagemill.runtime import Runtime
from pagemill.webhooks.payload_links import payload_url
from pagemill.webhooks.repository import WebhookDeliveryRepository, WebhookEndpointRepository
from pagemill.webhooks.signing import encoded_json, signature_headers
from pagemill.webhooks.status import ENABLED, DeliveryStatus

log = logging.getLogger(__name__)

# Only the status of the receiver's answer matters; a longer body fails the attempt rather than fill memory.
MAX_RESPONSE_BYTES = 1024 * 1024
ERROR_BODY_CHARS = 200


class Outcome(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"
    STOPPED = "stopped"  # gave up, or nothing is left to deliver (endpoint deleted or disabled)


@dataclass(frozen=True)
class PreparedRequest:
    url: str
    envelope: dict[str, Any]
    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True)
class Answer:
    status_code: int | None
    error: str | None
    duration_ms: int
    attempted_at: datetime

    @property
    def succeeded(self) -> bool:
        return self.error is None


def sealer(settings: Settings) -> SecretBox:
    return SecretBox(settings.signing_key())


def retry_delays(settings: Settings) -> list[float]:
    """Waits between attempts: exponential from the first delay, capped, until they cover the retry window."""
    delays: list[float] = []
    delay = max(settings.webhook_retry_first_delay_seconds, 0.001)
    while sum(delays) < settings.webhook_retry_window_seconds and len(delays) < 1000:
        delays.append(min(delay, settings.webhook_retry_max_delay_seconds))
        delay *= max(settings.webhook_retry_backoff, 1.0)
    return delays


def attempt(runtime: Runtime, delivery_id: str, number: int, retry_in: float | None) -> Outcome:
    """Make attempt `number`; `retry_in` is the wait before the next one (None: this is the last)."""
    with runtime.database.session() as session:
        prepared = _prepare(session, runtime.settings, delivery_id, number)
    if isinstance(prepared, Outcome):
        return prepared
    answer = _post(runtime, prepared)
    with runtime.database.session() as session:
        return _record(session, delivery_id, number, prepared, answer, retry_in)


def give_up(runtime: Runtime, delivery_id: str) -> None:
    with runtime.database.session() as session:
        delivery = WebhookDeliveryRepository(session).delivery(delivery_id, lock=True)
        if delivery is not None and delivery.status == DeliveryStatus.PENDING:
            _finish(delivery, DeliveryStatus.FAILED)


def _prepare(
    session: Session, settings: Settings, delivery_id: str, number: int
) -> PreparedRequest | Outcome:
    deliveries = WebhookDeliveryRepository(session)
    delivery = deliveries.delivery(delivery_id)
    if delivery is None:
        return Outcome.STOPPED
    if delivery.status != DeliveryStatus.PENDING:
        return Outcome.DELIVERED if delivery.status == DeliveryStatus.SUCCEEDED else Outcome.STOPPED
    recorded = deliveries.attempt(delivery_id, number)
    if recorded is not None:
        return Outcome.RETRY  # a failed attempt recorded before a crash (a success would have ended above)
    endpoint = WebhookEndpointRepository(session).by_id(delivery.webhook_endpoint_id)
    event = deliveries.event(delivery.event_id)
    if endpoint is None or event is None:
        return Outcome.STOPPED
    secret = sealer(settings).open(endpoint.signing_secret_sealed)
    if secret is None:
        log.error("cannot unseal the signing secret of %s: was the server's secret key changed?", endpoint.id)
    if endpoint.status != ENABLED or secret is None:
        _finish(delivery, DeliveryStatus.FAILED)
        return Outcome.STOPPED
    return _signed_request(settings, endpoint, event, secret)


def _signed_request(
    settings: Settings, endpoint: WebhookEndpoint, event: WebhookEvent, secret: str
) -> PreparedRequest:
    envelope = {
        "eventId": event.id,
        "eventType": event.event_type,
        "payload": _payload(settings, endpoint, event),
    }
    body = encoded_json(envelope)
    custom = (endpoint.advanced_options or {}).get("headers") or {}
    headers = {**custom, **signature_headers(secret, int(time.time()), body)}
    return PreparedRequest(url=endpoint.url, envelope=envelope, body=body, headers=headers)


def _payload(settings: Settings, endpoint: WebhookEndpoint, event: WebhookEvent) -> dict[str, Any]:
    """The payload inline, or (payload format `url`) a signed link to it when it is over the threshold."""
    options = (endpoint.advanced_options or {}).get("payload") or {}
    if options.get("format") != "url":
        return event.payload
    threshold = options.get("urlThresholdBytes")
    if threshold is not None and len(encoded_json(event.payload)) <= threshold:
        return event.payload
    return {
        "object": "signed_data_url",
        "id": str(event.payload.get("id") or event.id),
        "data": payload_url(settings, event.id),
        "metadata": event.payload.get("metadata"),
    }


def _post(runtime: Runtime, prepared: PreparedRequest) -> Answer:
    # Redirects are not followed: a webhook POST must not turn into a GET somewhere else.
    guard = UrlGuard(
        runtime.url_guard.policy, timeout_seconds=runtime.settings.webhook_timeout_seconds, max_redirects=0
    )
    attempted_at = utcnow()
    started = time.monotonic()
    try:
        response = guard.request(
            "POST",
            prepared.url,
            path="url",
            json=prepared.envelope,
            headers=prepared.headers,
            max_bytes=MAX_RESPONSE_BYTES,
        )
        status_code: int | None = response.status
        error = None
        if not response.is_success:
            error = f"HTTP {response.status}: {response.body[:ERROR_BODY_CHARS].decode(errors='replace')}"
    except InvalidRequest as refused:
        status_code, error = None, refused.message
    duration_ms = int((time.monotonic() - started) * 1000)
    return Answer(status_code=status_code, error=error, duration_ms=duration_ms, attempted_at=attempted_at)


def _record(
    session: Session,
    delivery_id: str,
    number: int,
    prepared: PreparedRequest,
    answer: Answer,
    retry_in: float | None,
) -> Outcome:
    deliveries = WebhookDeliveryRepository(session)
    delivery = deliveries.delivery(delivery_id, lock=True)
    if delivery is None:
        return Outcome.STOPPED
    if deliveries.attempt(delivery_id, number) is None:
        deliveries.add_attempt(
            WebhookDeliveryAttempt(
                delivery_id=delivery_id,
                number=number,
                attempted_at=answer.attempted_at,
                status_code=answer.status_code,
                duration_ms=answer.duration_ms,
                error=answer.error,
                request_body=prepared.body.decode(),
            )
        )
        delivery.attempt_count = max(delivery.attempt_count, number)
    if delivery.status == DeliveryStatus.SUCCEEDED or answer.succeeded:
        if delivery.status != DeliveryStatus.SUCCEEDED:
            _finish(delivery, DeliveryStatus.SUCCEEDED)
            delivery.delivered_at = answer.attempted_at
        return Outcome.DELIVERED
    if retry_in is None:
        _finish(delivery, DeliveryStatus.FAILED)
        return Outcome.STOPPED
    delivery.next_attempt_at = utcnow() + timedelta(seconds=retry_in)
    return Outcome.RETRY


def _finish(delivery: WebhookDelivery, status: DeliveryStatus) -> None:
    delivery.status = status
    delivery.next_attempt_at = None
