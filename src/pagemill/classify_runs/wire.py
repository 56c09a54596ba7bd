"""Classify and split runs on the wire, from a run row."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pagemill.classify_runs.kinds import RunKind
from pagemill.classify_runs.schemas import RunSchemas
from pagemill.classify_runs.service import references
from pagemill.files.schemas import FileSummary
from pagemill.kit.schema import WireModel
from pagemill.models import ProcessorRun
from pagemill.runs import service as runs
from pagemill.runs.status import RunStatus
from pagemill.saved_processors.schemas import schemas_for
from pagemill.storage import Storage


def _common(session: Session, kind: RunKind, base_url: str, run: ProcessorRun) -> dict[str, Any]:
    saved = schemas_for(kind.saved)
    processor, version = references(session, kind, run)
    failed = run.status == RunStatus.FAILED
    return {
        "id": run.id,
        kind.reference_field: saved.summary_out(processor).model_dump(mode="json", by_alias=True)
        if processor
        else None,
        f"{kind.reference_field}_version": saved.version_out(version, with_config=False).model_dump(
            mode="json", by_alias=True
        )
        if version
        else None,
        "status": run.status,
        "failure_reason": run.failure_reason if failed else None,
        "failure_message": run.failure_message if failed else None,
        "metadata": run.run_metadata or {},
        "file": FileSummary.model_validate(run.file_snapshot) if run.file_snapshot else None,
        "dashboard_url": f"{base_url}/studio/{kind.collection}/{run.id}",
        "created_at": run.created_at,
        "updated_at": run.updated_at,
    }


def summary_out(
    session: Session, kind: RunKind, schemas: RunSchemas, base_url: str, run: ProcessorRun
) -> WireModel:
    usage = run.usage if run.status == RunStatus.PROCESSED else None
    brief = (
        {"credits": usage.get("credits", 0.0), "totalCredits": usage.get("totalCredits")} if usage else None
    )
    return schemas.summary(**_common(session, kind, base_url, run), usage=brief)


def run_out(
    session: Session, kind: RunKind, schemas: RunSchemas, storage: Storage, base_url: str, run: ProcessorRun
) -> WireModel:
    return schemas.run(
        **_common(session, kind, base_url, run),
        usage=run.usage if run.status == RunStatus.PROCESSED else None,
        output=runs.read_output(storage, run),
        config=run.config,
    )
