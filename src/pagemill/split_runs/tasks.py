"""The durable job that executes a split run: parse, split into page ranges, store each as a file."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from pagemill.classify_runs.execution import RunInput, fail_run, process_run, start_run
from pagemill.classify_runs.kinds import SPLIT_RUNS
from pagemill.engine import WORK, job, step
from pagemill.files.service import FileServices
from pagemill.kit.ids import new_id
from pagemill.processors.document import Document
from pagemill.processors.split.splitter import split_document
from pagemill.runtime import current
from pagemill.split_runs.child_files import store_split_file

log = logging.getLogger(__name__)

JOB = SPLIT_RUNS.job


def _compute(item: RunInput, document: Document) -> dict[str, Any]:
    splits = [
        {
            "id": new_id("split"),
            "classificationId": segment.profile.id,
            "type": segment.profile.type,
            "identifier": segment.identifier,
            "observation": segment.observation,
            "startPage": segment.start_page,
            "endPage": segment.end_page,
            "name": None,
            "fileId": None,
        }
        for segment in split_document(document, item.config)
    ]
    return {"splits": splits, "isExternal": False}


def _store_children(
    session: Session, item: RunInput, document: Document, output: dict[str, Any]
) -> dict[str, Any]:
    runtime = current()
    services = FileServices(settings=runtime.settings, storage=runtime.storage, url_guard=runtime.url_guard)
    with runtime.storage.open(item.storage_key) as body:
        source = body.read()
    for split in output["splits"]:
        child = store_split_file(session, services, item, document, source, split)
        split["fileId"], split["name"] = child.id, child.name
    return output


@step(name="split_runs.start")
def _start(run_id: str) -> bool:
    return start_run(run_id)


@step(retries=2, interval=1.0, backoff=2.0, name="split_runs.split")
def _split(run_id: str) -> None:
    process_run(run_id, _compute, _store_children)


@step(name="split_runs.fail")
def _fail(run_id: str, message: str) -> None:
    fail_run(run_id, message)


@job(JOB, queue=WORK)
def execute_split_run(run_id: str) -> None:
    if not _start(run_id):
        return
    try:
        _split(run_id)
    except Exception as error:  # retries are spent: the run fails, the job itself ends cleanly
        log.exception("split run %s failed", run_id)
        _fail(run_id, f"Splitting failed unexpectedly: {type(error).__name__}")
