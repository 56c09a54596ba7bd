"""Which addresses are public, and how the allow-list opens non-public ones."""

from __future__ import annotations

import ipaddress

import pytest

from pagemill.net.address_policy import AddressPolicy, non_public_kind


def ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    return ipaddress.ip_address(text)


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "a loopback address"),
        ("127.255.0.9", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.0.0.1", "a private address"),
        ("172.16.0.1", "a private address"),
        ("192.168.255.255", "a private address"),
        ("fd00::1", "a private address"),
        ("100.64.0.1", "a shared carrier-grade NAT address"),
        ("100.127.255.254", "a shared carrier-grade NAT address"),
        ("169.254.169.254", "a link-local address (this range holds cloud metadata services)"),
        ("fe80::1", "a link-local address (this range holds cloud metadata services)"),
        ("224.0.0.1", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("0.0.0.0", "an unspecified address"),
        ("::", "an unspecified address"),
        ("240.0.0.1", "a reserved address"),
        ("192.0.2.10", "a non-public address"),  # documentation range
        ("198.18.0.1", "a non-public address"),  # benchmarking range
        ("::ffff:127.0.0.1", "a loopback address"),  # IPv4-mapped
        ("::ffff:169.254.169.254", "a link-local address (this range holds cloud metadata services)"),
        ("64:ff9b::10.0.0.1", "a private address"),  # NAT64
        ("2002:7f00:1::", "a loopback address"),  # 6to4 around 127.0.0.1
    ],
)
def test_non_public_addresses_are_named(address: str, kind: str) -> None:
    assert non_public_kind(ip(address)) == kind


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2606:4700::1111"]
)
def test_public_addresses_are_not_flagged(address: str) -> None:
    assert non_public_kind(ip(address)) is None


def test_without_an_allow_list_non_public_addresses_are_refused() -> None:
    policy = AddressPolicy()

    assert policy.refusal("files.internal", ip("10.1.2.3")) == (
        "refused: files.internal resolves to 10.1.2.3, which is a private address; "
        "allow it with PAGEMILL_FETCH_ALLOW_HOSTS"
    )
    assert policy.refusal("93.184.216.34", ip("93.184.216.34")) is None


def test_an_allowed_host_name_opens_all_its_addresses() -> None:
    policy = AddressPolicy(["Files.Internal."])

    assert policy.refusal("files.internal", ip("10.1.2.3")) is None
    assert policy.refusal("FILES.INTERNAL", ip("127.0.0.1")) is None
    assert policy.refusal("other.internal", ip("10.1.2.3")) is not None


def test_an_allowed_range_opens_addresses_inside_it_only() -> None:
    policy = AddressPolicy(["10.20.0.0/16", "fd00:1::/32", " ", "192.168.1.7"])

    assert policy.refusal("a.internal", ip("10.20.3.4")) is None
    assert policy.refusal("a.internal", ip("::ffff:10.20.3.4")) is None
    assert policy.refusal("a.internal", ip("fd00:1::9")) is None
    assert policy.refusal("a.internal", ip("192.168.1.7")) is None
    assert policy.refusal("a.internal", ip("10.21.0.1")) is not None
    assert policy.refusal("a.internal", ip("192.168.1.8")) is not None
