"""Retrying a model call that failed for a passing reason, waiting longer each time."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pagemill.processors.models.providers.base import ProviderError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """`max_retries` tries after the first; the n-th waits about `first_delay * 2**n`, never over `max_delay`
    unless the server asked for longer (Retry-After), which is honoured up to `max_server_delay`."""

    max_retries: int = 3
    first_delay: float = 1.0
    max_delay: float = 30.0
    max_server_delay: float = 120.0

    def delay(self, retry_number: int, retry_after: float | None) -> float:
        backoff = min(self.max_delay, self.first_delay * 2**retry_number)
        # Jitter keeps processes that failed together from retrying in lockstep.
        jittered = backoff * random.uniform(0.5, 1.0)
        if retry_after is not None:
            return max(jittered, min(retry_after, self.max_server_delay))
        return jittered


def call_with_retries(
    call: Callable[[], T], policy: RetryPolicy, sleep: Callable[[float], None] = time.sleep
) -> T:
    """`call()`, tried again after retryable `ProviderError`s; the last error is raised when tries run out."""
    retry_number = 0
    while True:
        try:
            return call()
        except ProviderError as error:
            if not error.retryable or retry_number >= policy.max_retries:
                raise
            sleep(policy.delay(retry_number, error.retry_after))
            retry_number += 1
