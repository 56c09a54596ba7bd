"""ParseConfig: defaults filled in for the echo, options with no meaning here refused with their field
path."""

from __future__ import annotations

import pytest

from pagemill.errors import InvalidRequest
from pagemill.processors.parse import load_parse_config


def test_empty_config_echoes_every_default() -> None:
    wire = load_parse_config(None).to_wire()
    assert wire["target"] == "markdown" and wire["engine"] == "parse_performance"
    assert wire["chunkingStrategy"] == {
        "type": "page",
        "options": {"minCharacters": None, "maxCharacters": None},
    }
    assert wire["blockOptions"]["tables"]["targetFormat"] == "markdown"
    assert wire["advancedOptions"]["returnOcr"] == {"words": False, "lines": False}


def test_snake_case_and_explicit_nulls_are_accepted() -> None:
    config = load_parse_config({"chunking_strategy": {"type": "section"}, "engine": None})
    assert config.chunking_strategy.type.value == "section"
    assert config.engine.value == "parse_performance"


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (
            {"blockOptions": {"tables": {"agentic": {"enabled": True}}}},
            "config.blockOptions.tables.agentic.enabled",
        ),
        ({"blockOptions": {"formulas": {"enabled": True}}}, "config.blockOptions.formulas.enabled"),
        ({"advancedOptions": {"alwaysConvertToPdf": True}}, "config.advancedOptions.alwaysConvertToPdf"),
        ({"advancedOptions": {"excelParsingMode": "advanced"}}, "config.advancedOptions.excelParsingMode"),
        (
            {"blockOptions": {"text": {"signatureDetectionEnabled": True}}},
            "config.blockOptions.text.signatureDetectionEnabled",
        ),
    ],
)
def test_options_needing_models_or_converters_are_refused_with_their_path(data: dict, path: str) -> None:
    with pytest.raises(InvalidRequest) as raised:
        load_parse_config(data)
    assert raised.value.path == path
    assert "not supported" in raised.value.message


def test_invalid_values_and_unknown_keys_name_the_field() -> None:
    with pytest.raises(InvalidRequest) as raised:
        load_parse_config({"target": "pdf"})
    assert raised.value.path == "config.target"
    with pytest.raises(InvalidRequest) as raised:
        load_parse_config({"advancedOptions": {"pageRanges": [{"start": 3, "end": 1}]}})
    assert raised.value.path == "config.advancedOptions.pageRanges.0"
    with pytest.raises(InvalidRequest) as raised:
        load_parse_config({"blockOptions": {"colour": True}})
    assert raised.value.path == "config.blockOptions.colour"


def test_spatial_target_allows_only_page_chunks() -> None:
    with pytest.raises(InvalidRequest) as raised:
        load_parse_config({"target": "spatial", "chunkingStrategy": {"type": "section"}})
    assert raised.value.path == "config.chunkingStrategy.type"
    with pytest.raises(InvalidRequest):
        load_parse_config({"advancedOptions": {"verticalGroupingThreshold": 2.0}})
    assert load_parse_config({"target": "spatial", "advancedOptions": {"verticalGroupingThreshold": 2.0}})
