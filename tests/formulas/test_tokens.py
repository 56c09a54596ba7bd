from decimal import Decimal

import pytest

from pagemill.formulas import FormulaSyntaxError
from pagemill.formulas.tokens import TokenKind, tokenize


def test_tokens_carry_kind_text_and_offset() -> None:
    tokens = tokenize('SUM(a.b[0], 1.50) <> "x"')
    assert [(token.kind, token.text, token.position) for token in tokens] == [
        (TokenKind.NAME, "SUM", 0),
        (TokenKind.LPAREN, "(", 3),
        (TokenKind.NAME, "a", 4),
        (TokenKind.DOT, ".", 5),
        (TokenKind.NAME, "b", 6),
        (TokenKind.LBRACKET, "[", 7),
        (TokenKind.NUMBER, "0", 8),
        (TokenKind.RBRACKET, "]", 9),
        (TokenKind.COMMA, ",", 10),
        (TokenKind.NUMBER, "1.50", 12),
        (TokenKind.RPAREN, ")", 16),
        (TokenKind.OPERATOR, "<>", 18),
        (TokenKind.STRING, '"x"', 21),
        (TokenKind.END, "", 24),
    ]
    assert tokens[9].value == Decimal("1.50")


def test_alternative_spellings_of_equality_operators_normalize() -> None:
    assert [token.text for token in tokenize("a != b == c <= d >= e")[1:-1:2]] == ["<>", "=", "<=", ">="]


def test_strings_double_their_quotes_and_keep_backslashes() -> None:
    assert tokenize(r'"C:\dir ""x"""')[0].value == r'C:\dir "x"'
    assert tokenize('""')[0].value == ""


def test_names_may_use_letters_beyond_ascii() -> None:
    assert tokenize("extraction1.größe")[2].text == "größe"


@pytest.mark.parametrize(
    ("source", "message", "position"),
    [
        ('"open', "text is missing its closing quote", 0),
        ("1 + 'x'", 'text must be in straight double quotes ("like this")', 4),
        ("\u201cx\u201d", 'text must be in straight double quotes ("like this")', 0),
        ("1 ; 2", "unexpected character ';'", 2),
        ("12abc", "invalid number '12a'", 0),
        ("x = ²", "unexpected character '²'", 4),
    ],
)
def test_tokenizer_errors_point_at_the_offending_character(source: str, message: str, position: int) -> None:
    with pytest.raises(FormulaSyntaxError) as caught:
        tokenize(source)
    assert (caught.value.reason, caught.value.position) == (message, position)
