"""File bytes behind the `Storage` port; `open_storage` picks the adapter from `Settings.file_storage_url`."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from pagemill.config import Settings
from pagemill.storage.base import (
    InvalidStorageKey,
    Storage,
    StorageError,
    StorageObjectMissing,
    StorageUnavailable,
)
from pagemill.storage.local import LocalStorage
from pagemill.storage.s3 import S3Storage

__all__ = [
    "InvalidStorageKey",
    "LocalStorage",
    "S3Storage",
    "Storage",
    "StorageError",
    "StorageObjectMissing",
    "StorageUnavailable",
    "open_storage",
]


def open_storage(settings: Settings) -> Storage:
    """`file:///abs/path` → `LocalStorage`; `s3://bucket/prefix` → `S3Storage` with the `s3_*` settings."""
    url = settings.file_storage_url
    parts = urlsplit(url)
    if parts.scheme == "file" and parts.netloc in ("", "localhost") and parts.path:
        return LocalStorage(Path(unquote(parts.path)).expanduser().resolve())
    if parts.scheme == "s3" and parts.netloc:
        secret = settings.s3_secret_access_key
        return S3Storage.connect(
            parts.netloc,
            unquote(parts.path),
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            access_key_id=settings.s3_access_key_id,
            secret_access_key=secret.get_secret_value() if secret is not None else None,
        )
    raise ValueError(f"unsupported storage URL {url!r}: use file:///absolute/path or s3://bucket/prefix")
