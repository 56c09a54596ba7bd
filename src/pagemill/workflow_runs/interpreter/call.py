"""One step about to execute for one branch: everything an executor may read, and what it records."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy.orm import Session

from pagemill.auth.service import Principal
from pagemill.models import WorkflowRun, WorkflowStepRun
from pagemill.runtime import Runtime
from pagemill.workflow_runs.interpreter.context import formula_context

WORKFLOW_PRINCIPAL_KEY = "workflow-run"


@dataclass
class StepCall:
    session: Session
    runtime: Runtime
    run: WorkflowRun
    step_run: WorkflowStepRun
    step: dict[str, Any]
    steps: list[dict[str, Any]]
    token: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.step["name"])

    @property
    def files(self) -> list[dict[str, Any]]:
        return list(self.token["files"])

    @property
    def principal(self) -> Principal:
        """Processor runs a workflow makes belong to the run's workspace."""
        return Principal(workspace_id=self.run.workspace_id, api_key_id=WORKFLOW_PRINCIPAL_KEY)

    @cached_property
    def context(self) -> dict[str, Any]:
        return formula_context(self.session, self.runtime.storage, self.run, self.token["branch"])

    def step_named(self, name: str) -> dict[str, Any] | None:
        return next((step for step in self.steps if step["name"] == name), None)

    def predecessors(self) -> list[dict[str, Any]]:
        return [
            step for step in self.steps if any(entry["step"] == self.name for entry in step.get("next") or [])
        ]
