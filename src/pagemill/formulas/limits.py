"""Budgets that keep a hostile or careless formula from costing more than a bounded amount of work."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormulaLimits:
    max_source_length: int = 4_000
    max_depth: int = 64
    max_steps: int = 200_000
    max_text_length: int = 100_000
    max_regex_input_length: int = 100_000
    max_regex_seconds: float = 0.25
    max_fuzzy_length: int = 500
    max_value_nesting: int = 32


DEFAULT_LIMITS = FormulaLimits()
