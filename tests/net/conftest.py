"""A real HTTP(S) server on loopback for the URL guard tests, with routes for each behaviour under test."""

from __future__ import annotations

import contextlib
import datetime
import json
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

PDF_BYTES = b"%PDF-1.7\n" + bytes(range(256)) * 40
BIG_BYTES = 2 * 1024 * 1024
SLOW_SECONDS = (
    3.0  # every slow route ends by itself after this, so no server thread outlives the tests for long
)


@dataclass
class LoopbackServer:
    base_port: int
    seen: list[tuple[str, str, str]] = field(default_factory=list)  # (method, path, Host header)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.base_port}{path}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        self.server.record.seen.append((self.command, self.path, self.headers.get("Host", "")))
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        # The guard hangs up on purpose when a limit or the deadline is reached.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route(parts.path, query, body)

    def _route(self, path: str, query: dict[str, str], body: bytes) -> None:
        if path == "/file.pdf":
            self._send(200, PDF_BYTES, {"Content-Type": "application/pdf"})
        elif path == "/named":
            disposition = "attachment; filename=\"fallback.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf"
            self._send(200, PDF_BYTES, {"Content-Disposition": disposition})
        elif path == "/redirect":
            self._send(int(query.get("status", "302")), b"", {"Location": query["to"]})
        elif path == "/hops":
            left = int(query["n"])
            self._send(302, b"", {"Location": f"/hops?n={left - 1}" if left > 0 else "/file.pdf"})
        elif path == "/loop":
            self._send(302, b"", {"Location": "/loop"})
        elif path == "/big":
            self._send(200, b"x" * BIG_BYTES)
        elif path == "/big-unsized":
            self._send_unsized(b"x" * BIG_BYTES)
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, b"late")
        elif path == "/drip":
            self._drip()
        elif path == "/status":
            self._send(int(query["code"]), b"status body")
        elif path == "/echo":
            answer = {
                "method": self.command,
                "body": body.decode(),
                "headers": {k.lower(): v for k, v in self.headers.items()},
            }
            self._send(200, json.dumps(answer).encode(), {"Content-Type": "application/json"})
        else:
            self._send(404, b"not found")

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_unsized(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _drip(self) -> None:
        """Trickle a byte at a time: every read succeeds quickly, only a total deadline stops it."""
        count = int(SLOW_SECONDS / 0.05)
        self.send_response(200)
        self.send_header("Content-Length", str(count))
        self.end_headers()
        for _ in range(count):
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(0.05)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    record: LoopbackServer

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up mid-handshake or mid-body are what several tests do on purpose


@contextlib.contextmanager
def _serve(server: _Server) -> Iterator[None]:
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def http_server() -> Iterator[LoopbackServer]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.record = LoopbackServer(server.server_address[1])
    with _serve(server):
        yield server.record


@dataclass
class TlsServer:
    record: LoopbackServer
    client_context: ssl.SSLContext


def _self_signed(host: str, folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


TLS_HOST = "files.pagemill.test"


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[TlsServer]:
    """HTTPS on 127.0.0.1 with a certificate naming only `TLS_HOST`, and a client context trusting it."""
    cert_path, key_path = _self_signed(TLS_HOST, tmp_path)
    server = _Server(("127.0.0.1", 0), _Handler)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert_path, key_path)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    server.record = LoopbackServer(server.server_address[1])
    client_context = ssl.create_default_context(cafile=str(cert_path))
    with _serve(server):
        yield TlsServer(server.record, client_context)
