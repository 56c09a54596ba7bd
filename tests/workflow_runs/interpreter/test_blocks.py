"""Validation blocks run as formulas, never as code; anything else is refused with an error."""

from __future__ import annotations

from pagemill.workflow_runs.interpreter.blocks import as_formula, run_block

CONTEXT = {"extract": {"total": 120, "currency": "USD"}}


def code(text: str, language: str = "javascript") -> dict[str, object]:
    return {"blockType": "code", "id": "b1", "name": "check", "code": {"language": language, "code": text}}


def test_a_javascript_return_of_a_formula_is_evaluated() -> None:
    assert run_block(code('return extract.total > 100 && extract.currency === "USD";'), CONTEXT, "x") == {
        "id": "b1",
        "name": "check",
        "valid": True,
    }
    assert run_block(code("return extract.total > 500;"), CONTEXT, "x")["valid"] is False


def test_the_default_router_block_is_true() -> None:
    assert as_formula("return true;") == "true"
    assert run_block(code("return true;"), {}, "x")["valid"] is True


def test_real_javascript_is_refused_not_executed() -> None:
    result = run_block(code("const x = 1; return x > 0;"), CONTEXT, "x")

    assert result["valid"] is False and "not executed" in result["error"]


def test_python_and_semantic_blocks_report_errors() -> None:
    assert "python" in run_block(code("return True", "python"), CONTEXT, "x")["error"]
    semantic = run_block(
        {"blockType": "semantic", "name": "s", "semantic": {"promptText": "ok?"}}, CONTEXT, "s"
    )
    assert semantic["valid"] is False and "language model" in semantic["error"]
    assert semantic["id"] == "s"


def test_a_block_giving_a_number_is_an_error() -> None:
    result = run_block(code("return extract.total;"), CONTEXT, "x")

    assert result["valid"] is False and "TRUE or FALSE" in result["error"]
