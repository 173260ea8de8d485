"""The `if:` language: comparisons of meters and integers joined by and, or, not, and parentheses.

Parsed once at load time into a small tree, then compiled to a closure over the meter values.
Nothing here ever calls eval.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Test = Callable[[Sequence[int]], bool]

_COMPARATORS: dict[str, Callable[[int, int], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">=": operator.ge,
    ">": operator.gt,
}
_TOKEN = re.compile(
    r"\s*(?:(?P<number>-?\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_-]*)|(?P<op><=|>=|==|!=|<|>)|(?P<paren>[()]))"
)
_KEYWORDS = {"and", "or", "not"}


class ConditionSyntaxError(ValueError):
    """A condition that does not parse; ``offset`` is the 0-based position inside the expression."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True, slots=True)
class MeterRef:
    name: str
    offset: int


@dataclass(frozen=True, slots=True)
class Number:
    value: int


@dataclass(frozen=True, slots=True)
class Compare:
    left: MeterRef | Number
    op: str
    right: MeterRef | Number


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: str  # "and" or "or"
    operands: tuple[Expr, ...]


Expr = Compare | Not | BoolOp


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str
    offset: int


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while True:
        while position < len(source) and source[position].isspace():
            position += 1
        if position == len(source):
            break
        match = _TOKEN.match(source, position)
        if match is None or match.end() == position:
            raise ConditionSyntaxError(f"unexpected character {source[position]!r}", position)
        kind = match.lastgroup or ""
        text = match.group(kind)
        start = match.start(kind)
        if kind == "name" and text in _KEYWORDS:
            kind = text
        tokens.append(_Token(kind, text, start))
        position = match.end()
    tokens.append(_Token("end", "", len(source)))
    return tokens


class _Parser:
    """Recursive descent: or_expr := and_expr ('or' and_expr)*, and so on down to comparisons."""

    def __init__(self, source: str) -> None:
        self.tokens = _tokenize(source)
        self.index = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Expr:
        expr = self.or_expr()
        if self.current.kind != "end":
            raise ConditionSyntaxError(f"unexpected {self.current.text!r}", self.current.offset)
        return expr

    def or_expr(self) -> Expr:
        operands = [self.and_expr()]
        while self.current.kind == "or":
            self.advance()
            operands.append(self.and_expr())
        return operands[0] if len(operands) == 1 else BoolOp("or", tuple(operands))

    def and_expr(self) -> Expr:
        operands = [self.not_expr()]
        while self.current.kind == "and":
            self.advance()
            operands.append(self.not_expr())
        return operands[0] if len(operands) == 1 else BoolOp("and", tuple(operands))

    def not_expr(self) -> Expr:
        if self.current.kind == "not":
            self.advance()
            return Not(self.not_expr())
        if self.current.kind == "paren" and self.current.text == "(":
            self.advance()
            inner = self.or_expr()
            if not (self.current.kind == "paren" and self.current.text == ")"):
                raise ConditionSyntaxError("expected ')'", self.current.offset)
            self.advance()
            return inner
        return self.comparison()

    def comparison(self) -> Compare:
        left = self.operand()
        if self.current.kind != "op":
            found = "the end" if self.current.kind == "end" else repr(self.current.text)
            raise ConditionSyntaxError(f"expected a comparison (< <= == != >= >), found {found}", self.current.offset)
        op = self.advance().text
        return Compare(left, op, self.operand())

    def operand(self) -> MeterRef | Number:
        token = self.current
        if token.kind == "number":
            self.advance()
            return Number(int(token.text))
        if token.kind == "name":
            self.advance()
            return MeterRef(token.text, token.offset)
        found = "the end" if token.kind == "end" else repr(token.text)
        raise ConditionSyntaxError(f"expected a meter name or a whole number, found {found}", token.offset)


def parse_condition(source: str) -> Expr:
    """Parse a condition; raise ConditionSyntaxError pointing inside ``source``."""
    if len(source) > 1000:
        raise ConditionSyntaxError("the condition is longer than 1000 characters", 1000)
    try:
        return _Parser(source).parse()
    except RecursionError:
        raise ConditionSyntaxError("the condition is nested too deeply", 0) from None


def meter_refs(expr: Expr) -> list[MeterRef]:
    """Every meter the expression reads, in order."""
    if isinstance(expr, Compare):
        return [side for side in (expr.left, expr.right) if isinstance(side, MeterRef)]
    if isinstance(expr, Not):
        return meter_refs(expr.operand)
    return [ref for operand in expr.operands for ref in meter_refs(operand)]


def compile_condition(expr: Expr, meter_index: dict[str, int]) -> Test:
    """Turn a parsed condition into a function of the meter values (a sequence in declared order)."""
    if isinstance(expr, Compare):
        compare = _COMPARATORS[expr.op]
        left, right = expr.left, expr.right
        if isinstance(left, MeterRef) and isinstance(right, Number):
            i, value = meter_index[left.name], right.value
            return lambda meters: compare(meters[i], value)
        if isinstance(left, Number) and isinstance(right, MeterRef):
            value, j = left.value, meter_index[right.name]
            return lambda meters: compare(value, meters[j])
        if isinstance(left, MeterRef) and isinstance(right, MeterRef):
            i, j = meter_index[left.name], meter_index[right.name]
            return lambda meters: compare(meters[i], meters[j])
        constant = compare(left.value, right.value)  # type: ignore[union-attr]
        return lambda meters: constant
    if isinstance(expr, Not):
        inner = compile_condition(expr.operand, meter_index)
        return lambda meters: not inner(meters)
    parts = tuple(compile_condition(operand, meter_index) for operand in expr.operands)
    if expr.op == "and":
        return lambda meters: all(part(meters) for part in parts)
    return lambda meters: any(part(meters) for part in parts)
