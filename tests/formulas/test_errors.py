from pagemill.formulas import FormulaError, FormulaEvaluationError, FormulaLimitError, FormulaSyntaxError


def test_an_error_without_a_position_is_just_its_message() -> None:
    assert str(FormulaError("bad")) == "bad"
    assert FormulaError("bad").column is None


def test_position_renders_as_a_one_based_column() -> None:
    error = FormulaSyntaxError("unknown function FOO", position=11, source="1 + 2 + 3 + FOO()")
    assert (error.line, error.column) == (1, 12)
    assert str(error) == "unknown function FOO at column 12"


def test_multi_line_sources_render_line_and_column() -> None:
    error = FormulaSyntaxError("oops", position=6, source="a +\nb + c")
    assert (error.line, error.column) == (2, 3)
    assert str(error) == "oops at line 2, column 3"


def test_located_fills_only_what_is_still_unknown() -> None:
    error = FormulaEvaluationError("x", position=3)
    error.located(position=9, source="abcdefghij")
    assert (error.position, error.source) == (3, "abcdefghij")


def test_config_paths_are_prefixed_outermost_last() -> None:
    error = FormulaSyntaxError("unknown function FOO", position=11, source="1 + 2 + 3 + FOO()")
    error.at_path("formula").at_path("rules[0]").at_path("steps[3].config")
    assert str(error) == "steps[3].config.rules[0].formula: unknown function FOO at column 12"


def test_limit_errors_are_evaluation_errors() -> None:
    assert issubclass(FormulaLimitError, FormulaEvaluationError)
    assert issubclass(FormulaEvaluationError, FormulaError)
    assert not issubclass(FormulaSyntaxError, FormulaEvaluationError)
