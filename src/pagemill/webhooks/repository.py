from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from pagemill.db.paging import keyset_page
from pagemill.kit.pagination import PageRequest
from pagemill.models import (
    BatchRun,
    WebhookDelivery,
    WebhookDeliveryAttempt,
    WebhookEndpoint,
    WebhookEvent,
    WebhookSubscription,
)
from pagemill.webhooks.status import ENABLED, DeliveryStatus


class WebhookEndpointRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, endpoint: WebhookEndpoint) -> None:
        self.session.add(endpoint)
        self.session.flush()

    def get(self, workspace_id: str, endpoint_id: str) -> WebhookEndpoint | None:
        return self.session.scalar(
            sa.select(WebhookEndpoint).where(
                WebhookEndpoint.workspace_id == workspace_id, WebhookEndpoint.id == endpoint_id
            )
        )

    def by_id(self, endpoint_id: str) -> WebhookEndpoint | None:
        return self.session.get(WebhookEndpoint, endpoint_id)

    def delete(self, endpoint: WebhookEndpoint) -> None:
        self.session.delete(endpoint)
        self.session.flush()

    def enabled(self, workspace_id: str) -> list[WebhookEndpoint]:
        return list(
            self.session.scalars(
                sa.select(WebhookEndpoint).where(
                    WebhookEndpoint.workspace_id == workspace_id, WebhookEndpoint.status == ENABLED
                )
            )
        )

    def page(
        self, workspace_id: str, page: PageRequest, *, status: str | None = None
    ) -> tuple[list[WebhookEndpoint], str | None]:
        statement = sa.select(WebhookEndpoint).where(WebhookEndpoint.workspace_id == workspace_id)
        if status:
            statement = statement.where(WebhookEndpoint.status == status)
        return keyset_page(self.session, statement, WebhookEndpoint, page)


class WebhookSubscriptionRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, subscription: WebhookSubscription) -> None:
        self.session.add(subscription)
        self.session.flush()

    def get(self, workspace_id: str, subscription_id: str) -> WebhookSubscription | None:
        return self.session.scalar(
            sa.select(WebhookSubscription).where(
                WebhookSubscription.workspace_id == workspace_id, WebhookSubscription.id == subscription_id
            )
        )

    def for_resource(self, endpoint_id: str, resource_id: str) -> WebhookSubscription | None:
        return self.session.scalar(
            sa.select(WebhookSubscription).where(
                WebhookSubscription.webhook_endpoint_id == endpoint_id,
                WebhookSubscription.resource_id == resource_id,
            )
        )

    def delete(self, subscription: WebhookSubscription) -> None:
        self.session.delete(subscription)
        self.session.flush()

    def enabled_for_resource(self, workspace_id: str, resource_id: str) -> list[WebhookSubscription]:
        """Subscriptions to `resource_id` whose endpoint is enabled."""
        return list(
            self.session.scalars(
                sa.select(WebhookSubscription)
                .join(WebhookEndpoint, WebhookEndpoint.id == WebhookSubscription.webhook_endpoint_id)
                .where(
                    WebhookSubscription.workspace_id == workspace_id,
                    WebhookSubscription.resource_id == resource_id,
                    WebhookEndpoint.status == ENABLED,
                )
            )
        )

    def page(
        self,
        workspace_id: str,
        page: PageRequest,
        *,
        endpoint_id: str | None = None,
        resource_id: str | None = None,
    ) -> tuple[list[WebhookSubscription], str | None]:
        statement = sa.select(WebhookSubscription).where(WebhookSubscription.workspace_id == workspace_id)
        if endpoint_id:
            statement = statement.where(WebhookSubscription.webhook_endpoint_id == endpoint_id)
        if resource_id:
            statement = statement.where(WebhookSubscription.resource_id == resource_id)
        return keyset_page(self.session, statement, WebhookSubscription, page)


class WebhookDeliveryRepository:
    def __init__(self, session: Session):
        self.session = session

    def add_event(self, event: WebhookEvent, deliveries: Sequence[WebhookDelivery]) -> None:
        self.session.add(event)
        self.session.flush()
        self.session.add_all(deliveries)
        self.session.flush()

    def event(self, event_id: str) -> WebhookEvent | None:
        return self.session.get(WebhookEvent, event_id)

    def delivery(self, delivery_id: str, *, lock: bool = False) -> WebhookDelivery | None:
        statement = sa.select(WebhookDelivery).where(WebhookDelivery.id == delivery_id)
        if lock:
            statement = statement.with_for_update()
        return self.session.scalar(statement)

    def attempt(self, delivery_id: str, number: int) -> WebhookDeliveryAttempt | None:
        return self.session.get(WebhookDeliveryAttempt, (delivery_id, number))

    def add_attempt(self, attempt: WebhookDeliveryAttempt) -> None:
        self.session.add(attempt)
        self.session.flush()

    def attempts_of(self, delivery_ids: Sequence[str]) -> dict[str, list[WebhookDeliveryAttempt]]:
        found: dict[str, list[WebhookDeliveryAttempt]] = {delivery_id: [] for delivery_id in delivery_ids}
        if not delivery_ids:
            return found
        rows = self.session.scalars(
            sa.select(WebhookDeliveryAttempt)
            .where(WebhookDeliveryAttempt.delivery_id.in_(delivery_ids))
            .order_by(WebhookDeliveryAttempt.delivery_id, WebhookDeliveryAttempt.number)
        )
        for row in rows:
            found[row.delivery_id].append(row)
        return found

    def events_of(self, event_ids: Sequence[str]) -> dict[str, WebhookEvent]:
        if not event_ids:
            return {}
        rows = self.session.scalars(sa.select(WebhookEvent).where(WebhookEvent.id.in_(set(event_ids))))
        return {row.id: row for row in rows}

    def pending_ids(self, created_before: datetime, limit: int) -> list[str]:
        return list(
            self.session.scalars(
                sa.select(WebhookDelivery.id)
                .where(
                    WebhookDelivery.status == DeliveryStatus.PENDING,
                    WebhookDelivery.created_at < created_before,
                )
                .order_by(WebhookDelivery.created_at)
                .limit(limit)
            )
        )

    def page(
        self, endpoint_id: str, page: PageRequest, *, status: str | None = None
    ) -> tuple[list[WebhookDelivery], str | None]:
        statement = sa.select(WebhookDelivery).where(WebhookDelivery.webhook_endpoint_id == endpoint_id)
        if status:
            statement = statement.where(WebhookDelivery.status == status)
        return keyset_page(self.session, statement, WebhookDelivery, page)


def lock_batch(session: Session, batch_id: str) -> BatchRun | None:
    """Lock a batch row, so the runs of one batch finish one after another and exactly one of them sees the
    batch complete (and fires its event)."""
    return session.scalar(sa.select(BatchRun).where(BatchRun.id == batch_id).with_for_update())
