"""The one way the server fetches URLs it is given (file URLs, external data validation, webhooks).

Only http(s); only to addresses the `AddressPolicy` accepts, checked at connect time on every redirect
hop; within one total time limit and a byte limit. Every refusal is an `InvalidRequest` the caller's
user can act on.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from tempfile import SpooledTemporaryFile
from types import TracebackType
from typing import Any, BinaryIO, TypeVar

import httpcore
import httpx

from pagemill.config import Settings
from pagemill.errors import InvalidRequest
from pagemill.net.address_policy import AddressPolicy
from pagemill.net.checked_connection import (
    CheckedBackend,
    CheckedTransport,
    FetchRefused,
    Resolver,
    resolve_checked,
    resolve_host,
)
from pagemill.net.filenames import download_filename

SPOOL_IN_MEMORY_BYTES = 4 * 1024 * 1024
_GET_ON_REDIRECT = {301: {"POST"}, 302: {"POST"}, 303: {"POST", "PUT", "PATCH", "DELETE"}}
_BODY_HEADERS = ("content-length", "content-type", "transfer-encoding")
_CREDENTIAL_HEADERS = ("authorization", "cookie")
Result = TypeVar("Result")


@dataclass
class FetchedFile:
    """A downloaded body, spooled to memory or a temp file and rewound; close it (or use `with`) when done."""

    body: BinaryIO
    size: int
    url: str
    content_type: str | None
    filename: str | None

    def close(self) -> None:
        self.body.close()

    def __enter__(self) -> FetchedFile:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


@dataclass(frozen=True)
class GuardedResponse:
    status: int
    headers: httpx.Headers
    body: bytes
    url: str

    @property
    def is_success(self) -> bool:
        return 200 <= self.status < 300


class UrlGuard:
    def __init__(
        self,
        policy: AddressPolicy,
        *,
        timeout_seconds: float,
        max_redirects: int,
        resolver: Resolver = resolve_host,
        ssl_context: ssl.SSLContext | None = None,
    ):
        self.policy = policy
        self.timeout_seconds = timeout_seconds
        self.max_redirects = max_redirects
        self._resolver = resolver
        self._ssl_context = ssl_context or httpx.create_ssl_context(trust_env=False)

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        resolver: Resolver = resolve_host,
        ssl_context: ssl.SSLContext | None = None,
    ) -> UrlGuard:
        return cls(
            AddressPolicy(settings.fetch_allow_hosts),
            timeout_seconds=settings.fetch_timeout_seconds,
            max_redirects=settings.fetch_max_redirects,
            resolver=resolver,
            ssl_context=ssl_context,
        )

    def check(self, url: str, *, path: str) -> None:
        """Raise `InvalidRequest` unless `url` is http(s) and its host resolves only to permitted addresses.

        A passed check is advice for early validation; `fetch` and `request` check again as they connect."""
        parsed = _http_url(url, path)
        deadline = time.monotonic() + self.timeout_seconds
        try:
            resolve_checked(
                self.policy, self._resolver, parsed.host, parsed.port or _default_port(parsed), deadline
            )
        except FetchRefused as exc:
            raise InvalidRequest(str(exc), path=path) from None
        except httpcore.TimeoutException as exc:  # the DNS lookup outlived the time limit
            raise self._timed_out(url, path) from exc

    def fetch(self, url: str, *, path: str, max_bytes: int) -> FetchedFile:
        """GET `url` (following permitted redirects) into a spooled file; non-2xx answers are refused."""

        def read(response: httpx.Response) -> FetchedFile:
            if not response.is_success:
                raise InvalidRequest(
                    f"{response.url} answered HTTP {response.status_code}; a file URL must answer 2xx",
                    path=path,
                )
            spool = SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_BYTES)  # noqa: SIM115 -- handed to the caller
            try:
                size = 0
                for chunk in _limited(response, max_bytes, path):
                    spool.write(chunk)
                    size += len(chunk)
                spool.seek(0)
            except BaseException:
                spool.close()
                raise
            final_url = str(response.url)
            return FetchedFile(
                body=spool,  # type: ignore[arg-type]
                size=size,
                url=final_url,
                content_type=response.headers.get("content-type"),
                filename=download_filename(response.headers.get("content-disposition"), final_url),
            )

        return self._exchange(httpx.Request("GET", _http_url(url, path)), path, read)

    def request(
        self,
        method: str,
        url: str,
        *,
        path: str,
        json: Any = None,
        headers: dict[str, str] | None = None,
        max_bytes: int,
    ) -> GuardedResponse:
        """Send one request (webhooks, external calls). Any HTTP status is returned, not raised: the caller
        decides what a 4xx or 5xx means (retry, record, report); refusals, limits and timeouts raise."""

        def read(response: httpx.Response) -> GuardedResponse:
            body = b"".join(_limited(response, max_bytes, path))
            return GuardedResponse(response.status_code, response.headers, body, str(response.url))

        built = httpx.Request(method.upper(), _http_url(url, path), json=json, headers=headers)
        return self._exchange(built, path, read)

    def _exchange(
        self, request: httpx.Request, path: str, read: Callable[[httpx.Response], Result]
    ) -> Result:
        deadline = time.monotonic() + self.timeout_seconds
        transport = CheckedTransport(CheckedBackend(self.policy, self._resolver, deadline), self._ssl_context)
        original_url = str(request.url)
        with httpx.Client(transport=transport, trust_env=False, timeout=self.timeout_seconds) as client:
            try:
                for _hop in range(self.max_redirects + 1):
                    response = client.send(request, follow_redirects=False, stream=True)
                    try:
                        if not response.has_redirect_location:
                            return read(response)
                        request = _redirected(request, response, path)
                    finally:
                        response.close()
            except FetchRefused as exc:
                raise InvalidRequest(str(exc), path=path) from None
            except httpx.TimeoutException as exc:
                raise self._timed_out(original_url, path) from exc
            except httpx.HTTPError as exc:
                raise InvalidRequest(f"could not fetch {request.url}: {exc}", path=path) from exc
        raise InvalidRequest(
            f"{original_url} redirected more than {self.max_redirects} times; give the final URL instead",
            path=path,
        )

    def _timed_out(self, url: str, path: str) -> InvalidRequest:
        return InvalidRequest(
            f"{url} did not answer completely within {self.timeout_seconds:g} seconds "
            "(PAGEMILL_FETCH_TIMEOUT_SECONDS)",
            path=path,
        )


def _http_url(url: str, path: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise InvalidRequest(f"{url!r} is not a valid URL: {exc}", path=path) from None
    if parsed.scheme not in ("http", "https"):
        shown = parsed.scheme or "no scheme"
        raise InvalidRequest(f"only http and https URLs can be fetched, not {shown}: {url}", path=path)
    if not parsed.host:
        raise InvalidRequest(f"{url} has no host", path=path)
    return parsed


def _default_port(url: httpx.URL) -> int:
    return 443 if url.scheme == "https" else 80


def _limited(response: httpx.Response, max_bytes: int, path: str) -> Iterator[bytes]:
    """The decoded body in chunks, refused as soon as it is known to pass `max_bytes`."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(response, max_bytes, path)
    received = 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise _too_large(response, max_bytes, path)
        yield chunk


def _too_large(response: httpx.Response, max_bytes: int, path: str) -> InvalidRequest:
    return InvalidRequest(f"{response.url} is larger than the limit of {max_bytes} bytes", path=path)


def _redirected(request: httpx.Request, response: httpx.Response, path: str) -> httpx.Request:
    """The request a redirect asks for, as browsers do: GET, no body, after 303 (and 301/302 from POST)."""
    target = _http_url(str(request.url.join(response.headers["location"])), path)
    headers = request.headers.copy()
    del headers["host"]
    method, content = request.method, request.content
    if method in _GET_ON_REDIRECT.get(response.status_code, set()):
        method, content = "GET", b""
        for name in _BODY_HEADERS:
            headers.pop(name, None)
    if (target.scheme, target.host, target.port) != (request.url.scheme, request.url.host, request.url.port):
        for name in _CREDENTIAL_HEADERS:
            headers.pop(name, None)
    return httpx.Request(method, target, headers=headers, content=content or None)
