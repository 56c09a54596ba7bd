"""Tolerant parse-fidelity scores of a markdown rendering against a reference markdown: normalised token
recall
and precision, heading recall, order-insensitive table-cell recall and a reading-order ratio. Used by the
benchmark and by tests over real documents; reference markdown comes from another parser, so nothing is
exact."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)  # underscores are fill-in blanks, escaped or not
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HTML_CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Fidelity:
    text_recall: float
    text_precision: float
    heading_recall: float | None
    table_cell_recall: float | None
    reading_order: float
    reference_cells: int = 0
    found_cells: int = 0


def tokens(text: str) -> list[str]:
    normal = unicodedata.normalize("NFKC", _TAG.sub(" ", text)).lower()
    return _TOKEN.findall(normal)


def _normal(text: str) -> str:
    return " ".join(tokens(text))


def headings(markdown: str) -> list[str]:
    return [_normal(m.group(1)) for line in markdown.splitlines() if (m := _HEADING.match(line))]


def table_cells(markdown: str) -> list[str]:
    cells = [_normal(cell) for cell in _HTML_CELL.findall(markdown)]
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and not _TABLE_RULE.match(stripped):
            cells.extend(_normal(cell) for cell in stripped.strip("|").split("|"))
    return [cell for cell in cells if cell]


def _multiset_hits(reference: list[str], candidate: list[str]) -> int:
    return sum((Counter(reference) & Counter(candidate)).values())


def _heading_recall(reference: list[str], candidate: list[str], candidate_text: str) -> float | None:
    """A reference heading counts when the candidate has it as a heading, or as its own line of text."""
    if not reference:
        return None
    lines = {_normal(line) for line in candidate_text.splitlines()}
    pool = set(candidate)
    return sum(1 for h in reference if h in pool or h in lines) / len(reference)


def score(candidate: str, reference: str) -> Fidelity:
    ref_tokens, cand_tokens = tokens(reference), tokens(candidate)
    common = sum((Counter(ref_tokens) & Counter(cand_tokens)).values())
    ref_cells = table_cells(reference)
    found_cells = _multiset_hits(ref_cells, table_cells(candidate))
    matcher = SequenceMatcher(None, ref_tokens, cand_tokens, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks())
    return Fidelity(
        text_recall=common / len(ref_tokens) if ref_tokens else 1.0,
        text_precision=common / len(cand_tokens) if cand_tokens else 0.0,
        heading_recall=_heading_recall(headings(reference), headings(candidate), candidate),
        table_cell_recall=found_cells / len(ref_cells) if ref_cells else None,
        reading_order=in_order / len(ref_tokens) if ref_tokens else 1.0,
        reference_cells=len(ref_cells),
        found_cells=found_cells,
    )
