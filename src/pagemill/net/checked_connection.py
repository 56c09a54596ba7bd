"""Connections that go only to addresses the policy accepted, within one overall deadline.

The check happens where the connection is made: the host is resolved once, every address is checked, and the
socket is opened to that checked address. The URL keeps its host name, so the Host header and TLS SNI and
certificate checks stay those of the name, while a DNS answer that changes between a check and a connect
(DNS rebinding) has nothing to exploit.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

import httpcore
import httpx

from pagemill.net.address_policy import AddressPolicy, IPAddress, normalize_host

Resolver = Callable[[str, int], list[IPAddress]]

# getaddrinfo cannot be interrupted; a lookup that outlives its deadline finishes here, away from the caller.
_dns_lookups = ThreadPoolExecutor(max_workers=4, thread_name_prefix="pagemill-dns")


class FetchRefused(Exception):
    """The URL may not be fetched; the message tells the user why and what to do."""


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address the system resolver gives for `host`, in its order of preference, without repeats."""
    addresses: list[IPAddress] = []
    for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def resolve_checked(
    policy: AddressPolicy, resolver: Resolver, host: str, port: int, deadline: float
) -> list[IPAddress]:
    """The addresses of `host`, all accepted by `policy`; raises `FetchRefused` if any is refused."""
    name = normalize_host(host)
    lookup = _dns_lookups.submit(resolver, name, port)
    try:
        addresses = lookup.result(timeout=_remaining(deadline, httpcore.ConnectTimeout))
    except FutureTimeout:
        raise httpcore.ConnectTimeout(f"looking up {name} took too long") from None
    except (OSError, UnicodeError) as exc:
        raise FetchRefused(f"cannot resolve host {name}: {exc}") from None
    if not addresses:
        raise FetchRefused(f"cannot resolve host {name}: no addresses")
    for address in addresses:
        refusal = policy.refusal(name, address)
        if refusal is not None:
            raise FetchRefused(refusal)
    return addresses


class CheckedBackend(httpcore.SyncBackend):
    def __init__(self, policy: AddressPolicy, resolver: Resolver, deadline: float):
        self._policy = policy
        self._resolver = resolver
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_checked(self._policy, self._resolver, host, port, self._deadline)
        failure: httpcore.ConnectError | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(
                    str(address),
                    port,
                    timeout=_bounded(timeout, self._deadline, httpcore.ConnectTimeout),
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:
                failure = exc
                continue
            return DeadlineStream(stream, self._deadline)
        assert failure is not None
        raise failure


class DeadlineStream(httpcore.NetworkStream):
    """Caps every socket wait at what is left of the deadline, so a slow-drip server can't stretch a fetch."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float):
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, self._deadline, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, self._deadline, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, self._deadline, httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class CheckedTransport(httpx.HTTPTransport):
    def __init__(self, backend: CheckedBackend, ssl_context: ssl.SSLContext):
        super().__init__(verify=ssl_context, trust_env=False)
        # httpx offers no public way to choose the network backend: replace the pool it built by the same pool
        # with ours (httpx is pinned, and the checked-connection tests fail if this stops taking effect).
        self._pool = httpcore.ConnectionPool(ssl_context=ssl_context, network_backend=backend)


def _remaining(deadline: float, timeout_error: type[httpcore.TimeoutException]) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise timeout_error("the time limit was reached")
    return remaining


def _bounded(timeout: float | None, deadline: float, timeout_error: type[httpcore.TimeoutException]) -> float:
    remaining = _remaining(deadline, timeout_error)
    return remaining if timeout is None else min(timeout, remaining)
