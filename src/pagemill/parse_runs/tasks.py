"""The durable job that executes a parse run on the engine's bounded work queue."""

from __future__ import annotations

import logging

from pagemill.engine import WORK, job, step
from pagemill.files.repository import FileRepository
from pagemill.files.service import file_password
from pagemill.processors.parse import ParseFailure, load_parse_config, parse
from pagemill.runs import service as runs
from pagemill.runs.reconcile import register_run_job
from pagemill.runs.repository import ProcessorRunRepository
from pagemill.runtime import current

log = logging.getLogger(__name__)

JOB = "parse_runs.execute"
register_run_job("parse", JOB)


@step(name="parse_runs.start")
def _start(run_id: str) -> bool:
    with current().database.session() as session:
        return runs.start(session, run_id) is not None


@step(retries=2, interval=1.0, backoff=2.0, name="parse_runs.parse")
def _parse(run_id: str) -> None:
    runtime = current()
    with runtime.database.session() as session:
        run = ProcessorRunRepository(session).by_id(run_id)
        file = FileRepository(session).get_any_workspace(run.file_id) if run and run.file_id else None
        if run is None or file is None:
            return
        config = load_parse_config(run.config)
        storage_key, name, password = file.storage_key, file.name, file_password(runtime.settings, file)
    should_stop = runs.stop_checker(runtime.database.session, run_id)
    try:
        with runtime.storage.open(storage_key) as body:
            result = parse(body, config=config, password=password, should_stop=should_stop, name=name)
    except ParseFailure as failure:
        with runtime.database.session() as session:
            runs.finish_failed(session, run_id, failure.reason.value, failure.message)
        return
    with runtime.database.session() as session:
        runs.finish_processed(
            session, runtime.storage, run_id, result.output, metrics=result.metrics.to_wire(result.page_count)
        )


@step(name="parse_runs.fail")
def _fail(run_id: str, message: str) -> None:
    with current().database.session() as session:
        runs.finish_failed(session, run_id, "INTERNAL_ERROR", message)


@job(JOB, queue=WORK)
def execute_parse_run(run_id: str) -> None:
    if not _start(run_id):
        return
    try:
        _parse(run_id)
    except Exception as error:  # retries are spent: the run fails, the job itself ends cleanly
        log.exception("parse run %s failed", run_id)
        _fail(run_id, f"Parsing failed unexpectedly: {type(error).__name__}")
