"""A model's answer is used only when it is a JSON object valid against the schema it was asked for."""

from __future__ import annotations

import pytest

from pagemill.processors.models.providers.base import ProviderError
from pagemill.processors.models.providers.json_answer import InvalidAnswer, check_schema, parse_answer

SCHEMA = {
    "type": "object",
    "properties": {
        "date": {"type": ["string", "null"]},
        "items": {
            "type": "array",
            "items": {"type": "object", "properties": {"amount": {"type": "number"}}, "required": ["amount"]},
        },
    },
    "required": ["date"],
}


def test_a_valid_object_is_returned_as_is() -> None:
    assert parse_answer('{"date": null, "items": [{"amount": 2}]}', SCHEMA) == {
        "date": None,
        "items": [{"amount": 2}],
    }


def test_a_markdown_code_fence_around_the_json_is_tolerated() -> None:
    assert parse_answer('```json\n{"date": "2024-01-02"}\n```', SCHEMA) == {"date": "2024-01-02"}


def test_text_that_is_not_json_says_where_it_broke() -> None:
    with pytest.raises(InvalidAnswer, match="not valid JSON"):
        parse_answer('{"date": "2024-01-02"', SCHEMA)


def test_json_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(InvalidAnswer, match="must be a JSON object"):
        parse_answer('["2024-01-02"]', SCHEMA)


def test_schema_violations_are_listed_with_their_paths() -> None:
    with pytest.raises(InvalidAnswer) as caught:
        parse_answer('{"items": [{"amount": "2"}]}', SCHEMA)
    assert "'date' is a required property" in str(caught.value)
    assert "$.items[0].amount: '2' is not of type 'number'" in str(caught.value)


def test_a_schema_that_is_not_a_json_schema_is_a_bad_request() -> None:
    with pytest.raises(ProviderError) as caught:
        check_schema({"type": "object", "properties": {"a": {"type": "text"}}})
    assert caught.value.reason == "bad_request" and not caught.value.retryable


def test_a_schema_whose_root_is_not_an_object_is_a_bad_request() -> None:
    with pytest.raises(ProviderError, match="must describe an object"):
        check_schema({"type": "array", "items": {"type": "string"}})
