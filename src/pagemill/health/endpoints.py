from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from pagemill.api.deps import RuntimeDep

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness")
def healthz() -> dict[str, str]:
    """The process is up and serving HTTP."""
    return {"status": "ok"}


@router.get("/readyz", summary="Readiness")
def readyz(runtime: RuntimeDep) -> JSONResponse:
    """Ready when the app database, the storage and the execution engine all answer."""
    checks: dict[str, Callable[[], None]] = {
        "database": runtime.database.ping,
        "storage": runtime.storage.ping,
        "engine": runtime.engine.ping,
    }
    results: dict[str, str] = {}
    for name, check in checks.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # a probe reports every failure instead of raising it
            log.warning("readiness check %s failed: %s", name, exc)
            results[name] = f"error: {type(exc).__name__}: {exc}"[:300]
    ready = all(value == "ok" for value in results.values())
    return JSONResponse(
        {"status": "ok" if ready else "unavailable", "checks": results}, status_code=200 if ready else 503
    )
