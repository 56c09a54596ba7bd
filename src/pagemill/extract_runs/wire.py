"""Extract runs on the wire: `ExtractRun` and `ExtractRunSummary` from a run row."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pagemill.extract_runs import service
from pagemill.extract_runs.schemas import ExtractRun, ExtractRunSummary
from pagemill.files.schemas import FileSummary
from pagemill.models import ProcessorRun
from pagemill.processors.extract import EXTRACTOR
from pagemill.runs import service as runs
from pagemill.runs.status import RunStatus
from pagemill.saved_processors.schemas import schemas_for
from pagemill.storage import Storage

EXTRACTOR_SCHEMAS = schemas_for(EXTRACTOR)


def dashboard_url(base_url: str, run: ProcessorRun) -> str:
    return f"{base_url}/studio/extract_runs/{run.id}"


def _common(session: Session, base_url: str, run: ProcessorRun) -> dict[str, Any]:
    processor, version = service.references(session, run)
    package = run.package_snapshot
    return {
        "id": run.id,
        "extractor": EXTRACTOR_SCHEMAS.summary_out(processor).model_dump(mode="json", by_alias=True)
        if processor
        else None,
        "extractor_version": EXTRACTOR_SCHEMAS.version_out(version, with_config=False).model_dump(
            mode="json", by_alias=True
        )
        if version
        else None,
        "status": run.status,
        "failure_reason": run.failure_reason if run.status == RunStatus.FAILED else None,
        "failure_message": run.failure_message if run.status == RunStatus.FAILED else None,
        "metadata": run.run_metadata or {},
        "file": None
        if package or run.file_snapshot is None
        else FileSummary.model_validate(run.file_snapshot),
        "files": [FileSummary.model_validate(item) for item in package] if package else None,
        "dashboard_url": dashboard_url(base_url, run),
        "created_at": run.created_at,
        "updated_at": run.updated_at,
    }


def summary_out(session: Session, base_url: str, run: ProcessorRun) -> ExtractRunSummary:
    usage = run.usage if run.status == RunStatus.PROCESSED else None
    brief = (
        {"credits": usage.get("credits", 0.0), "totalCredits": usage.get("totalCredits")} if usage else None
    )
    return ExtractRunSummary(**_common(session, base_url, run), usage=brief)


def run_out(session: Session, storage: Storage, base_url: str, run: ProcessorRun) -> ExtractRun:
    return ExtractRun(
        **_common(session, base_url, run),
        usage=run.usage if run.status == RunStatus.PROCESSED else None,
        output=runs.read_output(storage, run),
        config=run.config,
    )
