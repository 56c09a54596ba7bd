"""The API's cross-cutting conventions over raw HTTP: auth, versions, the error envelope, request ids."""

from __future__ import annotations

import httpx
import pytest

from tests.server_fixtures import PagemillServer

ENVELOPE_KEYS = {"code", "message", "retryable", "requestId"}


def assert_envelope(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) >= ENVELOPE_KEYS, body
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["retryable"], bool)
    assert body["requestId"].startswith("req_")
    assert response.headers["x-extend-request-id"] == body["requestId"]
    return body


class TestAuthentication:
    def test_missing_key_is_401_envelope(self, pagemill_server: PagemillServer) -> None:
        response = httpx.get(pagemill_server.url + "/files")
        body = assert_envelope(response, 401, "UNAUTHORIZED")
        assert "Bearer" in str(body["message"])

    def test_wrong_key_is_401_envelope(self, pagemill_server: PagemillServer) -> None:
        response = httpx.get(pagemill_server.url + "/files", headers={"Authorization": "Bearer sk_wrong"})
        assert_envelope(response, 401, "UNAUTHORIZED")

    def test_non_bearer_scheme_is_401(self, pagemill_server: PagemillServer) -> None:
        response = httpx.get(
            pagemill_server.url + "/files", headers={"Authorization": f"Basic {pagemill_server.api_key}"}
        )
        assert_envelope(response, 401, "UNAUTHORIZED")

    def test_workspace_header_of_own_workspace_is_accepted(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            listing = client.get("/files")
            assert listing.status_code == 200
            other = client.get("/files", headers={"x-extend-workspace-id": "ws_someone_else"})
        assert_envelope(other, 403, "FORBIDDEN")


class TestApiVersion:
    def test_default_version_when_header_absent(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            assert client.get("/files").status_code == 200

    @pytest.mark.parametrize("version", ["2026-02-09", "2025-04-21"])
    def test_known_versions_accepted(self, pagemill_server: PagemillServer, version: str) -> None:
        with pagemill_server.client() as client:
            assert client.get("/files", headers={"x-extend-api-version": version}).status_code == 200

    @pytest.mark.parametrize("version", ["2099-01-01", "latest", "2024-12-23"])
    def test_unknown_version_is_400_envelope(self, pagemill_server: PagemillServer, version: str) -> None:
        with pagemill_server.client() as client:
            response = client.get("/files", headers={"x-extend-api-version": version})
        body = assert_envelope(response, 400, "INVALID_REQUEST")
        assert version in str(body["message"]) and "2026-02-09" in str(body["message"])


class TestErrorEnvelope:
    def test_unknown_route_is_404_envelope(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            assert_envelope(client.get("/no_such_thing"), 404, "NOT_FOUND")

    def test_unknown_file_is_404_envelope(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            body = assert_envelope(client.get("/files/file_doesnotexist"), 404, "NOT_FOUND")
        assert "file_doesnotexist" in str(body["message"])

    def test_validation_error_names_the_field_path(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            response = client.post("/files", json={"url": 12, "settings": {"password": ["x"]}})
        body = assert_envelope(response, 400, "INVALID_REQUEST")
        assert "settings.password" in str(body["message"])

    def test_malformed_json_is_400_envelope(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            response = client.post(
                "/files", content=b"{not json", headers={"content-type": "application/json"}
            )
        assert_envelope(response, 400, "INVALID_REQUEST")

    def test_bad_page_token_is_400_with_path(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            body = assert_envelope(
                client.get("/files", params={"nextPageToken": "garbage!"}), 400, "INVALID_REQUEST"
            )
        assert "nextPageToken" in str(body["message"])

    def test_page_size_out_of_range_is_400(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            body = assert_envelope(client.get("/files", params={"maxPageSize": 0}), 400, "INVALID_REQUEST")
        assert "maxPageSize" in str(body["message"])


class TestServiceEndpoints:
    def test_openapi_is_served_without_a_key(self, pagemill_server: PagemillServer) -> None:
        spec = httpx.get(pagemill_server.url + "/openapi.json").json()
        assert "/files/upload" in spec["paths"] and "/files/{id}" in spec["paths"]

    def test_health_and_readiness(self, pagemill_server: PagemillServer) -> None:
        assert httpx.get(pagemill_server.url + "/healthz").json() == {"status": "ok"}
        ready = httpx.get(pagemill_server.url + "/readyz").json()
        assert ready["status"] == "ok"
        assert ready["checks"] == {"database": "ok", "storage": "ok", "engine": "ok"}
