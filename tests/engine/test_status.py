"""Engine statuses as Pagemill names them."""

from __future__ import annotations

import pytest

from pagemill.engine import JobStatus


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ENQUEUED", JobStatus.ENQUEUED),
        ("DELAYED", JobStatus.ENQUEUED),
        ("PENDING", JobStatus.PENDING),
        ("SUCCESS", JobStatus.SUCCESS),
        ("ERROR", JobStatus.ERROR),
        ("MAX_RECOVERY_ATTEMPTS_EXCEEDED", JobStatus.ERROR),
        ("CANCELLED", JobStatus.CANCELLED),
    ],
)
def test_engine_statuses_map_to_job_statuses(raw: str, expected: JobStatus) -> None:
    assert JobStatus.from_engine(raw) is expected


def test_an_unknown_engine_status_is_an_error() -> None:
    with pytest.raises(ValueError):
        JobStatus.from_engine("PAUSED")


def test_only_success_error_and_cancelled_are_final() -> None:
    assert {status for status in JobStatus if status.is_final} == {
        JobStatus.SUCCESS,
        JobStatus.ERROR,
        JobStatus.CANCELLED,
    }
