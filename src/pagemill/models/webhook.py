from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from pagemill.db.base import Base, JSONType, Timestamps, WorkspaceScoped
from pagemill.kit.clock import utcnow


class WebhookEndpoint(WorkspaceScoped, Timestamps, Base):
    """Where events are POSTed. The signing secret is kept sealed: every delivery needs it to sign."""

    __tablename__ = "webhook_endpoints"
    __table_args__ = (sa.Index("ix_webhook_endpoints_listing", "workspace_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    url: Mapped[str] = mapped_column(sa.Text)
    name: Mapped[str] = mapped_column(sa.String(1024))
    status: Mapped[str] = mapped_column(sa.String(16))
    enabled_events: Mapped[list[str]] = mapped_column(JSONType, default=list)
    api_version: Mapped[str] = mapped_column(sa.String(16))
    advanced_options: Mapped[dict[str, Any] | None] = mapped_column()
    signing_secret_sealed: Mapped[str] = mapped_column(sa.Text)
    created_by: Mapped[dict[str, Any] | None] = mapped_column()


class WebhookSubscription(WorkspaceScoped, Timestamps, Base):
    """Resource-scoped events (one extractor, classifier, splitter or workflow) for one endpoint."""

    __tablename__ = "webhook_subscriptions"
    __table_args__ = (
        sa.UniqueConstraint("webhook_endpoint_id", "resource_id"),
        sa.Index("ix_webhook_subscriptions_resource", "workspace_id", "resource_id"),
    )

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    webhook_endpoint_id: Mapped[str] = mapped_column(
        sa.String(64), sa.ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), index=True
    )
    resource_type: Mapped[str] = mapped_column(sa.String(16))
    resource_id: Mapped[str] = mapped_column(sa.String(255))
    enabled_events: Mapped[list[str]] = mapped_column(JSONType, default=list)


class WebhookEvent(WorkspaceScoped, Base):
    """One fired event; its payload is what every delivery of it carries."""

    __tablename__ = "webhook_events"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    event_type: Mapped[str] = mapped_column(sa.String(64))
    payload: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebhookDelivery(WorkspaceScoped, Timestamps, Base):
    """The delivery of one event to one endpoint: one row, however many attempts it takes.

    Its id is the id of the durable job that delivers it, so enqueueing it again never sends it twice.
    """

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "webhook_endpoint_id"),
        sa.Index("ix_webhook_deliveries_log", "webhook_endpoint_id", "created_at", "id"),
        sa.Index("ix_webhook_deliveries_status", "status"),
    )

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(
        sa.String(64), sa.ForeignKey("webhook_events.id", ondelete="CASCADE"), index=True
    )
    webhook_endpoint_id: Mapped[str] = mapped_column(
        sa.String(64), sa.ForeignKey("webhook_endpoints.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(sa.String(16))
    attempt_count: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]


class WebhookDeliveryAttempt(Base):
    """One POST of a delivery, numbered from 1; (delivery, number) is the key, so a replayed attempt is
    recorded once."""

    __tablename__ = "webhook_delivery_attempts"

    delivery_id: Mapped[str] = mapped_column(
        sa.String(64), sa.ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    attempted_at: Mapped[datetime]
    status_code: Mapped[int | None]
    duration_ms: Mapped[int]
    error: Mapped[str | None] = mapped_column(sa.Text)
    request_body: Mapped[str] = mapped_column(sa.Text)
