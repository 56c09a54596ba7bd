"""What the OpenAI-compatible provider sends and how it reads errors, against a scripted loopback server.

The answers of a real OpenAI-compatible server are tested in test_openai_compatible.py; this file covers the
paths a real local server cannot be made to take (rate limits, refusals, a server without json_schema).
"""

from __future__ import annotations

import pytest

from pagemill.processors.models.providers.base import Completion, ProviderError
from pagemill.processors.models.providers.openai_compatible import (
    OpenAICompatibleProvider,
    is_strict_compatible,
)
from pagemill.processors.models.providers.rate_limit import Unlimited
from pagemill.processors.models.providers.retry import RetryPolicy
from pagemill.processors.models.providers.structured import CallPolicy
from tests.processors.models.providers.wire_server import Reply, wire_server

CLOSED = {
    "type": "object",
    "properties": {"total": {"type": "number"}},
    "required": ["total"],
    "additionalProperties": False,
}
OPEN = {
    "type": "object",
    "properties": {"total": {"type": "number"}, "currency": {"type": "string"}},
    "required": ["total"],
}


def chat_reply(content: str, *, refusal: str | None = None, finish: str = "stop") -> Reply:
    return Reply(
        {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "model": "served-model",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": finish,
                    "message": {"role": "assistant", "content": content, "refusal": refusal},
                }
            ],
            "usage": {"prompt_tokens": 40, "completion_tokens": 8, "total_tokens": 48},
        }
    )


def provider(url: str) -> OpenAICompatibleProvider:
    policy = CallPolicy(
        retry=RetryPolicy(max_retries=2, first_delay=0.01, max_delay=0.05),
        limiter=Unlimited(),
        timeout_seconds=5,
    )
    return OpenAICompatibleProvider(
        base_url=f"{url}/v1", model="asked-model", api_key="sk-local", policy=policy
    )


def ask(model: OpenAICompatibleProvider, schema: dict[str, object] = CLOSED) -> Completion:
    return model.complete_json(
        system="Read the total.", prompt="Total due: 12.50", schema=schema, max_tokens=50
    )


def test_sends_a_chat_completion_with_a_json_schema_response_format() -> None:
    with wire_server([chat_reply('{"total": 12.5}')]) as server:
        completion = ask(provider(server.url))
    (sent,) = server.received
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == "Bearer sk-local"
    assert (
        sent.body["model"] == "asked-model"
        and sent.body["max_tokens"] == 50
        and sent.body["temperature"] == 0
    )
    assert sent.body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "answer", "schema": CLOSED, "strict": True},
    }
    system, user = sent.body["messages"]
    assert system["role"] == "system" and system["content"].startswith("Read the total.")
    assert '"total"' in system["content"], (
        "the schema is spelt out for servers that do not show it to the model"
    )
    assert user == {"role": "user", "content": "Total due: 12.50"}
    assert completion.value == {"total": 12.5}
    assert completion.usage == {"inputTokens": 40, "outputTokens": 8}
    assert completion.model == "served-model"


def test_strict_mode_is_asked_only_for_schemas_it_accepts() -> None:
    assert is_strict_compatible(CLOSED)
    assert not is_strict_compatible(OPEN)
    nested = {
        "type": "object",
        "additionalProperties": False,
        "required": ["items"],
        "properties": {"items": {"type": "array", "items": OPEN}},
    }
    assert not is_strict_compatible(nested)


def test_a_server_that_rejects_json_schema_is_asked_with_json_object_from_then_on() -> None:
    rejected = Reply({"error": {"message": "response_format.type json_schema is not supported"}}, status=400)
    with wire_server([rejected, chat_reply('{"total": 1}'), chat_reply('{"total": 2}')]) as server:
        model = provider(server.url)
        assert ask(model).value == {"total": 1}
        assert ask(model).value == {"total": 2}
    formats = [request.body["response_format"]["type"] for request in server.received]
    assert formats == ["json_schema", "json_object", "json_object"]
    assert server.received[1].body["response_format"]["schema"] == CLOSED


def test_a_request_refused_in_both_formats_is_a_bad_request_and_json_schema_stays_in_use() -> None:
    refused = Reply({"error": {"message": "prompt too long"}}, status=400)
    with wire_server([refused]) as server, pytest.raises(ProviderError) as caught:
        model = provider(server.url)
        ask(model)
    assert caught.value.reason == "bad_request" and "prompt too long" in caught.value.message
    assert model.supports_json_schema is True
    assert len(server.received) == 2


def test_invalid_json_is_repaired_once_quoting_the_answer_and_the_problem() -> None:
    with wire_server([chat_reply('{"total": "12,50"}'), chat_reply('{"total": 12.5}')]) as server:
        completion = ask(provider(server.url))
    assert completion.value == {"total": 12.5}
    assert completion.usage == {"inputTokens": 80, "outputTokens": 16}
    repair = server.received[1].body["messages"]
    assert repair[2] == {"role": "assistant", "content": '{"total": "12,50"}'}
    assert repair[3]["role"] == "user" and "'12,50' is not of type 'number'" in repair[3]["content"]


def test_a_rate_limited_request_is_retried() -> None:
    limited = Reply({"error": {"message": "slow down"}}, status=429, headers={"retry-after": "0"})
    with wire_server([limited, chat_reply('{"total": 3}')]) as server:
        assert ask(provider(server.url)).value == {"total": 3}
    assert len(server.received) == 2


def test_a_refusal_is_a_refusal_error() -> None:
    with (
        wire_server([chat_reply("", refusal="I can't help with that.")]) as server,
        pytest.raises(ProviderError) as caught,
    ):
        ask(provider(server.url))
    assert caught.value.reason == "refusal" and "can't help" in caught.value.message


def test_an_unreachable_server_is_a_retryable_unavailable_error() -> None:
    with wire_server([chat_reply("{}")]) as server:
        url = server.url
    with pytest.raises(ProviderError) as caught:
        ask(provider(url))
    assert caught.value.reason == "unavailable" and caught.value.retryable
