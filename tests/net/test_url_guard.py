"""The URL guard: what it refuses, what it lets through, and the limits it enforces, against real servers.

Every connection these tests can cause goes to loopback: refused addresses are refused before any socket is
opened, and the only servers that exist are the ones in conftest on 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pagemill.config import Settings
from pagemill.errors import InvalidRequest
from pagemill.net import UrlGuard
from pagemill.net.address_policy import IPAddress
from pagemill.net.checked_connection import resolve_host

from .conftest import BIG_BYTES, PDF_BYTES, TLS_HOST, LoopbackServer, TlsServer

PATH = "file.url"
ALLOW_HINT = "allow it with PAGEMILL_FETCH_ALLOW_HOSTS"


def make_guard(
    tmp_path: Path,
    *allow: str,
    resolver: Callable[[str, int], list[IPAddress]] = resolve_host,
    **settings: Any,
) -> UrlGuard:
    return UrlGuard.from_settings(
        Settings(home=tmp_path, fetch_allow_hosts=list(allow), **settings), resolver=resolver
    )


def fixed_dns(answers: dict[str, list[str]]) -> Callable[[str, int], list[IPAddress]]:
    """A resolver with fixed answers, standing in for DNS (which this machine has no access to)."""

    def resolve(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address(address) for address in answers[host]]

    return resolve


# Refused addresses


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "127.0.0.1 is a loopback address"),
        ("http://localhost:8080/x", "localhost resolves to"),
        ("http://[::1]/", "::1 is a loopback address"),
        ("http://10.0.0.1/", "10.0.0.1 is a private address"),
        ("http://172.16.8.9/", "172.16.8.9 is a private address"),
        ("http://172.31.255.1/", "172.31.255.1 is a private address"),
        ("http://192.168.1.20/", "192.168.1.20 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://100.64.0.1/", "100.64.0.1 is a shared carrier-grade NAT address"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1 is a loopback address"),
        ("http://[::ffff:10.1.2.3]/", "is a private address"),
        ("http://0.0.0.0/", "0.0.0.0 is an unspecified address"),
        ("http://[::]/", ":: is an unspecified address"),
        ("http://[fd12:3456::1]/", "is a private address"),
        ("http://[fe80::1]/", "is a link-local address"),
        ("http://224.0.0.251/", "is a multicast address"),
        ("http://240.0.0.1/", "is a reserved address"),
        (
            "http://2130706433/",
            "resolves to 127.0.0.1, which is a loopback address",
        ),  # 127.0.0.1 written as one number
    ],
)
def test_non_public_addresses_are_refused(tmp_path: Path, url: str, reason: str) -> None:
    guard = make_guard(tmp_path)

    with pytest.raises(InvalidRequest) as refused:
        guard.check(url, path=PATH)

    assert reason in refused.value.message
    assert ALLOW_HINT in refused.value.message
    assert refused.value.path == PATH
    assert refused.value.message.endswith(f"Path: {PATH}")


def test_the_refusal_message_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(InvalidRequest) as refused:
        make_guard(tmp_path).check("http://10.0.0.1/doc.pdf", path=PATH)

    assert str(refused.value) == (
        "refused: 10.0.0.1 is a private address; allow it with PAGEMILL_FETCH_ALLOW_HOSTS; Path: file.url"
    )


def test_a_name_resolving_to_loopback_is_refused(tmp_path: Path) -> None:
    guard = make_guard(tmp_path, resolver=fixed_dns({"innocent.example": ["127.0.0.1"]}))

    with pytest.raises(
        InvalidRequest, match="innocent.example resolves to 127.0.0.1, which is a loopback address"
    ):
        guard.check("https://innocent.example/report.pdf", path=PATH)


def test_a_name_with_any_refused_address_is_refused(tmp_path: Path) -> None:
    guard = make_guard(tmp_path, resolver=fixed_dns({"mixed.example": ["93.184.216.34", "192.168.0.10"]}))

    with pytest.raises(InvalidRequest, match="192.168.0.10, which is a private address"):
        guard.check("https://mixed.example/", path=PATH)


def test_a_public_address_passes_the_check(tmp_path: Path) -> None:
    guard = make_guard(
        tmp_path, resolver=fixed_dns({"files.example": ["93.184.216.34", "2606:2800:220:1::1"]})
    )

    guard.check("https://files.example/report.pdf", path=PATH)


def test_an_unresolvable_host_is_refused(tmp_path: Path) -> None:
    def no_dns(host: str, port: int) -> list[IPAddress]:
        raise OSError(-2, "Name or service not known")

    with pytest.raises(InvalidRequest, match="cannot resolve host nowhere.invalid"):
        make_guard(tmp_path, resolver=no_dns).check("http://nowhere.invalid/", path=PATH)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://files.example/a.pdf",
        "gopher://files.example/",
        "javascript:alert(1)",
        "/relative/path.pdf",
        "files.example/a.pdf",
        "",
    ],
)
def test_only_http_and_https_urls_are_accepted(tmp_path: Path, url: str) -> None:
    guard = make_guard(tmp_path)

    with pytest.raises(InvalidRequest, match="only http and https URLs can be fetched"):
        guard.check(url, path=PATH)
    with pytest.raises(InvalidRequest, match="only http and https URLs can be fetched"):
        guard.fetch(url, path=PATH, max_bytes=1000)


def test_fetch_refuses_a_server_that_is_not_allowed_and_never_reaches_it(
    tmp_path: Path, http_server: LoopbackServer
) -> None:
    with pytest.raises(InvalidRequest, match="127.0.0.1 is a loopback address"):
        make_guard(tmp_path).fetch(http_server.url("/file.pdf"), path=PATH, max_bytes=10**6)

    assert http_server.seen == []


# The allow-list


@pytest.mark.parametrize("allow", ["127.0.0.1", "127.0.0.0/8", "127.0.0.1/32"])
def test_an_allowed_address_or_range_is_fetched(
    tmp_path: Path, http_server: LoopbackServer, allow: str
) -> None:
    with make_guard(tmp_path, allow).fetch(
        http_server.url("/file.pdf"), path=PATH, max_bytes=10**6
    ) as fetched:
        assert fetched.body.read() == PDF_BYTES
        assert fetched.size == len(PDF_BYTES)
        assert fetched.content_type == "application/pdf"
        assert fetched.filename == "file.pdf"
        assert fetched.url == http_server.url("/file.pdf")


def test_an_allowed_host_name_is_fetched_through_the_system_resolver(
    tmp_path: Path, http_server: LoopbackServer
) -> None:
    url = http_server.url("/file.pdf", host="localhost")

    with make_guard(tmp_path, "localhost").fetch(url, path=PATH, max_bytes=10**6) as fetched:
        assert fetched.body.read() == PDF_BYTES
    assert http_server.seen[-1][2] == f"localhost:{http_server.base_port}"


def test_an_allowed_ipv4_range_also_allows_its_ipv4_mapped_form(tmp_path: Path) -> None:
    make_guard(tmp_path, "10.0.0.0/8").check("http://[::ffff:10.1.2.3]/", path=PATH)


def test_the_connection_goes_to_the_checked_address(tmp_path: Path, http_server: LoopbackServer) -> None:
    """DNS rebinding: the first answer is checked and used; a later, different answer is never consulted."""
    answers = iter([["127.0.0.1"], ["127.0.0.2"], ["127.0.0.2"]])
    guard = make_guard(
        tmp_path,
        "127.0.0.1/32",
        resolver=lambda host, port: [ipaddress.ip_address(address) for address in next(answers)],
    )

    with guard.fetch(
        http_server.url("/file.pdf", host="rebind.example"), path=PATH, max_bytes=10**6
    ) as fetched:
        assert fetched.body.read() == PDF_BYTES
    assert http_server.seen == [("GET", "/file.pdf", f"rebind.example:{http_server.base_port}")]


def test_https_to_a_pinned_address_keeps_the_host_name_for_sni_and_certificate(
    tmp_path: Path, https_server: TlsServer
) -> None:
    guard = UrlGuard.from_settings(
        Settings(home=tmp_path, fetch_allow_hosts=[TLS_HOST]),
        resolver=fixed_dns({TLS_HOST: ["127.0.0.1"]}),
        ssl_context=https_server.client_context,
    )
    url = f"https://{TLS_HOST}:{https_server.record.base_port}/file.pdf"

    with guard.fetch(url, path=PATH, max_bytes=10**6) as fetched:
        assert fetched.body.read() == PDF_BYTES
    assert https_server.record.seen[-1][2] == f"{TLS_HOST}:{https_server.record.base_port}"


def test_https_with_a_certificate_for_another_name_is_refused(
    tmp_path: Path, https_server: TlsServer
) -> None:
    guard = UrlGuard.from_settings(
        Settings(home=tmp_path, fetch_allow_hosts=["other.pagemill.test"]),
        resolver=fixed_dns({"other.pagemill.test": ["127.0.0.1"]}),
        ssl_context=https_server.client_context,
    )
    url = f"https://other.pagemill.test:{https_server.record.base_port}/file.pdf"

    with pytest.raises(InvalidRequest, match="could not fetch"):
        guard.fetch(url, path=PATH, max_bytes=10**6)


# Redirects


def test_redirects_are_followed_to_the_final_file(tmp_path: Path, http_server: LoopbackServer) -> None:
    guard = make_guard(tmp_path, "127.0.0.1", fetch_max_redirects=3)

    with guard.fetch(http_server.url("/hops?n=2"), path=PATH, max_bytes=10**6) as fetched:
        assert fetched.body.read() == PDF_BYTES
        assert fetched.url == http_server.url("/file.pdf")


def test_a_redirect_to_a_refused_address_is_refused(tmp_path: Path, http_server: LoopbackServer) -> None:
    target = f"http://127.0.0.2:{http_server.base_port}/file.pdf"

    with pytest.raises(InvalidRequest, match="127.0.0.2 is a loopback address"):
        make_guard(tmp_path, "127.0.0.1").fetch(
            http_server.url(f"/redirect?to={target}"), path=PATH, max_bytes=10**6
        )


def test_a_redirect_to_another_scheme_is_refused(tmp_path: Path, http_server: LoopbackServer) -> None:
    with pytest.raises(InvalidRequest, match="only http and https URLs can be fetched, not file"):
        make_guard(tmp_path, "127.0.0.1").fetch(
            http_server.url("/redirect?to=file:///etc/passwd"), path=PATH, max_bytes=10**6
        )


def test_more_redirects_than_allowed_are_refused(tmp_path: Path, http_server: LoopbackServer) -> None:
    guard = make_guard(tmp_path, "127.0.0.1", fetch_max_redirects=2)

    with pytest.raises(InvalidRequest, match="redirected more than 2 times"):
        guard.fetch(http_server.url("/hops?n=2"), path=PATH, max_bytes=10**6)
    with pytest.raises(InvalidRequest, match="redirected more than 2 times"):
        guard.fetch(http_server.url("/loop"), path=PATH, max_bytes=10**6)


# Limits and statuses


@pytest.mark.parametrize("route", ["/big", "/big-unsized"])
def test_a_body_over_the_byte_limit_is_refused(
    tmp_path: Path, http_server: LoopbackServer, route: str
) -> None:
    with pytest.raises(InvalidRequest, match=f"larger than the limit of {BIG_BYTES - 1} bytes"):
        make_guard(tmp_path, "127.0.0.1").fetch(http_server.url(route), path=PATH, max_bytes=BIG_BYTES - 1)


@pytest.mark.parametrize("route", ["/big", "/big-unsized"])
def test_a_body_exactly_at_the_byte_limit_is_fetched(
    tmp_path: Path, http_server: LoopbackServer, route: str
) -> None:
    with make_guard(tmp_path, "127.0.0.1").fetch(
        http_server.url(route), path=PATH, max_bytes=BIG_BYTES
    ) as fetched:
        assert fetched.size == BIG_BYTES
        assert len(fetched.body.read()) == BIG_BYTES


@pytest.mark.parametrize("route", ["/slow", "/drip"])
def test_the_total_time_limit_is_enforced(tmp_path: Path, http_server: LoopbackServer, route: str) -> None:
    """`/drip` answers every read quickly: only a limit on the whole exchange stops it."""
    guard = make_guard(tmp_path, "127.0.0.1", fetch_timeout_seconds=0.5)
    started = time.monotonic()

    with pytest.raises(InvalidRequest, match="did not answer completely within 0.5 seconds"):
        guard.fetch(http_server.url(route), path=PATH, max_bytes=10**6)

    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("status", [404, 500])
def test_fetch_refuses_a_non_2xx_answer(tmp_path: Path, http_server: LoopbackServer, status: int) -> None:
    with pytest.raises(InvalidRequest, match=f"answered HTTP {status}"):
        make_guard(tmp_path, "127.0.0.1").fetch(
            http_server.url(f"/status?code={status}"), path=PATH, max_bytes=1000
        )


def test_the_file_name_comes_from_content_disposition(tmp_path: Path, http_server: LoopbackServer) -> None:
    with make_guard(tmp_path, "127.0.0.1").fetch(
        http_server.url("/named"), path=PATH, max_bytes=10**6
    ) as fetched:
        assert fetched.filename == "résumé.pdf"


# Requests (webhooks, external calls)


def test_request_sends_json_and_headers(tmp_path: Path, http_server: LoopbackServer) -> None:
    response = make_guard(tmp_path, "127.0.0.1").request(
        "POST",
        http_server.url("/echo"),
        path="webhook.url",
        json={"event": "file.processed"},
        headers={"X-Signature": "abc"},
        max_bytes=10**6,
    )

    assert response.status == 200 and response.is_success
    echoed = json.loads(response.body)
    assert echoed["method"] == "POST"
    assert json.loads(echoed["body"]) == {"event": "file.processed"}
    assert echoed["headers"]["x-signature"] == "abc"
    assert response.headers["content-type"] == "application/json"


def test_request_returns_an_error_status_for_the_caller_to_judge(
    tmp_path: Path, http_server: LoopbackServer
) -> None:
    response = make_guard(tmp_path, "127.0.0.1").request(
        "POST", http_server.url("/status?code=503"), path="webhook.url", json={}, max_bytes=1000
    )

    assert response.status == 503 and not response.is_success
    assert response.body == b"status body"


@pytest.mark.parametrize(
    ("status", "method", "body"),
    [(303, "GET", ""), (302, "GET", ""), (307, "POST", '{"a":1}'), (308, "POST", '{"a":1}')],
)
def test_a_redirected_post_is_repeated_or_becomes_a_get_as_browsers_do(
    tmp_path: Path, http_server: LoopbackServer, status: int, method: str, body: str
) -> None:
    response = make_guard(tmp_path, "127.0.0.1").request(
        "POST",
        http_server.url(f"/redirect?status={status}&to=/echo"),
        path="webhook.url",
        json={"a": 1},
        max_bytes=10**6,
    )

    echoed = json.loads(response.body)
    assert (echoed["method"], echoed["body"].replace(" ", "")) == (method, body)


def test_request_is_guarded_like_fetch(tmp_path: Path, http_server: LoopbackServer) -> None:
    with pytest.raises(InvalidRequest, match="127.0.0.1 is a loopback address"):
        make_guard(tmp_path).request(
            "POST", http_server.url("/echo"), path="webhook.url", json={}, max_bytes=100
        )
    with pytest.raises(InvalidRequest, match="larger than the limit of 100 bytes"):
        make_guard(tmp_path, "127.0.0.1").request(
            "GET", http_server.url("/big"), path="webhook.url", max_bytes=100
        )
    assert [path for _method, path, _host in http_server.seen] == ["/big"]


def test_a_dns_lookup_outliving_the_time_limit_is_refused(tmp_path: Path) -> None:
    def slow_dns(host: str, port: int) -> list[IPAddress]:
        time.sleep(1.5)
        return [ipaddress.ip_address("93.184.216.34")]

    guard = make_guard(tmp_path, resolver=slow_dns, fetch_timeout_seconds=0.3)
    started = time.monotonic()

    with pytest.raises(InvalidRequest, match="did not answer completely within 0.3 seconds"):
        guard.check("https://slow-dns.example/", path=PATH)

    assert time.monotonic() - started < 1.0
