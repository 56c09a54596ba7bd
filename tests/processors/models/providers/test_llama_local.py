"""The llama_cpp provider runs the local GGUF model in-process, its output held to the schema by a grammar."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import validate

from pagemill.processors.models.providers.base import ProviderError
from pagemill.processors.models.providers.llama_local import LlamaCppProvider
from pagemill.processors.models.providers.rate_limit import Unlimited
from pagemill.processors.models.providers.retry import RetryPolicy
from pagemill.processors.models.providers.structured import CallPolicy
from tests.processors.models.providers.samples import (
    CLASSIFY_QUESTION,
    CLASSIFY_SYSTEM,
    DOCUMENT_TYPES,
    EXTRACT_SYSTEM,
    INVOICE_SCHEMA,
    INVOICE_TEXT,
    LINE_ITEMS_SCHEMA,
    RECEIPT_TEXT,
)

pytestmark = pytest.mark.slow


def provider(model: Path, timeout: float = 600.0) -> LlamaCppProvider:
    policy = CallPolicy(retry=RetryPolicy(max_retries=0), limiter=Unlimited(), timeout_seconds=timeout)
    return LlamaCppProvider(model_path=model, policy=policy)


def test_extracts_invoice_fields(local_model: Path) -> None:
    completion = provider(local_model).complete_json(
        system=EXTRACT_SYSTEM, prompt=INVOICE_TEXT, schema=INVOICE_SCHEMA, max_tokens=120
    )
    assert completion.value["invoice_number"] == "INV-2024-0193"
    assert completion.value["invoice_date"] == "2024-03-14"
    assert completion.value["total"] == pytest.approx(195.60)
    assert "ACME" in completion.value["vendor"]
    assert completion.usage["inputTokens"] > 100 and completion.usage["outputTokens"] > 10
    assert completion.model == local_model.name and completion.seconds > 0


def test_classifies_a_receipt_among_enum_labels(local_model: Path) -> None:
    completion = provider(local_model).complete_json(
        system=CLASSIFY_SYSTEM, prompt=CLASSIFY_QUESTION + RECEIPT_TEXT, schema=DOCUMENT_TYPES, max_tokens=20
    )
    assert completion.value == {"type": "receipt"}


def test_nested_array_output_is_valid_against_the_schema(local_model: Path) -> None:
    completion = provider(local_model).complete_json(
        system=EXTRACT_SYSTEM, prompt=INVOICE_TEXT, schema=LINE_ITEMS_SCHEMA, max_tokens=160
    )
    validate(completion.value, LINE_ITEMS_SCHEMA)
    assert [item["amount"] for item in completion.value["line_items"]] == [72.0, 91.0]


def test_a_generation_past_the_timeout_stops_with_a_timeout_error(local_model: Path) -> None:
    provider(local_model).model()  # loading is not part of the generation time
    with pytest.raises(ProviderError) as caught:
        provider(local_model, timeout=0.01).complete_json(
            system=EXTRACT_SYSTEM, prompt=INVOICE_TEXT, schema=LINE_ITEMS_SCHEMA, max_tokens=160
        )
    assert caught.value.reason == "timeout"
