"""The durable job that executes a classify run: parse the file, then classify it, on the work queue."""

from __future__ import annotations

import logging
from typing import Any

from pagemill.classify_runs.execution import RunInput, fail_run, process_run, start_run
from pagemill.classify_runs.kinds import CLASSIFY_RUNS
from pagemill.engine import WORK, job, step
from pagemill.processors.classify.classifier import classify_document
from pagemill.processors.document import Document

log = logging.getLogger(__name__)

JOB = CLASSIFY_RUNS.job


def _compute(item: RunInput, document: Document) -> dict[str, Any]:
    return classify_document(document, item.config)


@step(name="classify_runs.start")
def _start(run_id: str) -> bool:
    return start_run(run_id)


@step(retries=2, interval=1.0, backoff=2.0, name="classify_runs.classify")
def _classify(run_id: str) -> None:
    process_run(run_id, _compute)


@step(name="classify_runs.fail")
def _fail(run_id: str, message: str) -> None:
    fail_run(run_id, message)


@job(JOB, queue=WORK)
def execute_classify_run(run_id: str) -> None:
    if not _start(run_id):
        return
    try:
        _classify(run_id)
    except Exception as error:  # retries are spent: the run fails, the job itself ends cleanly
        log.exception("classify run %s failed", run_id)
        _fail(run_id, f"Classification failed unexpectedly: {type(error).__name__}")
