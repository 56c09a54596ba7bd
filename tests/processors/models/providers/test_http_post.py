"""Model-server replies become `ProviderError`s that say whether trying again may help."""

from __future__ import annotations

import email.utils
import time

import pytest

from pagemill.processors.models.providers.base import ProviderError
from pagemill.processors.models.providers.http_post import post_json, retry_after_seconds
from tests.processors.models.providers.wire_server import Reply, wire_server


def test_retry_after_is_read_as_seconds_or_as_an_http_date() -> None:
    assert retry_after_seconds("7") == 7.0
    in_ten_seconds = email.utils.formatdate(time.time() + 10, usegmt=True)
    assert 8 <= (retry_after_seconds(in_ten_seconds) or 0) <= 10
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


@pytest.mark.parametrize(
    ("status", "reason", "retryable"),
    [
        (429, "rate_limited", True),
        (503, "server_error", True),
        (529, "server_error", True),
        (408, "timeout", True),
        (401, "auth", False),
        (400, "bad_request", False),
        (422, "bad_request", False),
    ],
)
def test_each_status_maps_to_a_reason(status: int, reason: str, retryable: bool) -> None:
    with (
        wire_server([Reply({"error": "no"}, status=status)]) as server,
        pytest.raises(ProviderError) as caught,
    ):
        post_json(f"{server.url}/x", {}, headers={}, timeout=5)
    assert (caught.value.reason, caught.value.retryable) == (reason, retryable)


def test_a_reply_that_is_not_json_is_a_retryable_server_error() -> None:
    with wire_server([Reply(b"<html>bad gateway</html>")]) as server, pytest.raises(ProviderError) as caught:
        post_json(f"{server.url}/x", {}, headers={}, timeout=5)
    assert caught.value.reason == "server_error" and caught.value.retryable
