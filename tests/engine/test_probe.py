"""`engine.probe` and `pagemill engine check`: which process executed the work."""

from __future__ import annotations

import io
import os

from pagemill.config import Settings
from pagemill.engine import Engine
from pagemill.engine.probe import check, check_command


def test_the_embedded_engine_runs_the_probe_itself(embedded_engine: Engine) -> None:
    report = check(embedded_engine, timeout=15)

    assert report["executor"] == "local"
    assert report["pid"] == os.getpid()
    assert report["role"] == "all"
    assert report["at"].endswith("Z")


def test_the_check_command_names_the_executor_that_ran_the_probe(
    embedded_engine: Engine, embedded_settings: Settings
) -> None:
    out = io.StringIO()

    assert check_command(embedded_settings, timeout=15, out=out) == 0
    assert f"ran on executor local (pid {os.getpid()}, role all)" in out.getvalue()


def test_the_check_command_fails_when_nothing_executes(embedded_settings: Settings) -> None:
    # No engine executes in this process: the command itself only enqueues.
    out = io.StringIO()

    assert check_command(embedded_settings, timeout=0.5, out=out) == 1
    assert "no executor ran engine.probe within 0.5 s" in out.getvalue()
