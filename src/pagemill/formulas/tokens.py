"""Splits formula text into tokens, each with the offset it starts at."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from pagemill.formulas.errors import FormulaSyntaxError


class TokenKind(enum.Enum):
    NUMBER = "number"
    STRING = "string"
    NAME = "name"
    OPERATOR = "operator"
    LPAREN = "("
    RPAREN = ")"
    LBRACKET = "["
    RBRACKET = "]"
    COMMA = ","
    DOT = "."
    END = "end of formula"


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    position: int
    value: object = None

    def describe(self) -> str:
        return "end of formula" if self.kind is TokenKind.END else repr(self.text)


_PUNCTUATION = {
    "(": TokenKind.LPAREN,
    ")": TokenKind.RPAREN,
    "[": TokenKind.LBRACKET,
    "]": TokenKind.RBRACKET,
    ",": TokenKind.COMMA,
    ".": TokenKind.DOT,
}
_TWO_CHAR_OPERATORS = {"<>": "<>", "!=": "<>", "<=": "<=", ">=": ">=", "==": "="}
_ONE_CHAR_OPERATORS = set("+-*/^&=<>")
_DIGITS = "0123456789"
_CURLY_QUOTES = "\u201c\u201d\u2018\u2019"


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    index = 0
    length = len(source)
    while index < length:
        char = source[index]
        if char.isspace():
            index += 1
        elif char in _DIGITS:
            index = _read_number(source, index, tokens)
        elif char.isalpha() or char == "_":
            index = _read_name(source, index, tokens)
        elif char == '"':
            index = _read_string(source, index, tokens)
        elif source.startswith(tuple(_TWO_CHAR_OPERATORS), index):
            tokens.append(Token(TokenKind.OPERATOR, _TWO_CHAR_OPERATORS[source[index : index + 2]], index))
            index += 2
        elif char in _ONE_CHAR_OPERATORS:
            tokens.append(Token(TokenKind.OPERATOR, char, index))
            index += 1
        elif char in _PUNCTUATION:
            tokens.append(Token(_PUNCTUATION[char], char, index))
            index += 1
        elif char in _CURLY_QUOTES or char == "'":
            raise FormulaSyntaxError(
                'text must be in straight double quotes ("like this")', position=index, source=source
            )
        else:
            raise FormulaSyntaxError(f"unexpected character {char!r}", position=index, source=source)
    tokens.append(Token(TokenKind.END, "", length))
    return tokens


def _read_number(source: str, start: int, tokens: list[Token]) -> int:
    index = start
    while index < len(source) and source[index] in _DIGITS:
        index += 1
    if index + 1 < len(source) and source[index] == "." and source[index + 1] in _DIGITS:
        index += 1
        while index < len(source) and source[index] in _DIGITS:
            index += 1
    if index < len(source) and (source[index].isalpha() or source[index] == "_"):
        raise FormulaSyntaxError(
            f"invalid number {source[start : index + 1]!r}", position=start, source=source
        )
    text = source[start:index]
    tokens.append(Token(TokenKind.NUMBER, text, start, Decimal(text)))
    return index


def _read_name(source: str, start: int, tokens: list[Token]) -> int:
    index = start
    while index < len(source) and (source[index].isalnum() or source[index] == "_"):
        index += 1
    tokens.append(Token(TokenKind.NAME, source[start:index], start))
    return index


def _read_string(source: str, start: int, tokens: list[Token]) -> int:
    """Double-quoted text; a quote inside is written twice, as in spreadsheets: "say ""hi"" twice"."""
    parts: list[str] = []
    index = start + 1
    while True:
        end = source.find('"', index)
        if end < 0:
            raise FormulaSyntaxError("text is missing its closing quote", position=start, source=source)
        parts.append(source[index:end])
        if source.startswith('""', end):
            parts.append('"')
            index = end + 2
            continue
        tokens.append(Token(TokenKind.STRING, source[start : end + 1], start, "".join(parts)))
        return end + 1
