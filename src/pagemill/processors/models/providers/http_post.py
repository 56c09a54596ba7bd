"""POSTing to a model server with httpx, and turning what goes wrong into `ProviderError`s."""

from __future__ import annotations

import email.utils
import time
from functools import lru_cache
from typing import Any

import httpx

from pagemill.processors.models.providers.base import ProviderError

RETRYABLE_STATUSES = {408, 409, 425, 500, 502, 503, 504, 529}
MAX_ERROR_TEXT = 500


def post_json(url: str, body: dict[str, Any], *, headers: dict[str, str], timeout: float) -> dict[str, Any]:
    """The JSON object the server answered with; raises `ProviderError` for every kind of failure."""
    try:
        response = shared_client().post(url, json=body, headers=headers, timeout=timeout)
    except httpx.TimeoutException as error:
        raise ProviderError(
            "timeout", f"{url} did not answer within {timeout:g} s", retryable=True
        ) from error
    except httpx.TransportError as error:
        raise ProviderError("unavailable", f"{url} cannot be reached: {error}", retryable=True) from error
    if response.status_code >= 400:
        raise status_error(response)
    try:
        answer = response.json()
    except ValueError as error:
        raise ProviderError(
            "server_error", f"{url} answered with something that is not JSON", retryable=True
        ) from error
    if not isinstance(answer, dict):
        raise ProviderError("server_error", f"{url} answered with JSON that is not an object", retryable=True)
    return answer


@lru_cache
def shared_client() -> httpx.Client:
    """One pooled client for every provider in the process (building one costs a TLS context)."""
    return httpx.Client()


def status_error(response: httpx.Response) -> ProviderError:
    status = response.status_code
    text = response.text[:MAX_ERROR_TEXT]
    if status == 429:
        return ProviderError(
            "rate_limited",
            f"HTTP 429: {text}",
            retryable=True,
            retry_after=retry_after_seconds(response.headers.get("retry-after")),
        )
    if status in RETRYABLE_STATUSES:
        return ProviderError(
            "timeout" if status == 408 else "server_error",
            f"HTTP {status}: {text}",
            retryable=True,
            retry_after=retry_after_seconds(response.headers.get("retry-after")),
        )
    if status in (401, 403):
        return ProviderError("auth", f"HTTP {status}: {text}", retryable=False)
    return ProviderError("bad_request", f"HTTP {status}: {text}", retryable=status >= 500)


def retry_after_seconds(header: str | None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    if not header:
        return None
    try:
        return max(0.0, float(header))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
