"""The state of one evaluation: the data it reads, its date, and the work it has spent."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pagemill.formulas.errors import FormulaLimitError
from pagemill.formulas.limits import FormulaLimits


@dataclass
class Evaluation:
    context: Mapping[str, Any]
    limits: FormulaLimits
    today: date
    steps: int = 0
    regex_seconds: float = 0.0

    def tick(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > self.limits.max_steps:
            raise FormulaLimitError(f"formula needs more than {self.limits.max_steps} evaluation steps")

    def regex_time_left(self) -> float:
        """Regular expressions share one time budget per evaluation, however many items they run over."""
        left = self.limits.max_regex_seconds - self.regex_seconds
        if left <= 0:
            raise FormulaLimitError(f"regular expressions took longer than {self.limits.max_regex_seconds} s")
        return left

    def checked_text(self, text: str) -> str:
        """Text a formula builds (not text it reads) is capped, so repeated joins cannot grow without end."""
        if len(text) > self.limits.max_text_length:
            raise FormulaLimitError(f"text longer than {self.limits.max_text_length} characters")
        return text
