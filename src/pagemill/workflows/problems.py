"""Validation problems with field paths, collected so one 400 can name several at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import ValidationError

from pagemill.api.envelope import field_path
from pagemill.errors import InvalidRequest, PagemillError
from pagemill.formulas import FormulaError

SHOWN = 5


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def join(prefix: str, rest: str) -> str:
    """`steps[2]` + `config.url` → `steps[2].config.url`; `steps` + `[2]` → `steps[2]`."""
    if not rest:
        return prefix
    return f"{prefix}{rest}" if rest.startswith("[") else f"{prefix}.{rest}"


class Problems:
    """An ordered list of problems; `raise_if_any` turns them into one INVALID_REQUEST."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def __bool__(self) -> bool:
        return bool(self.items)

    def add(self, path: str, message: str) -> None:
        self.items.append(Problem(path, message))

    def add_formula(self, error: FormulaError) -> None:
        path = error.path or ""
        text = str(error)
        self.add(path, text[len(path) + 2 :] if path and text.startswith(f"{path}: ") else text)

    def add_request_error(self, error: PagemillError) -> None:
        text = str(error)
        suffix = f"; Path: {error.path}"
        self.add(error.path or "", text[: -len(suffix)] if text.endswith(suffix) else text)

    def add_validation(self, error: ValidationError, prefix: str) -> None:
        for detail in error.errors():
            rest = field_path(detail.get("loc", ()))
            message = "is required" if detail.get("type") == "missing" else str(detail.get("msg"))
            self.add(join(prefix, "" if rest == "body" else rest), message)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def raise_if_any(self, lead: str = "") -> None:
        if not self.items:
            return
        listed = "; ".join(str(problem) for problem in self.items[:SHOWN])
        more = f" (and {len(self.items) - SHOWN} more)" if len(self.items) > SHOWN else ""
        error = InvalidWorkflow(f"{lead}{listed}{more}")
        error.path = self.items[0].path
        error.problems = list(self.items)
        raise error


class InvalidWorkflow(InvalidRequest):
    """A step graph that breaks one or more rules; `problems` lists every one found, `path` is the first's."""

    problems: list[Problem]
