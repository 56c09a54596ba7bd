"""`emit` in one process (embedded engine on SQLite): who receives an event, and recovery of deliveries whose
job was never enqueued."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from extend_ai import Extend

from pagemill.auth.service import Principal, create_key
from pagemill.config import Settings
from pagemill.db.migrate import upgrade
from pagemill.kit.ids import new_id
from pagemill.models import WebhookDelivery, WebhookEvent
from pagemill.runtime import Runtime, build_runtime
from pagemill.webhooks import service
from pagemill.webhooks.repository import WebhookDeliveryRepository
from pagemill.webhooks.schemas import WebhookEndpointCreate, WebhookSubscriptionCreate
from pagemill.webhooks.status import DeliveryStatus
from tests.server_fixtures import ALLOWED_FETCH_HOST
from tests.webhooks.receiver import Receiver

WORKFLOW_RUN = {"object": "workflow_run", "id": "workflow_run_1", "status": "PROCESSED"}


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    settings = Settings(
        home=tmp_path / "home",
        fetch_allow_hosts=[ALLOWED_FETCH_HOST],
        webhook_retry_first_delay_seconds=0.2,
        webhook_retry_window_seconds=0.5,
    )
    upgrade(settings.app_database_url)
    runtime = build_runtime(settings)
    runtime.engine.start()
    yield runtime
    runtime.close()


@pytest.fixture
def principal(runtime: Runtime) -> Principal:
    with runtime.database.session() as session:
        key = create_key(session, name="emitter").key
        return Principal(workspace_id=key.workspace_id, api_key_id=key.id, api_key_name="emitter")


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    yield receiver
    receiver.close()


def endpoint(runtime: Runtime, principal: Principal, url: str, events: list[str]) -> tuple[str, str]:
    body = WebhookEndpointCreate(url=url, name=url, enabled_events=events, api_version="2026-02-09")
    with runtime.database.session() as session:
        created = service.create_endpoint(session, runtime, principal, body)
        return created.endpoint.id, created.signing_secret


def subscribe(
    runtime: Runtime, principal: Principal, endpoint_id: str, resource: tuple[str, str], events: list[str]
) -> None:
    body = WebhookSubscriptionCreate(
        webhook_endpoint_id=endpoint_id,
        resource_type=resource[0],
        resource_id=resource[1],
        enabled_events=events,
    )
    with runtime.database.session() as session:
        service.upsert_subscription(session, principal, body)


def emit(
    runtime: Runtime, principal: Principal, event_type: str, payload: dict[str, Any], **scope: str
) -> None:
    with runtime.database.session() as session:
        service.emit(session, principal.workspace_id, event_type, payload, **scope)


def count(runtime: Runtime, model: type) -> int:
    with runtime.database.session() as session:
        return int(session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def test_workflow_run_events_reach_only_subscribers_of_that_workflow(
    runtime: Runtime, principal: Principal, receiver: Receiver
) -> None:
    subscribed, secret = endpoint(runtime, principal, receiver.url("/subscribed"), [])
    subscribe(runtime, principal, subscribed, ("workflow", "workflow_a"), ["workflow_run.completed"])
    other, _ = endpoint(runtime, principal, receiver.url("/other-workflow"), [])
    subscribe(runtime, principal, other, ("workflow", "workflow_b"), ["workflow_run.completed"])
    endpoint(runtime, principal, receiver.url("/global"), ["parse_run.processed"])

    emit(runtime, principal, "workflow_run.completed", WORKFLOW_RUN, workflow_id="workflow_a")
    emit(runtime, principal, "workflow_run.failed", WORKFLOW_RUN, workflow_id="workflow_a")  # not chosen

    [received] = receiver.wait_for(1, path="/subscribed", timeout=30)
    assert Extend(token="unused").webhooks.verify(received.body, received.headers, secret)
    assert json.loads(received.body)["eventType"] == "workflow_run.completed"
    time.sleep(1.0)
    assert [item.path for item in receiver.received] == ["/subscribed"]
    assert count(runtime, WebhookEvent) == 1  # the unwanted event left no trace


def test_an_endpoint_wanting_an_event_twice_gets_one_delivery(
    runtime: Runtime, principal: Principal, receiver: Receiver
) -> None:
    both, _ = endpoint(runtime, principal, receiver.url("/both"), ["extract_run.processed"])
    subscribe(runtime, principal, both, ("extractor", "ex_invoices"), ["extract_run.processed"])
    scoped, _ = endpoint(runtime, principal, receiver.url("/scoped"), [])
    subscribe(runtime, principal, scoped, ("extractor", "ex_invoices"), ["extract_run.processed"])

    # The extractor is found in the run payload itself.
    run = {"object": "extract_run", "id": "exr_1", "extractor": {"id": "ex_invoices"}}
    emit(runtime, principal, "extract_run.processed", run)

    receiver.wait_for(1, path="/both", timeout=30)
    receiver.wait_for(1, path="/scoped", timeout=30)
    time.sleep(1.0)
    assert sorted(item.path for item in receiver.received) == ["/both", "/scoped"]
    assert count(runtime, WebhookDelivery) == 2


def test_unknown_event_types_are_a_programming_error(runtime: Runtime, principal: Principal) -> None:
    with pytest.raises(ValueError, match="parse_run.exploded"):
        emit(runtime, principal, "parse_run.exploded", {})


def test_a_delivery_whose_job_was_never_enqueued_is_recovered_once(
    runtime: Runtime, principal: Principal, receiver: Receiver
) -> None:
    endpoint_id, _ = endpoint(runtime, principal, receiver.url(), ["parse_run.processed"])
    with runtime.database.session() as session:  # as if the process died between commit and enqueue
        event = WebhookEvent(
            id=new_id("event"),
            workspace_id=principal.workspace_id,
            event_type="parse_run.processed",
            payload={"object": "parse_run_status", "id": "pr_1", "status": "PROCESSED"},
        )
        delivery = WebhookDelivery(
            id=new_id("whd"),
            workspace_id=principal.workspace_id,
            event_id=event.id,
            webhook_endpoint_id=endpoint_id,
            status=DeliveryStatus.PENDING,
        )
        WebhookDeliveryRepository(session).add_event(event, [delivery])

    assert service.enqueue_stranded_deliveries(runtime, older_than=timedelta(minutes=5)) == 0  # too recent
    assert service.enqueue_stranded_deliveries(runtime, older_than=timedelta(seconds=-1)) == 1
    [received] = receiver.wait_for(1, timeout=30)
    assert json.loads(received.body)["eventId"] == event.id
    assert service.enqueue_stranded_deliveries(runtime, older_than=timedelta(seconds=-1)) == 0
    time.sleep(1.0)
    assert len(receiver.received) == 1
