"""The term of an agreement: a duration in a sentence about this agreement ending or staying in force
("This Agreement shall remain in effect for two (2) years"), not any period the text names (notice,
non-solicitation, look-back periods)."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "eighteen": 18,
    "twenty-four": 24,
    "thirty-six": 36,
}
_DURATION = re.compile(
    r"\b(?:(?P<word>" + "|".join(NUMBER_WORDS) + r")\s*(?:\(\d{1,2}\)\s*)?|\(?(?P<digits>\d{1,2})\)?\s*)"
    r"[-\s]?(?P<unit>year|month)s?\b",
    re.IGNORECASE,
)
_ABOUT_AGREEMENT = re.compile(r"\bthis\s+(?:letter\s+)?agreement\b|\bhereof\b|\bhereunder\b", re.IGNORECASE)
_ENDING = re.compile(
    r"terminat|expir|remain\s+in\s+(?:full\s+)?(?:force|effect)|continue\s+in\s+(?:full\s+)?(?:force|effect)|"
    r"\bterm\s+of\s+this\b|\bin\s+effect\b|\bsurviv",
    re.IGNORECASE,
)
SENTENCE_REACH = 250


@dataclass(frozen=True)
class Term:
    value: str  # "2 years", "18 months", "1 year"
    start: int
    end: int


def agreement_term(text: str) -> Term | None:
    """The first duration stated in a sentence about this agreement's term or end."""
    for match in _DURATION.finditer(text):
        sentence = _sentence_around(text, match.start(), match.end())
        if not (_ABOUT_AGREEMENT.search(sentence) and _ENDING.search(sentence)):
            continue
        word, digits = match.group("word"), match.group("digits")
        number = NUMBER_WORDS[word.lower()] if word else int(digits)
        if number == 0:
            continue
        unit = match.group("unit").lower()
        return Term(f"{number} {unit}{'s' if number != 1 else ''}", match.start(), match.end())
    return None


def _sentence_around(text: str, start: int, end: int) -> str:
    left = text.rfind(". ", max(0, start - SENTENCE_REACH), start)
    right = text.find(". ", end, end + SENTENCE_REACH)
    return text[
        left + 1 if left >= 0 else max(0, start - SENTENCE_REACH) : right
        if right >= 0
        else end + SENTENCE_REACH
    ]
