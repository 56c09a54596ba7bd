"""Which network addresses the server may fetch from: public ones, plus whatever the operator allow-lists.

Refused unless allow-listed: loopback, private (RFC 1918, ULA), shared CGNAT space, link-local (which holds
cloud metadata at 169.254.169.254), multicast, unspecified, reserved and every other non-global
range, also when written inside an IPv6 address (IPv4-mapped, NAT64, 6to4, Teredo).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOW_SETTING = "PAGEMILL_FETCH_ALLOW_HOSTS"

_PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(cidr) for cidr in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
)
_SHARED_NETWORK = ipaddress.ip_network("100.64.0.0/10")
_NAT64_NETWORK = ipaddress.ip_network("64:ff9b::/96")


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (IPv4-mapped, NAT64, 6to4, Teredo), if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64_NETWORK:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


def non_public_kind(address: IPAddress) -> str | None:
    """What kind of non-public address this is (`"a loopback address"` …), or None for a public address."""
    inner = embedded_ipv4(address)
    if inner is not None:
        return non_public_kind(inner)
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address (this range holds cloud metadata services)"
    if any(address in network for network in _PRIVATE_NETWORKS):
        return "a private address"
    if address in _SHARED_NETWORK:
        return "a shared carrier-grade NAT address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_reserved:
        return "a reserved address"
    if not address.is_global:
        return "a non-public address"
    return None


class AddressPolicy:
    """Decides whether a host name and its resolved address may be connected to."""

    def __init__(self, allow: Iterable[str] = ()):
        self._hosts: set[str] = set()
        self._networks: list[IPNetwork] = []
        for entry in allow:
            entry = entry.strip()
            if not entry:
                continue
            try:
                self._networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                self._hosts.add(normalize_host(entry))

    def refusal(self, host: str, address: IPAddress) -> str | None:
        """None when `address` (resolved from `host`) may be used, else why not and what to do."""
        if self._allowed(host, address):
            return None
        kind = non_public_kind(address)
        if kind is None:
            return None
        literal = _is_literal(host, address)
        subject = normalize_host(host) if literal else f"{host} resolves to {address}, which"
        return f"refused: {subject} is {kind}; allow it with {ALLOW_SETTING}"

    def _allowed(self, host: str, address: IPAddress) -> bool:
        if normalize_host(host) in self._hosts:
            return True
        forms = [address, embedded_ipv4(address)]
        return any(form in network for form in forms if form is not None for network in self._networks)


def normalize_host(host: str) -> str:
    return host.strip("[]").rstrip(".").lower()


def _is_literal(host: str, address: IPAddress) -> bool:
    try:
        return ipaddress.ip_address(normalize_host(host)) == address
    except ValueError:
        return False
