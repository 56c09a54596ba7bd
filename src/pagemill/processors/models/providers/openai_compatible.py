"""Any server that speaks OpenAI's chat completions: OpenAI, vLLM, Ollama, llama.cpp's servers.

Output is constrained with `response_format: json_schema`; a server that refuses that is asked again with
`json_object` (plus the schema, which llama.cpp servers use as a grammar and the others ignore), and is
remembered as such for the life of the provider.
"""

from __future__ import annotations

from typing import Any

from pagemill.processors.models.providers.base import ProviderError
from pagemill.processors.models.providers.http_post import post_json
from pagemill.processors.models.providers.structured import (
    Answer,
    CallPolicy,
    Repair,
    Request,
    StructuredProvider,
    chat_messages,
)

SCHEMA_NAME = "answer"


class OpenAICompatibleProvider(StructuredProvider):
    name = "openai"

    def __init__(self, *, base_url: str, model: str, api_key: str | None, policy: CallPolicy):
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.policy = policy
        self.supports_json_schema = True

    def generate(self, request: Request, repair: Repair | None) -> Answer:
        if not self.supports_json_schema:
            return self._chat(request, repair, json_schema=False)
        try:
            return self._chat(request, repair, json_schema=True)
        except ProviderError as error:
            if not refuses_response_format(error):
                raise
        answer = self._chat(request, repair, json_schema=False)
        self.supports_json_schema = False  # only now: the request was refused for its response_format
        return answer

    def _chat(self, request: Request, repair: Repair | None, *, json_schema: bool) -> Answer:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        body = {
            "model": self.model,
            "messages": chat_messages(request, repair),
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "response_format": response_format(request.schema, json_schema=json_schema),
        }
        reply = post_json(self.url, body, headers=headers, timeout=self.policy.timeout_seconds)
        return read_reply(reply, self.model)


def refuses_response_format(error: ProviderError) -> bool:
    """Whether a json_schema request may have failed for its response_format: any 4xx, or an error that
    names it (llama-cpp-python's server answers such a request with HTTP 500)."""
    return (
        error.reason == "bad_request" or "response_format" in error.message or "json_schema" in error.message
    )


def response_format(schema: dict[str, Any], *, json_schema: bool) -> dict[str, Any]:
    if json_schema:
        return {
            "type": "json_schema",
            "json_schema": {"name": SCHEMA_NAME, "schema": schema, "strict": is_strict_compatible(schema)},
        }
    return {"type": "json_object", "schema": schema}


def is_strict_compatible(schema: dict[str, Any]) -> bool:
    """Whether OpenAI's strict mode accepts `schema`: every object closed and every property required."""
    if schema.get("type") == "object" or "properties" in schema:
        properties = schema.get("properties") or {}
        if schema.get("additionalProperties") is not False or set(schema.get("required") or []) != set(
            properties
        ):
            return False
    return all(is_strict_compatible(child) for child in subschemas(schema))


def subschemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    children: list[Any] = [schema.get("items")]
    for keyword in ("properties", "$defs", "definitions"):
        children += list((schema.get(keyword) or {}).values())
    for keyword in ("anyOf", "oneOf", "allOf", "prefixItems"):
        children += list(schema.get(keyword) or [])
    return [child for child in children if isinstance(child, dict)]


def read_reply(reply: dict[str, Any], model: str) -> Answer:
    choices = reply.get("choices") or []
    if not choices or not isinstance(choices[0], dict):
        raise ProviderError("server_error", "the reply has no choices", retryable=True)
    choice = choices[0]
    message = choice.get("message") or {}
    if message.get("refusal"):
        raise ProviderError("refusal", str(message["refusal"]), retryable=False)
    if choice.get("finish_reason") == "content_filter":
        raise ProviderError("refusal", "the server's content filter stopped the answer", retryable=False)
    usage = reply.get("usage") or {}
    return Answer(
        text=message.get("content") or "",
        input_tokens=int(usage.get("prompt_tokens") or 0),
        output_tokens=int(usage.get("completion_tokens") or 0),
        model=str(reply.get("model") or model),
    )
