"""What one page says about where documents begin and end: printed page numbers and document identifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass

_OF = r"(?:of|/|von|van|z|de|sur|di)"
_PAGE = r"(?:page|pg\.?|p\.|pagina|página|seite|strona|sida|side)"
_PAGE_OF = re.compile(rf"\b{_PAGE}\s*(\d{{1,4}})\s*{_OF}\s*(\d{{1,4}})\b", re.IGNORECASE)
_BARE_OF = re.compile(rf"^\W*(\d{{1,4}})\s*{_OF}\s*(\d{{1,4}})\W*$", re.IGNORECASE)
_PAGE_ONLY = re.compile(rf"^\W*{_PAGE}\s*(\d{{1,4}})\W*$", re.IGNORECASE)
_BARE = re.compile(r"^\s*[-–—(\[]?\s*(\d{1,4})\s*[-–—)\]]?\s*$")
_FOOTER_LINES = 3
_HEADER_LINES = 2

_NUMBER_WORDS = r"(?:no\.?|number|nr\.?|num\.?|#|nummer|n°|n[ºo]\.?|id)"
_IDENTIFIER_LABELS = {
    "invoice": r"(?:tax\s+)?(?:invoice|factuur|facture|rechnung|faktura|fattura|factura|bill|inv)",
    "receipt": r"(?:receipt|invoice|inv|bill|doc(?:ument)?|trans(?:action)?|check|order|slip|ref)",
    "purchase_order": r"(?:purchase\s+order|p\.?\s?o\.?|order)",
    "bank_statement": r"(?:account|statement)",
}
_VALUE = r"\s*[:.#]?\s*([A-Z0-9][A-Z0-9/._-]{2,30})"


@dataclass(frozen=True)
class PageNumber:
    number: int
    total: int | None  # from "Page 2 of 5"


def page_number(lines: list[str]) -> PageNumber | None:
    """The page's printed number, looked for in its footer first, then its header."""
    footer = lines[-_FOOTER_LINES:]
    header = lines[:_HEADER_LINES]
    for line in [*reversed(footer), *header]:
        match = _PAGE_OF.search(line) or _BARE_OF.match(line)
        if match:
            number, total = int(match.group(1)), int(match.group(2))
            if 1 <= number <= total:
                return PageNumber(number, total)
    for line in [*reversed(footer), *header]:
        match = _PAGE_ONLY.match(line) or _BARE.match(line)
        if match and 1 <= int(match.group(1)) <= 999:
            return PageNumber(int(match.group(1)), None)
    return None


def identifier_pattern(kind_name: str | None, identifier_key: str | None) -> re.Pattern[str] | None:
    """A pattern whose first group is a document's identifier: from `identifierKey` words, else by kind."""
    if identifier_key:
        words = [re.escape(word) for word in re.findall(r"[A-Za-z0-9]+", identifier_key)]
        if words:
            return re.compile(r"\b" + r"\W{0,3}".join(words) + _VALUE, re.IGNORECASE)
    label = _IDENTIFIER_LABELS.get(kind_name or "")
    if label is None:
        return None
    return re.compile(rf"\b{label}\s*{_NUMBER_WORDS}?{_VALUE}", re.IGNORECASE)


def find_identifier(lines: list[str], pattern: re.Pattern[str] | None) -> str | None:
    """A number-like identifier (it has a digit), so two documents that share a title are not merged."""
    if pattern is None:
        return None
    for line in lines:
        for match in pattern.finditer(line):
            value = match.group(1).strip("._-/")
            if any(char.isdigit() for char in value):
                return value
    return None
