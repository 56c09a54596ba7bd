"""The loop every provider shares: ask (through the rate limit, with retries), read the JSON, repair once."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Protocol

from pagemill.processors.models.providers.base import Completion, ProviderError
from pagemill.processors.models.providers.json_answer import (
    InvalidAnswer,
    check_schema,
    parse_answer,
    repair_instruction,
    schema_instruction,
)
from pagemill.processors.models.providers.rate_limit import RateLimiter
from pagemill.processors.models.providers.retry import RetryPolicy, call_with_retries


@dataclass(frozen=True)
class Request:
    system: str
    prompt: str
    schema: dict[str, Any]
    max_tokens: int
    temperature: float


@dataclass(frozen=True)
class Answer:
    """One reply: `text` is the JSON the model wrote; `turn` is the provider's own form of the reply, to quote
    it back when asking for a repair."""

    text: str
    input_tokens: int
    output_tokens: int
    model: str
    turn: Any = None


@dataclass(frozen=True)
class Repair:
    answer: Answer
    problem: str


class Generate(Protocol):
    def __call__(self, request: Request, repair: Repair | None) -> Answer: ...


@dataclass(frozen=True)
class CallPolicy:
    retry: RetryPolicy
    limiter: RateLimiter
    timeout_seconds: float


def complete_structured(generate: Generate, request: Request, policy: CallPolicy) -> Completion:
    """The schema-valid answer to `request`, asking once more with the problem when the first is invalid."""
    check_schema(request.schema)
    started = time.monotonic()
    answers: list[Answer] = []

    def ask(repair: Repair | None) -> Answer:
        def attempt() -> Answer:
            policy.limiter.acquire(policy.timeout_seconds)
            return generate(request, repair)

        answer = call_with_retries(attempt, policy.retry)
        answers.append(answer)
        return answer

    answer = ask(None)
    try:
        value = parse_answer(answer.text, request.schema)
    except InvalidAnswer as first_problem:
        answer = ask(Repair(answer, str(first_problem)))
        try:
            value = parse_answer(answer.text, request.schema)
        except InvalidAnswer as problem:
            raise ProviderError("invalid_json", f"{problem} (after one repair)", retryable=False) from problem
    usage = {
        "inputTokens": sum(a.input_tokens for a in answers),
        "outputTokens": sum(a.output_tokens for a in answers),
    }
    return Completion(value=value, usage=usage, model=answer.model, seconds=time.monotonic() - started)


def chat_messages(request: Request, repair: Repair | None) -> list[dict[str, str]]:
    """OpenAI-style chat messages, the schema spelt out in the system message."""
    messages = [
        {"role": "system", "content": schema_instruction(request.system, request.schema)},
        {"role": "user", "content": request.prompt},
    ]
    if repair is not None:
        messages += [
            {"role": "assistant", "content": repair.answer.text},
            {"role": "user", "content": repair_instruction(repair.problem)},
        ]
    return messages


class StructuredProvider:
    """The LLM providers' common part: `complete_json` runs `complete_structured` over their `generate`."""

    name: str
    policy: CallPolicy

    def complete_json(
        self, *, system: str, prompt: str, schema: dict[str, Any], max_tokens: int, temperature: float = 0.0
    ) -> Completion:
        request = Request(system, prompt, schema, max_tokens, temperature)
        return complete_structured(self.generate, request, self.policy)

    def generate(self, request: Request, repair: Repair | None) -> Answer:
        """One request to the model (the retries, rate limit and repair are the caller's)."""
        raise NotImplementedError
