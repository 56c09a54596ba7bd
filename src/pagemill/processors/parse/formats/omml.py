"""Office Math (OMML) to LaTeX, for the structures Word writes most: runs, fractions, scripts, radicals,
n-ary operators, delimiters and functions. Unknown elements fall back to their plain text."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

_SYMBOLS = {
    "π": r"\pi",
    "∞": r"\infty",
    "×": r"\times",
    "±": r"\pm",
    "≤": r"\leq",
    "≥": r"\geq",
    "≠": r"\neq",
    "α": r"\alpha",
    "β": r"\beta",
    "γ": r"\gamma",
    "δ": r"\delta",
    "θ": r"\theta",
    "λ": r"\lambda",
    "μ": r"\mu",
    "σ": r"\sigma",
    "Σ": r"\Sigma",
    "Δ": r"\Delta",
    "…": r"\ldots",
    "·": r"\cdot",
    "→": r"\rightarrow",
    "∈": r"\in",
    "√": r"\sqrt",
}
_NARY = {"∑": r"\sum", "∏": r"\prod", "∫": r"\int", "∬": r"\iint", "∮": r"\oint"}
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"


def _text(node: Any) -> str:
    return "".join(
        _SYMBOLS[ch] + " " if ch in _SYMBOLS else ch for t in node.iter(qn("m:t")) for ch in (t.text or "")
    )


def _child(node: Any, name: str) -> Any:
    return node.find(qn(name))


def _arg(node: Any, name: str) -> str:
    child = _child(node, name)
    return latex(child) if child is not None else ""


def _property(node: Any, properties: str, name: str, default: str) -> str:
    pr = _child(node, properties)
    found = pr.find(qn(name)) if pr is not None else None
    return found.get(qn("m:val"), default) if found is not None else default


def latex(node: Any) -> str:
    """LaTeX for an OMML element and its children, in document order."""
    return "".join(_element(child) for child in node)


def _element(node: Any) -> str:
    tag = node.tag.replace(_M, "") if isinstance(node.tag, str) else ""
    if tag == "r":
        return _text(node)
    if tag == "f":
        return rf"\frac{{{_arg(node, 'm:num')}}}{{{_arg(node, 'm:den')}}}"
    if tag == "sSup":
        return f"{_arg(node, 'm:e')}^{{{_arg(node, 'm:sup')}}}"
    if tag == "sSub":
        return f"{_arg(node, 'm:e')}_{{{_arg(node, 'm:sub')}}}"
    if tag == "sSubSup":
        return f"{_arg(node, 'm:e')}_{{{_arg(node, 'm:sub')}}}^{{{_arg(node, 'm:sup')}}}"
    if tag == "rad":
        degree = _arg(node, "m:deg")
        return rf"\sqrt[{degree}]{{{_arg(node, 'm:e')}}}" if degree else rf"\sqrt{{{_arg(node, 'm:e')}}}"
    if tag == "nary":
        operator = _NARY.get(_property(node, "m:naryPr", "m:chr", "∫"), r"\int")
        return f"{operator}_{{{_arg(node, 'm:sub')}}}^{{{_arg(node, 'm:sup')}}}{_arg(node, 'm:e')}"
    if tag == "d":
        opening = _property(node, "m:dPr", "m:begChr", "(")
        closing = _property(node, "m:dPr", "m:endChr", ")")
        inner = ",".join(latex(e) for e in node.findall(qn("m:e")))
        return rf"\left{opening}{inner}\right{closing}"
    if tag == "func":
        return rf"{_arg(node, 'm:fName')}{_arg(node, 'm:e')}"
    if tag in (
        "oMath",
        "e",
        "num",
        "den",
        "sup",
        "sub",
        "deg",
        "fName",
        "lim",
        "box",
        "borderBox",
        "limLow",
        "limUpp",
        "acc",
        "bar",
        "groupChr",
        "eqArr",
        "m",
    ):
        return latex(node)
    return (
        _text(node)
        if tag
        not in ("rPr", "ctrlPr", "fPr", "dPr", "naryPr", "sSupPr", "sSubPr", "radPr", "funcPr", "oMathParaPr")
        else ""
    )
