from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from pagemill.db.paging import contains, keyset_page
from pagemill.kit.pagination import PageRequest
from pagemill.models import File


class FileRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, workspace_id: str, file_id: str) -> File | None:
        return self.session.scalar(
            sa.select(File).where(File.workspace_id == workspace_id, File.id == file_id)
        )

    def get_any_workspace(self, file_id: str) -> File | None:
        return self.session.get(File, file_id)

    def add(self, file: File) -> None:
        self.session.add(file)
        self.session.flush()

    def delete(self, file: File) -> None:
        self.session.delete(file)
        self.session.flush()

    def page(
        self,
        workspace_id: str,
        page: PageRequest,
        *,
        name_contains: str | None = None,
        file_type: str | None = None,
        parent_file_id: str | None = None,
    ) -> tuple[list[File], str | None]:
        statement = sa.select(File).where(File.workspace_id == workspace_id)
        if name_contains:
            statement = statement.where(contains(File.name, name_contains))
        if file_type:
            statement = statement.where(File.type == file_type)
        if parent_file_id:
            statement = statement.where(File.parent_file_id == parent_file_id)
        return keyset_page(self.session, statement, File, page)
