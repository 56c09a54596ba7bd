"""A real S3-compatible server (moto_server) on a free loopback port, with a bucket, for one test session."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.server_fixtures import free_port

ACCESS_KEY_ID = "pagemill-test"
SECRET_ACCESS_KEY = "pagemill-test-secret"


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Endpoint, credentials and a fresh bucket on a moto_server subprocess; `storage_url` is ready for settings."""
    executable = shutil.which("moto_server") or str(Path(sys.executable).with_name("moto_server"))
    port = free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("wb")
    process = subprocess.Popen(
        [executable, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=subprocess.STDOUT
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(endpoint, timeout=1)
            break
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"moto_server did not start (exit {process.poll()})") from None
            time.sleep(0.1)
    import boto3

    bucket = f"pagemill-{uuid.uuid4().hex[:12]}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
    ).create_bucket(Bucket=bucket)
    yield {
        "endpoint_url": endpoint,
        "bucket": bucket,
        "storage_url": f"s3://{bucket}/pagemill",
        "access_key_id": ACCESS_KEY_ID,
        "secret_access_key": SECRET_ACCESS_KEY,
    }
    process.terminate()
    process.wait(timeout=10)
