"""Each split's pages as a File of its own, child of the split file (`parentFileId`,
`metadata.parentSplit`)."""

from __future__ import annotations

import io
from pathlib import PurePosixPath
from typing import Any

from pypdf import PdfReader, PdfWriter
from sqlalchemy.orm import Session

from pagemill.auth.service import Principal
from pagemill.classify_runs.execution import RunInput
from pagemill.files import service as files
from pagemill.models import File
from pagemill.processors.classify.page_text import page_lines
from pagemill.processors.document import Document

PDF = "application/pdf"


def pages_of(source: bytes, item: RunInput, document: Document, start: int, end: int) -> tuple[bytes, str]:
    """The bytes of pages `start`..`end` (1-based, inclusive) and the file name suffix they go under.

    PDFs are cut page by page; a file that is wholly in the split is kept as it is; other formats (a page
    range of a DOCX, say) become the text of those pages.
    """
    if item.media_type == PDF:
        reader = PdfReader(io.BytesIO(source))
        if reader.is_encrypted:
            reader.decrypt(item.password or "")
        writer = PdfWriter()
        for index in range(start - 1, min(end, len(reader.pages))):
            writer.add_page(reader.pages[index])
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue(), ".pdf"
    if start == 1 and end >= document.page_count:
        return source, PurePosixPath(item.file_name).suffix
    text = "\n\n".join("\n".join(page_lines(page)) for page in document.pages if start <= page.number <= end)
    return text.encode("utf-8"), ".txt"


def store_split_file(
    session: Session,
    services: files.FileServices,
    item: RunInput,
    document: Document,
    source: bytes,
    split: dict[str, Any],
) -> File:
    data, suffix = pages_of(source, item, document, split["startPage"], split["endPage"])
    stem = PurePosixPath(item.file_name).stem or "document"
    name = f"{stem}-{split['type']}-{split['startPage']}-{split['endPage']}{suffix}"
    principal = Principal(workspace_id=item.workspace_id, api_key_id="")
    child = files.store_file(session, services, principal, io.BytesIO(data), name=name)
    child.parent_file_id = item.file_id
    child.extra_metadata = {
        "parentSplit": {key: split[key] for key in ("id", "type", "identifier", "startPage", "endPage")}
    }
    session.flush()
    return child
