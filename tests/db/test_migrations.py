"""One Alembic chain: it upgrades and downgrades on SQLite and PostgreSQL and matches the models exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import pagemill.models  # noqa: F401
from pagemill.db.base import Base
from pagemill.db.migrate import downgrade, upgrade
from pagemill.db.session import create_db_engine


def _tables(url: str) -> set[str]:
    engine = create_db_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def _assert_round_trip(url: str) -> None:
    upgrade(url)
    assert {"workspaces", "api_keys", "files"} <= _tables(url)
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(
                MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata
            )
    finally:
        engine.dispose()
    assert differences == [], f"models and migrations differ: {differences}"
    downgrade(url, "base")
    assert _tables(url) == set()
    upgrade(url)
    assert {"workspaces", "api_keys", "files"} <= _tables(url)


def test_sqlite_round_trip(tmp_path: Path) -> None:
    _assert_round_trip(f"sqlite:///{tmp_path / 'app.db'}")


@pytest.mark.postgres
def test_postgres_round_trip(postgres_database_url: str) -> None:
    _assert_round_trip(postgres_database_url)
