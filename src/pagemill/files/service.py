"""Files: the rules. Bytes are stored before the row is written, and removed only after the row's removal commits,
so a crash at any point leaves no row without its bytes."""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import quote, unquote, urlparse

from sqlalchemy.orm import Session

from pagemill.auth.service import Principal
from pagemill.config import Settings
from pagemill.db.session import after_commit
from pagemill.errors import InvalidRequest, NotFound, PayloadTooLarge
from pagemill.files.pages import count_pages
from pagemill.files.repository import FileRepository
from pagemill.kit.clock import utcnow
from pagemill.kit.crypto import SecretBox, UrlSigner
from pagemill.kit.ids import new_id
from pagemill.kit.pagination import PageRequest
from pagemill.models import File
from pagemill.net.url_guard import UrlGuard
from pagemill.processors.filetype import detect_file_type
from pagemill.storage import Storage

log = logging.getLogger(__name__)

SNIFF_BYTES = 64 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class FileServices:
    """What the file rules need from the process: settings, storage, the URL guard and the keys."""

    settings: Settings
    storage: Storage
    url_guard: UrlGuard

    @property
    def secret_box(self) -> SecretBox:
        return SecretBox(self.settings.signing_key())

    @property
    def signer(self) -> UrlSigner:
        return UrlSigner(self.settings.signing_key())


class _MeasuredReader(io.RawIOBase):
    """Passes a stream through while hashing and counting it, and stops it past the size limit."""

    def __init__(self, source: BinaryIO, limit: int):
        self.source = source
        self.limit = limit
        self.size = 0
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.source.read(len(buffer))
        if not data:
            return 0
        self.size += len(data)
        if self.size > self.limit:
            raise PayloadTooLarge(
                f"File is larger than the {self.limit:,}-byte limit (PAGEMILL_MAX_UPLOAD_BYTES)", path="file"
            )
        self.digest.update(data)
        buffer[: len(data)] = data
        return len(data)


def store_file(
    session: Session,
    services: FileServices,
    principal: Principal,
    source: BinaryIO,
    *,
    name: str,
    password: str | None = None,
    source_url: str | None = None,
    path: str = "file",
) -> File:
    """Store `source` (seekable) and register it. Raises InvalidRequest for empty, oversized or unreadable input."""
    head = source.read(SNIFF_BYTES)
    if not head:
        raise InvalidRequest("File is empty (0 bytes)", path=path)
    source.seek(0)
    kind = detect_file_type(head, name)
    file_id = new_id("file")
    storage_key = f"{principal.workspace_id}/{file_id}"
    reader = _MeasuredReader(source, services.settings.max_upload_bytes)
    services.storage.put(
        storage_key, io.BufferedReader(reader, buffer_size=_CHUNK), content_type=kind.media_type
    )
    try:
        source.seek(0)
        page_count = count_pages(source, kind.type, password=password)
        file = File(
            id=file_id,
            workspace_id=principal.workspace_id,
            name=name,
            type=kind.type,
            media_type=kind.media_type,
            size_bytes=reader.size,
            sha256=reader.digest.hexdigest(),
            storage_key=storage_key,
            page_count=page_count,
            password_encrypted=services.secret_box.seal(password) if password else None,
            source_url=source_url,
            extra_metadata={},
        )
        FileRepository(session).add(file)
    except BaseException:
        services.storage.delete(storage_key)
        raise
    return file


def store_text(
    session: Session, services: FileServices, principal: Principal, text: str, *, name: str | None
) -> File:
    data = text.encode("utf-8")
    file_name = name or "text.txt"
    return store_file(session, services, principal, io.BytesIO(data), name=file_name, path="text")


def store_from_url(
    session: Session,
    services: FileServices,
    principal: Principal,
    url: str,
    *,
    name: str | None,
    password: str | None,
    path: str = "url",
) -> File:
    fetched = services.url_guard.fetch(url, path=path, max_bytes=services.settings.max_upload_bytes)
    with fetched:
        file_name = name or fetched.filename or _name_from_url(url)
        return store_file(
            session,
            services,
            principal,
            fetched.body,
            name=file_name,
            password=password,
            source_url=url,
            path=path,
        )


def _name_from_url(url: str) -> str:
    last = unquote(urlparse(url).path.rsplit("/", 1)[-1])
    return last or "download"


def get_file(session: Session, principal: Principal, file_id: str) -> File:
    file = FileRepository(session).get(principal.workspace_id, file_id)
    if file is None:
        raise NotFound(f"File {file_id} does not exist", path="id")
    return file


def list_files(
    session: Session,
    principal: Principal,
    page: PageRequest,
    *,
    name_contains: str | None,
    file_type: str | None,
    parent_file_id: str | None,
) -> tuple[list[File], str | None]:
    return FileRepository(session).page(
        principal.workspace_id,
        page,
        name_contains=name_contains,
        file_type=file_type,
        parent_file_id=parent_file_id,
    )


def delete_file(session: Session, services: FileServices, principal: Principal, file_id: str) -> str:
    file = get_file(session, principal, file_id)
    storage_key = file.storage_key
    FileRepository(session).delete(file)
    after_commit(session, lambda: services.storage.delete(storage_key))
    return file_id


def file_password(settings: Settings, file: File) -> str | None:
    return (
        SecretBox(settings.signing_key()).open(file.password_encrypted) if file.password_encrypted else None
    )


# Signed downloads ---------------------------------------------------------------------------------------------


def download_path(services: FileServices, file: File, *, now: float | None = None) -> str:
    """Path and query of an expiring download URL for `file`; the caller puts the base URL in front."""
    expires = int((now or utcnow().timestamp()) + services.settings.download_url_ttl_seconds)
    signature = services.signer.sign(file.id, str(expires))
    return f"/files/{quote(file.id)}/content?expires={expires}&signature={signature}"


def open_signed_download(
    session: Session, services: FileServices, file_id: str, expires: int, signature: str
) -> tuple[File, BinaryIO]:
    if not services.signer.verify(signature, file_id, str(expires)):
        raise NotFound("Download link is not valid")
    if expires < utcnow().timestamp():
        raise InvalidRequest(
            "Download link has expired; fetch the file again for a fresh link", path="expires"
        )
    file = FileRepository(session).get_any_workspace(file_id)
    if file is None:
        raise NotFound(f"File {file_id} does not exist")
    return file, services.storage.open(file.storage_key)
