"""Classifiers and their versions through the official SDK: configs checked, versions, cloning."""

from __future__ import annotations

import pytest
from extend_ai.errors import BadRequestError, NotFoundError

from tests.api.test_conventions import assert_envelope
from tests.server_fixtures import PagemillServer

CLASSES = {
    "classifications": [
        {"id": "invoice", "type": "invoice", "description": "A bill"},
        {"id": "other", "type": "other", "description": "Anything else"},
    ]
}


def test_create_publish_and_resolve_versions(pagemill_server: PagemillServer) -> None:
    sdk = pagemill_server.sdk()
    classifier = sdk.classifiers.create(name="Doc types", config=CLASSES)
    assert classifier.id.startswith("cl_") and classifier.object == "classifier"
    assert classifier.draft_version.id.startswith("clv_")
    assert classifier.draft_version.config.base_processor == "classification_standard"
    published = sdk.classifier_versions.create(classifier.id, release_type="major", description="first")
    assert published.version == "1.0" and published.classifier_id == classifier.id
    assert sdk.classifier_versions.retrieve(classifier.id, "latest").id == published.id
    listed = sdk.classifier_versions.list(classifier.id)
    assert [v.version for v in listed.data] == ["draft", "1.0"]


def test_clone_copies_the_draft(pagemill_server: PagemillServer) -> None:
    sdk = pagemill_server.sdk()
    source = sdk.classifiers.create(name="Source", config=CLASSES)
    clone = sdk.classifiers.create(name="Clone", clone_classifier_id=source.id)
    assert [c.id for c in clone.draft_version.config.classifications] == ["invoice", "other"]


def test_duplicate_ids_are_rejected_with_their_path(pagemill_server: PagemillServer) -> None:
    bad = {"classifications": [CLASSES["classifications"][0]] * 2}
    with pagemill_server.client() as http:
        response = http.post("/classifiers", json={"name": "bad", "config": bad})
    body = assert_envelope(response, 400, "INVALID_REQUEST")
    assert "Path: config.classifications[1].id" in str(body["message"])
    with pytest.raises(BadRequestError):
        pagemill_server.sdk().classifiers.create(name="bad", config=bad)


def test_unknown_classifier_is_404(pagemill_server: PagemillServer) -> None:
    with pytest.raises(NotFoundError):
        pagemill_server.sdk().classifiers.retrieve("cl_missing")
