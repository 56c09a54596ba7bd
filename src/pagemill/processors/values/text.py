"""Normalising free text for comparison: case, accents, punctuation and spacing."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")
# Letters that Unicode does not decompose into a base letter plus an accent.
_UNDECOMPOSABLE = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """Case-folded text without accents: "Décembre" -> "decembre", "Październik" -> "pazdziernik"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """Folded text with every run of punctuation, underscores and whitespace made one space."""
    return " ".join(_NON_WORD.sub(" ", fold(text).replace("_", " ")).split())


def words(text: str) -> list[str]:
    """The words of `normalise(text)`."""
    return normalise(text).split()


def is_blank(text: str) -> bool:
    """True for text that says there is no value: empty, dashes, underscores, "N/A", "none", "null"."""
    if all(ch.isspace() or ch in _FILLER for ch in text):
        return True
    return normalise(text) in _BLANK_FORMS


_FILLER = frozenset("-–—_.·/\\*?")
_BLANK_FORMS = frozenset({"n a", "na", "none", "null", "nil", "not applicable", "not available"})
