from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from pagemill.db.paging import keyset_page
from pagemill.kit.pagination import PageRequest
from pagemill.models import SavedProcessor, SavedProcessorVersion

DRAFT = "draft"


class SavedProcessorRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, workspace_id: str, kind: str, processor_id: str) -> SavedProcessor | None:
        return self.session.scalar(
            sa.select(SavedProcessor).where(
                SavedProcessor.workspace_id == workspace_id,
                SavedProcessor.kind == kind,
                SavedProcessor.id == processor_id,
            )
        )

    def add(self, row: SavedProcessor | SavedProcessorVersion) -> None:
        self.session.add(row)
        self.session.flush()

    def page(
        self, workspace_id: str, kind: str, page: PageRequest
    ) -> tuple[list[SavedProcessor], str | None]:
        statement = sa.select(SavedProcessor).where(
            SavedProcessor.workspace_id == workspace_id, SavedProcessor.kind == kind
        )
        return keyset_page(self.session, statement, SavedProcessor, page)

    def version(self, processor_id: str, version: str) -> SavedProcessorVersion | None:
        return self.session.scalar(
            sa.select(SavedProcessorVersion).where(
                SavedProcessorVersion.processor_id == processor_id, SavedProcessorVersion.version == version
            )
        )

    def version_by_id(self, processor_id: str, version_id: str) -> SavedProcessorVersion | None:
        return self.session.scalar(
            sa.select(SavedProcessorVersion).where(
                SavedProcessorVersion.processor_id == processor_id, SavedProcessorVersion.id == version_id
            )
        )

    def latest_published(self, processor_id: str, *, lock: bool = False) -> SavedProcessorVersion | None:
        statement = (
            sa.select(SavedProcessorVersion)
            .where(SavedProcessorVersion.processor_id == processor_id, SavedProcessorVersion.version != DRAFT)
            .order_by(SavedProcessorVersion.major.desc(), SavedProcessorVersion.minor.desc())
            .limit(1)
        )
        if lock:
            statement = statement.with_for_update()
        return self.session.scalar(statement)

    def versions(self, processor_id: str) -> list[SavedProcessorVersion]:
        """Draft first, then published versions newest first."""
        statement = (
            sa.select(SavedProcessorVersion)
            .where(SavedProcessorVersion.processor_id == processor_id)
            .order_by(
                sa.case((SavedProcessorVersion.version == DRAFT, 0), else_=1),
                SavedProcessorVersion.major.desc(),
                SavedProcessorVersion.minor.desc(),
            )
        )
        return list(self.session.scalars(statement))
