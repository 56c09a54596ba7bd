"""The draft/published-version rules shared by extractors, classifiers and splitters, on a real database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from pagemill.auth.service import Principal, create_key
from pagemill.db.migrate import upgrade
from pagemill.db.session import Database
from pagemill.errors import InvalidRequest, NotFound
from pagemill.saved_processors import service
from pagemill.saved_processors.kinds import ProcessorKind


def _load_widget_config(data: dict[str, Any], path: str) -> dict[str, Any]:
    """A kind for these tests: a config needs a non-empty `labels` list; saving sorts it."""
    labels = data.get("labels")
    if not isinstance(labels, list) or not labels:
        raise InvalidRequest("labels must be a non-empty list", path=f"{path}.labels")
    return {"labels": sorted(labels)}


WIDGET = ProcessorKind(
    name="widget",
    collection="widgets",
    id_prefix="wd",
    version_prefix="wdv",
    clone_field="cloneWidgetId",
    load_config=_load_widget_config,
)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    database = Database(url)
    with database.session() as session:
        yield session
    database.dispose()


@pytest.fixture
def principal(session: Session) -> Principal:
    key = create_key(session, name="tests").key
    return Principal(workspace_id=key.workspace_id, api_key_id=key.id, api_key_name=key.name)


def test_create_normalises_the_config_into_a_draft(session: Session, principal: Principal) -> None:
    widget = service.create(
        session, principal, WIDGET, name="W", config={"labels": ["b", "a"]}, clone_from=None
    )
    assert widget.id.startswith("wd_")
    draft = service.draft_of(session, widget)
    assert draft.version == "draft" and draft.config == {"labels": ["a", "b"]}
    assert draft.created_by == {"type": "api_key", "name": "tests"}


def test_bad_config_names_its_path(session: Session, principal: Principal) -> None:
    with pytest.raises(InvalidRequest) as caught:
        service.create(session, principal, WIDGET, name="W", config={"labels": []}, clone_from=None)
    assert caught.value.path == "config.labels"


def test_exactly_one_of_config_and_clone(session: Session, principal: Principal) -> None:
    with pytest.raises(InvalidRequest):
        service.create(session, principal, WIDGET, name="W", config=None, clone_from=None)


def test_publish_numbers_versions_and_freezes_them(session: Session, principal: Principal) -> None:
    widget = service.create(session, principal, WIDGET, name="W", config={"labels": ["a"]}, clone_from=None)
    first = service.publish(
        session, principal, WIDGET, widget.id, release_type="minor", description=None, config=None
    )
    second = service.publish(
        session, principal, WIDGET, widget.id, release_type="minor", description="x", config={"labels": ["z"]}
    )
    major = service.publish(
        session, principal, WIDGET, widget.id, release_type="major", description=None, config=None
    )
    assert [first.version, second.version, major.version] == ["0.1", "0.2", "1.0"]
    assert second.config == {"labels": ["z"]}
    service.update(session, principal, WIDGET, widget.id, name=None, config={"labels": ["q"]})
    assert service.get_version(session, principal, WIDGET, widget.id, "0.1").config == {"labels": ["a"]}
    assert service.get_version(session, principal, WIDGET, widget.id, "draft").config == {"labels": ["q"]}
    assert [v.version for v in service.list_versions(session, principal, WIDGET, widget.id)] == [
        "draft",
        "1.0",
        "0.2",
        "0.1",
    ]


def test_version_references(session: Session, principal: Principal) -> None:
    widget = service.create(session, principal, WIDGET, name="W", config={"labels": ["a"]}, clone_from=None)
    assert service.get_version(session, principal, WIDGET, widget.id, "latest").version == "draft"
    published = service.publish(
        session, principal, WIDGET, widget.id, release_type="minor", description=None, config=None
    )
    assert service.get_version(session, principal, WIDGET, widget.id, "latest").id == published.id
    assert service.get_version(session, principal, WIDGET, widget.id, published.id).version == "0.1"
    with pytest.raises(NotFound):
        service.get_version(session, principal, WIDGET, widget.id, "9.9")
    assert service.find_version(session, principal.workspace_id, "widget", "wd_nope", "draft") is None
    assert service.find_version(session, "ws_other", "widget", widget.id, "draft") is None


def test_clone_copies_the_draft(session: Session, principal: Principal) -> None:
    source = service.create(session, principal, WIDGET, name="S", config={"labels": ["k"]}, clone_from=None)
    clone = service.create(session, principal, WIDGET, name="C", config=None, clone_from=source.id)
    assert service.draft_of(session, clone).config == {"labels": ["k"]} and clone.id != source.id
    with pytest.raises(NotFound) as caught:
        service.create(session, principal, WIDGET, name="C", config=None, clone_from="wd_missing")
    assert caught.value.path == "cloneWidgetId"
