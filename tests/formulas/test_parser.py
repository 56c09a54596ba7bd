import pytest

from pagemill.formulas import FormulaSyntaxError, compile_formula
from pagemill.formulas.nodes import Call, Chain, Comparison, FieldRef, Literal, Negate, Not
from pagemill.formulas.paths import EachItem, Index, Key


@pytest.mark.parametrize(
    ("source", "message", "column"),
    [
        ("FOO(1)", "unknown function FOO", 1),
        ("1 + foo(1)", "unknown function FOO", 5),
        ("IF(TRUE)", "IF takes 2 to 3 arguments, got 1", 1),
        ("ABS(1, 2)", "ABS takes 1 argument, got 2", 1),
        ("TODAY(1)", "TODAY takes 0 arguments, got 1", 1),
        ("SUM()", "SUM takes at least 1 argument, got 0", 1),
        ("CONTAINSALL(x)", "CONTAINSALL takes at least 2 arguments, got 1", 1),
        ("", "formula is empty", 1),
        ("   ", "formula is empty", 4),
        ("1 +", "formula ends where a value was expected", 4),
        ("(1 + 2", "'(' is never closed", 1),
        ("(1 2)", "expected ')', found '2'", 4),
        ("1 2", "unexpected '2'", 3),
        ("1 + )", "expected a value, found ')'", 5),
        ("SUM(1 2)", "expected ',' or ')' in SUM(...), found '2'", 7),
        ("SUM(1,", "formula ends where a value was expected", 7),
        ("a = b = c", "comparisons cannot be chained; join them with AND", 7),
        ("1 < 2 < 3", "comparisons cannot be chained; join them with AND", 7),
        ("AND TRUE", "AND needs a value on its left", 1),
        ("x.", "expected a field name after '.', found end of formula", 3),
        ("x.1", "expected a field name after '.', found '1'", 3),
        ("x[1.5]", "expected a whole number, \"key\" or nothing inside [ ], found '1.5'", 3),
        ("x[y]", "expected a whole number, \"key\" or nothing inside [ ], found 'y'", 3),
        ("x[0", "expected ']' to close '[', found end of formula", 4),
        ('REGEXMATCH(x, "(")', "invalid regular expression '(': missing )", 1),
        ('DATEDIF(a, b, "W")', 'DATEDIF unit must be "D", "M" or "Y", got \'W\'', 1),
        (
            'DATE(x, "DD/MM")',
            "date format 'DD/MM' needs one year (YYYY or YY), one month (MM or MMM) and one day (DD)",
            1,
        ),
    ],
)
def test_syntax_errors_name_the_problem_and_its_column(source: str, message: str, column: int) -> None:
    with pytest.raises(FormulaSyntaxError) as caught:
        compile_formula(source)
    assert caught.value.reason == message
    assert caught.value.column == column
    assert str(caught.value) == f"{message} at column {column}"


def test_errors_on_later_lines_report_line_and_column() -> None:
    with pytest.raises(FormulaSyntaxError) as caught:
        compile_formula("AND(\n  x > 1,\n  BAR(x)\n)")
    assert (caught.value.line, caught.value.column) == (3, 3)
    assert str(caught.value) == "unknown function BAR at line 3, column 3"


def test_operators_of_one_level_form_one_flat_chain() -> None:
    root = compile_formula("a + b - c + d").root
    assert isinstance(root, Chain)
    assert root.operators == ("+", "-", "+")
    assert root.operator_positions == (2, 6, 10)
    assert [operand.root for operand in root.operands if isinstance(operand, FieldRef)] == [
        "a",
        "b",
        "c",
        "d",
    ]


def test_tighter_operators_nest_inside_looser_ones() -> None:
    root = compile_formula("a + b * c = d AND NOT e").root
    assert isinstance(root, Chain) and root.operators == ("AND",)
    comparison, negation = root.operands
    assert isinstance(comparison, Comparison) and comparison.operator == "="
    assert isinstance(comparison.left, Chain) and comparison.left.operators == ("+",)
    assert isinstance(comparison.left.operands[1], Chain) and comparison.left.operands[1].operators == ("*",)
    assert isinstance(negation, Not)


def test_power_is_right_associative_and_binds_tighter_than_unary_minus() -> None:
    root = compile_formula("-a ^ b ^ c").root
    assert isinstance(root, Negate)
    power = root.operand
    assert isinstance(power, Chain) and power.operators == ("^",)
    assert isinstance(power.operands[1], Chain) and power.operands[1].operators == ("^",)


def test_paths_parse_keys_indexes_projections_and_quoted_keys() -> None:
    root = compile_formula('extraction1.line_items[].amount + x["odd key"][-1][2].and').root
    assert isinstance(root, Chain)
    first, second = root.operands
    assert isinstance(first, FieldRef) and first.segments == (Key("line_items"), EachItem(), Key("amount"))
    assert isinstance(second, FieldRef)
    assert second.segments == (Key("odd key"), Index(-1), Index(2), Key("and"))


def test_literals_and_calls() -> None:
    root = compile_formula('IF(TRUE, "a ""quoted"" word", NULL)').root
    assert isinstance(root, Call) and root.function.name == "IF"
    assert [argument.value for argument in root.arguments if isinstance(argument, Literal)] == [
        True,
        'a "quoted" word',
        None,
    ]


def test_and_or_can_be_written_as_functions_or_infix() -> None:
    assert isinstance(compile_formula("AND(a, b)").root, Call)
    assert isinstance(compile_formula("a AND b").root, Chain)
    assert isinstance(compile_formula("NOT(a)").root, Not)
