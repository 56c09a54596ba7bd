"""`x-extend-api-version`: which wire shapes a request speaks."""

from __future__ import annotations

CURRENT = "2026-02-09"
LEGACY_2025 = "2025-04-21"
SUPPORTED = (CURRENT, LEGACY_2025)
HEADER = "x-extend-api-version"
