"""Deliveries to a real receiver: signed so the SDK verifies them, retried with backoff, logged per attempt,
and in `url` payload mode replaced by a signed link the SDK fetches."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import httpx
import pytest
from extend_ai import Extend
from extend_ai.wrapper.errors import WebhookSignatureVerificationError
from extend_ai.wrapper.webhooks import WebhookEventWithSignedUrl

from pagemill.config import Settings
from pagemill.webhooks.delivery import retry_delays
from pagemill.webhooks.payload_links import payload_url
from tests.api.test_conventions import assert_envelope
from tests.documents import text_pdf
from tests.webhooks.conftest import ATTEMPTS, Hooks

DOCUMENT = text_pdf([["Webhook test invoice", "Total 10.00"]])


def webhooks() -> Extend:
    return Extend(token="unused")


class TestRetrySchedule:
    def test_default_schedule_backs_off_exponentially_for_at_least_a_day(self) -> None:
        delays = retry_delays(Settings())
        assert delays[:4] == [60.0, 180.0, 540.0, 1620.0]
        assert all(later >= earlier for earlier, later in zip(delays, delays[1:], strict=False))
        assert max(delays) == 6 * 3600.0
        assert 24 * 3600 <= sum(delays) < 24 * 3600 + 6 * 3600

    def test_schedule_follows_settings(self) -> None:
        settings = Settings(
            webhook_retry_first_delay_seconds=1,
            webhook_retry_backoff=2,
            webhook_retry_max_delay_seconds=5,
            webhook_retry_window_seconds=12,
        )
        assert retry_delays(settings) == [1, 2, 4, 5]


class TestSignedDelivery:
    def test_the_sdk_verifies_and_types_the_delivered_event(self, hooks: Hooks) -> None:
        endpoint = hooks.endpoint(advanced_options={"headers": {"X-Team": "accounts-payable"}})
        run = hooks.parse(DOCUMENT, metadata={"customer": "acme"})
        [received] = hooks.receiver.wait_for(1)

        event = webhooks().webhooks.verify_and_parse(received.body, received.headers, endpoint.signing_secret)
        assert event.event_type == "parse_run.processed" and event.event_id.startswith("event_")
        assert event.payload.object == "parse_run_status"
        assert (event.payload.id, event.payload.status) == (run.id, "PROCESSED")
        assert event.payload.metadata == {"customer": "acme"}
        assert received.headers["X-Team"] == "accounts-payable"
        assert received.headers["Content-Type"] == "application/json"

        tampered = received.body.replace(b"PROCESSED", b"FAILED")
        with pytest.raises(WebhookSignatureVerificationError):
            webhooks().webhooks.verify_and_parse(tampered, received.headers, endpoint.signing_secret)
        with pytest.raises(WebhookSignatureVerificationError):
            webhooks().webhooks.verify_and_parse(received.body, received.headers, "wss_someone_elses")

        delivery = hooks.wait_for_delivery(endpoint.id, "succeeded")
        assert delivery["object"] == "webhook_delivery" and delivery["eventId"] == event.event_id
        assert delivery["eventType"] == "parse_run.processed" and delivery["payload"]["id"] == run.id
        [attempt] = delivery["attempts"]
        assert attempt["statusCode"] == 200 and attempt["error"] is None and attempt["durationMs"] >= 0
        assert attempt["requestBody"] == received.body.decode()

    def test_only_enabled_endpoints_that_chose_the_event_receive_it(self, hooks: Hooks) -> None:
        wanted = hooks.endpoint("/wanted")
        disabled = hooks.endpoint("/disabled", status="disabled")
        other_events = hooks.endpoint("/other", enabled_events=["extract_run.processed"])
        hooks.parse(DOCUMENT)
        hooks.receiver.wait_for(1, path="/wanted")
        hooks.wait_for_delivery(wanted.id, "succeeded")
        time.sleep(1.0)
        assert {item.path for item in hooks.receiver.received} == {"/wanted"}
        assert hooks.deliveries(disabled.id)["data"] == []
        assert hooks.deliveries(other_events.id)["data"] == []


class TestRetries:
    def test_503_twice_then_200_is_retried_and_succeeds_once(self, hooks: Hooks) -> None:
        endpoint = hooks.endpoint()
        hooks.receiver.script = [503, 503]
        hooks.parse(DOCUMENT)
        received = hooks.receiver.wait_for(3)
        assert [item.answered for item in received] == [503, 503, 200]
        event_ids = {json.loads(item.body)["eventId"] for item in received}
        assert len(event_ids) == 1  # the same event each time, so a receiver can deduplicate

        delivery = hooks.wait_for_delivery(endpoint.id, "succeeded")
        assert delivery["attemptCount"] == 3 and delivery["nextAttemptAt"] is None
        assert [attempt["number"] for attempt in delivery["attempts"]] == [1, 2, 3]
        assert [attempt["statusCode"] for attempt in delivery["attempts"]] == [503, 503, 200]
        assert delivery["attempts"][0]["error"].startswith("HTTP 503")
        assert delivery["deliveredAt"] == delivery["attempts"][2]["attemptedAt"]
        time.sleep(2.0)  # longer than any wait left in the schedule: nothing more is sent
        assert len(hooks.receiver.received) == 3

    def test_a_receiver_that_keeps_failing_is_given_up_after_the_schedule(self, hooks: Hooks) -> None:
        endpoint = hooks.endpoint()
        hooks.receiver.script = [500] * (ATTEMPTS + 3)
        hooks.parse(DOCUMENT)
        hooks.receiver.wait_for(ATTEMPTS)
        delivery = hooks.wait_for_delivery(endpoint.id, "failed")
        assert delivery["attemptCount"] == ATTEMPTS and delivery["deliveredAt"] is None
        assert all(attempt["statusCode"] == 500 for attempt in delivery["attempts"])
        time.sleep(2.0)
        assert len(hooks.receiver.received) == ATTEMPTS

    def test_an_unreachable_receiver_is_logged_with_its_error(self, hooks: Hooks) -> None:
        endpoint = hooks.endpoint(url="http://hooks.invalid/never")
        hooks.parse(DOCUMENT)
        delivery = hooks.wait_for_delivery(endpoint.id, "failed")
        assert delivery["attemptCount"] == ATTEMPTS
        assert all(attempt["statusCode"] is None for attempt in delivery["attempts"])
        assert "hooks.invalid" in delivery["attempts"][0]["error"]

    def test_the_delivery_log_pages(self, hooks: Hooks) -> None:
        endpoint = hooks.endpoint()
        for _ in range(3):
            hooks.parse(DOCUMENT)
        hooks.receiver.wait_for(3)
        deadline = time.monotonic() + 30
        while len(hooks.deliveries(endpoint.id, status="succeeded")["data"]) < 3:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        first = hooks.deliveries(endpoint.id, maxPageSize=2, sortDir="asc")
        assert len(first["data"]) == 2 and first["nextPageToken"]
        rest = hooks.deliveries(
            endpoint.id, maxPageSize=2, sortDir="asc", nextPageToken=first["nextPageToken"]
        )
        assert len(rest["data"]) == 1 and rest["nextPageToken"] is None
        ids = [item["id"] for item in first["data"] + rest["data"]]
        assert len(set(ids)) == 3


class TestSignedUrlPayloads:
    def test_url_format_sends_a_link_the_sdk_fetches(self, hooks: Hooks) -> None:
        endpoint = hooks.endpoint(advanced_options={"payload": {"format": "url"}})
        run = hooks.parse(DOCUMENT, metadata={"batch": "b-7"})
        [received] = hooks.receiver.wait_for(1)
        client = webhooks()

        with pytest.raises(Exception, match="(?i)signed"):
            client.webhooks.verify_and_parse(received.body, received.headers, endpoint.signing_secret)
        event = client.webhooks.verify_and_parse(
            received.body, received.headers, endpoint.signing_secret, allow_signed_url=True
        )
        assert isinstance(event, WebhookEventWithSignedUrl)
        assert event.payload.object == "signed_data_url" and event.payload.id == run.id
        assert event.payload.metadata == {"batch": "b-7"}

        full = asyncio.run(client.webhooks.fetch_signed_payload(event))
        assert full.event_type == "parse_run.processed"
        assert (full.payload.object, full.payload.id, full.payload.status) == (
            "parse_run_status",
            run.id,
            "PROCESSED",
        )
        assert client.webhooks.fetch_signed_payload_sync(event).payload.id == run.id

    def test_the_link_lasts_an_hour_and_is_refused_when_tampered_or_expired(self, hooks: Hooks) -> None:
        hooks.endpoint(advanced_options={"payload": {"format": "url"}})
        hooks.parse(DOCUMENT)
        [received] = hooks.receiver.wait_for(1)
        event_id = json.loads(received.body)["eventId"]
        link = httpx.URL(json.loads(received.body)["payload"]["data"])
        assert httpx.get(link).status_code == 200
        assert 3500 < int(link.params["expires"]) - time.time() <= 3600
        tampered = link.copy_set_param("expires", str(int(link.params["expires"]) + 60))
        assert_envelope(httpx.get(tampered), 404, "NOT_FOUND")

        # A link the server itself signed (with its own key) an hour and ten seconds ago.
        server_settings = Settings(
            home=Path(hooks.server.env["PAGEMILL_HOME"]),
            public_url=hooks.server.url,
            webhook_payload_url_ttl_seconds=-10,
        )
        expired = httpx.get(payload_url(server_settings, event_id))
        assert "expires" in str(assert_envelope(expired, 400, "INVALID_REQUEST")["message"])

    def test_payloads_under_the_threshold_stay_inline(self, hooks: Hooks) -> None:
        endpoint = hooks.endpoint(
            advanced_options={"payload": {"format": "url", "url_threshold_bytes": 100_000}}
        )
        run = hooks.parse(DOCUMENT)
        [received] = hooks.receiver.wait_for(1)
        event = webhooks().webhooks.verify_and_parse(received.body, received.headers, endpoint.signing_secret)
        assert event.payload.id == run.id and event.payload.object == "parse_run_status"
