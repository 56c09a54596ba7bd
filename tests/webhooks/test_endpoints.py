"""Webhook endpoints and subscriptions through the official SDK on a real server, and their refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from extend_ai.errors import BadRequestError, NotFoundError

from tests.api.test_conventions import assert_envelope
from tests.server_fixtures import PagemillServer
from tests.webhooks.conftest import Endpoints

HOOK_URL = (
    "https://hooks.example.com/pagemill"  # never resolved here: accepted, and checked again at delivery
)
API_VERSION = "2026-02-09"

MakeEndpoint = Callable[..., Any]


@pytest.fixture
def make_endpoint(endpoints: Endpoints) -> MakeEndpoint:
    """Create an endpoint through the SDK (deleted after the test) from a few defaults and overrides."""

    def make(**overrides: Any) -> Any:
        return endpoints.create(**{"url": HOOK_URL, "name": "hooks", "enabled_events": [], **overrides})

    return make


class TestEndpoints:
    def test_create_shows_the_signing_secret_once(
        self, pagemill_server: PagemillServer, make_endpoint: MakeEndpoint
    ) -> None:
        created = make_endpoint(
            name="Invoices",
            enabled_events=["parse_run.processed", "parse_run.failed"],
            advanced_options={
                "headers": {"X-Team": "ap"},
                "payload": {"format": "url", "url_threshold_bytes": 10},
            },
        )
        assert created.object == "webhook_endpoint" and created.id.startswith("wh_")
        assert created.signing_secret.startswith("wss_") and len(created.signing_secret) > 30
        assert created.status == "enabled" and created.api_version == API_VERSION
        assert created.enabled_events == ["parse_run.processed", "parse_run.failed"]
        assert created.advanced_options.headers == {"X-Team": "ap"}
        assert created.advanced_options.payload.format == "url"
        assert created.advanced_options.payload.url_threshold_bytes == 10
        assert created.created_by.type == "api_key" and created.created_by.name == "tests"

        with pagemill_server.client() as client:
            raw = client.get(f"/webhook_endpoints/{created.id}").json()
        assert "signingSecret" not in raw
        assert raw["url"] == HOOK_URL and raw["createdAt"].endswith("Z")

    def test_update_changes_only_the_keys_given(
        self, pagemill_server: PagemillServer, make_endpoint: MakeEndpoint
    ) -> None:
        created = make_endpoint(enabled_events=["parse_run.processed"])
        client = pagemill_server.sdk()
        updated = client.webhook_endpoints.update(
            created.id, name="renamed", status="disabled", enabled_events=["extract_run.processed"]
        )
        assert (updated.name, updated.status) == ("renamed", "disabled")
        assert updated.enabled_events == ["extract_run.processed"]
        assert updated.url == HOOK_URL and updated.api_version == API_VERSION
        fetched = client.webhook_endpoints.retrieve(created.id)
        assert (fetched.name, fetched.status, fetched.url) == ("renamed", "disabled", HOOK_URL)

    def test_api_version_cannot_change(
        self, pagemill_server: PagemillServer, make_endpoint: MakeEndpoint
    ) -> None:
        created = make_endpoint()
        with pagemill_server.client() as client:
            response = client.post(f"/webhook_endpoints/{created.id}", json={"apiVersion": "2025-04-21"})
        assert "apiVersion" in str(assert_envelope(response, 400, "INVALID_REQUEST")["message"])

    def test_list_filters_by_status_and_pages(
        self, pagemill_server: PagemillServer, make_endpoint: MakeEndpoint
    ) -> None:
        made = [make_endpoint(name=f"page {index}", status="disabled") for index in range(3)]
        client = pagemill_server.sdk()
        first = client.webhook_endpoints.list(status="disabled", sort_dir="desc", max_page_size=2)
        assert first.object == "list" and len(first.data) == 2 and first.next_page_token
        second = client.webhook_endpoints.list(
            status="disabled", sort_dir="desc", max_page_size=2, next_page_token=first.next_page_token
        )
        seen = [endpoint.id for endpoint in [*first.data, *second.data]]
        assert [endpoint.id for endpoint in reversed(made)] == seen[:3]
        assert all(endpoint.status == "disabled" for endpoint in [*first.data, *second.data])
        enabled = client.webhook_endpoints.list(status="enabled", max_page_size=100)
        assert not {endpoint.id for endpoint in made} & {endpoint.id for endpoint in enabled.data}

    def test_delete_removes_the_endpoint_and_its_subscriptions(
        self, pagemill_server: PagemillServer, make_endpoint: MakeEndpoint
    ) -> None:
        created = make_endpoint()
        client = pagemill_server.sdk()
        subscription = client.webhook_subscriptions.create(
            webhook_endpoint_id=created.id,
            resource_type="workflow",
            resource_id="workflow_deleted_with_endpoint",
            enabled_events=["workflow_run.completed"],
        )
        assert client.webhook_endpoints.delete(created.id).id == created.id
        with pytest.raises(NotFoundError):
            client.webhook_endpoints.retrieve(created.id)
        with pytest.raises(NotFoundError):
            client.webhook_subscriptions.retrieve(subscription.id)


class TestEndpointRefusals:
    @pytest.mark.parametrize(
        "url",
        [
            "http://10.0.0.1/hook",  # private
            "http://127.0.0.1:9/hook",  # loopback, not allow-listed
            "http://169.254.169.254/latest/meta-data",  # cloud metadata
            "ftp://hooks.example.com/x",
            "not a url",
        ],
    )
    def test_refused_urls_are_400_on_url(self, pagemill_server: PagemillServer, url: str) -> None:
        with pagemill_server.client() as client:
            response = client.post(
                "/webhook_endpoints",
                json={"url": url, "name": "x", "enabledEvents": [], "apiVersion": API_VERSION},
            )
        assert "Path: url" in str(assert_envelope(response, 400, "INVALID_REQUEST")["message"])

    def test_sdk_raises_bad_request_for_a_private_address(self, pagemill_server: PagemillServer) -> None:
        with pytest.raises(BadRequestError):
            pagemill_server.sdk().webhook_endpoints.create(
                url="http://10.0.0.1/hook", name="x", enabled_events=[], api_version=API_VERSION
            )

    def test_updating_to_a_refused_url_is_400(
        self, pagemill_server: PagemillServer, make_endpoint: MakeEndpoint
    ) -> None:
        created = make_endpoint()
        with pagemill_server.client() as client:
            response = client.post(f"/webhook_endpoints/{created.id}", json={"url": "http://10.0.0.1/"})
        assert "Path: url" in str(assert_envelope(response, 400, "INVALID_REQUEST")["message"])
        assert pagemill_server.sdk().webhook_endpoints.retrieve(created.id).url == HOOK_URL

    @pytest.mark.parametrize(
        ("body", "path"),
        [
            ({"enabledEvents": ["parse_run.exploded"]}, "enabledEvents[0]"),
            ({"enabledEvents": ["parse_run.processed", "workflow_run.completed"]}, "enabledEvents[1]"),
            ({"apiVersion": "2099-01-01"}, "apiVersion"),
            (
                {"advancedOptions": {"headers": {"X-Extend-Request-Signature": "x"}}},
                "advancedOptions.headers",
            ),
            ({"advancedOptions": {"payload": {"format": "xml"}}}, "advancedOptions.payload.format"),
        ],
    )
    def test_bad_fields_are_400_with_their_path(
        self, pagemill_server: PagemillServer, body: dict[str, Any], path: str
    ) -> None:
        request = {"url": HOOK_URL, "name": "x", "enabledEvents": [], "apiVersion": API_VERSION, **body}
        with pagemill_server.client() as client:
            response = client.post("/webhook_endpoints", json=request)
        assert path in str(assert_envelope(response, 400, "INVALID_REQUEST")["message"])

    def test_unknown_endpoint_is_404(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            assert_envelope(client.get("/webhook_endpoints/wh_missing"), 404, "NOT_FOUND")
            assert_envelope(client.delete("/webhook_endpoints/wh_missing"), 404, "NOT_FOUND")
            assert_envelope(client.get("/webhook_endpoints/wh_missing/deliveries"), 404, "NOT_FOUND")


class TestSubscriptions:
    def test_create_is_an_upsert_per_endpoint_and_resource(
        self, pagemill_server: PagemillServer, make_endpoint: MakeEndpoint
    ) -> None:
        endpoint = make_endpoint()
        client = pagemill_server.sdk()
        first = client.webhook_subscriptions.create(
            webhook_endpoint_id=endpoint.id,
            resource_type="workflow",
            resource_id="workflow_upsert",
            enabled_events=["workflow_run.completed", "workflow_run.failed"],
        )
        assert first.object == "webhook_subscription" and first.id.startswith("whes_")
        assert (first.webhook_endpoint_id, first.resource_type, first.resource_id) == (
            endpoint.id,
            "workflow",
            "workflow_upsert",
        )
        again = client.webhook_subscriptions.create(
            webhook_endpoint_id=endpoint.id,
            resource_type="workflow",
            resource_id="workflow_upsert",
            enabled_events=["workflow_run.needs_review"],
        )
        assert again.id == first.id and again.enabled_events == ["workflow_run.needs_review"]
        listed = client.webhook_subscriptions.list(webhook_endpoint_id=endpoint.id)
        assert [item.id for item in listed.data] == [first.id]

    def test_retrieve_update_list_delete(
        self, pagemill_server: PagemillServer, make_endpoint: MakeEndpoint
    ) -> None:
        endpoint = make_endpoint()
        client = pagemill_server.sdk()
        extractor = client.webhook_subscriptions.create(
            webhook_endpoint_id=endpoint.id,
            resource_type="extractor",
            resource_id="ex_subscribed",
            enabled_events=["extract_run.processed"],
        )
        client.webhook_subscriptions.create(
            webhook_endpoint_id=endpoint.id,
            resource_type="splitter",
            resource_id="spl_subscribed",
            enabled_events=["split_run.failed", "batch_processor_run.processed"],
        )
        updated = client.webhook_subscriptions.update(
            extractor.id, enabled_events=["extract_run.failed", "batch_processor_run.failed"]
        )
        assert updated.enabled_events == ["extract_run.failed", "batch_processor_run.failed"]
        assert client.webhook_subscriptions.retrieve(extractor.id).enabled_events == updated.enabled_events
        by_resource = client.webhook_subscriptions.list(resource_id="ex_subscribed")
        assert [item.id for item in by_resource.data] == [extractor.id]
        assert (
            len(client.webhook_subscriptions.list(webhook_endpoint_id=endpoint.id, sort_dir="asc").data) == 2
        )
        assert client.webhook_subscriptions.delete(extractor.id).id == extractor.id
        with pytest.raises(NotFoundError):
            client.webhook_subscriptions.retrieve(extractor.id)

    @pytest.mark.parametrize(
        ("resource_type", "event", "path"),
        [
            ("workflow", "extract_run.processed", "enabledEvents[0]"),
            ("extractor", "classify_run.processed", "enabledEvents[0]"),
            ("classifier", "parse_run.processed", "enabledEvents[0]"),
            ("dashboard", "workflow_run.completed", "resourceType"),
        ],
    )
    def test_events_must_fit_the_resource_type(
        self,
        pagemill_server: PagemillServer,
        make_endpoint: MakeEndpoint,
        resource_type: str,
        event: str,
        path: str,
    ) -> None:
        endpoint = make_endpoint()
        with pagemill_server.client() as client:
            response = client.post(
                "/webhook_subscriptions",
                json={
                    "webhookEndpointId": endpoint.id,
                    "resourceType": resource_type,
                    "resourceId": "res_1",
                    "enabledEvents": [event],
                },
            )
        assert path in str(assert_envelope(response, 400, "INVALID_REQUEST")["message"])

    def test_unknown_endpoint_is_404(self, pagemill_server: PagemillServer) -> None:
        with pytest.raises(NotFoundError):
            pagemill_server.sdk().webhook_subscriptions.create(
                webhook_endpoint_id="wh_missing",
                resource_type="workflow",
                resource_id="workflow_x",
                enabled_events=["workflow_run.completed"],
            )


def test_the_delivery_log_is_listed_in_openapi(pagemill_server: PagemillServer) -> None:
    with pagemill_server.client() as client:
        paths = client.get("/openapi.json").json()["paths"]
    operation = paths["/webhook_endpoints/{id}/deliveries"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} >= {
        "status",
        "sortDir",
        "nextPageToken",
        "maxPageSize",
    }
    assert "/webhook_events/{id}/payload" in paths
