"""Retryable provider errors are tried again with growing waits; others, or the last one, are raised."""

from __future__ import annotations

import pytest

from pagemill.processors.models.providers.base import ProviderError
from pagemill.processors.models.providers.retry import RetryPolicy, call_with_retries


class Flaky:
    """Fails with the given errors, in order, then answers "ok"."""

    def __init__(self, *errors: ProviderError):
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


def passing(reason: str = "server_error", retry_after: float | None = None) -> ProviderError:
    return ProviderError(reason, "try later", retryable=True, retry_after=retry_after)


def test_waits_grow_exponentially_up_to_the_cap() -> None:
    waits: list[float] = []
    policy = RetryPolicy(max_retries=5, first_delay=1.0, max_delay=6.0)
    flaky = Flaky(*(passing() for _ in range(5)))
    assert call_with_retries(flaky, policy, sleep=waits.append) == "ok"
    assert flaky.calls == 6
    for number, (wait, full) in enumerate(zip(waits, [1, 2, 4, 6, 6], strict=True)):
        assert full / 2 <= wait <= full, f"retry {number} waited {wait}"


def test_the_servers_retry_after_is_honoured() -> None:
    waits: list[float] = []
    call_with_retries(
        Flaky(passing("rate_limited", retry_after=9.0)), RetryPolicy(first_delay=0.1), sleep=waits.append
    )
    assert waits == [9.0]


def test_the_last_error_is_raised_when_retries_run_out() -> None:
    flaky = Flaky(passing(), passing(), passing("timeout"))
    with pytest.raises(ProviderError, match="timeout"):
        call_with_retries(flaky, RetryPolicy(max_retries=2), sleep=lambda _: None)
    assert flaky.calls == 3


def test_an_error_that_is_not_retryable_is_raised_at_once() -> None:
    flaky = Flaky(ProviderError("auth", "bad key", retryable=False))
    with pytest.raises(ProviderError, match="auth"):
        call_with_retries(flaky, RetryPolicy(max_retries=3), sleep=lambda _: None)
    assert flaky.calls == 1
