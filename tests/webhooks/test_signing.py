"""Signatures the official SDK accepts, over exactly the bytes the URL guard sends."""

from __future__ import annotations

import time

import pytest
from extend_ai import Extend
from extend_ai.wrapper.errors import WebhookSignatureVerificationError

from pagemill.config import Settings
from pagemill.net.url_guard import UrlGuard
from pagemill.webhooks.signing import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    encoded_json,
    new_signing_secret,
    signature,
    signature_headers,
)
from tests.server_fixtures import ALLOWED_FETCH_HOST
from tests.webhooks.receiver import Receiver

ENVELOPE = {
    "eventId": "event_1",
    "eventType": "parse_run.processed",
    "payload": {
        "object": "parse_run_status",
        "id": "pr_1",
        "status": "PROCESSED",
        "metadata": {"név": "Zoë ✓"},
    },
}


def sdk_verify(body: bytes, headers: dict[str, str], secret: str) -> bool:
    return Extend(token="unused").webhooks.verify(body, headers, secret)


def test_secrets_are_prefixed_and_unique() -> None:
    secrets = {new_signing_secret() for _ in range(50)}
    assert len(secrets) == 50 and all(secret.startswith("wss_") and len(secret) >= 40 for secret in secrets)


def test_signature_is_lowercase_hex_hmac_sha256_of_v0_timestamp_body() -> None:
    # Computed independently: printf 'v0:1700000000:{}' | openssl dgst -sha256 -hmac wss_test
    expected = "406b7d0c9a5a398bbfafdf9c9119e515aaef4408d9d04be097b54f3d1ddd3cc8"
    assert signature("wss_test", 1_700_000_000, b"{}") == expected


def test_the_sdk_accepts_headers_for_a_non_ascii_body() -> None:
    secret = new_signing_secret()
    body = encoded_json(ENVELOPE)
    assert "Zoë ✓".encode() in body  # sent as UTF-8, not \\u escapes
    headers = signature_headers(secret, int(time.time()), body)
    assert set(headers) == {TIMESTAMP_HEADER, SIGNATURE_HEADER}
    assert headers[SIGNATURE_HEADER] == headers[SIGNATURE_HEADER].lower()
    assert sdk_verify(body, headers, secret)
    event = Extend(token="unused").webhooks.verify_and_parse(body, headers, secret)
    assert event.payload.metadata == {"név": "Zoë ✓"}


@pytest.mark.parametrize("change", ["body", "secret", "old", "future"])
def test_the_sdk_refuses_a_changed_body_secret_or_a_stale_or_future_timestamp(change: str) -> None:
    secret = new_signing_secret()
    body = encoded_json(ENVELOPE)
    now = int(time.time())
    timestamp = {"old": now - 301, "future": now + 120}.get(change, now)
    headers = signature_headers(secret, timestamp, body)
    if change == "body":
        body = body.replace(b"PROCESSED", b"FAILED")
    if change == "secret":
        secret = new_signing_secret()
    with pytest.raises(WebhookSignatureVerificationError):
        Extend(token="unused").webhooks.verify_and_parse(body, headers, secret)


def test_signed_bytes_are_the_bytes_the_url_guard_sends() -> None:
    receiver = Receiver()
    try:
        guard = UrlGuard.from_settings(Settings(fetch_allow_hosts=[ALLOWED_FETCH_HOST]))
        secret = new_signing_secret()
        headers = signature_headers(secret, int(time.time()), encoded_json(ENVELOPE))
        response = guard.request(
            "POST", receiver.url(), path="url", json=ENVELOPE, headers=headers, max_bytes=1024
        )
        assert response.is_success
        [received] = receiver.wait_for(1, timeout=10)
        assert received.body == encoded_json(ENVELOPE)
        assert sdk_verify(received.body, received.headers, secret)
    finally:
        receiver.close()
