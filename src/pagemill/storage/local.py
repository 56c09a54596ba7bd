"""Storage on a local directory: each object is a file at `root/<key>`.

Writes go to `root/.tmp/` first and are renamed into place, so a reader sees either no file or the whole file
and a crash leaves only a temp file, which `sweep_temp` removes later.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from pagemill.storage.base import (
    COPY_CHUNK_BYTES,
    InvalidStorageKey,
    StorageObjectMissing,
    StorageUnavailable,
    check_key,
)

TEMP_DIR_NAME = ".tmp"


class LocalStorage:
    def __init__(self, root: Path):
        self.root = root

    @property
    def temp_dir(self) -> Path:
        return self.root / TEMP_DIR_NAME

    def put(self, key: str, source: BinaryIO, *, content_type: str | None = None) -> None:
        target = self._path(key)
        self.temp_dir.mkdir(parents=True, exist_ok=True)
        temp = self.temp_dir / uuid.uuid4().hex
        try:
            with open(temp, "xb") as out:
                while chunk := source.read(COPY_CHUNK_BYTES):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)

    def open(self, key: str) -> BinaryIO:
        try:
            return open(self._path(key), "rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise StorageObjectMissing(key) from None

    def delete(self, key: str) -> None:
        # A folder of other keys, or a path through a file: there is no object under this key either way.
        with contextlib.suppress(IsADirectoryError, NotADirectoryError):
            self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def size(self, key: str) -> int:
        path = self._path(key)
        if not path.is_file():
            raise StorageObjectMissing(key)
        return path.stat().st_size

    def presigned_url(self, key: str, expires_in: int) -> str | None:
        return None

    def ping(self) -> None:
        try:
            self.temp_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageUnavailable(f"storage folder {self.root} cannot be created: {exc}") from exc
        if not os.access(self.temp_dir, os.W_OK | os.X_OK):
            raise StorageUnavailable(f"storage folder {self.root} is not writable")

    def sweep_temp(self, older_than: timedelta) -> int:
        cutoff = time.time() - older_than.total_seconds()
        removed = 0
        try:
            entries = list(os.scandir(self.temp_dir))
        except FileNotFoundError:
            return 0
        for entry in entries:
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed += 1
            except FileNotFoundError:
                continue  # finished (renamed) or swept by another process meanwhile
        return removed

    def _path(self, key: str) -> Path:
        check_key(key)
        if key.split("/", 1)[0] == TEMP_DIR_NAME:
            raise InvalidStorageKey(f"storage key {key!r} uses the reserved folder {TEMP_DIR_NAME!r}")
        return self.root / key


def _fsync_dir(path: Path) -> None:
    """Make a rename durable: the directory entry is only on disk once the directory itself is synced."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
