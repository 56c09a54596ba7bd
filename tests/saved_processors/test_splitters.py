"""Splitters and their versions through the official SDK."""

from __future__ import annotations

import pytest
from extend_ai.errors import BadRequestError

from tests.server_fixtures import PagemillServer

SPLITS = {
    "splitClassifications": [
        {"id": "invoice", "type": "invoice", "description": "An invoice", "identifierKey": "invoice number"},
        {"id": "other", "type": "other", "description": "Any other pages"},
    ]
}


def test_create_update_and_publish(pagemill_server: PagemillServer) -> None:
    sdk = pagemill_server.sdk()
    splitter = sdk.splitters.create(name="Packets", config=SPLITS)
    assert splitter.id.startswith("spl_") and splitter.draft_version.id.startswith("splv_")
    assert splitter.draft_version.config.split_classifications[0].identifier_key == "invoice number"
    updated = sdk.splitters.update(splitter.id, config={**SPLITS, "splitRules": "One invoice per split."})
    assert updated.draft_version.config.split_rules == "One invoice per split."
    version = sdk.splitter_versions.create(splitter.id, release_type="minor")
    assert version.version == "0.1" and version.config.split_rules == "One invoice per split."


def test_a_config_without_classifications_is_rejected(pagemill_server: PagemillServer) -> None:
    with pytest.raises(BadRequestError) as error:
        pagemill_server.sdk().splitters.create(name="bad", config={"splitRules": "x"})
    assert "splitClassifications" in str(error.value.body)
