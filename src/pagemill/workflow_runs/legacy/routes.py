"""Routes chosen by the request's API version, so one path can have a current and a 2025-04-21 handler.

The request conventions middleware puts the version in `scope["state"]["api_version"]` before routing; a
route of the wrong version does not match, and the router tries the next one.
"""

from __future__ import annotations

from typing import Any

from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Scope

from pagemill.api.versions import LEGACY_2025


def _speaks_legacy(scope: Scope) -> bool:
    return (scope.get("state") or {}).get("api_version") == LEGACY_2025


class LegacyRoute(APIRoute):
    """Matches only requests that speak 2025-04-21."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if not _speaks_legacy(scope):
            return Match.NONE, {}
        return super().matches(scope)


class CurrentRoute(APIRoute):
    """Matches every request except those that speak 2025-04-21 (an unsupported version is refused later)."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if _speaks_legacy(scope):
            return Match.NONE, {}
        return super().matches(scope)


def without_nulls(data: dict[str, Any]) -> dict[str, Any]:
    """2025-04-21 leaves optional fields out rather than sending null."""
    return {key: value for key, value in data.items() if value is not None}
