"""The delivery job survives the server being killed between attempts: after a restart it waits out the rest
of its backoff, retries, and the event is delivered successfully exactly once."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.documents import text_pdf
from tests.server_fixtures import PagemillServer, base_env, launch
from tests.webhooks.conftest import Hooks
from tests.webhooks.receiver import Receiver

RETRY_WAIT_SECONDS = 4.0


@pytest.fixture
def crashing_server(tmp_path: Path) -> Iterator[PagemillServer]:
    env = base_env(
        tmp_path,
        PAGEMILL_WEBHOOK_RETRY_FIRST_DELAY_SECONDS=str(RETRY_WAIT_SECONDS),
        PAGEMILL_WEBHOOK_RETRY_BACKOFF="1",
        PAGEMILL_WEBHOOK_RETRY_WINDOW_SECONDS=str(2 * RETRY_WAIT_SECONDS),
    )
    server = launch(tmp_path, env)
    yield server
    server.stop()


def wait_until(check: Any, timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := check()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
    return value


def test_a_killed_server_resumes_the_retry_and_delivers_once(
    crashing_server: PagemillServer, receiver: Receiver
) -> None:
    hooks = Hooks(crashing_server, receiver=receiver)
    endpoint = hooks.endpoint()
    receiver.script = [503]
    hooks.parse(text_pdf([["crash test"]]))
    [first] = receiver.wait_for(1)
    assert first.answered == 503
    # Kill once the failed attempt is on record and the job is waiting for its retry.
    wait_until(lambda: hooks.deliveries(endpoint.id)["data"][0]["nextAttemptAt"])
    crashing_server.kill()
    crashing_server.start()

    second = receiver.wait_for(2, timeout=60)[1]
    assert second.answered == 200
    assert json.loads(second.body)["eventId"] == json.loads(first.body)["eventId"]
    delivery = hooks.wait_for_delivery(endpoint.id, "succeeded")
    assert [attempt["number"] for attempt in delivery["attempts"]] == [1, 2]
    assert [attempt["statusCode"] for attempt in delivery["attempts"]] == [503, 200]
    first_at, second_at = (datetime.fromisoformat(item["attemptedAt"]) for item in delivery["attempts"])
    assert (second_at - first_at).total_seconds() >= RETRY_WAIT_SECONDS - 0.5  # the wait outlived the crash
    time.sleep(RETRY_WAIT_SECONDS + 1)
    assert len(receiver.received) == 2
