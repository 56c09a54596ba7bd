"""The OpenAI-compatible provider against a real OpenAI-compatible server on loopback: llama-cpp-python's
server serving the local GGUF model."""

from __future__ import annotations

import pytest

from pagemill.processors.models.providers.openai_compatible import OpenAICompatibleProvider
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
    RECEIPT_TEXT,
)

pytestmark = pytest.mark.slow


def provider(base_url: str) -> OpenAICompatibleProvider:
    policy = CallPolicy(
        retry=RetryPolicy(max_retries=1, first_delay=0.1), limiter=Unlimited(), timeout_seconds=600
    )
    return OpenAICompatibleProvider(base_url=base_url, model="local-qwen", api_key=None, policy=policy)


def test_extracts_invoice_fields_with_usage(llama_server: str) -> None:
    completion = provider(llama_server).complete_json(
        system=EXTRACT_SYSTEM, prompt=INVOICE_TEXT, schema=INVOICE_SCHEMA, max_tokens=120
    )
    assert completion.value["invoice_number"] == "INV-2024-0193"
    assert completion.value["total"] == pytest.approx(195.60)
    assert completion.usage["inputTokens"] > 100 and completion.usage["outputTokens"] > 10
    assert completion.model == "local-qwen"


def test_falls_back_to_json_object_on_a_server_without_json_schema(llama_server: str) -> None:
    model = provider(llama_server)
    completion = model.complete_json(
        system=CLASSIFY_SYSTEM, prompt=CLASSIFY_QUESTION + RECEIPT_TEXT, schema=DOCUMENT_TYPES, max_tokens=20
    )
    assert completion.value == {"type": "receipt"}
    # llama-cpp-python's server rejects response_format json_schema (422), so this went through the fallback:
    # json_object with the schema, which that server turns into a grammar.
    assert model.supports_json_schema is False
