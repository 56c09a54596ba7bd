"""HTTP routes of split runs (Extend §B6)."""

from __future__ import annotations

from pagemill.classify_runs.endpoints import make_runs_router
from pagemill.classify_runs.kinds import SPLIT_RUNS

router = make_runs_router(SPLIT_RUNS)
