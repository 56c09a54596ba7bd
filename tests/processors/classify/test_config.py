"""Classification configs: every rule reported with its field path; the stored form is normalised."""

from __future__ import annotations

import pytest

from pagemill.errors import InvalidRequest
from pagemill.processors.classify.config import load_classify_config, merge_override

CLASSES = [
    {"id": "invoice", "type": "invoice", "description": "A bill"},
    {"id": "other", "type": "other", "description": "Anything else"},
]


def test_defaults_are_filled_and_snake_case_becomes_camel_case() -> None:
    config = load_classify_config({"classifications": CLASSES, "classification_rules": "Be strict."})
    assert config == {
        "baseProcessor": "classification_standard",
        "classifications": CLASSES,
        "classificationRules": "Be strict.",
    }


def test_nulls_count_as_absent() -> None:
    config = load_classify_config({"classifications": CLASSES, "advancedOptions": None, "baseVersion": None})
    assert "advancedOptions" not in config and "baseVersion" not in config


@pytest.mark.parametrize(
    ("config", "path"),
    [
        ({}, "config.classifications"),
        ({"classifications": []}, "config.classifications"),
        ({"classifications": [{"id": "a", "type": "a"}]}, "config.classifications[0].description"),
        ({"classifications": [{"id": " ", "type": "a", "description": "x"}]}, "config.classifications[0].id"),
        ({"classifications": [CLASSES[0], CLASSES[0]]}, "config.classifications[1].id"),
        ({"classifications": CLASSES, "baseProcessor": "fast"}, "config.baseProcessor"),
        (
            {"classifications": CLASSES, "advancedOptions": {"context": "all"}},
            "config.advancedOptions.context",
        ),
        (
            {"classifications": CLASSES, "advancedOptions": {"pageRanges": [{"start": 3, "end": 1}]}},
            "config.advancedOptions.pageRanges[0].start",
        ),
        ({"classifications": CLASSES, "parseConfig": {"target": "pdf"}}, "config.parseConfig.target"),
    ],
)
def test_each_rule_is_reported_at_its_path(config: dict[str, object], path: str) -> None:
    with pytest.raises(InvalidRequest) as error:
        load_classify_config(config)
    assert error.value.path == path


def test_an_override_replaces_top_level_keys_and_merges_advanced_options() -> None:
    base = load_classify_config({"classifications": CLASSES, "advancedOptions": {"context": "max"}})
    merged = merge_override(base, {"advanced_options": {"memoryEnabled": True}}, "classifier.overrideConfig")
    assert load_classify_config(merged)["advancedOptions"] == {"context": "max", "memoryEnabled": True}
    assert merged["classifications"] == CLASSES
