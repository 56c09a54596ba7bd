"""Every module that declares engine jobs. A process imports them all before its engine starts, so it can
execute, recover and enqueue any job by name."""

from __future__ import annotations

import importlib

TASK_MODULES = (
    "pagemill.engine.probe",
    "pagemill.parse_runs.tasks",
    "pagemill.extract_runs.tasks",
    "pagemill.classify_runs.tasks",
    "pagemill.split_runs.tasks",
    "pagemill.webhooks.tasks",
    "pagemill.workflow_runs.tasks",
)


def declare_all() -> None:
    for module in TASK_MODULES:
        importlib.import_module(module)
