"""HTTP routes of the files feature (Extend §B1, plus `POST /files` from a URL or text)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, BinaryIO
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi import File as FilePart
from fastapi.responses import StreamingResponse

from pagemill.api.deps import PageDep, PrincipalDep, RuntimeDep, SessionDep
from pagemill.errors import InvalidRequest
from pagemill.files import service
from pagemill.files.schemas import File, FileCreate, FileDeleted, FileList, FileSummary
from pagemill.models import File as FileRow
from pagemill.runtime import Runtime

router = APIRouter(tags=["files"])
download_router = APIRouter(tags=["files"])


def _services(runtime: Runtime) -> service.FileServices:
    return service.FileServices(
        settings=runtime.settings, storage=runtime.storage, url_guard=runtime.url_guard
    )


def to_file(row: FileRow, presigned_url: str | None = None) -> File:
    return File(**FileSummary.of(row).model_dump(by_alias=False), presigned_url=presigned_url)


def _base_url(runtime: Runtime, request: Request) -> str:
    return (runtime.settings.public_url or str(request.base_url)).rstrip("/")


@router.post("/files/upload", response_model=File, summary="Upload a file")
def upload_file(
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
    file: Annotated[UploadFile, FilePart(description="The document")],
    password: Annotated[str | None, Form(description="Password of an encrypted PDF")] = None,
    convert_to_pdf: Annotated[bool | None, Query(alias="convertToPdf")] = None,
) -> File:
    """Store a document sent as multipart/form-data. Its type is detected from its content."""
    if convert_to_pdf:
        raise InvalidRequest(
            "convertToPdf is not supported: Pagemill parses Office and image files natively",
            path="convertToPdf",
        )
    row = service.store_file(
        session,
        _services(runtime),
        principal,
        file.file,
        name=file.filename or "upload",
        password=password or None,
    )
    return to_file(row)


@router.post("/files", response_model=File, summary="Create a file from a URL or text")
def create_file(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep, body: FileCreate) -> File:
    """Register a file from a URL (downloaded by the server through its URL guard) or from raw text."""
    services = _services(runtime)
    if body.url is not None:
        password = body.settings.password if body.settings else None
        row = service.store_from_url(
            session, services, principal, body.url, name=body.name, password=password
        )
    else:
        row = service.store_text(session, services, principal, body.text or "", name=body.name)
    return to_file(row)


@router.get("/files/{id}", response_model=File, summary="Get a file")
def retrieve_file(
    id: str,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
    raw_text: Annotated[bool | None, Query(alias="rawText", deprecated=True)] = None,
    markdown: Annotated[bool | None, Query(deprecated=True)] = None,
    html: Annotated[bool | None, Query(deprecated=True)] = None,
) -> File:
    """A file with `presignedUrl`: a link served by this server, valid for 15 minutes, that needs no API key."""
    row = service.get_file(session, principal, id)
    url = _base_url(runtime, request) + service.download_path(_services(runtime), row)
    return to_file(row, presigned_url=url)


@router.get("/files", response_model=FileList, summary="List files")
def list_files(
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    name_contains: Annotated[str | None, Query(alias="nameContains")] = None,
    type: Annotated[str | None, Query(description="PDF, IMG, DOCX, EXCEL, CSV, TXT, HTML or XML")] = None,
    parent_file_id: Annotated[str | None, Query(alias="parentFileId")] = None,
) -> FileList:
    rows, token = service.list_files(
        session, principal, page, name_contains=name_contains, file_type=type, parent_file_id=parent_file_id
    )
    return FileList(data=[FileSummary.of(row) for row in rows], next_page_token=token)


@router.delete("/files/{id}", response_model=FileDeleted, summary="Delete a file")
def delete_file(id: str, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep) -> FileDeleted:
    """Delete a file and its stored bytes."""
    return FileDeleted(id=service.delete_file(session, _services(runtime), principal, id))


def _stream(body: BinaryIO) -> Iterator[bytes]:
    with body:
        while chunk := body.read(1024 * 1024):
            yield chunk


@download_router.get(
    "/files/{id}/content", summary="Download a file through a signed link", include_in_schema=True
)
def download_file(
    id: str,
    runtime: RuntimeDep,
    session: SessionDep,
    expires: Annotated[int, Query()],
    signature: Annotated[str, Query()],
) -> StreamingResponse:
    """The target of `presignedUrl`: authorised by its signature, not by an API key."""
    row, body = service.open_signed_download(session, _services(runtime), id, expires, signature)
    disposition = f"attachment; filename*=UTF-8''{quote(row.name)}"
    headers = {
        "Content-Disposition": disposition,
        "Content-Length": str(row.size_bytes),
        "X-Content-Type-Options": "nosniff",
    }
    return StreamingResponse(_stream(body), media_type=row.media_type, headers=headers)
