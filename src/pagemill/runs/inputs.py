"""Turning a run's file input (`{url}`, `{id}` or `{text}`) into a stored File."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pagemill.auth.service import Principal
from pagemill.errors import InvalidRequest, NotFound
from pagemill.files import service as files
from pagemill.models import File
from pagemill.runs.schemas import FileInput


def resolve_file(
    session: Session,
    services: files.FileServices,
    principal: Principal,
    file_input: FileInput,
    *,
    path: str = "file",
    allow_text: bool = True,
) -> File:
    if file_input.id is not None:
        try:
            return files.get_file(session, principal, file_input.id)
        except NotFound as error:
            raise NotFound(f"File {file_input.id} does not exist", path=f"{path}.id") from error
    if file_input.text is not None:
        if not allow_text:
            raise InvalidRequest(
                "text inputs are not accepted here; upload the file or give its url or id",
                path=f"{path}.text",
            )
        return files.store_text(session, services, principal, file_input.text, name=file_input.name)
    password = file_input.settings.password if file_input.settings else None
    return files.store_from_url(
        session,
        services,
        principal,
        file_input.url or "",
        name=file_input.name,
        password=password,
        path=f"{path}.url",
    )
