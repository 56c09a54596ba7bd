"""A value the extractor found, with where it was read and how sure it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pagemill.processors.extract.layout import TextLine


@dataclass
class Found:
    """`evidence` is how strongly the text names this field (0-1): a label, a pattern or a guess."""

    value: Any
    lines: list[TextLine]
    evidence: float
    exact_type: bool = True  # the typed reading was unambiguous (values Quality.EXACT)
    reference_text: str = ""
    method: str = "label"
    strict: bool = False  # named by its full, distinctive label, beside it, with no rival value
    items: list[Found] = field(default_factory=list)  # per array item, for item citations

    @property
    def ocr_confidence(self) -> float:
        return min((line.ocr_confidence for line in self.lines), default=1.0)
