"""Engine tests.

Embedded tests run the engine in this process (role all) on SQLite in a temporary folder. Scale-out tests
(`@pytest.mark.postgres`) create a fresh database on the PostgreSQL server named by PAGEMILL_TEST_POSTGRES_URL
(default postgresql+psycopg://postgres@127.0.0.1:5432/postgres) and run `pagemill worker` subprocesses against
it. When that server is not reachable they FAIL with the reason; set PAGEMILL_TEST_POSTGRES=skip to skip them
instead (the skip reason says why). Those fixtures live in tests/postgres_fixtures.py, loaded by the root
conftest.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pagemill.config import Settings
from pagemill.engine import Engine


@pytest.fixture
def embedded_settings(tmp_path: Path) -> Settings:
    """Embedded mode in a fresh folder, with one slot on the bounded `work` queue."""
    return Settings(home=tmp_path / "home", worker_concurrency=1)


@pytest.fixture
def embedded_engine(embedded_settings: Settings) -> Iterator[Engine]:
    engine = Engine(embedded_settings)
    engine.start()
    try:
        yield engine
    finally:
        engine.stop()
