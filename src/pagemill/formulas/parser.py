"""A Pratt parser from tokens to nodes, resolving function names and arity while it parses.

Binding, loosest first: OR; AND; NOT (prefix); = <> < > <= >=; &; + -; * /; unary - +; ^ (right-assoc);
then `.field`, `[index]`, `[]` and `["key"]` after a name.
"""

from __future__ import annotations

from decimal import Decimal

from pagemill.formulas.errors import FormulaEvaluationError, FormulaSyntaxError
from pagemill.formulas.functions import NOT_CONSTANT, FunctionLibrary
from pagemill.formulas.limits import FormulaLimits
from pagemill.formulas.nodes import Call, Chain, Comparison, FieldRef, Literal, Negate, Node, Not
from pagemill.formulas.operators import COMPARISON_OPERATORS
from pagemill.formulas.paths import EachItem, Index, Key, Segment
from pagemill.formulas.tokens import Token, TokenKind, tokenize

_BINDING = {"OR": 1, "AND": 2, "&": 5, "+": 6, "-": 6, "*": 7, "/": 7, "^": 9}
_BINDING.update({operator: 4 for operator in COMPARISON_OPERATORS})
_NOT_OPERAND = 3
_SIGN_OPERAND = 8
_LITERALS = {"TRUE": True, "FALSE": False, "NULL": None}


def parse(source: str, functions: FunctionLibrary, limits: FormulaLimits) -> Node:
    if len(source) > limits.max_source_length:
        raise FormulaSyntaxError(
            f"formula is longer than {limits.max_source_length} characters", source=source
        )
    return _Parser(source, functions, limits).parse()


class _Parser:
    def __init__(self, source: str, functions: FunctionLibrary, limits: FormulaLimits):
        self.source = source
        self.functions = functions
        self.limits = limits
        self.tokens = tokenize(source)
        self.index = 0
        self.depth = 0

    def parse(self) -> Node:
        if self.peek().kind is TokenKind.END:
            raise self.error("formula is empty", self.peek())
        node = self.expression(0)
        token = self.peek()
        if token.kind is not TokenKind.END:
            raise self.error(f"unexpected {token.describe()}", token)
        return node

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.index + ahead, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.peek()
        self.index += 1
        return token

    def expect(self, kind: TokenKind, context: str) -> Token:
        token = self.peek()
        if token.kind is not kind:
            raise self.error(f"expected {kind.value!r}{context}, found {token.describe()}", token)
        return self.advance()

    def error(
        self, message: str, token: Token | None = None, position: int | None = None
    ) -> FormulaSyntaxError:
        where = position if position is not None else (token or self.peek()).position
        return FormulaSyntaxError(message, position=where, source=self.source)

    def built(self, node: Node) -> Node:
        if node.depth > self.limits.max_depth:
            raise self.error(
                f"formula is nested more than {self.limits.max_depth} levels deep", position=node.position
            )
        return node

    def expression(self, min_binding: int) -> Node:
        self.depth += 1
        try:
            if self.depth > self.limits.max_depth:
                raise self.error(f"formula is nested more than {self.limits.max_depth} levels deep")
            return self._expression(min_binding)
        finally:
            self.depth -= 1

    def _expression(self, min_binding: int) -> Node:
        left = self.prefix()
        chain: Chain | None = None
        comparison_here = False
        while True:
            token = self.peek()
            operator = self.infix_operator(token)
            if operator is None or _BINDING[operator] < min_binding:
                return left
            self.advance()
            binding = _BINDING[operator]
            if operator in COMPARISON_OPERATORS:
                if comparison_here:
                    raise self.error("comparisons cannot be chained; join them with AND", token)
                right = self.expression(binding + 1)
                left = self.built(
                    Comparison(position=token.position, operator=operator, left=left, right=right)
                )
                comparison_here = True
                continue
            right = self.expression(binding if operator == "^" else binding + 1)
            if (
                chain is not None
                and chain is left
                and _BINDING[chain.operators[0]] == binding
                and operator != "^"
            ):
                chain = Chain(
                    position=chain.position,
                    operators=(*chain.operators, operator),
                    operator_positions=(*chain.operator_positions, token.position),
                    operands=(*chain.operands, right),
                )
            else:
                chain = Chain(
                    position=left.position,
                    operators=(operator,),
                    operator_positions=(token.position,),
                    operands=(left, right),
                )
            left = self.built(chain)

    def infix_operator(self, token: Token) -> str | None:
        if token.kind is TokenKind.OPERATOR:
            return token.text
        if token.kind is TokenKind.NAME and token.text.upper() in ("AND", "OR"):
            return token.text.upper()
        return None

    def prefix(self) -> Node:
        token = self.peek()
        if token.kind is TokenKind.NUMBER:
            self.advance()
            return Literal(position=token.position, value=token.value)
        if token.kind is TokenKind.STRING:
            self.advance()
            return Literal(position=token.position, value=token.value)
        if token.kind is TokenKind.OPERATOR and token.text in ("-", "+"):
            self.advance()
            operand = self.expression(_SIGN_OPERAND)
            return (
                self.built(Negate(position=token.position, operand=operand)) if token.text == "-" else operand
            )
        if token.kind is TokenKind.LPAREN:
            self.advance()
            inner = self.expression(0)
            if self.peek().kind is TokenKind.END:
                raise self.error("'(' is never closed", token)
            self.expect(TokenKind.RPAREN, "")
            return inner
        if token.kind is TokenKind.NAME:
            return self.name(token)
        if token.kind is TokenKind.END:
            raise self.error("formula ends where a value was expected", token)
        raise self.error(f"expected a value, found {token.describe()}", token)

    def name(self, token: Token) -> Node:
        upper = token.text.upper()
        is_call = self.peek(1).kind is TokenKind.LPAREN
        if upper == "NOT":
            self.advance()
            return self.built(Not(position=token.position, operand=self.expression(_NOT_OPERAND)))
        if is_call:
            return self.call(token)
        if upper in _LITERALS:
            self.advance()
            return Literal(position=token.position, value=_LITERALS[upper])
        if upper in ("AND", "OR"):
            raise self.error(f"{upper} needs a value on its left", token)
        self.advance()
        return FieldRef(position=token.position, root=token.text, segments=self.segments())

    def call(self, name: Token) -> Node:
        function = self.functions.get(name.text)
        if function is None:
            raise self.error(f"unknown function {name.text.upper()}", name)
        self.advance()
        self.advance()
        arguments: list[Node] = []
        if self.peek().kind is TokenKind.RPAREN:
            self.advance()
        else:
            while True:
                arguments.append(self.expression(0))
                separator = self.advance()
                if separator.kind is TokenKind.RPAREN:
                    break
                if separator.kind is not TokenKind.COMMA:
                    raise self.error(
                        f"expected ',' or ')' in {function.name}(...), found {separator.describe()}",
                        separator,
                    )
        if not function.accepts(len(arguments)):
            raise self.error(f"{function.name} takes {function.arity_text()}, got {len(arguments)}", name)
        if function.check is not None:
            constants = [arg.value if isinstance(arg, Literal) else NOT_CONSTANT for arg in arguments]
            try:
                function.check(constants)
            except FormulaEvaluationError as error:
                raise self.error(error.reason, name) from None
        return self.built(Call(position=name.position, function=function, arguments=tuple(arguments)))

    def segments(self) -> tuple[Segment, ...]:
        segments: list[Segment] = []
        while True:
            token = self.peek()
            if token.kind is TokenKind.DOT:
                self.advance()
                name = self.advance()
                if name.kind is not TokenKind.NAME:
                    raise self.error(f"expected a field name after '.', found {name.describe()}", name)
                segments.append(Key(name.text))
            elif token.kind is TokenKind.LBRACKET:
                self.advance()
                segments.append(self.selector())
                self.expect(TokenKind.RBRACKET, " to close '['")
            else:
                return tuple(segments)

    def selector(self) -> Segment:
        token = self.peek()
        if token.kind is TokenKind.RBRACKET:
            return EachItem()
        if token.kind is TokenKind.STRING:
            self.advance()
            return Key(str(token.value))
        negative = token.kind is TokenKind.OPERATOR and token.text == "-"
        number = self.peek(1) if negative else token
        if number.kind is TokenKind.NUMBER and isinstance(number.value, Decimal) and "." not in number.text:
            self.index += 2 if negative else 1
            return Index(-int(number.value) if negative else int(number.value))
        raise self.error(
            f'expected a whole number, "key" or nothing inside [ ], found {token.describe()}', token
        )
