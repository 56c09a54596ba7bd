"""Shared PostgreSQL fixtures, loaded as a pytest plugin (`pytest_plugins = ["postgres_fixtures"]`).

The server is `PAGEMILL_TEST_POSTGRES_URL` (default: the loopback server, database `postgres`). Each fixture
creates a fresh database with a random name and drops it afterwards, so runs never see each other's data.
When the server cannot be reached, tests that use these fixtures or carry `@pytest.mark.postgres` FAIL, saying
why; with `PAGEMILL_TEST_POSTGRES=skip` they are skipped instead, with the same reason.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

SERVER_URL_ENV = "PAGEMILL_TEST_POSTGRES_URL"
SKIP_ENV = "PAGEMILL_TEST_POSTGRES"
DEFAULT_SERVER_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def server_url() -> str:
    return os.environ.get(SERVER_URL_ENV, DEFAULT_SERVER_URL)


@functools.lru_cache
def unreachable_reason(url: str) -> str | None:
    """Why the server at `url` cannot be used, or None when it answers."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as error:
        shown = sa.make_url(url).render_as_string(hide_password=True)
        return f"PostgreSQL at {shown} is not reachable: {error}"
    finally:
        engine.dispose()
    return None


def require_server(url: str) -> None:
    """Fail (or, with PAGEMILL_TEST_POSTGRES=skip, skip) the current test when the server is not reachable."""
    reason = unreachable_reason(url)
    if reason is None:
        return
    if os.environ.get(SKIP_ENV, "").lower() == "skip":
        pytest.skip(f"{reason} ({SKIP_ENV}=skip)")
    pytest.fail(f"{reason}. Start PostgreSQL, point {SERVER_URL_ENV} at one, or set {SKIP_ENV}=skip.")


@contextlib.contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """Create a database with a random name on the server at `url`; yield its URL; drop it afterwards."""
    name = f"pagemill_test_{secrets.token_hex(6)}"
    admin = sa.create_engine(url, poolclass=sa.pool.NullPool, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield sa.make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    url = server_url()
    require_server(url)
    return url


@pytest.fixture(scope="session")
def postgres_session_database_url(postgres_server_url: str) -> Iterator[str]:
    """A fresh database shared by the whole test session."""
    with fresh_database(postgres_server_url) as url:
        yield url


@pytest.fixture(scope="module")
def postgres_database_url(postgres_server_url: str) -> Iterator[str]:
    """A fresh database for one test module."""
    with fresh_database(postgres_server_url) as url:
        yield url


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres") is not None:
        require_server(server_url())
