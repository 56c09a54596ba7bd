"""What the classify and split jobs share: read the run's file, parse it, run the processor, record the end.

Each job declares its own steps (step names are durable) and calls these with its processor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from pagemill.files.repository import FileRepository
from pagemill.files.service import file_password
from pagemill.processors.classify.classifier import ClassificationFailure
from pagemill.processors.document import Document
from pagemill.processors.parse import ParseFailure, load_parse_config, parse
from pagemill.runs import service as runs
from pagemill.runs.repository import ProcessorRunRepository
from pagemill.runtime import current

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunInput:
    run_id: str
    workspace_id: str
    file_id: str
    file_name: str
    storage_key: str
    media_type: str
    password: str | None
    config: dict[str, Any]


# The processor: a parsed document and its run to an output; may raise ClassificationFailure.
Compute = Callable[[RunInput, Document], dict[str, Any]]
# Effects that must commit with the output (split files), in the session that records it.
Finalize = Callable[[Session, RunInput, Document, dict[str, Any]], dict[str, Any]]


def start_run(run_id: str) -> bool:
    with current().database.session() as session:
        return runs.start(session, run_id) is not None


def fail_run(run_id: str, message: str) -> None:
    with current().database.session() as session:
        runs.finish_failed(session, run_id, "INTERNAL_ERROR", message)


def _load(run_id: str) -> RunInput | None:
    runtime = current()
    with runtime.database.session() as session:
        run = ProcessorRunRepository(session).by_id(run_id)
        if run is None:
            return None
        file = FileRepository(session).get_any_workspace(run.file_id) if run.file_id else None
        if file is None:
            raise ClassificationFailure("FAILED_TO_PROCESS_FILE", "The input file no longer exists.")
        return RunInput(
            run.id,
            run.workspace_id,
            file.id,
            file.name,
            file.storage_key,
            file.media_type,
            file_password(runtime.settings, file),
            dict(run.config),
        )


def _parse(item: RunInput) -> Document:
    runtime = current()
    parse_config = load_parse_config(item.config.get("parseConfig"), path="config.parseConfig")
    should_stop = runs.stop_checker(runtime.database.session, item.run_id)
    with runtime.storage.open(item.storage_key) as body:
        return parse(
            body, config=parse_config, password=item.password, should_stop=should_stop, name=item.file_name
        ).document


def process_run(run_id: str, compute: Compute, finalize: Finalize | None = None) -> None:
    """Parse, compute and record the output; expected failures end the run FAILED (or CANCELLED)."""
    runtime = current()
    try:
        item = _load(run_id)
        if item is None:
            return
        document = _parse(item)
        output = compute(item, document)
    except ParseFailure as failure:
        cancelled = failure.reason.value == "CANCELLED"
        with runtime.database.session() as session:
            reason = runs.CANCELLED_REASON if cancelled else "FAILED_TO_PROCESS_FILE"
            runs.finish_failed(session, run_id, reason, failure.message)
        return
    except ClassificationFailure as failure:
        with runtime.database.session() as session:
            runs.finish_failed(session, run_id, failure.reason, failure.message)
        return
    with runtime.database.session() as session:
        if finalize is not None:
            output = finalize(session, item, document, output)
        runs.finish_processed(
            session,
            runtime.storage,
            run_id,
            output,
            metrics={"pageCount": document.page_count},
            usage={"credits": 0.0, "totalCredits": 0.0, "breakdown": []},
        )
