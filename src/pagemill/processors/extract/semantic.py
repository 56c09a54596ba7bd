"""Labels that name a field in other words ("Amount payable" for `total`): the field's name and description
against the document's label-like lines, by sentence-embedding similarity (all-MiniLM-L6-v2)."""

from __future__ import annotations

import logging
import re

import numpy as np

from pagemill.processors.extract.fields import Field
from pagemill.processors.extract.found import Found
from pagemill.processors.extract.labels import LabelMatch
from pagemill.processors.extract.layout import Layout, TextLine
from pagemill.processors.extract.matching import read_value, value_options
from pagemill.processors.values import ValueHints

log = logging.getLogger(__name__)

MAX_LABELS = 16
MIN_SIMILARITY = 0.55
MAX_CACHED = 4096
# Labels recur across documents of a kind ("Invoice No", "Total"): their vectors are kept per process.
_VECTORS: dict[str, np.ndarray] = {}
_LABEL = re.compile(r"^\s*([A-Za-z][^:]{1,40}):")


class LabelIndex:
    """The label-like lines of a document with their embeddings, computed once per document."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.labels: list[tuple[TextLine, str, int]] = []
        for line in layout.lines:
            found = _LABEL.match(line.text)
            if found and len(found.group(1).split()) <= 6:
                self.labels.append((line, found.group(1), found.end()))
            if len(self.labels) >= MAX_LABELS:
                break

    def _encode(self, texts: list[str]) -> np.ndarray | None:
        try:
            from pagemill.processors.models.embedding import EmbeddingModel

            model = EmbeddingModel.load()
        except Exception:  # the model is an optional accelerator; matching works without it
            log.warning("embedding model unavailable; semantic label matching skipped", exc_info=True)
            return None
        missing = list(dict.fromkeys(text for text in texts if text not in _VECTORS))
        if missing:
            for text, vector in zip(missing, model.encode(missing), strict=True):
                if len(_VECTORS) >= MAX_CACHED:
                    _VECTORS.pop(next(iter(_VECTORS)))
                _VECTORS[text] = vector
        return np.stack([_VECTORS[text] for text in texts])

    def find(self, fields: list[Field], hints: ValueHints) -> dict[tuple[str | int, ...], Found]:
        if not self.labels or not fields:
            return {}
        vectors = self._encode([text for _, text, _ in self.labels] + [field.query for field in fields])
        if vectors is None:
            return {}
        label_vectors, field_vectors = vectors[: len(self.labels)], vectors[len(self.labels) :]
        similarity = field_vectors @ label_vectors.T
        found: dict[tuple[str | int, ...], Found] = {}
        for row, field in enumerate(fields):
            for column in np.argsort(-similarity[row]):
                score = float(similarity[row, column])
                if score < MIN_SIMILARITY:
                    break
                line, _, end = self.labels[int(column)]
                match = LabelMatch(score * 0.85, end)
                result = next(
                    (
                        candidate
                        for text, lines, penalty in value_options(self.layout, line, match)
                        if (
                            candidate := read_value(
                                field,
                                text,
                                lines or [line],
                                hints,
                                evidence=match.score - penalty,
                                method="model",
                            )
                        )
                        is not None
                    ),
                    None,
                )
                if result is not None:
                    found[field.path] = result
                    break
        return found
