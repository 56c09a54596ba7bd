from typing import Any

import pytest

from pagemill.formulas import (
    BUILTIN_FUNCTIONS,
    Evaluation,
    FormulaSyntaxError,
    FunctionSpec,
    compile_formula,
)

DOCUMENTED_FUNCTIONS = set(
    [
        "ABS",
        "AND",
        "AVERAGE",
        "COALESCE",
        "CONCAT",
        "CONTAINS",
        "CONTAINSALL",
        "CONTAINSANY",
        "COUNT",
        "DATE",
        "DATEDIF",
        "DAY",
        "ENDSWITH",
        "FUZZYMATCH",
        "IF",
        "IFERROR",
        "INCLUDES",
        "INCLUDESANY",
        "ISBLANK",
        "ISNUMBER",
        "ISPRESENT",
        "ISTEXT",
        "LEN",
        "LLMJUDGE",
        "LOWER",
        "MAX",
        "MIN",
        "MONTH",
        "OR",
        "REGEXEXTRACT",
        "REGEXMATCH",
        "ROUND",
        "STARTSWITH",
        "SUM",
        "TODAY",
        "TRIM",
        "UPPER",
        "VALUE",
        "WITHIN",
        "YEAR",
    ]
)


def test_the_builtin_library_holds_exactly_the_documented_functions() -> None:
    assert set(BUILTIN_FUNCTIONS.names()) == DOCUMENTED_FUNCTIONS


def test_the_reference_documents_every_builtin_function() -> None:
    from pathlib import Path

    reference = (Path(__file__).parents[3] / "docs" / "formulas.md").read_text()
    missing = [name for name in BUILTIN_FUNCTIONS.names() if f"`{name}(" not in reference]
    assert missing == []


def test_lookup_ignores_case() -> None:
    assert BUILTIN_FUNCTIONS.get("sum") is BUILTIN_FUNCTIONS.get("SUM")
    assert BUILTIN_FUNCTIONS.get("nope") is None


def test_a_deployment_can_supply_llmjudge_without_touching_the_builtins() -> None:
    def judge(evaluation: Evaluation, value: Any, expected: Any) -> bool:
        return str(value).casefold().startswith(str(expected).casefold())

    library = BUILTIN_FUNCTIONS.with_functions(FunctionSpec("LLMJUDGE", judge, 2, 2, null_in_null_out=True))
    formula = compile_formula('LLMJUDGE(a, "boise")', functions=library)
    assert formula.evaluate({"a": "Boise, ID"}) is True
    assert formula.evaluate({"a": None}) is None
    assert BUILTIN_FUNCTIONS.get("LLMJUDGE") is not library.get("LLMJUDGE")


def test_a_library_without_a_function_rejects_formulas_that_call_it() -> None:
    def double(evaluation: Evaluation, value: Any) -> Any:
        return value * 2

    library = BUILTIN_FUNCTIONS.with_functions(FunctionSpec("DOUBLE", double, 1, 1, elementwise=True))
    assert compile_formula("DOUBLE(x)", functions=library).evaluate({"x": [1, 2]}) == [2, 4]
    with pytest.raises(FormulaSyntaxError, match="unknown function DOUBLE"):
        compile_formula("DOUBLE(x)")


def test_arity_text() -> None:
    assert BUILTIN_FUNCTIONS.get("TODAY").arity_text() == "0 arguments"  # type: ignore[union-attr]
    assert BUILTIN_FUNCTIONS.get("ABS").arity_text() == "1 argument"  # type: ignore[union-attr]
    assert BUILTIN_FUNCTIONS.get("DATE").arity_text() == "1 to 3 arguments"  # type: ignore[union-attr]
    assert BUILTIN_FUNCTIONS.get("SUM").arity_text() == "at least 1 argument"  # type: ignore[union-attr]
