"""Durable jobs the engine tests run, declared like a feature module declares its own.

Worker subprocesses import this module too (see worker_process.py), so every side effect is a line appended
to a file whose path the test passes in: counting lines counts executions across processes.
"""

from __future__ import annotations

import time
from pathlib import Path

from pagemill.engine import DEFAULT, WORK, job, recv, step

FLAKY = "tests.engine.flaky"
FAILS = "tests.engine.fails"
BLOCKER = "tests.engine.blocker"
MARK = "tests.engine.mark"
AWAIT_REVIEW = "tests.engine.await_review"
TWO_STEPS = "tests.engine.two_steps"


def append_line(path: str, line: str) -> None:
    with Path(path).open("a") as handle:
        handle.write(line + "\n")


def read_lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


@step(retries=2, interval=0.1, backoff=2.0)
def fail_twice_then_succeed(attempts_file: str) -> int:
    append_line(attempts_file, repr(time.monotonic()))
    attempt = len(read_lines(Path(attempts_file)))
    if attempt <= 2:
        raise ConnectionError(f"attempt {attempt} fails")
    return attempt


@job(FLAKY, queue=DEFAULT)
def flaky(attempts_file: str) -> int:
    return fail_twice_then_succeed(attempts_file)


@job(FAILS, queue=DEFAULT)
def fails(reason: str) -> None:
    raise LookupError(reason)


@job(BLOCKER, queue=WORK)
def blocker() -> str | None:
    """Holds the `work` slot until it is sent a message on `release`."""
    released: str | None = recv("release", 30)
    return released


@step()
def write_mark(marks_file: str, label: str) -> None:
    append_line(marks_file, label)


@job(MARK, queue=WORK)
def mark(marks_file: str, label: str) -> str:
    write_mark(marks_file, label)
    return label


@job(AWAIT_REVIEW, queue=DEFAULT)
def await_review(timeout: float) -> object:
    return recv("review", timeout)


@step()
def record(log_file: str, what: str) -> None:
    append_line(log_file, what)


@step()
def record_slowly(log_file: str, what: str, seconds: float) -> None:
    append_line(log_file, f"{what} started")
    time.sleep(seconds)
    append_line(log_file, f"{what} finished")


@job(TWO_STEPS, queue=DEFAULT)
def two_steps(log_file: str, seconds: float) -> str:
    record(log_file, "first")
    record_slowly(log_file, "second", seconds)
    return "done"
