"""Split configs: classifications with identifier keys, options, field paths."""

from __future__ import annotations

import pytest

from pagemill.errors import InvalidRequest
from pagemill.processors.split.config import load_split_config

CLASSES = [
    {"id": "invoice", "type": "invoice", "description": "An invoice", "identifierKey": "invoice number"}
]


def test_normalised_with_identifier_keys_and_options() -> None:
    config = load_split_config(
        {"split_classifications": CLASSES, "advancedOptions": {"strict_identifier_mode_enabled": False}}
    )
    assert config == {
        "baseProcessor": "splitting_performance",
        "splitClassifications": CLASSES,
        "advancedOptions": {"strictIdentifierModeEnabled": False},
    }


@pytest.mark.parametrize(
    ("config", "path"),
    [
        ({"classifications": CLASSES}, "config.splitClassifications"),
        (
            {"splitClassifications": [{**CLASSES[0], "identifierKey": 3}]},
            "config.splitClassifications[0].identifierKey",
        ),
        (
            {"splitClassifications": CLASSES, "advancedOptions": {"splitMethod": "x"}},
            "config.advancedOptions.splitMethod",
        ),
        (
            {"splitClassifications": CLASSES, "advancedOptions": {"pageOverlapEnabled": "yes"}},
            "config.advancedOptions.pageOverlapEnabled",
        ),
        ({"splitClassifications": CLASSES, "baseProcessor": "classification_light"}, "config.baseProcessor"),
    ],
)
def test_each_rule_is_reported_at_its_path(config: dict[str, object], path: str) -> None:
    with pytest.raises(InvalidRequest) as error:
        load_split_config(config)
    assert error.value.path == path
