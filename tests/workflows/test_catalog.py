"""Steps that reference saved processors are checked against the workspace's real saved-processor rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from pagemill.db.base import Base
from pagemill.db.session import create_db_engine
from pagemill.models import SavedProcessor, SavedProcessorVersion, Workspace
from pagemill.workflows.catalog import SavedProcessorCatalog
from pagemill.workflows.problems import InvalidWorkflow
from pagemill.workflows.validation import validate_steps
from tests.workflows.graphs import classification, minimal

WORKSPACE, OTHER = "ws_mine", "ws_other"


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'catalog.db'}")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all([Workspace(id=WORKSPACE, name="mine"), Workspace(id=OTHER, name="other")])
        session.flush()
        classifications = {"classifications": [classification("cls_invoice", "invoice")]}
        save(session, WORKSPACE, "classifier", "cl_docs", {"draft": {}, "0.1": classifications})
        save(session, OTHER, "classifier", "cl_theirs", {"0.1": classifications})
        session.flush()
        yield session
    engine.dispose()


def save(session: Session, workspace_id: str, kind: str, processor_id: str, versions: dict[str, Any]) -> None:
    session.add(SavedProcessor(id=processor_id, workspace_id=workspace_id, kind=kind, name=processor_id))
    session.flush()
    for label, config in versions.items():
        major, minor = (None, None) if label == "draft" else map(int, label.split("."))
        session.add(
            SavedProcessorVersion(
                id=f"{processor_id}_v{label}",
                workspace_id=workspace_id,
                processor_id=processor_id,
                version=label,
                major=major,
                minor=minor,
                config=config,
            )
        )


def classify_with(reference: dict[str, str], route: str = "cls_invoice") -> list[dict[str, Any]]:
    steps = minimal()
    steps[1]["next"] = [{"step": "classify"}]
    steps.append(
        {
            "name": "classify",
            "type": "CLASSIFY",
            "config": {"classifier": reference},
            "next": [{"step": "review", "classificationId": route}],
        }
    )
    steps.append({"name": "review", "type": "HUMAN_REVIEW"})
    return steps


def test_reference_routes_by_the_pinned_versions_classification_ids(session: Session) -> None:
    catalog = SavedProcessorCatalog(session, WORKSPACE)
    assert validate_steps(classify_with({"id": "cl_docs", "version": "0.1"}), catalog=catalog, deploying=True)
    assert catalog.config_of("classifier", "cl_docs", "0.1") == {
        "classifications": [classification("cls_invoice", "invoice")]
    }


def test_routing_by_an_id_missing_from_the_pinned_version_is_refused(session: Session) -> None:
    steps = classify_with({"id": "cl_docs", "version": "draft"})
    with pytest.raises(InvalidWorkflow) as caught:
        validate_steps(steps, catalog=SavedProcessorCatalog(session, WORKSPACE))
    assert caught.value.path == "steps[2].next[0].classificationId"


@pytest.mark.parametrize(
    "reference",
    [
        {"id": "cl_docs", "version": "9.9"},  # no such version
        {"id": "cl_theirs", "version": "0.1"},  # another workspace's
        {"id": "cl_nope", "version": "0.1"},
    ],
)
def test_unknown_references_are_refused_at_the_reference(session: Session, reference: dict[str, str]) -> None:
    with pytest.raises(InvalidWorkflow) as caught:
        validate_steps(classify_with(reference), catalog=SavedProcessorCatalog(session, WORKSPACE))
    assert caught.value.path == "steps[2].config.classifier"
    assert f"no classifier {reference['id']!r} with version {reference['version']!r}" in caught.value.message
