"""Declaring jobs and steps."""

from __future__ import annotations

import pytest

from pagemill.engine import DEFAULT, WORK, job, step
from pagemill.engine.jobs import declared_jobs, job_spec
from pagemill.engine.probe import PROBE_JOB
from tests.engine import engine_test_jobs as jobs


def test_a_declared_job_is_known_by_name_with_its_queue() -> None:
    assert {PROBE_JOB, jobs.MARK, jobs.FLAKY} <= set(declared_jobs())
    assert job_spec(jobs.MARK).queue == WORK
    assert job_spec(jobs.FLAKY).queue == DEFAULT
    assert job_spec("never.declared") is None


def test_a_job_name_cannot_be_taken_by_another_function() -> None:
    def impostor() -> None: ...

    with pytest.raises(ValueError, match="already declared"):
        job(jobs.MARK)(impostor)


def test_a_job_must_name_a_known_queue() -> None:
    with pytest.raises(ValueError, match="unknown queue"):
        job("tests.engine.lost", queue="nowhere")


def test_retries_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="retries"):
        step(retries=-1)
