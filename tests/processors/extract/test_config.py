"""The extract config dialect: each schema rule rejected at its field path; the stored, normalised form."""

from __future__ import annotations

from typing import Any

import pytest

from pagemill.errors import InvalidRequest
from pagemill.processors.extract import load_extract_config, load_extract_override, merge_override

NULLABLE_STRING = {"type": ["string", "null"]}
CURRENCY = {
    "type": "object",
    "extend:type": "currency",
    "properties": {
        "amount": {"type": ["number", "null"]},
        "iso_4217_currency_code": {"type": ["string", "null"]},
    },
}


def config_with(**properties: Any) -> dict[str, Any]:
    return {"schema": {"type": "object", "properties": properties}}


def rejected_path(config: dict[str, Any]) -> str | None:
    with pytest.raises(InvalidRequest) as caught:
        load_extract_config(config)
    return caught.value.path


@pytest.mark.parametrize(
    ("config", "path"),
    [
        ({"schema": {"type": "array", "items": {"type": "string"}}}, "config.schema.type"),
        (
            {"schema": {"type": ["object", "null"], "properties": {"a": NULLABLE_STRING}}},
            "config.schema.type",
        ),
        ({"schema": {"type": "object", "properties": {}}}, "config.schema.properties"),
        (config_with(a={"type": "string"}), "config.schema.properties.a.type"),
        (config_with(a={"type": ["date", "null"]}), "config.schema.properties.a.type"),
        (config_with(a={"type": ["string", "number", "null"]}), "config.schema.properties.a.type"),
        (config_with(**{"bad key": NULLABLE_STRING}), "config.schema.properties.bad key"),
        (config_with(a={"anyOf": [NULLABLE_STRING]}), "config.schema.properties.a.anyOf"),
        (config_with(a={"$ref": "#/$defs/x"}), "config.schema.properties.a.$ref"),
        (config_with(a={**NULLABLE_STRING, "pattern": "^a"}), "config.schema.properties.a.pattern"),
        (config_with(a={"type": ["number", "null"], "minimum": 0}), "config.schema.properties.a.minimum"),
        (config_with(a={**NULLABLE_STRING, "const": "x"}), "config.schema.properties.a.const"),
        (config_with(a={"enum": ["x", "y"]}), "config.schema.properties.a.enum"),
        (config_with(a={"enum": ["x", 2, None]}), "config.schema.properties.a.enum[1]"),
        (
            config_with(a={"enum": ["x", None], "extend:descriptions": ["one", "two"]}),
            "config.schema.properties.a.extend:descriptions",
        ),
        (
            config_with(a={"type": "array", "items": {"enum": ["x", None]}}),
            "config.schema.properties.a.items.enum",
        ),
        (
            config_with(a={"type": "array", "items": {"type": ["string", "null"]}}),
            "config.schema.properties.a.items.type",
        ),
        (
            config_with(a={"type": ["array", "null"], "items": {"type": "string"}}),
            "config.schema.properties.a.type",
        ),
        (config_with(a={"type": "array"}), "config.schema.properties.a.items"),
        (
            config_with(
                a={"type": "object", "properties": {"b": NULLABLE_STRING}, "additionalProperties": True}
            ),
            "config.schema.properties.a.additionalProperties",
        ),
        (
            config_with(a={"type": ["string", "null"], "extend:type": "currency"}),
            "config.schema.properties.a.extend:type",
        ),
        (
            config_with(a={"type": ["number", "null"], "extend:type": "date"}),
            "config.schema.properties.a.extend:type",
        ),
        (
            config_with(a={**NULLABLE_STRING, "extend:type": "phone"}),
            "config.schema.properties.a.extend:type",
        ),
        (
            config_with(a={**CURRENCY, "properties": {"amount": {"type": ["number", "null"]}}}),
            "config.schema.properties.a.properties",
        ),
        (config_with(a={**NULLABLE_STRING, "description": 5}), "config.schema.properties.a.description"),
        (
            config_with(a={"type": "object", "properties": {"b": NULLABLE_STRING}, "required": ["c"]}),
            "config.schema.properties.a.required[0]",
        ),
        (
            {"schema": {"type": "object", "properties": {"a": NULLABLE_STRING}}, "baseProcessor": "fast"},
            "config.baseProcessor",
        ),
        (
            {**config_with(a=NULLABLE_STRING), "advancedOptions": {"citationMode": "page"}},
            "config.advancedOptions.citationMode",
        ),
        (
            {**config_with(a=NULLABLE_STRING), "advancedOptions": {"pageRanges": [{"start": 3, "end": 1}]}},
            "config.advancedOptions.pageRanges[0]",
        ),
        ({"baseProcessor": "extraction_light"}, "config.schema"),
    ],
)
def test_each_rule_is_rejected_at_its_field_path(config: dict[str, Any], path: str) -> None:
    assert rejected_path(config) == path


def test_nesting_deeper_than_five_levels_is_rejected() -> None:
    leaf: dict[str, Any] = {"type": "object", "properties": {"x": NULLABLE_STRING}}
    for _ in range(5):
        leaf = {"type": "object", "properties": {"n": leaf}}
    path = rejected_path({"schema": {"type": "object", "properties": {"n": leaf}}})
    assert path == "config.schema" + ".properties.n" * 6


def test_saving_makes_every_property_required_and_closes_every_object() -> None:
    config = load_extract_config(
        config_with(
            invoice=NULLABLE_STRING,
            total=CURRENCY,
            items={"type": "array", "items": {"type": "object", "properties": {"sku": NULLABLE_STRING}}},
            status={"enum": ["paid", "open", None], "extend:descriptions": ["settled", "not settled"]},
        )
    )
    schema = config["schema"]
    assert schema["required"] == ["invoice", "total", "items", "status"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["total"]["required"] == ["amount", "iso_4217_currency_code"]
    assert schema["properties"]["items"]["items"]["required"] == ["sku"]
    assert schema["properties"]["items"]["items"]["additionalProperties"] is False
    assert config["baseProcessor"] == "extraction_performance"
    assert set(config) == {
        "baseProcessor",
        "baseVersion",
        "extractionRules",
        "schema",
        "advancedOptions",
        "parseConfig",
    }


def test_the_constructs_the_sdk_sends_for_typed_schemas_are_accepted() -> None:
    signature = {
        "type": "object",
        "extend:type": "signature",
        "properties": {
            "printed_name": NULLABLE_STRING,
            "signature_date": {**NULLABLE_STRING, "extend:type": "date"},
            "is_signed": {"type": ["boolean", "null"]},
            "title_or_role": NULLABLE_STRING,
        },
        "required": ["printed_name", "signature_date", "is_signed", "title_or_role"],
        "additionalProperties": False,
    }
    config = load_extract_config(
        config_with(
            due={**NULLABLE_STRING, "extend:type": "date"},
            dates={"type": "array", "items": {"type": "string", "extend:type": "date"}},
            signer=signature,
            count={"type": ["integer", "null"], "title": "Count"},
        )
    )
    assert config["schema"]["properties"]["signer"]["extend:type"] == "signature"


def test_a_legacy_fields_array_becomes_a_schema_keyed_by_field_id() -> None:
    config = load_extract_config(
        {
            "fields": [
                {"id": "invoice_no", "name": "Invoice number", "type": "string", "description": "as printed"},
                {"id": "total", "name": "Total", "type": "currency", "description": ""},
                {
                    "id": "kind",
                    "name": "Kind",
                    "type": "enum",
                    "description": "",
                    "enum": [
                        {"value": "credit", "description": "a credit note"},
                        {"value": "debit", "description": ""},
                    ],
                },
                {
                    "id": "lines",
                    "name": "Lines",
                    "type": "array",
                    "description": "",
                    "schema": [{"id": "qty", "name": "Qty", "type": "number", "description": ""}],
                },
            ]
        }
    )
    properties = config["schema"]["properties"]
    assert properties["invoice_no"] == {
        "type": ["string", "null"],
        "description": "as printed",
        "extend:name": "Invoice number",
    }
    assert properties["total"]["extend:type"] == "currency"
    assert properties["kind"]["enum"] == ["credit", "debit", None]
    assert properties["lines"]["items"]["properties"]["qty"]["type"] == ["number", "null"]


def test_a_legacy_field_of_unknown_type_is_rejected_at_its_path() -> None:
    assert rejected_path({"fields": [{"id": "a", "name": "a", "type": "color", "description": ""}]}) == (
        "config.fields[0].type"
    )


def test_an_override_replaces_keys_and_merges_advanced_options() -> None:
    saved = load_extract_config(
        {**config_with(a=NULLABLE_STRING), "advancedOptions": {"citationMode": "word"}}
    )
    override = load_extract_override(
        {"advancedOptions": {"citationsEnabled": False}, "extractionRules": "x"}, "extractor.overrideConfig"
    )
    merged = merge_override(saved, override)
    assert merged["advancedOptions"] == {"citationMode": "word", "citationsEnabled": False}
    assert merged["extractionRules"] == "x"
    assert merged["schema"] == saved["schema"]


def test_an_override_is_checked_with_the_same_rules() -> None:
    with pytest.raises(InvalidRequest) as caught:
        load_extract_override(
            {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}},
            "extractor.overrideConfig",
        )
    assert caught.value.path == "extractor.overrideConfig.schema.properties.a.type"
