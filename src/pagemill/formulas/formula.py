"""Compile a formula once, evaluate it against many contexts."""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pagemill.formulas.errors import FormulaError, FormulaLimitError
from pagemill.formulas.evaluation import Evaluation
from pagemill.formulas.functions import BUILTIN_FUNCTIONS, FunctionLibrary
from pagemill.formulas.limits import DEFAULT_LIMITS, FormulaLimits
from pagemill.formulas.nodes import FieldRef, Node
from pagemill.formulas.parser import parse
from pagemill.formulas.paths import FieldPath

DECIMAL_CONTEXT = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


@dataclass(frozen=True)
class Formula:
    source: str
    root: Node
    limits: FormulaLimits

    @property
    def references(self) -> tuple[FieldPath, ...]:
        """The fields this formula reads, in order of first use, e.g. `extraction1.line_items.amount`."""
        seen: dict[FieldPath, None] = {}
        for node in self.root.walk():
            if isinstance(node, FieldRef):
                seen.setdefault(node.path, None)
        return tuple(seen)

    def evaluate(self, context: Mapping[str, Any], *, today: date | None = None) -> Any:
        """The formula's value over `context` (step name -> output). Numbers come back as `Decimal`.

        Raises `FormulaEvaluationError` (or its subclass `FormulaLimitError`) with the failing position.
        """
        evaluation = Evaluation(context=context, limits=self.limits, today=today or datetime.now(UTC).date())
        try:
            with decimal.localcontext(DECIMAL_CONTEXT):
                return self.root.evaluate(evaluation)
        except FormulaError as error:
            raise error.located(source=self.source) from None
        except RecursionError as error:
            raise FormulaLimitError("formula data is nested too deeply", source=self.source) from error


def compile_formula(
    source: str,
    *,
    functions: FunctionLibrary = BUILTIN_FUNCTIONS,
    limits: FormulaLimits = DEFAULT_LIMITS,
) -> Formula:
    """Parse `source`, resolving functions; raises `FormulaSyntaxError` with the offending column."""
    return Formula(source=source, root=parse(source, functions, limits), limits=limits)
