"""The token bucket in the app database paces requests for every process that shares the database."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pagemill.db.migrate import upgrade
from pagemill.db.session import create_db_engine
from pagemill.processors.models.providers.base import ProviderError
from pagemill.processors.models.providers.rate_limit import DatabaseTokenBucket


def migrated(url: str) -> str:
    """A database with Pagemill's schema, as every real one has."""
    upgrade(url)
    return url


def timed_acquires(bucket: DatabaseTokenBucket, count: int) -> list[float]:
    started = time.monotonic()
    moments = []
    for _ in range(count):
        bucket.acquire(timeout=10)
        moments.append(time.monotonic() - started)
    return moments


def assert_paced(database_url: str) -> None:
    # Slow enough that a busy machine cannot blur the burst and the paced part into each other.
    bucket = DatabaseTokenBucket(create_db_engine(database_url), "test paced", per_minute=60, capacity=2)
    moments = timed_acquires(bucket, 5)
    assert moments[1] - moments[0] < 0.6, "the first two requests use the burst capacity"
    waited = moments[4] - moments[1]
    assert waited >= 3 * 1.0 * 0.9, f"three more at 1 per second take 3 s, not {waited:.3f}"


def test_requests_beyond_the_burst_wait_for_the_refill_on_sqlite(tmp_path: Path) -> None:
    assert_paced(migrated(f"sqlite:///{tmp_path / 'app.db'}"))


@pytest.mark.postgres
def test_requests_beyond_the_burst_wait_for_the_refill_on_postgres(postgres_database_url: str) -> None:
    assert_paced(migrated(postgres_database_url))


def test_waiting_longer_than_the_timeout_is_a_retryable_rate_limit_error(tmp_path: Path) -> None:
    bucket = DatabaseTokenBucket(
        create_db_engine(migrated(f"sqlite:///{tmp_path / 'app.db'}")), "slow", per_minute=6, capacity=1
    )
    bucket.acquire(timeout=1)
    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        bucket.acquire(timeout=0.2)
    assert time.monotonic() - started < 0.2, "it gives up at once when the next token is due too late"
    assert caught.value.reason == "rate_limited" and caught.value.retryable
    assert 9 < (caught.value.retry_after or 0) <= 10


def test_separate_buckets_do_not_share_tokens(tmp_path: Path) -> None:
    engine = create_db_engine(migrated(f"sqlite:///{tmp_path / 'app.db'}"))
    DatabaseTokenBucket(engine, "first", per_minute=1).acquire(timeout=0)
    DatabaseTokenBucket(engine, "second", per_minute=1).acquire(timeout=0)
    with pytest.raises(ProviderError):
        DatabaseTokenBucket(engine, "first", per_minute=1).acquire(timeout=0)


WORKER = textwrap.dedent("""
    import sys, time
    from pagemill.db.session import create_db_engine
    from pagemill.processors.models.providers.rate_limit import DatabaseTokenBucket
    bucket = DatabaseTokenBucket(create_db_engine(sys.argv[1]), "shared", per_minute=1200, capacity=1)
    print("ready", flush=True)
    sys.stdin.readline()
    for _ in range(5):
        bucket.acquire(timeout=30)
        print(time.time(), flush=True)
""")


def run_workers(database_url: str, count: int) -> list[float]:
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, database_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    for worker in workers:
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    moments = []
    for worker in workers:
        output, _ = worker.communicate(timeout=60)
        assert worker.returncode == 0
        moments += [float(line) for line in output.split()]
    return sorted(moments)


@pytest.mark.slow
def test_two_processes_share_one_rate(tmp_path: Path) -> None:
    moments = run_workers(migrated(f"sqlite:///{tmp_path / 'app.db'}"), 2)
    assert len(moments) == 10
    # 20 per second with no burst: ten requests from both processes together span at least 9 / 20 s.
    assert moments[-1] - moments[0] >= 9 / 20 * 0.9
