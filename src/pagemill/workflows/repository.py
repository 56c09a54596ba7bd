from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from pagemill.db.paging import keyset_page
from pagemill.kit.pagination import PageRequest
from pagemill.models import Workflow, WorkflowVersion
from pagemill.models.workflow import DRAFT


class WorkflowRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, workspace_id: str, workflow_id: str, *, lock: bool = False) -> Workflow | None:
        statement = sa.select(Workflow).where(
            Workflow.workspace_id == workspace_id, Workflow.id == workflow_id
        )
        return self.session.scalar(statement.with_for_update() if lock else statement)

    def add(self, row: Workflow | WorkflowVersion) -> None:
        self.session.add(row)
        self.session.flush()

    def page(self, workspace_id: str, page: PageRequest) -> tuple[list[Workflow], str | None]:
        statement = sa.select(Workflow).where(Workflow.workspace_id == workspace_id)
        return keyset_page(self.session, statement, Workflow, page)

    def version(self, workflow: Workflow, version: str) -> WorkflowVersion | None:
        """A version by its label: "draft", "1", "2", …"""
        return self.session.scalar(self._versions(workflow).where(WorkflowVersion.version == version))

    def draft(self, workflow: Workflow) -> WorkflowVersion | None:
        return self.version(workflow, DRAFT)

    def version_by_id(self, workflow: Workflow, version_id: str) -> WorkflowVersion | None:
        return self.session.scalar(self._versions(workflow).where(WorkflowVersion.id == version_id))

    def latest_deployed(self, workflow: Workflow) -> WorkflowVersion | None:
        statement = self._versions(workflow).where(WorkflowVersion.number.is_not(None))
        return self.session.scalar(statement.order_by(WorkflowVersion.number.desc()).limit(1))

    def page_versions(
        self, workflow: Workflow, page: PageRequest
    ) -> tuple[list[WorkflowVersion], str | None]:
        return keyset_page(self.session, self._versions(workflow), WorkflowVersion, page)

    def _versions(self, workflow: Workflow) -> sa.Select[WorkflowVersion]:
        return sa.select(WorkflowVersion).where(
            WorkflowVersion.workspace_id == workflow.workspace_id, WorkflowVersion.workflow_id == workflow.id
        )
