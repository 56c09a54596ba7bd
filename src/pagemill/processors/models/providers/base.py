"""The port every processor talks to a language model through: JSON in the shape of a schema, or a
typed error."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True)
class Completion:
    """One answer: `value` is valid against the schema asked for; `usage` counts every request it took."""

    value: dict[str, Any]
    usage: dict[str, int] = field(default_factory=lambda: {"inputTokens": 0, "outputTokens": 0})
    model: str = ""
    seconds: float = 0.0


class ProviderError(Exception):
    """A model call that gave no usable answer.

    `reason` is one of: timeout, rate_limited, unavailable, server_error, invalid_json, refusal, bad_request,
    auth. `retryable` says whether the same request may succeed later; `retry_after` is the server's hint.
    """

    def __init__(self, reason: str, message: str, *, retryable: bool, retry_after: float | None = None):
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message
        self.retryable = retryable
        self.retry_after = retry_after


@runtime_checkable
class ModelProvider(Protocol):
    """A language model that answers with JSON constrained to a JSON schema whose root is an object."""

    name: str

    def complete_json(
        self, *, system: str, prompt: str, schema: dict[str, Any], max_tokens: int, temperature: float = 0.0
    ) -> Completion:
        """The model's answer to `prompt` as a value valid against `schema`; raises `ProviderError`."""
        ...
