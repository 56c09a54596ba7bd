"""The embedded classifier: zero-shot over the caller's classes, by meaning and by lexical evidence.

Each class is scored two ways against the document's text: the cosine similarity of its `type: description`
with the text (all-MiniLM-L6-v2), and the cues of the document kinds it stands for (`cues.py`: "INVOICE"
headings, cash/change lines, parties and governing law, ...). A catch-all class ("other") has a fixed score,
so it wins exactly when no specific class has evidence. Scores become probabilities with a softmax whose
temperature was set so that a confidence of 0.9 or more is right at least 95% of the time
on the eval kinds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from pagemill.processors.classify.cues import DocumentKind, Evidence, evidence, is_other, kinds_for
from pagemill.processors.classify.page_text import page_lines
from pagemill.processors.document import Document, Page
from pagemill.processors.models.embedding import EmbeddingModel

SIMILARITY_WEIGHT = 6.0
OTHER_SCORE = 2.2  # what a specific class must beat: about two solid cues' worth of evidence
TEMPERATURE = 0.7
DEFAULT_CONTEXT_PAGES = 5
TOP_LINES = 8
TALL_RATIO = 1.6
_EMBED_CHARS = 1500


class ClassificationFailure(Exception):
    """The document cannot be classified; `reason` is one of the run failure reasons."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class ClassProfile:
    id: str
    type: str
    description: str
    kinds: tuple[DocumentKind, ...]
    other: bool

    @property
    def prompt(self) -> str:
        return f"{self.type.replace('_', ' ')}: {self.description}"

    @classmethod
    def of(cls, classification: dict[str, Any]) -> ClassProfile:
        id_, type_, description = classification["id"], classification["type"], classification["description"]
        other = is_other(type_, id_, description)
        kinds = () if other else tuple(kinds_for(type_, id_, description))
        return cls(id_, type_, description, kinds, other)


@dataclass(frozen=True)
class ClassScore:
    profile: ClassProfile
    score: float
    similarity: float
    evidence: Evidence


@dataclass(frozen=True)
class Decision:
    profile: ClassProfile
    confidence: float
    scores: tuple[ClassScore, ...]
    probabilities: tuple[float, ...]

    def reasoning(self) -> str:
        chosen = next(score for score in self.scores if score.profile is self.profile)
        if self.profile.other:
            runner = max((s for s in self.scores if not s.profile.other), key=lambda s: s.score, default=None)
            weak = (
                f"; the closest, {runner.profile.type}, had too little ({_describe(runner)})"
                if runner
                else ""
            )
            return f"No specific class had enough evidence, so {self.profile.type!r} was chosen{weak}."
        text = f"Classified as {self.profile.type!r} ({_describe(chosen)})."
        others = sorted((s for s in self.scores if s is not chosen), key=lambda s: -s.score)
        if others and not others[0].profile.other:
            text += f" Next best was {others[0].profile.type!r} ({_describe(others[0])})."
        return text


def _describe(score: ClassScore) -> str:
    cues = ", ".join(score.evidence.found[:5]) or "no typical cues"
    return f"{cues}; similarity to its description {score.similarity:.2f}"


class EmbeddedClassifier:
    """Scores texts against one config's classifications; reused per page by the splitter."""

    def __init__(self, classifications: Sequence[dict[str, Any]], model: EmbeddingModel | None = None):
        self.profiles = tuple(ClassProfile.of(item) for item in classifications)
        self.model = model or EmbeddingModel.load()
        self._prompts = self.model.encode([profile.prompt for profile in self.profiles])

    def decide(self, lines: list[str], *, tall_scan: bool = False) -> Decision:
        """Classify one text, given as lines in reading order (the first lines are its top).

        `tall_scan`: the text comes from a tall, narrow scanned page (`is_tall_scan`), a layout cue.
        """
        return self.decide_many([lines], tall_scans=[tall_scan])[0]

    def decide_many(self, texts: list[list[str]], *, tall_scans: list[bool] | None = None) -> list[Decision]:
        """`decide` for several texts, embedded in one batch."""
        joined = ["\n".join(lines) for lines in texts]
        vectors = self.model.encode([text[:_EMBED_CHARS] for text in joined])
        flags = tall_scans or [False] * len(texts)
        return [
            self._decide(lines, text, vector, tall)
            for lines, text, vector, tall in zip(texts, joined, vectors, flags, strict=True)
        ]

    def _decide(self, lines: list[str], text: str, vector: np.ndarray, tall_scan: bool) -> Decision:
        similarities = self._prompts @ vector
        scores = tuple(
            self._score(profile, float(similarity), text, lines[:TOP_LINES], tall_scan)
            for profile, similarity in zip(self.profiles, similarities, strict=True)
        )
        values = np.array([score.score for score in scores]) / TEMPERATURE
        probabilities = np.exp(values - values.max())
        probabilities /= probabilities.sum()
        best = int(np.argmax(probabilities))
        return Decision(
            scores[best].profile, _round(float(probabilities[best])), scores, tuple(map(float, probabilities))
        )

    def _score(
        self, profile: ClassProfile, similarity: float, text: str, top: list[str], tall_scan: bool
    ) -> ClassScore:
        if profile.other:
            return ClassScore(profile, OTHER_SCORE, similarity, Evidence(0.0, ()))
        found = [evidence(kind, text, top, tall_scan=tall_scan) for kind in profile.kinds]
        best = max(found, key=lambda item: item.score, default=Evidence(0.0, ()))
        return ClassScore(profile, SIMILARITY_WEIGHT * similarity + _saturate(best.score), similarity, best)


def is_tall_scan(pages: Sequence[Page]) -> bool:
    """A page scanned from paper much taller than wide, like a till roll."""
    return any(
        page.ocr_applied and page.width > 0 and page.height / page.width >= TALL_RATIO for page in pages
    )


def _saturate(score: float) -> float:
    """Diminishing returns: the tenth cue adds less than the second."""
    return 6.0 * (1.0 - math.exp(-score / 4.0))


def _round(confidence: float) -> float:
    return round(min(max(confidence, 0.0), 1.0), 4)


def context_pages(document: Document, options: dict[str, Any]) -> list[int]:
    """The page numbers to read: `pageRanges` if given, else the first few (`context: max`: every page)."""
    numbers = [page.number for page in document.pages]
    ranges = options.get("pageRanges")
    if ranges:
        numbers = [n for n in numbers if any(r["start"] <= n <= r["end"] for r in ranges)]
    if options.get("context") != "max":
        numbers = numbers[:DEFAULT_CONTEXT_PAGES]
    return numbers


def classify_document(
    document: Document, config: dict[str, Any], model: EmbeddingModel | None = None
) -> dict[str, Any]:
    """A ClassifyOutput `{id, type, confidence, insights}` for a parsed document and a normalised config."""
    classifier = EmbeddedClassifier(config["classifications"], model)
    wanted = set(context_pages(document, config.get("advancedOptions") or {}))
    pages = [page for page in document.pages if page.number in wanted]
    lines = [line for page in pages for line in page_lines(page)]
    if not any(line.strip() for line in lines):
        fallback = next((profile for profile in classifier.profiles if profile.other), None)
        if fallback is None:
            raise ClassificationFailure(
                "FAILED_TO_PROCESS_FILE",
                "The document has no readable text to classify, and the config has no catch-all class.",
            )
        return _output(fallback, 0.5, "The document has no readable text; the catch-all class was chosen.")
    decision = classifier.decide(lines, tall_scan=is_tall_scan(pages))
    return _output(decision.profile, decision.confidence, decision.reasoning())


def _output(profile: ClassProfile, confidence: float, reasoning: str) -> dict[str, Any]:
    return {
        "id": profile.id,
        "type": profile.type,
        "confidence": confidence,
        "insights": [{"type": "reasoning", "content": reasoning}],
    }
