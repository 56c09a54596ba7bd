"""The result of reading a typed value from text: the value and how much to trust it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Quality(StrEnum):
    """How a value was read, best first. Parsers never raise on bad text; they say so here."""

    EXACT = "exact"  # the text states the value unambiguously
    INFERRED = (
        "inferred"  # a reading was chosen among several (day/month order, `$` as USD, fuzzy enum match)
    )
    EMPTY = "empty"  # the text holds no value at all (blank, "N/A", "-"); the value is None
    INVALID = "invalid"  # the text holds something that is not a value of the type; the value is None

    @property
    def rank(self) -> int:
        """Orders qualities for combining: a whole is as good as its worst part (EMPTY parts excepted)."""
        return _RANKS[self]


_RANKS = {Quality.EXACT: 3, Quality.INFERRED: 2, Quality.EMPTY: 1, Quality.INVALID: 0}


def worst(*qualities: Quality) -> Quality:
    """The lowest-ranked of `qualities`."""
    return min(qualities, key=lambda q: q.rank)


@dataclass(frozen=True)
class Parsed(Generic[T]):
    value: T | None
    quality: Quality

    @property
    def ok(self) -> bool:
        """True when a value was read (EXACT or INFERRED)."""
        return self.value is not None and self.quality in (Quality.EXACT, Quality.INFERRED)

    @classmethod
    def empty(cls) -> Parsed[T]:
        return cls(None, Quality.EMPTY)

    @classmethod
    def invalid(cls) -> Parsed[T]:
        return cls(None, Quality.INVALID)
