"""CONDITIONAL step operands: `{{ extract.output.value.total }}`, literals, or text with `{{ }}` inside.

An operand that is exactly one `{{ expression }}` yields the expression's value with its type; text with
templates inside yields the joined text; an operand with no template is literal text, which a condition
reads as the type of the value it is compared with ("100" as a number, "true" as a boolean).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pagemill.formulas.errors import FormulaError, FormulaSyntaxError
from pagemill.formulas.formula import Formula, compile_formula
from pagemill.formulas.functions import BUILTIN_FUNCTIONS, FunctionLibrary
from pagemill.formulas.limits import DEFAULT_LIMITS, FormulaLimits
from pagemill.formulas.paths import FieldPath
from pagemill.formulas.values import text_of

OPEN, CLOSE = "{{", "}}"


@dataclass(frozen=True)
class Operand:
    source: str
    parts: tuple[str | Formula, ...]

    @property
    def is_literal(self) -> bool:
        return not any(isinstance(part, Formula) for part in self.parts)

    @property
    def references(self) -> tuple[FieldPath, ...]:
        found: dict[FieldPath, None] = {}
        for part in self.parts:
            if isinstance(part, Formula):
                found.update(dict.fromkeys(part.references))
        return tuple(found)

    def resolve(self, context: Mapping[str, Any], *, today: date | None = None) -> Any:
        expressions = [part for part in self.parts if isinstance(part, Formula)]
        literal_text = "".join(part for part in self.parts if isinstance(part, str))
        if len(expressions) == 1 and not literal_text.strip():
            return expressions[0].evaluate(context, today=today)
        pieces = [
            part if isinstance(part, str) else _as_text(part.evaluate(context, today=today))
            for part in self.parts
        ]
        return "".join(pieces)


def _as_text(value: Any) -> str:
    return text_of(value).lower() if isinstance(value, bool) else text_of(value)


def compile_operand(
    source: str,
    *,
    functions: FunctionLibrary = BUILTIN_FUNCTIONS,
    limits: FormulaLimits = DEFAULT_LIMITS,
) -> Operand:
    """Split `source` into literal text and compiled `{{ }}` expressions; errors point into `source`."""
    if len(source) > limits.max_source_length:
        raise FormulaSyntaxError(
            f"operand is longer than {limits.max_source_length} characters", source=source
        )
    parts: list[str | Formula] = []
    index = 0
    while (start := source.find(OPEN, index)) >= 0:
        end = source.find(CLOSE, start + len(OPEN))
        if end < 0:
            raise FormulaSyntaxError("'{{' is never closed with '}}'", position=start, source=source)
        if start > index:
            parts.append(source[index:start])
        inner_start = start + len(OPEN)
        try:
            parts.append(compile_formula(source[inner_start:end], functions=functions, limits=limits))
        except FormulaError as error:
            offset = error.position if error.position is not None else 0
            raise FormulaSyntaxError(error.reason, position=inner_start + offset, source=source) from None
        index = end + len(CLOSE)
    if index < len(source):
        parts.append(source[index:])
    return Operand(source=source, parts=tuple(parts))
