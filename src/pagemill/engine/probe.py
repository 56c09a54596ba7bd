"""`engine.probe`: a real job that reports which process executed it, and the check built on it."""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from pagemill.config import Role, Settings
from pagemill.engine import runtime
from pagemill.engine.control import Engine
from pagemill.engine.errors import EngineError, JobTimeout
from pagemill.engine.jobs import job, step
from pagemill.engine.queues import DEFAULT
from pagemill.kit.clock import rfc3339, utcnow

PROBE_JOB = "engine.probe"


@step()
def describe_executor() -> dict[str, Any]:
    """Who is running this: executor id, process id, role, and the time, as seen by the executing process."""
    executing = runtime.active()
    if executing is None:
        raise EngineError("engine.probe ran outside an executing engine")
    return {
        "executor": executing.executor_id,
        "pid": os.getpid(),
        "role": executing.settings.role.value,
        "at": rfc3339(utcnow()),
    }


@job(PROBE_JOB, queue=DEFAULT)
def probe() -> dict[str, Any]:
    return describe_executor()


def check(engine: Engine, timeout: float) -> dict[str, Any]:
    """Enqueue the probe at top priority, wait up to `timeout` s, return the executing process's report.

    Raises JobTimeout when nothing executed it in time (no worker or server running).
    """
    run_id = engine.enqueue(PROBE_JOB, priority=1)
    report: dict[str, Any] = engine.result(run_id, timeout)
    return report


def check_command(settings: Settings, timeout: float = 30.0, out: TextIO = sys.stdout) -> int:
    """`pagemill engine check`: 0 and the executor's report when some executor ran the probe, else 1.

    This process only enqueues (role api), so the answer always comes from a separate server or worker.
    """
    with Engine(settings.model_copy(update={"role": Role.API})) as engine:
        try:
            report = check(engine, timeout)
        except JobTimeout:
            print(
                f"engine check: no executor ran {PROBE_JOB} within {timeout:g} s; "
                "is `pagemill serve` (role all) or `pagemill worker` running on this system database?",
                file=out,
            )
            return 1
    print(
        f"engine check: {PROBE_JOB} ran on executor {report['executor']} "
        f"(pid {report['pid']}, role {report['role']}) at {report['at']}",
        file=out,
    )
    return 0
