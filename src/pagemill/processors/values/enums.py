"""Matching a text to one of a fixed set of allowed values (JSON-schema `enum`)."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from pagemill.processors.values.parsed import Parsed, Quality
from pagemill.processors.values.text import is_blank, normalise

DEFAULT_THRESHOLD = 0.5
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "is",
        "are",
        "this",
        "that",
        "for",
        "to",
        "in",
        "on",
        "by",
        "with",
        "it",
        "its",
    ]
)
_SIMILAR_WORD = 0.85  # difflib ratio at which two words count as the same (plurals, OCR slips)
_MIN_FUZZY_LENGTH = 4


def match_enum(text: str, allowed: Sequence[str | None], threshold: float = DEFAULT_THRESHOLD) -> Parsed[str]:
    """The allowed value `text` names, returned exactly as spelt in `allowed` (None entries are ignored).

    EXACT when equal after normalising case, accents, `_`/`-`/spaces ("Net 30" = "net_30" = "NET30").
    Otherwise INFERRED by word overlap: the share of the value's words found in the text (near-identical
    words count), ties broken by the share of the text's words explained; below `threshold`, or a tie
    between two values, gives INVALID.
    """
    options = [value for value in allowed if isinstance(value, str)]
    if is_blank(text) and not any(normalise(value) == normalise(text) for value in options):
        return Parsed.empty()
    normal = normalise(text)
    for value in options:
        if normalise(value) == normal or normalise(value).replace(" ", "") == normal.replace(" ", ""):
            return Parsed(value, Quality.EXACT)

    text_words = _content_words(normal)
    scored = sorted(((_overlap(text_words, _content_words(normalise(v))), v) for v in options), reverse=True)
    if not scored:
        return Parsed.invalid()
    (best_score, best_value), runner_up = scored[0], scored[1][0] if len(scored) > 1 else None
    if best_score[0] < threshold or best_score == runner_up:
        return Parsed.invalid()
    return Parsed(best_value, Quality.INFERRED)


def _content_words(normal: str) -> list[str]:
    words = normal.split()
    content = [w for w in words if w not in _STOPWORDS]
    return content or words


def _overlap(text_words: list[str], value_words: list[str]) -> tuple[float, float]:
    """(share of value words found in the text, share of text words that match a value word)."""
    if not text_words or not value_words:
        return 0.0, 0.0
    found = sum(any(_same_word(t, v) for t in text_words) for v in value_words)
    explained = sum(any(_same_word(t, v) for v in value_words) for t in text_words)
    return found / len(value_words), explained / len(text_words)


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < _MIN_FUZZY_LENGTH:
        return False
    return SequenceMatcher(None, a, b).ratio() >= _SIMILAR_WORD
