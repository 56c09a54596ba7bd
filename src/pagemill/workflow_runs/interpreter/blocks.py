"""Validation blocks of VALIDATION and ROUTER steps, run without executing any user code.

A code block runs when its code is one formula of Pagemill's formula language, optionally written as a
JavaScript return (`return extraction1.total > 0;`); `===`, `!==`, `&&` and `||` are read as `=`, `<>`,
`AND` and `OR`. Any other JavaScript is refused with an error rather than executed: Pagemill has no safe
JavaScript sandbox. Python blocks and semantic blocks (which need a language model) report an error too.
"""

from __future__ import annotations

import re
from typing import Any

from pagemill.formulas import FormulaError, compile_formula

_RETURN = re.compile(r"^\s*return\s+(?P<body>.*?)\s*;?\s*$", re.DOTALL)
_JS_OPERATORS = (("===", "="), ("!==", "<>"), ("==", "="), ("!=", "<>"), ("&&", " AND "), ("||", " OR "))
NOT_A_FORMULA = (
    "Pagemill runs code blocks written as one formula (for example `return extraction1.total > 0;`); "
    "other JavaScript is not executed"
)


def as_formula(code: str) -> str:
    match = _RETURN.match(code)
    text = match.group("body") if match else code.strip().rstrip(";")
    for javascript, formula in _JS_OPERATORS:
        text = text.replace(javascript, formula)
    return text


def run_block(block: dict[str, Any], context: dict[str, Any], fallback_name: str) -> dict[str, Any]:
    """`ValidationBlockResult`: `{id, name, valid, error?, reasoning?}`."""
    identity = {"id": str(block.get("id") or fallback_name), "name": str(block.get("name") or fallback_name)}
    kind = block.get("blockType")
    if kind == "semantic":
        return {
            **identity,
            "valid": False,
            "error": "semantic blocks need a language model judge; none is configured",
        }
    code = block.get("code") if isinstance(block.get("code"), dict) else {}
    if code.get("language") == "python":
        return {**identity, "valid": False, "error": "python code blocks are not supported; use a formula"}
    try:
        value = compile_formula(as_formula(str(code.get("code") or ""))).evaluate(context)
    except FormulaError as error:
        return {**identity, "valid": False, "error": f"{NOT_A_FORMULA}: {error}"}
    if isinstance(value, bool) or value is None:
        return {**identity, "valid": value is True}
    return {**identity, "valid": False, "error": f"a block must give TRUE or FALSE, not {value!r}"}
