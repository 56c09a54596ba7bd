"""The durable job that executes an extract run: parse its file(s), then extract, on the work queue."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from pagemill.engine import WORK, job, step
from pagemill.files.repository import FileRepository
from pagemill.files.service import file_password
from pagemill.processors.document import Document
from pagemill.processors.extract import extract
from pagemill.processors.extract.inference import infer_schema
from pagemill.processors.parse import ParseFailure, load_parse_config, parse
from pagemill.runs import service as runs
from pagemill.runs.repository import ProcessorRunRepository
from pagemill.runtime import current

log = logging.getLogger(__name__)

JOB = "extract_runs.execute"


class ExtractFailure(Exception):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class _Input:
    file_id: str
    storage_key: str
    name: str
    password: str | None


@step(name="extract_runs.start")
def _start(run_id: str) -> bool:
    with current().database.session() as session:
        return runs.start(session, run_id) is not None


def _inputs(run_id: str) -> tuple[list[_Input], dict[str, Any]] | None:
    runtime = current()
    with runtime.database.session() as session:
        run = ProcessorRunRepository(session).by_id(run_id)
        if run is None:
            return None
        ids = [item["id"] for item in run.package_snapshot] if run.package_snapshot else [run.file_id]
        repository = FileRepository(session)
        inputs = []
        for file_id in ids:
            file = repository.get_any_workspace(file_id) if file_id else None
            if file is None:
                raise ExtractFailure("FAILED_TO_PROCESS_FILE", f"The input file {file_id} no longer exists.")
            inputs.append(_Input(file.id, file.storage_key, file.name, file_password(runtime.settings, file)))
        return inputs, dict(run.config)


def _read(inputs: list[_Input], config: dict[str, Any], run_id: str) -> tuple[Document, dict[int, str]]:
    """The inputs parsed into one document (a package's files one after another) and each page's file id."""
    runtime = current()
    parse_config = load_parse_config(config.get("parseConfig"), path="config.parseConfig")
    should_stop = runs.stop_checker(runtime.database.session, run_id)
    merged: Document | None = None
    page_files: dict[int, str] = {}
    for item in inputs:
        with runtime.storage.open(item.storage_key) as body:
            document = parse(
                body, config=parse_config, password=item.password, should_stop=should_stop, name=item.name
            ).document
        if merged is None:
            merged = document
            page_files.update({page.number: item.file_id for page in document.pages})
            continue
        offset = max((page.number for page in merged.pages), default=0)
        for page in document.pages:
            page.number += offset
            page_files[page.number] = item.file_id
            merged.pages.append(page)
    if merged is None or not any(page.lines or page.blocks for page in merged.pages):
        raise ExtractFailure("FAILED_TO_PROCESS_FILE", "The file has no readable text to extract from.")
    return merged, page_files


def _provider() -> Any:
    """The server's default model provider, when the provider port is installed and one is configured."""
    try:
        from pagemill.processors.models.providers import provider_from_settings  # type: ignore[import-not-found]
    except ImportError:
        return None
    settings = current().settings
    name = getattr(settings, "llm_provider", None)
    if not name or name == "embedded":
        return None
    return provider_from_settings(settings, name)


def _with_file_ids(output: dict[str, Any], page_files: dict[int, str]) -> dict[str, Any]:
    for entry in output["metadata"].values():
        for citation in entry.get("citations") or []:
            page = (citation.get("page") or {}).get("number")
            citation["fileId"] = page_files.get(page)
    return output


@step(retries=2, interval=1.0, backoff=2.0, name="extract_runs.extract")
def _extract(run_id: str) -> None:
    runtime = current()
    try:
        loaded = _inputs(run_id)
        if loaded is None:
            return
        inputs, config = loaded
        document, page_files = _read(inputs, config, run_id)
        if config.get("schema") is None:
            config["schema"] = infer_schema(document)
            if config["schema"] is None:
                raise ExtractFailure(
                    "SCHEMA_GENERATION_FAILED",
                    "No schema was given and the document has no labelled values to infer one.",
                )
        result = extract(document, config, provider=_provider())
    except ParseFailure as failure:
        reason = "ABORTED" if failure.reason.value == "CANCELLED" else "FAILED_TO_PROCESS_FILE"
        with runtime.database.session() as session:
            runs.finish_failed(
                session, run_id, runs.CANCELLED_REASON if reason == "ABORTED" else reason, failure.message
            )
        return
    except ExtractFailure as failure:
        with runtime.database.session() as session:
            runs.finish_failed(session, run_id, failure.reason, failure.message)
        return
    with runtime.database.session() as session:
        run = ProcessorRunRepository(session).by_id(run_id)
        if run is not None and run.config.get("schema") is None:
            run.config = config
        runs.finish_processed(
            session,
            runtime.storage,
            run_id,
            _with_file_ids(result.output(), page_files),
            metrics={"processingTimeMs": round(result.seconds * 1000, 1), "pageCount": document.page_count},
            usage=result.usage,
        )


@step(name="extract_runs.fail")
def _fail(run_id: str, message: str) -> None:
    with current().database.session() as session:
        runs.finish_failed(session, run_id, "INTERNAL_ERROR", message)


@job(JOB, queue=WORK)
def execute_extract_run(run_id: str) -> None:
    if not _start(run_id):
        return
    try:
        _extract(run_id)
    except Exception as error:  # retries are spent: the run fails, the job itself ends cleanly
        log.exception("extract run %s failed", run_id)
        _fail(run_id, f"Extraction failed unexpectedly: {type(error).__name__}")
