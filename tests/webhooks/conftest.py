"""Servers for delivery tests: retries seconds apart instead of minutes, once per deployment kind."""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from extend_ai.errors import NotFoundError

from tests.postgres_fixtures import fresh_database
from tests.server_fixtures import PagemillServer, base_env, launch
from tests.webhooks.receiver import Receiver

# Waits of 0.3, 0.6 and 1.0 s: four attempts in all.
FAST_RETRIES = {
    "PAGEMILL_WEBHOOK_RETRY_FIRST_DELAY_SECONDS": "0.3",
    "PAGEMILL_WEBHOOK_RETRY_BACKOFF": "2",
    "PAGEMILL_WEBHOOK_RETRY_MAX_DELAY_SECONDS": "1",
    "PAGEMILL_WEBHOOK_RETRY_WINDOW_SECONDS": "1.5",
}
ATTEMPTS = 4


@pytest.fixture(scope="session")
def webhook_sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagemillServer]:
    home = tmp_path_factory.mktemp("webhooks-sqlite")
    server = launch(home, base_env(home, **FAST_RETRIES))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def webhook_postgres_s3_server(
    tmp_path_factory: pytest.TempPathFactory, postgres_server_url: str, s3_server: dict[str, str]
) -> Iterator[PagemillServer]:
    home = tmp_path_factory.mktemp("webhooks-postgres")
    with fresh_database(postgres_server_url) as database_url:
        env = base_env(
            home,
            PAGEMILL_DATABASE_URL=database_url,
            PAGEMILL_STORAGE_URL=s3_server["storage_url"].rstrip("/") + "-webhooks",
            PAGEMILL_S3_ENDPOINT_URL=s3_server["endpoint_url"],
            PAGEMILL_S3_ACCESS_KEY_ID=s3_server["access_key_id"],
            PAGEMILL_S3_SECRET_ACCESS_KEY=s3_server["secret_access_key"],
            **FAST_RETRIES,
        )
        server = launch(home, env)
        yield server
        server.stop()


@pytest.fixture(
    scope="session",
    params=["sqlite", pytest.param("postgres+s3", marks=[pytest.mark.postgres, pytest.mark.s3])],
)
def webhook_server(request: pytest.FixtureRequest) -> PagemillServer:
    """A server whose failed deliveries are retried within seconds, once per deployment kind."""
    name = "webhook_sqlite_server" if request.param == "sqlite" else "webhook_postgres_s3_server"
    server: PagemillServer = request.getfixturevalue(name)
    return server


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    yield receiver
    receiver.close()


@dataclass
class Endpoints:
    """Endpoints made on `server` through the SDK; every one is deleted when the test ends."""

    server: PagemillServer
    made: list[str] = field(default_factory=list)

    def create(self, **arguments: Any) -> Any:
        created = self.server.sdk().webhook_endpoints.create(**{"api_version": "2026-02-09", **arguments})
        self.made.append(created.id)
        return created

    def close(self) -> None:
        client = self.server.sdk()
        for endpoint_id in self.made:
            with contextlib.suppress(NotFoundError):
                client.webhook_endpoints.delete(endpoint_id)


@dataclass
class Hooks(Endpoints):
    """Endpoints that deliver to `receiver`, and what a delivery test needs around them."""

    receiver: Receiver = field(default_factory=Receiver)

    def endpoint(self, path: str = "/hook", **overrides: Any) -> Any:
        arguments = {
            "url": self.receiver.url(path),
            "name": f"receiver {path}",
            "enabled_events": ["parse_run.processed", "parse_run.failed"],
        }
        return self.create(**{**arguments, **overrides})

    def deliveries(self, endpoint_id: str, **params: Any) -> dict[str, Any]:
        with self.server.client() as client:
            response = client.get(f"/webhook_endpoints/{endpoint_id}/deliveries", params=params)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def wait_for_delivery(self, endpoint_id: str, status: str, timeout: float = 60.0) -> dict[str, Any]:
        """The endpoint's only delivery, once it has `status`."""
        deadline = time.monotonic() + timeout
        while True:
            data = self.deliveries(endpoint_id)["data"]
            if data and data[0]["status"] == status:
                assert len(data) == 1, data
                return data[0]
            if time.monotonic() > deadline:
                raise AssertionError(f"no {status} delivery after {timeout} s: {data}")
            time.sleep(0.1)

    def parse(self, data: bytes, metadata: dict[str, Any] | None = None) -> Any:
        """Upload `data` and start an async parse run of it."""
        client = self.server.sdk()
        file_id = client.files.upload(file=("doc.pdf", io.BytesIO(data), "application/pdf")).id
        return client.parse_runs.create(file={"id": file_id}, metadata=metadata)


@pytest.fixture
def hooks(webhook_server: PagemillServer, receiver: Receiver) -> Iterator[Hooks]:
    made = Hooks(webhook_server, receiver=receiver)
    yield made
    made.close()


@pytest.fixture
def endpoints(pagemill_server: PagemillServer) -> Iterator[Endpoints]:
    made = Endpoints(pagemill_server)
    yield made
    made.close()
