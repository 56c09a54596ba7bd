"""A server killed in the middle of an upload loses nothing it had already stored."""

from __future__ import annotations

import hashlib
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.documents import blank_pdf
from tests.server_fixtures import PagemillServer, base_env, launch


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[PagemillServer]:
    server = launch(tmp_path / "home", base_env(tmp_path / "home"))
    yield server
    server.stop()


def _slow_body(started: threading.Event, total_chunks: int = 400) -> Iterator[bytes]:
    boundary = b"--pagemillboundary\r\n"
    yield boundary + b'Content-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
    yield b"Content-Type: application/pdf\r\n\r\n%PDF-1.7\n"
    for index in range(total_chunks):
        if index == 5:
            started.set()
        yield b"0" * 16384
        time.sleep(0.02)
    yield b"\r\n--pagemillboundary--\r\n"


def test_kill_mid_upload_keeps_earlier_files(own_server: PagemillServer) -> None:
    client = own_server.sdk()
    earlier = blank_pdf(pages=2)
    stored = client.files.upload(file=("kept.pdf", io.BytesIO(earlier), "application/pdf"))

    started = threading.Event()
    outcome: list[object] = []

    def upload_slowly() -> None:
        try:
            outcome.append(
                httpx.post(
                    own_server.url + "/files/upload",
                    content=_slow_body(started),
                    timeout=60,
                    headers={
                        "Authorization": f"Bearer {own_server.api_key}",
                        "Content-Type": "multipart/form-data; boundary=pagemillboundary",
                    },
                )
            )
        except httpx.HTTPError as exc:
            outcome.append(exc)

    uploader = threading.Thread(target=upload_slowly)
    uploader.start()
    assert started.wait(30), "the slow upload never started"
    own_server.kill()
    uploader.join(60)
    assert outcome and isinstance(outcome[0], httpx.HTTPError), "the interrupted upload must not succeed"

    own_server.start()
    fetched = client.files.retrieve(stored.id)
    body = httpx.get(fetched.presigned_url).content
    assert hashlib.sha256(body).digest() == hashlib.sha256(earlier).digest()
    names = [item.name for item in client.files.list().data]
    assert names == ["kept.pdf"]
    files_root = Path(own_server.env["PAGEMILL_HOME"]) / "files"
    objects = [p for p in files_root.rglob("*") if p.is_file() and ".tmp" not in p.parts]
    assert len(objects) == 1, objects
