"""Every query of workflow runs and step runs; runs are always filtered by workspace."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from pagemill.db.paging import contains, keyset_page
from pagemill.kit.pagination import PageRequest
from pagemill.models import ProcessorRun, WorkflowRun, WorkflowStepRun


class WorkflowRunRepository:
    def __init__(self, session: Session):
        self.session = session

    def add_all(self, runs: Sequence[WorkflowRun]) -> None:
        self.session.add_all(runs)
        self.session.flush()

    def get(self, workspace_id: str, run_id: str, *, lock: bool = False) -> WorkflowRun | None:
        statement = sa.select(WorkflowRun).where(
            WorkflowRun.workspace_id == workspace_id, WorkflowRun.id == run_id
        )
        if lock:
            statement = statement.with_for_update()
        return self.session.scalar(statement)

    def by_id(self, run_id: str, *, lock: bool = False) -> WorkflowRun | None:
        statement = sa.select(WorkflowRun).where(WorkflowRun.id == run_id)
        if lock:
            statement = statement.with_for_update()
        return self.session.scalar(statement)

    def page(
        self,
        workspace_id: str,
        page: PageRequest,
        *,
        status: str | None = None,
        workflow_id: str | None = None,
        batch_id: str | None = None,
        file_name_contains: str | None = None,
    ) -> tuple[list[WorkflowRun], str | None]:
        statement = sa.select(WorkflowRun).where(WorkflowRun.workspace_id == workspace_id)
        if status:
            statement = statement.where(WorkflowRun.status == status)
        if workflow_id:
            statement = statement.where(WorkflowRun.workflow_id == workflow_id)
        if batch_id:
            statement = statement.where(WorkflowRun.batch_id == batch_id)
        if file_name_contains:
            statement = statement.where(contains(WorkflowRun.file_name, file_name_contains))
        return keyset_page(self.session, statement, WorkflowRun, page)

    def delete(self, run: WorkflowRun) -> None:
        self.session.delete(run)
        self.session.flush()


class StepRunRepository:
    def __init__(self, session: Session):
        self.session = session

    def of_run(self, run_id: str) -> list[WorkflowStepRun]:
        return list(
            self.session.scalars(
                sa.select(WorkflowStepRun)
                .where(WorkflowStepRun.workflow_run_id == run_id)
                .order_by(WorkflowStepRun.sequence, WorkflowStepRun.id)
            )
        )

    def find(self, run_id: str, step_name: str, branch: str) -> WorkflowStepRun | None:
        return self.session.scalar(
            sa.select(WorkflowStepRun).where(
                WorkflowStepRun.workflow_run_id == run_id,
                WorkflowStepRun.step_name == step_name,
                WorkflowStepRun.branch == branch,
            )
        )

    def next_sequence(self, run_id: str) -> int:
        highest = self.session.scalar(
            sa.select(sa.func.max(WorkflowStepRun.sequence)).where(WorkflowStepRun.workflow_run_id == run_id)
        )
        return int(highest or 0) + 1

    def add(self, step_run: WorkflowStepRun) -> None:
        self.session.add(step_run)
        self.session.flush()

    def processor_runs(self, ids: Sequence[str]) -> dict[str, ProcessorRun]:
        if not ids:
            return {}
        rows = self.session.scalars(sa.select(ProcessorRun).where(ProcessorRun.id.in_(list(ids))))
        return {row.id: row for row in rows}
