"""Word's automatic numbering: the label ("1.", "2.3.1", "a)", "•") a numbered paragraph shows before its
text."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def _roman(value: int) -> str:
    out = ""
    for number, letters in _ROMAN:
        while value >= number:
            out += letters
            value -= number
    return out


def _format(value: int, kind: str) -> str:
    if kind in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if kind == "upperLetter" else letter
    if kind in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if kind == "upperRoman" else roman
    return str(value)


class Numbering:
    """Counts numbered paragraphs in document order and renders their labels."""

    def __init__(self, document: Any):
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for level in node.findall(qn("w:lvl")):
                kind = _val(level.find(qn("w:numFmt"))) or "decimal"
                text = _val(level.find(qn("w:lvlText"))) or ""
                start = int(_val(level.find(qn("w:start"))) or "1")
                levels[int(level.get(qn("w:ilvl"), "0"))] = (kind, text, start)
            abstract[node.get(qn("w:abstractNumId"), "")] = levels
        for num in root.findall(qn("w:num")):
            reference = _val(num.find(qn("w:abstractNumId")))
            if reference in abstract:
                self._levels[num.get(qn("w:numId"), "")] = abstract[reference]

    def label(self, num_id: str, level: int) -> str | None:
        """The next label of list `num_id` at `level`; None when the list is unknown or numbering is off."""
        levels = self._levels.get(num_id)
        if not levels or level not in levels or num_id == "0":
            return None
        kind, text, start = levels[level]
        if kind == "bullet":
            return "-"
        counters = self._counters.setdefault(num_id, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        label = text
        for index in range(level + 1):
            kind_at, _, start_at = levels.get(index, ("decimal", "", 1))
            label = label.replace(f"%{index + 1}", _format(counters.get(index, start_at), kind_at))
        return label.strip() or None


def _val(node: Any) -> str | None:
    return node.get(qn("w:val")) if node is not None else None


def paragraph_numbering(element: Any, styles: dict[str, Any]) -> tuple[str, int] | None:
    """(numId, level) from the paragraph's own properties, else from its style's."""
    for properties in (element.pPr, _style_properties(element, styles)):
        if properties is None:
            continue
        num_pr = properties.find(qn("w:numPr"))
        if num_pr is not None:
            num_id = _val(num_pr.find(qn("w:numId")))
            level = int(_val(num_pr.find(qn("w:ilvl"))) or "0")
            if num_id is not None:
                return num_id, level
    return None


def _style_properties(element: Any, styles: dict[str, Any]) -> Any:
    style = styles.get(element.style or "")
    return style.element.pPr if style is not None else None
