from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from pagemill.db.paging import contains, keyset_page
from pagemill.kit.clock import utcnow
from pagemill.kit.pagination import PageRequest
from pagemill.models import BatchRun, ProcessorRun


class ProcessorRunRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, workspace_id: str, kind: str, run_id: str) -> ProcessorRun | None:
        return self.session.scalar(
            sa.select(ProcessorRun).where(
                ProcessorRun.workspace_id == workspace_id,
                ProcessorRun.kind == kind,
                ProcessorRun.id == run_id,
            )
        )

    def by_id(self, run_id: str, *, lock: bool = False) -> ProcessorRun | None:
        statement = sa.select(ProcessorRun).where(ProcessorRun.id == run_id)
        if lock:
            statement = statement.with_for_update()
        return self.session.scalar(statement)

    def add_all(self, runs: Sequence[ProcessorRun]) -> None:
        self.session.add_all(runs)
        self.session.flush()

    def transition(self, run_id: str, *, expected: str | None, **values: Any) -> bool:
        """Set `values` on the run only if its status is still `expected` (None: any); True when it was set.

        One conditional UPDATE, so two writers racing on a run cannot both win, with or without row locks.
        """
        statement = sa.update(ProcessorRun).where(ProcessorRun.id == run_id)
        if expected is not None:
            statement = statement.where(ProcessorRun.status == expected)
            if values.get("status") == "PROCESSING":
                statement = statement.where(ProcessorRun.cancel_requested.is_(False))
        result = self.session.execute(statement.values(updated_at=utcnow(), **values))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def delete(self, run: ProcessorRun) -> None:
        self.session.delete(run)
        self.session.flush()

    def cancel_requested(self, run_id: str) -> bool:
        return bool(self.session.scalar(sa.select(ProcessorRun.cancel_requested).where(ProcessorRun.id == run_id)))

    def page(
        self,
        workspace_id: str,
        kind: str,
        page: PageRequest,
        *,
        status: str | None = None,
        batch_id: str | None = None,
        source: str | None = None,
        file_name_contains: str | None = None,
        processor_id: str | None = None,
    ) -> tuple[list[ProcessorRun], str | None]:
        statement = sa.select(ProcessorRun).where(ProcessorRun.workspace_id == workspace_id, ProcessorRun.kind == kind)
        if processor_id:
            statement = statement.where(ProcessorRun.processor_id == processor_id)
        if status:
            statement = statement.where(ProcessorRun.status == status)
        if batch_id:
            statement = statement.where(ProcessorRun.batch_id == batch_id)
        elif source:
            statement = statement.where(ProcessorRun.source == source)
        if file_name_contains:
            statement = statement.where(contains(ProcessorRun.file_name, file_name_contains))
        return keyset_page(self.session, statement, ProcessorRun, page)


class BatchRunRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, batch: BatchRun) -> None:
        self.session.add(batch)
        self.session.flush()

    def get(self, workspace_id: str, batch_id: str) -> BatchRun | None:
        return self.session.scalar(
            sa.select(BatchRun).where(BatchRun.workspace_id == workspace_id, BatchRun.id == batch_id)
        )

    def status_counts(self, batch_id: str) -> dict[str, int]:
        rows = self.session.execute(
            sa.select(ProcessorRun.status, sa.func.count())
            .where(ProcessorRun.batch_id == batch_id)
            .group_by(ProcessorRun.status)
        )
        return {status: count for status, count in rows}
