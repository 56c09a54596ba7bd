"""Formula errors that say what went wrong and where: `unknown function FOO at column 12`."""

from __future__ import annotations


class FormulaError(Exception):
    """A formula problem; `position` is a 0-based offset into `source`, rendered as a 1-based column."""

    def __init__(
        self, message: str, *, position: int | None = None, source: str | None = None, path: str | None = None
    ):
        super().__init__(message)
        self.reason = message
        self.position = position
        self.source = source
        self.path = path

    @property
    def line(self) -> int | None:
        if self.position is None:
            return None
        return (self.source or "").count("\n", 0, self.position) + 1

    @property
    def column(self) -> int | None:
        if self.position is None:
            return None
        line_start = (self.source or "").rfind("\n", 0, self.position) + 1
        return self.position - line_start + 1

    def located(self, *, position: int | None = None, source: str | None = None) -> FormulaError:
        """Fill in where the error happened, keeping what is already known."""
        if self.position is None:
            self.position = position
        if self.source is None:
            self.source = source
        return self

    def at_path(self, prefix: str) -> FormulaError:
        """Prefix the config path the formula came from, e.g. `steps[3].config.rules[0].formula`."""
        self.path = f"{prefix}.{self.path}" if self.path else prefix
        return self

    def __str__(self) -> str:
        text = self.reason
        if self.position is not None:
            multiline = "\n" in (self.source or "")
            where = f"line {self.line}, column {self.column}" if multiline else f"column {self.column}"
            text = f"{text} at {where}"
        return f"{self.path}: {text}" if self.path else text


class FormulaSyntaxError(FormulaError):
    """The formula cannot be compiled: bad syntax, an unknown function, a wrong argument count, a limit."""


class FormulaEvaluationError(FormulaError):
    """The formula compiled but failed on this data: a type mismatch, division by zero, a bad date."""


class FormulaLimitError(FormulaEvaluationError):
    """Evaluation stopped because it used more than its budget (steps, text length, regex time)."""
