"""What the local-disk adapter adds to the contract: folder layout, crash leftovers, key confinement."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

import pytest

from pagemill.storage import InvalidStorageKey, LocalStorage, StorageUnavailable

from .conftest import GeneratedSource


def test_the_root_folder_is_created_on_first_write(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "not" / "yet" / "there")

    storage.put("ws_a/file_1", io.BytesIO(b"x"))

    assert (tmp_path / "not" / "yet" / "there" / "ws_a" / "file_1").read_bytes() == b"x"


def test_a_failed_write_leaves_no_temp_file(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)

    with pytest.raises(OSError):
        storage.put("ws_a/file_1", GeneratedSource(3 * 1024 * 1024, fail_after=2 * 1024 * 1024))  # type: ignore[arg-type]

    assert list(storage.temp_dir.iterdir()) == []


def test_a_crash_mid_write_leaves_only_a_temp_file_that_sweep_removes(tmp_path: Path) -> None:
    """A process killed mid-write leaves a temp file but never an object; the sweep removes old temp files."""
    crashing_writer = textwrap.dedent(
        f"""
        import io, os
        from pathlib import Path
        from pagemill.storage import LocalStorage

        class DiesMidStream(io.RawIOBase):
            def __init__(self):
                self.sent = 0
            def readable(self):
                return True
            def readinto(self, buffer):
                if self.sent >= 2 * 1024 * 1024:
                    os._exit(9)
                buffer[:1024] = b"x" * 1024
                self.sent += 1024
                return 1024

        LocalStorage(Path({str(tmp_path)!r})).put("ws_a/file_1", DiesMidStream())
        """
    )
    result = subprocess.run([sys.executable, "-c", crashing_writer], timeout=60)
    assert result.returncode == 9

    storage = LocalStorage(tmp_path)
    leftovers = list(storage.temp_dir.iterdir())
    assert len(leftovers) == 1 and leftovers[0].stat().st_size > 0
    assert not storage.exists("ws_a/file_1")

    assert storage.sweep_temp(timedelta(hours=1)) == 0
    an_hour_ago = time.time() - 3601
    os.utime(leftovers[0], (an_hour_ago, an_hour_ago))
    assert storage.sweep_temp(timedelta(hours=1)) == 1
    assert list(storage.temp_dir.iterdir()) == []


def test_sweep_on_a_fresh_root_removes_nothing(tmp_path: Path) -> None:
    assert LocalStorage(tmp_path / "files").sweep_temp(timedelta(0)) == 0


def test_the_temp_folder_cannot_be_addressed_as_a_key(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)

    with pytest.raises(InvalidStorageKey):
        storage.put(".tmp/file_1", io.BytesIO(b"x"))
    with pytest.raises(InvalidStorageKey):
        storage.exists(".tmp/file_1")


def test_an_escaping_key_writes_nothing_outside_the_root(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "files")

    with pytest.raises(InvalidStorageKey):
        storage.put("../escaped", io.BytesIO(b"x"))

    assert not (tmp_path / "escaped").exists()


def test_local_storage_has_no_presigned_urls(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    storage.put("ws_a/file_1", io.BytesIO(b"x"))

    assert storage.presigned_url("ws_a/file_1", 60) is None


def test_ping_fails_when_the_root_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_bytes(b"")

    with pytest.raises(StorageUnavailable):
        LocalStorage(tmp_path / "a-file" / "files").ping()
