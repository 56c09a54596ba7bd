"""Booleans from text: yes/no, true/false, ticked boxes, in the languages of the documents we see."""

from __future__ import annotations

from pagemill.processors.values.parsed import Parsed, Quality
from pagemill.processors.values.text import is_blank, normalise

_TRUE = frozenset(
    [
        "yes",
        "y",
        "true",
        "t",
        "1",
        "checked",
        "check",
        "ticked",
        "tick",
        "selected",
        "on",
        "x",
        "ok",
        "signed",
        "present",
        "ja",
        "oui",
        "si",
        "tak",
        "ya",
        "benar",
        "waar",
        "wahr",
        "vrai",
    ]
)
_FALSE = frozenset(
    [
        "no",
        "n",
        "false",
        "f",
        "0",
        "unchecked",
        "unticked",
        "unselected",
        "off",
        "unsigned",
        "absent",
        "nein",
        "non",
        "nee",
        "nie",
        "tidak",
        "bukan",
        "onwaar",
        "falsch",
        "faux",
    ]
)
_TRUE_PHRASES = frozenset({"is checked", "is selected", "is signed"})
_FALSE_PHRASES = frozenset({"not checked", "not selected", "not signed", "is not checked", "not ticked"})
_CHECKED_MARKS = frozenset({"☑", "☒", "✓", "✔", "■", "[x]", "[X]", "(x)", "(X)", "[✓]", "[✔]"})
_UNCHECKED_MARKS = frozenset({"☐", "□", "[ ]", "[]", "( )", "()"})


def parse_boolean(text: str) -> Parsed[bool]:
    """True/False for "yes", "No", "TRUE", "x", "☑", "checked", "ja", "oui", "tak", "ya" …

    A whole-text match is EXACT; a text that only starts with a yes/no word ("Yes, attached") is INFERRED.
    """
    stripped = text.strip()
    if stripped in _CHECKED_MARKS:
        return Parsed(True, Quality.EXACT)
    if stripped in _UNCHECKED_MARKS:
        return Parsed(False, Quality.EXACT)
    if is_blank(text):
        return Parsed.empty()
    normal = normalise(text)
    if normal in _TRUE or normal in _TRUE_PHRASES:
        return Parsed(True, Quality.EXACT)
    if normal in _FALSE or normal in _FALSE_PHRASES:
        return Parsed(False, Quality.EXACT)
    first = normal.split()[0] if normal else ""
    if first in _TRUE:
        return Parsed(True, Quality.INFERRED)
    if first in _FALSE:
        return Parsed(False, Quality.INFERRED)
    return Parsed.invalid()
