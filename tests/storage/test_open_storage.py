"""`open_storage` picks the adapter from the storage URL in the settings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pydantic import SecretStr

from pagemill.config import Settings
from pagemill.storage import LocalStorage, S3Storage, open_storage


def test_the_default_is_local_storage_under_home(tmp_path: Path) -> None:
    storage = open_storage(Settings(home=tmp_path, storage_url=None))

    assert isinstance(storage, LocalStorage)
    storage.put("ws_a/file_1", io.BytesIO(b"x"))
    assert (tmp_path / "files" / "ws_a" / "file_1").read_bytes() == b"x"


def test_a_file_url_selects_local_storage_at_that_path(tmp_path: Path) -> None:
    storage = open_storage(Settings(home=tmp_path, storage_url=(tmp_path / "elsewhere").as_uri()))

    assert isinstance(storage, LocalStorage)
    assert storage.root == tmp_path / "elsewhere"


@pytest.mark.parametrize("url", ["ftp://host/files", "s3://", "file://otherhost/files", "files"])
def test_an_unsupported_url_is_refused(tmp_path: Path, url: str) -> None:
    with pytest.raises(ValueError, match="unsupported storage URL"):
        open_storage(Settings(home=tmp_path, storage_url=url))


@pytest.mark.s3
def test_an_s3_url_selects_s3_storage_with_the_s3_settings(tmp_path: Path, s3_server: dict[str, str]) -> None:
    settings = Settings(
        home=tmp_path,
        storage_url=f"s3://{s3_server['bucket']}/deployments/one",
        s3_endpoint_url=s3_server["endpoint_url"],
        s3_access_key_id=s3_server["access_key_id"],
        s3_secret_access_key=SecretStr(s3_server["secret_access_key"]),
    )

    storage = open_storage(settings)

    assert isinstance(storage, S3Storage)
    storage.ping()
    storage.put("ws_a/file_1", io.BytesIO(b"through settings"))
    stored = storage.client.get_object(Bucket=s3_server["bucket"], Key="deployments/one/ws_a/file_1")
    assert stored["Body"].read() == b"through settings"
