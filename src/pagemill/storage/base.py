"""The storage port: where file bytes live, behind one small interface with a local and an S3 adapter.

Keys are made by callers (`ws_x/file_y`): `/`-separated segments, never user file names.
"""

from __future__ import annotations

from datetime import timedelta
from typing import BinaryIO, Protocol, runtime_checkable

MAX_KEY_LENGTH = (
    1024  # S3's limit on key length, kept for both adapters so a key valid on one is valid on both
)
COPY_CHUNK_BYTES = 1024 * 1024


class StorageError(Exception):
    """A storage operation failed."""


class StorageObjectMissing(StorageError):
    """No object is stored under the key."""

    def __init__(self, key: str):
        self.key = key
        super().__init__(f"no stored object under key {key!r}")


class InvalidStorageKey(StorageError, ValueError):
    """The key is not a plain relative `/`-separated path."""


class StorageUnavailable(StorageError):
    """The storage backend cannot be reached or used."""


@runtime_checkable
class Storage(Protocol):
    def put(self, key: str, source: BinaryIO, *, content_type: str | None = None) -> None:
        """Store everything `source` yields under `key`, streaming. Readers see the old object or the whole
        new one; a failure part-way leaves nothing under `key` (or the previous object)."""
        ...

    def open(self, key: str) -> BinaryIO:
        """A streaming reader of the object; the caller closes it. Raises `StorageObjectMissing`."""
        ...

    def delete(self, key: str) -> None:
        """Remove the object; deleting a missing object is not an error."""
        ...

    def exists(self, key: str) -> bool: ...

    def size(self, key: str) -> int:
        """Size in bytes. Raises `StorageObjectMissing`."""
        ...

    def presigned_url(self, key: str, expires_in: int) -> str | None:
        """A URL that GETs the object without credentials for `expires_in` seconds, or None when the backend
        has no such URLs (the API then serves the bytes itself)."""
        ...

    def ping(self) -> None:
        """Raise `StorageUnavailable` unless the backend is reachable and usable."""
        ...

    def sweep_temp(self, older_than: timedelta) -> int:
        """Remove leftovers of interrupted writes older than `older_than`; returns how many were removed."""
        ...


def check_key(key: str) -> str:
    """Return `key` if it is a relative path of non-empty segments; raise `InvalidStorageKey` otherwise."""
    if not isinstance(key, str) or not key:
        raise InvalidStorageKey("a storage key must be a non-empty string")
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidStorageKey(f"storage key longer than {MAX_KEY_LENGTH} characters")
    if key.startswith("/") or "\\" in key or any(ord(char) < 32 for char in key):
        raise InvalidStorageKey(
            f"storage key {key!r} must be relative, with `/` separators and no control characters"
        )
    if any(segment in ("", ".", "..") for segment in key.split("/")):
        raise InvalidStorageKey(f"storage key {key!r} has an empty, `.` or `..` segment")
    return key


def read_full(source: BinaryIO, size: int) -> bytes:
    """Read up to `size` bytes, fewer only at the end of `source` (a raw stream may return short reads)."""
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = source.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
