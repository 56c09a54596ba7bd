"""The `Storage` contract, which every adapter (local disk and S3) must meet."""

from __future__ import annotations

import io

import pytest

from pagemill.storage import InvalidStorageKey, Storage, StorageObjectMissing

from .conftest import GeneratedSource, sha256_of

LARGE_BYTES = 20 * 1024 * 1024


def test_an_adapter_is_a_storage(storage: Storage) -> None:
    assert isinstance(storage, Storage)


def test_put_then_open_returns_the_bytes(storage: Storage) -> None:
    storage.put("ws_a/file_1", io.BytesIO(b"%PDF-1.7 hello"), content_type="application/pdf")

    with storage.open("ws_a/file_1") as reader:
        assert reader.read() == b"%PDF-1.7 hello"
    assert storage.exists("ws_a/file_1")
    assert storage.size("ws_a/file_1") == len(b"%PDF-1.7 hello")


def test_an_empty_object_is_an_object(storage: Storage) -> None:
    storage.put("ws_a/empty", io.BytesIO(b""))

    assert storage.exists("ws_a/empty")
    assert storage.size("ws_a/empty") == 0
    with storage.open("ws_a/empty") as reader:
        assert reader.read() == b""


def test_put_overwrites_an_existing_object(storage: Storage) -> None:
    storage.put("ws_a/file_1", io.BytesIO(b"first version, longer"))
    storage.put("ws_a/file_1", io.BytesIO(b"second"))

    with storage.open("ws_a/file_1") as reader:
        assert reader.read() == b"second"
    assert storage.size("ws_a/file_1") == len(b"second")


def test_a_missing_key_is_reported(storage: Storage) -> None:
    assert not storage.exists("ws_a/nothing")
    with pytest.raises(StorageObjectMissing):
        storage.open("ws_a/nothing")
    with pytest.raises(StorageObjectMissing):
        storage.size("ws_a/nothing")


def test_a_key_prefix_of_stored_keys_is_not_an_object(storage: Storage) -> None:
    storage.put("ws_a/file_1", io.BytesIO(b"x"))

    assert not storage.exists("ws_a")
    with pytest.raises(StorageObjectMissing):
        storage.open("ws_a")


def test_delete_removes_and_is_idempotent(storage: Storage) -> None:
    storage.put("ws_a/file_1", io.BytesIO(b"x"))
    storage.put("ws_a/file_2", io.BytesIO(b"y"))

    storage.delete("ws_a/file_1")
    storage.delete("ws_a/file_1")
    storage.delete("ws_a/never_stored")

    assert not storage.exists("ws_a/file_1")
    assert storage.exists("ws_a/file_2")


def test_a_large_object_streams_in_and_out_intact(storage: Storage) -> None:
    source = GeneratedSource(LARGE_BYTES, seed=7)

    storage.put("ws_a/large", source)  # type: ignore[arg-type]

    assert storage.size("ws_a/large") == LARGE_BYTES
    with storage.open("ws_a/large") as reader:
        assert sha256_of(reader) == (source.sha256.hexdigest(), LARGE_BYTES)


def test_a_source_failing_mid_stream_leaves_no_object(storage: Storage) -> None:
    with pytest.raises(OSError, match="mid-stream"):
        storage.put("ws_a/broken", GeneratedSource(LARGE_BYTES, fail_after=12 * 1024 * 1024))  # type: ignore[arg-type]

    assert not storage.exists("ws_a/broken")
    with pytest.raises(StorageObjectMissing):
        storage.open("ws_a/broken")


def test_a_source_failing_mid_stream_keeps_the_previous_object(storage: Storage) -> None:
    storage.put("ws_a/file_1", io.BytesIO(b"the good version"))

    with pytest.raises(OSError, match="mid-stream"):
        storage.put("ws_a/file_1", GeneratedSource(LARGE_BYTES, fail_after=12 * 1024 * 1024))  # type: ignore[arg-type]

    with storage.open("ws_a/file_1") as reader:
        assert reader.read() == b"the good version"


@pytest.mark.parametrize(
    "key", ["", "/etc/passwd", "../outside", "ws_a/../../outside", "ws_a//file", "ws_a/./f", "a\\b"]
)
def test_keys_that_are_not_plain_relative_paths_are_refused(storage: Storage, key: str) -> None:
    with pytest.raises(InvalidStorageKey):
        storage.put(key, io.BytesIO(b"x"))
    with pytest.raises(InvalidStorageKey):
        storage.open(key)
    with pytest.raises(InvalidStorageKey):
        storage.delete(key)


def test_ping_succeeds_on_a_usable_backend(storage: Storage) -> None:
    storage.ping()
