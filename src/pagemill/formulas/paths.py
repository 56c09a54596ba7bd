"""Field paths such as `extraction1.line_items.amount` and how they read values out of the context.

A key applied to an array applies to each item (`line_items.amount` is the array of every amount), as
does an explicit `[]`; `[0]` picks one item (`[-1]` the last). A missing key or index reads as null.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pagemill.formulas.errors import FormulaEvaluationError
from pagemill.formulas.evaluation import Evaluation
from pagemill.formulas.values import a_type, normalize


@dataclass(frozen=True)
class Key:
    name: str


@dataclass(frozen=True)
class Index:
    index: int


@dataclass(frozen=True)
class EachItem:
    """The explicit `[]` projection."""


Segment = Key | Index | EachItem


@dataclass(frozen=True)
class FieldPath:
    """The field a formula reads, without item selectors: `extraction1.line_items.amount`."""

    parts: tuple[str, ...]

    @property
    def root(self) -> str:
        return self.parts[0]

    def __str__(self) -> str:
        return ".".join(self.parts)


def field_path(root: str, segments: tuple[Segment, ...]) -> FieldPath:
    return FieldPath((root, *(segment.name for segment in segments if isinstance(segment, Key))))


def describe(root: str, segments: tuple[Segment, ...]) -> str:
    text = root
    for segment in segments:
        if isinstance(segment, Key):
            text += f".{segment.name}" if segment.name.isidentifier() else f"[{segment.name!r}]"
        elif isinstance(segment, Index):
            text += f"[{segment.index}]"
        else:
            text += "[]"
    return text


def resolve(evaluation: Evaluation, root: str, segments: tuple[Segment, ...]) -> Any:
    return _walk(evaluation, evaluation.context.get(root), segments, 0, root)


def _walk(evaluation: Evaluation, value: Any, segments: tuple[Segment, ...], at: int, root: str) -> Any:
    evaluation.tick()
    if value is None:
        return None
    if at == len(segments):
        return normalize(value, max_nesting=evaluation.limits.max_value_nesting)
    segment = segments[at]
    is_array = isinstance(value, list | tuple)
    if is_array and not isinstance(segment, Index):
        following = at + 1 if isinstance(segment, EachItem) else at
        return [_walk(evaluation, item, segments, following, root) for item in value]
    if isinstance(segment, Key) and isinstance(value, Mapping):
        return _walk(evaluation, value.get(segment.name), segments, at + 1, root)
    if isinstance(segment, Index) and is_array:
        in_range = -len(value) <= segment.index < len(value)
        return _walk(evaluation, value[segment.index], segments, at + 1, root) if in_range else None
    where = describe(root, segments[:at])
    found = a_type(normalize(value, max_nesting=evaluation.limits.max_value_nesting))
    if isinstance(segment, Key):
        raise FormulaEvaluationError(f"{where} is {found}, so it has no field {segment.name!r}")
    raise FormulaEvaluationError(f"{where} is {found}, not an array")
