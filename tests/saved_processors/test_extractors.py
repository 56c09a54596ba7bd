"""Extractors and their versions through the official SDK: configs checked and normalised, draft and published
versions, cloning, listing."""

from __future__ import annotations

import pytest
from extend_ai.errors import BadRequestError, NotFoundError

from tests.api.test_conventions import assert_envelope
from tests.server_fixtures import PagemillServer

SCHEMA = {"type": "object", "properties": {"invoice_number": {"type": ["string", "null"]}}}
SCHEMA_V2 = {
    "type": "object",
    "properties": {"invoice_number": {"type": ["string", "null"]}, "total": {"type": ["number", "null"]}},
}


def test_create_normalises_the_schema_and_echoes_it(pagemill_server: PagemillServer) -> None:
    extractor = pagemill_server.sdk().extractors.create(name="Invoices", config={"schema": SCHEMA})
    assert extractor.id.startswith("ex_") and extractor.object == "extractor"
    draft = extractor.draft_version
    assert draft.version == "draft" and draft.id.startswith("exv_") and draft.extractor_id == extractor.id
    assert draft.config.schema_["required"] == ["invoice_number"]
    assert draft.config.schema_["additionalProperties"] is False
    assert draft.config.base_processor == "extraction_performance"


def test_an_invalid_schema_is_rejected_with_its_path(pagemill_server: PagemillServer) -> None:
    with pagemill_server.client() as http:
        response = http.post(
            "/extractors",
            json={
                "name": "bad",
                "config": {"schema": {"type": "object", "properties": {"a": {"enum": ["x"]}}}},
            },
        )
    body = assert_envelope(response, 400, "INVALID_REQUEST")
    assert "Path: config.schema.properties.a.enum" in str(body["message"])
    with pytest.raises(BadRequestError):
        pagemill_server.sdk().extractors.create(
            name="no schema", config={"base_processor": "extraction_light"}
        )


def test_a_legacy_fields_config_is_stored_as_a_schema(pagemill_server: PagemillServer) -> None:
    with pagemill_server.client() as http:
        response = http.post(
            "/extractors",
            json={
                "name": "legacy",
                "config": {
                    "fields": [
                        {"id": "po", "name": "PO number", "type": "string", "description": "purchase order"}
                    ]
                },
            },
        )
    assert response.status_code == 200, response.text
    schema = response.json()["draftVersion"]["config"]["schema"]
    assert schema["properties"]["po"]["extend:name"] == "PO number" and schema["required"] == ["po"]


def test_publishing_freezes_a_version_and_the_draft_moves_on(pagemill_server: PagemillServer) -> None:
    client = pagemill_server.sdk()
    extractor = client.extractors.create(name="versions", config={"schema": SCHEMA})
    first = client.extractor_versions.create(extractor.id, release_type="minor", description="first")
    assert first.version == "0.1" and first.description == "first"
    client.extractors.update(extractor.id, name="versions v2", config={"schema": SCHEMA_V2})
    assert client.extractor_versions.retrieve(extractor.id, first.id).config.schema_["required"] == [
        "invoice_number"
    ]
    draft = client.extractor_versions.retrieve(extractor.id, "draft")
    assert draft.config.schema_["required"] == ["invoice_number", "total"]
    second = client.extractor_versions.create(extractor.id, release_type="major")
    assert second.version == "1.0"
    assert client.extractor_versions.retrieve(extractor.id, "latest").id == second.id
    versions = [version.version for version in client.extractor_versions.list(extractor.id).data]
    assert versions == ["draft", "1.0", "0.1"]


def test_clone_list_and_unknown_ids(pagemill_server: PagemillServer) -> None:
    client = pagemill_server.sdk()
    source = client.extractors.create(name="source", config={"schema": SCHEMA_V2})
    with pagemill_server.client() as http:
        response = http.post("/extractors", json={"name": "clone", "cloneExtractorId": source.id})
    assert response.status_code == 200, response.text
    clone = response.json()
    assert clone["id"] != source.id and clone["draftVersion"]["config"]["schema"]["required"] == [
        "invoice_number",
        "total",
    ]
    listed = {item.id for item in client.extractors.list(max_page_size=100).data}
    assert {source.id, clone["id"]} <= listed
    with pytest.raises(NotFoundError):
        client.extractors.retrieve("ex_missing")
    with pytest.raises(NotFoundError):
        client.extractor_versions.retrieve(source.id, "3.0")
