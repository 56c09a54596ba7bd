"""Anthropic's Messages API. The output is constrained by forcing one tool call whose input schema is the
schema asked for."""

from __future__ import annotations

import json
from typing import Any

from pagemill.processors.models.providers.base import ProviderError
from pagemill.processors.models.providers.http_post import post_json
from pagemill.processors.models.providers.json_answer import repair_instruction
from pagemill.processors.models.providers.structured import (
    Answer,
    CallPolicy,
    Repair,
    Request,
    StructuredProvider,
)

API_VERSION = "2023-06-01"
TOOL_NAME = "record_answer"
TOOL_DESCRIPTION = "Record the answer. Its input is the whole answer."


class AnthropicProvider(StructuredProvider):
    name = "anthropic"

    def __init__(self, *, base_url: str, model: str, api_key: str | None, policy: CallPolicy):
        self.url = base_url.rstrip("/") + "/v1/messages"
        self.model = model
        self.api_key = api_key
        self.policy = policy

    def generate(self, request: Request, repair: Repair | None) -> Answer:
        headers = {"anthropic-version": API_VERSION}
        if self.api_key:
            headers["x-api-key"] = self.api_key
        body = {
            "model": self.model,
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "system": request.system,
            "messages": messages(request, repair),
            "tools": [{"name": TOOL_NAME, "description": TOOL_DESCRIPTION, "input_schema": request.schema}],
            "tool_choice": {"type": "tool", "name": TOOL_NAME},
        }
        reply = post_json(self.url, body, headers=headers, timeout=self.policy.timeout_seconds)
        return read_reply(reply, self.model)


def messages(request: Request, repair: Repair | None) -> list[dict[str, Any]]:
    conversation: list[dict[str, Any]] = [{"role": "user", "content": request.prompt}]
    if repair is None:
        return conversation
    content = repair.answer.turn or [{"type": "text", "text": repair.answer.text or "(no answer)"}]
    conversation.append({"role": "assistant", "content": content})
    tool_use = next((block for block in content if block.get("type") == "tool_use"), None)
    if tool_use is None:
        conversation.append({"role": "user", "content": repair_instruction(repair.problem)})
    else:
        conversation.append(
            {
                "role": "user",
                "content": [
                    {
                        "type": "tool_result",
                        "tool_use_id": tool_use["id"],
                        "is_error": True,
                        "content": repair_instruction(repair.problem),
                    }
                ],
            }
        )
    return conversation


def read_reply(reply: dict[str, Any], model: str) -> Answer:
    if reply.get("stop_reason") == "refusal":
        raise ProviderError("refusal", "the model declined to answer", retryable=False)
    content = [block for block in reply.get("content") or [] if isinstance(block, dict)]
    tool_use = next(
        (block for block in content if block.get("type") == "tool_use" and block.get("name") == TOOL_NAME),
        None,
    )
    if tool_use is not None:
        text = json.dumps(tool_use.get("input"))
    else:
        # No tool call: whatever text there is gets read (and most likely repaired).
        text = "".join(str(block.get("text") or "") for block in content if block.get("type") == "text")
    usage = reply.get("usage") or {}
    input_tokens = sum(
        int(usage.get(key) or 0)
        for key in ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")
    )
    return Answer(
        text=text,
        input_tokens=input_tokens,
        output_tokens=int(usage.get("output_tokens") or 0),
        model=str(reply.get("model") or model),
        turn=content or None,
    )
