"""The embedded splitter: page ranges with a type and an identifier, found from the pages' content.

Every gap between two pages gets a score from independent signals (positive: a new document starts):
printed page numbers (a "1" or a number that anchors a start, consecutive numbers that tie pages together,
the last page of "n of n"), the pages' classes, identifiers (invoice numbers and the like), a title at the
top naming the page's kind, and a change of page size. Separator sheets are not needed. The runs of pages
between boundaries are then classified as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pagemill.processors.classify.classifier import (
    ClassificationFailure,
    ClassProfile,
    EmbeddedClassifier,
    is_tall_scan,
)
from pagemill.processors.classify.cues import DocumentKind
from pagemill.processors.classify.page_text import page_lines
from pagemill.processors.document import Document, Page
from pagemill.processors.models.embedding import EmbeddingModel
from pagemill.processors.split.page_signals import (
    PageNumber,
    find_identifier,
    identifier_pattern,
    page_number,
)

PAGE_ONE = 3.0
NUMBER_ANCHOR = 2.0
CONSECUTIVE_NUMBERS = -3.0
LAST_OF_TOTAL = 2.0
CLASS_CHANGE = 2.5
IDENTIFIER_CHANGE = 2.5
SAME_IDENTIFIER = -2.5
TITLE_AT_TOP = 1.5
SIZE_CHANGE = 1.5
SAME_SIZE = -0.5
_SIZE_TOLERANCE = 0.05


@dataclass
class PageView:
    page: Page
    lines: list[str]
    number: PageNumber | None
    profile: ClassProfile
    confidence: float
    titled: bool  # opens with a title naming its class's kind


@dataclass
class Gap:
    """Between page `index - 1` and page `index` (0-based positions in the document)."""

    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def add(self, weight: float, reason: str) -> None:
        self.score += weight
        self.reasons.append(reason)


@dataclass(frozen=True)
class Segment:
    profile: ClassProfile
    start_page: int
    end_page: int
    identifier: str
    observation: str
    confidence: float


def _kind_of(profile: ClassProfile) -> DocumentKind | None:
    return profile.kinds[0] if profile.kinds else None


def _titled(profile: ClassProfile, lines: list[str]) -> bool:
    kind = _kind_of(profile)
    return kind is not None and any(kind.heading.search(line) and len(line) <= 80 for line in lines[:5])


def _same_size(a: Page, b: Page) -> bool:
    return abs(a.width - b.width) <= _SIZE_TOLERANCE * max(a.width, b.width) and abs(
        a.height - b.height
    ) <= _SIZE_TOLERANCE * max(a.height, b.height)


def _score_gaps(views: list[PageView], identifiers: list[str | None]) -> list[Gap]:
    gaps = [Gap() for _ in views]  # gaps[0] is the document's start
    for index in range(1, len(views)):
        before, after, gap = views[index - 1], views[index], gaps[index]
        if after.number and after.number.number == 1:
            gap.add(PAGE_ONE, "the page is numbered 1")
        if before.number and after.number and after.number.number == before.number.number + 1:
            gap.add(
                CONSECUTIVE_NUMBERS, f"page numbers run on ({before.number.number}, {after.number.number})"
            )
        if before.number and before.number.total and before.number.number == before.number.total:
            gap.add(LAST_OF_TOTAL, f"the page before is the last of {before.number.total}")
        if before.profile is not after.profile:
            weight = CLASS_CHANGE * min(before.confidence, after.confidence)
            if before.profile.other or after.profile.other:
                weight /= 2
            gap.add(weight, f"the kind changes from {before.profile.type} to {after.profile.type}")
        if identifiers[index - 1] and identifiers[index]:
            if identifiers[index - 1] != identifiers[index]:
                gap.add(IDENTIFIER_CHANGE, f"the identifier changes to {identifiers[index]}")
            else:
                gap.add(SAME_IDENTIFIER, f"both pages carry {identifiers[index]}")
        if after.titled:
            gap.add(TITLE_AT_TOP, f"the page opens with a {after.profile.type} title")
        if _same_size(before.page, after.page):
            gap.add(SAME_SIZE, "same page size")
        else:
            gap.add(SIZE_CHANGE, "the page size changes")
    _anchor_numbers(views, gaps)
    return gaps


def _anchor_numbers(views: list[PageView], gaps: list[Gap]) -> None:
    """A page printed "3" two pages after a page with no number says its document began two pages back."""
    for index, view in enumerate(views):
        if view.number is None or view.number.number < 2:
            continue
        start = index - (view.number.number - 1)
        if start < 0 or any(views[i].number for i in range(start, index)):
            continue
        if start > 0:
            gaps[start].add(NUMBER_ANCHOR, f"page {index + 1} is numbered {view.number.number}")
        for inner in range(start + 1, index + 1):
            gaps[inner].add(CONSECUTIVE_NUMBERS / 2, f"page {index + 1} is numbered {view.number.number}")


class EmbeddedSplitter:
    def __init__(self, config: dict[str, Any], model: EmbeddingModel | None = None):
        self.classifications = config["splitClassifications"]
        self.classifier = EmbeddedClassifier(self.classifications, model)
        options = config.get("advancedOptions") or {}
        self.strict_identifiers = options.get("strictIdentifierModeEnabled", True)
        self.page_ranges = options.get("pageRanges")
        self.identifier_keys = {item["id"]: item.get("identifierKey") for item in self.classifications}

    def split(self, document: Document) -> list[Segment]:
        pages = [page for page in document.pages if self._wanted(page.number)]
        if not pages:
            raise ClassificationFailure("INVALID_CONFIGURATION", "No page of the document is in pageRanges.")
        texts = [page_lines(page) for page in pages]
        if not any(texts):
            raise ClassificationFailure(
                "FAILED_TO_PROCESS_FILE", "The document has no readable text to split."
            )
        decisions = self.classifier.decide_many(texts, tall_scans=[is_tall_scan([page]) for page in pages])
        views = [
            PageView(
                page,
                lines,
                page_number(lines),
                decision.profile,
                decision.confidence,
                _titled(decision.profile, lines),
            )
            for page, lines, decision in zip(pages, texts, decisions, strict=True)
        ]
        identifiers = [self._identifier(view.profile, view.lines) for view in views]
        gaps = _score_gaps(views, identifiers)
        starts = [0] + [index for index in range(1, len(views)) if gaps[index].score > 0]
        ranges = list(zip(starts, [*starts[1:], len(views)], strict=True))
        segments = [
            self._segment(views[start:end], gaps[start], identifiers[start:end]) for start, end in ranges
        ]
        return self._merge_same_identifier(segments) if self.strict_identifiers else segments

    def _wanted(self, number: int) -> bool:
        return not self.page_ranges or any(r["start"] <= number <= r["end"] for r in self.page_ranges)

    def _identifier(self, profile: ClassProfile, lines: list[str]) -> str | None:
        kind = _kind_of(profile)
        pattern = identifier_pattern(kind.name if kind else None, self.identifier_keys.get(profile.id))
        return find_identifier(lines, pattern)

    def _segment(self, views: list[PageView], opening: Gap, identifiers: list[str | None]) -> Segment:
        lines = [line for view in views for line in view.lines]
        decision = self.classifier.decide(lines, tall_scan=is_tall_scan([view.page for view in views]))
        profile = decision.profile
        own = self._identifier(profile, lines) or next((value for value in identifiers if value), None)
        start, end = views[0].page.number, views[-1].page.number
        identifier = own or _title(lines) or f"{profile.type} (pages {start}-{end})"
        pages = f"page {start}" if start == end else f"pages {start}-{end}"
        why = "; ".join(reason for reason in opening.reasons if reason) or "it is where the document starts"
        observation = (
            f"{pages.capitalize()}: {profile.type}, identified by {identifier!r}. "
            f"It starts here because {why}. "
            f"{decision.reasoning()}"
        )
        return Segment(profile, start, end, identifier, observation, decision.confidence)

    def _merge_same_identifier(self, segments: list[Segment]) -> list[Segment]:
        merged: list[Segment] = []
        for segment in segments:
            previous = merged[-1] if merged else None
            if (
                previous is not None
                and previous.profile is segment.profile
                and previous.identifier == segment.identifier
                and any(char.isdigit() for char in segment.identifier)
            ):
                merged[-1] = Segment(
                    previous.profile,
                    previous.start_page,
                    segment.end_page,
                    previous.identifier,
                    previous.observation
                    + f" Pages {segment.start_page}-{segment.end_page} share its identifier.",
                    min(previous.confidence, segment.confidence),
                )
            else:
                merged.append(segment)
        return merged


def _title(lines: list[str]) -> str | None:
    for line in lines[:6]:
        text = line.strip()
        if 4 <= len(text) <= 60 and text[0].isalnum() and sum(char.isalpha() for char in text) >= 4:
            return text
    return None


def split_document(
    document: Document, config: dict[str, Any], model: EmbeddingModel | None = None
) -> list[Segment]:
    """Page ranges of a parsed document for a normalised SplitConfig; raises ClassificationFailure."""
    return EmbeddedSplitter(config, model).split(document)
