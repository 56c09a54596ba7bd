"""The Anthropic provider speaks the Messages API wire format: a forced tool call carries the answer.

The server here is a loopback stand-in for Anthropic's service (see wire_server.py), scripted per test.
"""

from __future__ import annotations

import time

import pytest

from pagemill.processors.models.providers.anthropic_messages import TOOL_NAME, AnthropicProvider
from pagemill.processors.models.providers.base import Completion, ProviderError
from pagemill.processors.models.providers.rate_limit import Unlimited
from pagemill.processors.models.providers.retry import RetryPolicy
from pagemill.processors.models.providers.structured import CallPolicy
from tests.processors.models.providers.wire_server import Reply, wire_server

SCHEMA = {
    "type": "object",
    "properties": {"invoice_number": {"type": "string"}, "total": {"type": "number"}},
    "required": ["invoice_number", "total"],
    "additionalProperties": False,
}


def tool_reply(answer: object, *, input_tokens: int = 120, output_tokens: int = 20) -> Reply:
    return Reply(
        {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "model": "claude-test-1",
            "content": [{"type": "tool_use", "id": "toolu_1", "name": TOOL_NAME, "input": answer}],
            "stop_reason": "tool_use",
            "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens},
        }
    )


def error_reply(status: int, kind: str, headers: dict[str, str] | None = None) -> Reply:
    return Reply(
        {"type": "error", "error": {"type": kind, "message": f"{kind} for the test"}},
        status=status,
        headers=headers or {},
    )


def provider(url: str, *, max_retries: int = 2, timeout: float = 5.0) -> AnthropicProvider:
    policy = CallPolicy(
        retry=RetryPolicy(max_retries=max_retries, first_delay=0.01, max_delay=0.05),
        limiter=Unlimited(),
        timeout_seconds=timeout,
    )
    return AnthropicProvider(base_url=url, model="claude-test-1", api_key="sk-test", policy=policy)


def ask(model: AnthropicProvider) -> Completion:
    return model.complete_json(
        system="Extract invoice fields.", prompt="Invoice INV-7, total 12.50", schema=SCHEMA, max_tokens=200
    )


def test_sends_a_forced_tool_call_whose_input_schema_is_the_schema() -> None:
    with wire_server([tool_reply({"invoice_number": "INV-7", "total": 12.5})]) as server:
        ask(provider(server.url))
    (sent,) = server.received
    assert sent.path == "/v1/messages"
    assert sent.headers["x-api-key"] == "sk-test"
    assert sent.headers["anthropic-version"] == "2023-06-01"
    assert sent.body["model"] == "claude-test-1"
    assert sent.body["system"] == "Extract invoice fields."
    assert sent.body["max_tokens"] == 200
    assert sent.body["temperature"] == 0.0
    assert sent.body["messages"] == [{"role": "user", "content": "Invoice INV-7, total 12.50"}]
    assert sent.body["tools"][0]["input_schema"] == SCHEMA
    assert sent.body["tool_choice"] == {"type": "tool", "name": sent.body["tools"][0]["name"]}


def test_reads_the_tool_input_as_the_value_with_usage_and_model() -> None:
    with wire_server(
        [tool_reply({"invoice_number": "INV-7", "total": 12.5}, input_tokens=321, output_tokens=17)]
    ) as server:
        completion = ask(provider(server.url))
    assert completion.value == {"invoice_number": "INV-7", "total": 12.5}
    assert completion.usage == {"inputTokens": 321, "outputTokens": 17}
    assert completion.model == "claude-test-1"
    assert completion.seconds > 0


def test_an_input_that_breaks_the_schema_is_repaired_once_through_an_error_tool_result() -> None:
    replies = [
        tool_reply({"invoice_number": "INV-7", "total": "twelve"}, input_tokens=100, output_tokens=10),
        tool_reply({"invoice_number": "INV-7", "total": 12.5}, input_tokens=150, output_tokens=12),
    ]
    with wire_server(replies) as server:
        completion = ask(provider(server.url))
    assert completion.value == {"invoice_number": "INV-7", "total": 12.5}
    assert completion.usage == {"inputTokens": 250, "outputTokens": 22}
    repair = server.received[1].body["messages"]
    assert repair[1]["role"] == "assistant" and repair[1]["content"][0]["type"] == "tool_use"
    result = repair[2]["content"][0]
    assert (
        result["type"] == "tool_result" and result["tool_use_id"] == "toolu_1" and result["is_error"] is True
    )
    assert "$.total" in result["content"] and "'twelve' is not of type 'number'" in result["content"]


def test_a_second_invalid_answer_is_an_invalid_json_error() -> None:
    with wire_server([tool_reply({"invoice_number": 7})]) as server, pytest.raises(ProviderError) as caught:
        ask(provider(server.url))
    assert caught.value.reason == "invalid_json" and not caught.value.retryable
    assert len(server.received) == 2


def test_a_text_reply_without_the_tool_call_is_repaired_with_a_plain_message() -> None:
    text_only = Reply(
        {
            "model": "claude-test-1",
            "content": [{"type": "text", "text": "I think INV-7."}],
            "stop_reason": "end_turn",
            "usage": {"input_tokens": 5, "output_tokens": 5},
        }
    )
    with wire_server([text_only, tool_reply({"invoice_number": "INV-7", "total": 1})]) as server:
        completion = ask(provider(server.url))
    assert completion.value == {"invoice_number": "INV-7", "total": 1}
    follow_up = server.received[1].body["messages"][2]
    assert follow_up["role"] == "user" and "not valid JSON" in follow_up["content"]


def test_a_refusal_is_reported_without_retrying() -> None:
    refusal = Reply(
        {
            "model": "claude-test-1",
            "content": [],
            "stop_reason": "refusal",
            "usage": {"input_tokens": 5, "output_tokens": 0},
        }
    )
    with wire_server([refusal]) as server, pytest.raises(ProviderError) as caught:
        ask(provider(server.url))
    assert caught.value.reason == "refusal" and not caught.value.retryable
    assert len(server.received) == 1


def test_rate_limits_and_overload_are_retried_honouring_retry_after() -> None:
    replies = [
        error_reply(429, "rate_limit_error", {"retry-after": "0.3"}),
        error_reply(529, "overloaded_error"),
        tool_reply({"invoice_number": "INV-7", "total": 12.5}),
    ]
    with wire_server(replies) as server:
        started = time.monotonic()
        completion = ask(provider(server.url, max_retries=2))
        elapsed = time.monotonic() - started
    assert completion.value["invoice_number"] == "INV-7"
    assert len(server.received) == 3
    assert elapsed >= 0.3


def test_retries_stop_after_the_configured_number() -> None:
    with (
        wire_server([error_reply(529, "overloaded_error")]) as server,
        pytest.raises(ProviderError) as caught,
    ):
        ask(provider(server.url, max_retries=2))
    assert caught.value.reason == "server_error" and caught.value.retryable
    assert len(server.received) == 3


def test_an_authentication_error_is_not_retried() -> None:
    with (
        wire_server([error_reply(401, "authentication_error")]) as server,
        pytest.raises(ProviderError) as caught,
    ):
        ask(provider(server.url))
    assert caught.value.reason == "auth" and len(server.received) == 1


def test_a_server_slower_than_the_timeout_is_a_timeout() -> None:
    slow = tool_reply({"invoice_number": "INV-7", "total": 1})
    slow.delay = 2.0
    with wire_server([slow]) as server:
        started = time.monotonic()
        with pytest.raises(ProviderError) as caught:
            ask(provider(server.url, max_retries=0, timeout=0.3))
    assert caught.value.reason == "timeout" and caught.value.retryable
    assert time.monotonic() - started < 1.5
