"""The expression language of `filter` (where) and `derive` (expr): a small, safe subset of Python over columns.

    price < 800 and origin != "JFK"
    `departure time` >= "2024-01-01" and carrier in ["AA", "DL"]
    round(price * 1.2, 2) if contains(name, "express") else price

Bare names are columns (backticks quote names with spaces or odd characters); literals are numbers, strings,
True/False/None and true/false/null. Comparisons (chained too), `in`/`not in` a list literal, `and`/`or`/`not`,
arithmetic, `a if c else b`, `x is None` and a fixed set of functions (FUNCTIONS) are allowed; anything else
(attributes, indexing, other calls, comprehensions, lambdas, f-strings, :=) is refused when compiled.

A source is parsed and checked once and turned into a tree of closures over whole columns, so evaluating it
on a million rows is a handful of pandas operations, never a Python loop over rows (see vectorised.py for
the rules on missing values and numbers written as text).
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from agentrunner.pipeline import vectorised as vec
from agentrunner.pipeline.errors import PipelineError
from graphs.engine.expressions import REJECTED

MAX_SOURCE_LENGTH = 2000
MAX_NODES = 200

Evaluator = Callable[[pd.DataFrame], Any]

JSON_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}
# name: (fewest arguments, most arguments, {position: the literal type that argument must be})
SIGNATURES: dict[str, tuple[int, int, dict[int, type]]] = {
    "lower": (1, 1, {}),
    "upper": (1, 1, {}),
    "len": (1, 1, {}),
    "contains": (2, 2, {1: str}),
    "startswith": (2, 2, {1: str}),
    "endswith": (2, 2, {1: str}),
    "abs": (1, 1, {}),
    "round": (1, 2, {1: int}),
    "year": (1, 1, {}),
    "month": (1, 1, {}),
    "day": (1, 1, {}),
    "date": (1, 1, {}),
    "isnull": (1, 1, {}),
    "notnull": (1, 1, {}),
    "coalesce": (2, 10, {}),
}
OPERATORS: dict[type[ast.AST], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**",
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
}  # fmt: skip
# The graph conditions' refusals (the same language family), less calls: a few named functions are allowed here.
REFUSED: dict[type[ast.AST], str] = {
    **{node: reason for node, reason in REJECTED.items() if node is not ast.Call},
    ast.Attribute: "attribute access (such as a.b) is not allowed",
    ast.Subscript: "indexing (such as x[0]) is not allowed",
    ast.Dict: "objects ({...}) are not allowed",
    ast.List: "lists are only allowed on the right of 'in' / 'not in'",
    ast.Tuple: "lists are only allowed on the right of 'in' / 'not in'",
    ast.Set: "lists are only allowed on the right of 'in' / 'not in'",
}


@dataclass(frozen=True)
class Expression:
    """A compiled expression: `columns` it reads (in order of appearance), `evaluate` on a table."""

    source: str
    columns: tuple[str, ...]
    root: Evaluator

    def evaluate(self, table: pd.DataFrame) -> Any:
        """A Series (one value per row) or, for an expression of literals only, a scalar."""
        return self.root(table)


def compile_expression(source: Any) -> Expression:
    """Check `source` against the language and compile it; PipelineError (with the reason) if it is outside."""
    if not isinstance(source, str):
        raise PipelineError(f"An expression must be a string, not {type(source).__name__}.")
    return _compile_cached(source)


@functools.lru_cache(maxsize=512)
def _compile_cached(source: str) -> Expression:
    text = source.strip()
    if not text:
        raise _refused(source, "it is empty")
    if len(text) > MAX_SOURCE_LENGTH:
        raise _refused(source, f"it is {len(text)} characters long, at most {MAX_SOURCE_LENGTH} are allowed")
    text, quoted = _substitute_backticks(source, text)
    tree = _parse(source, text)
    size = sum(1 for node in ast.walk(tree) if isinstance(node, ast.expr))
    if size > MAX_NODES:
        raise _refused(source, f"it has {size} parts, at most {MAX_NODES} are allowed")
    compiler = _Compiler(source, quoted)
    root = compiler.build(tree.body)
    return Expression(source, tuple(dict.fromkeys(compiler.columns)), root)


def _refused(source: str, reason: str) -> PipelineError:
    details = {"expression": source, "reason": reason}
    return PipelineError(f"The expression {source!r} is not allowed: {reason}.", details)


def _substitute_backticks(source: str, text: str) -> tuple[str, dict[str, str]]:
    """`odd name` -> a placeholder identifier, outside string literals; returns the text and placeholder -> name."""
    out: list[str] = []
    quoted: dict[str, str] = {}
    prefix = "_col_"
    while prefix in text:
        prefix += "_"
    i, quote = 0, ""
    while i < len(text):
        char = text[i]
        if quote:
            out.append(text[i : i + 2] if char == "\\" else char)
            quote = "" if char == quote else quote
            i += 2 if char == "\\" else 1
            continue
        if char == "`":
            end = text.find("`", i + 1)
            if end < 0 or end == i + 1:
                raise _refused(source, "a backtick-quoted column name is empty or not closed")
            placeholder = f"{prefix}{len(quoted)}"
            quoted[placeholder] = text[i + 1 : end]
            out.append(f" {placeholder} ")
            i = end + 1
            continue
        quote = char if char in "'\"" else ""
        out.append(char)
        i += 1
    return "".join(out).strip(), quoted


def _parse(source: str, text: str) -> ast.Expression:
    try:
        return ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise _refused(source, f"it is not a valid expression ({error.msg})") from None
    except (RecursionError, MemoryError, ValueError):
        raise _refused(source, "it is nested too deeply") from None


def _literal(node: ast.AST) -> tuple[bool, Any]:
    """(True, value) when `node` is a literal: a constant, true/false/null, or a negative number."""
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, bool | int | float | str)):
        return True, node.value
    if isinstance(node, ast.Name) and node.id in JSON_LITERALS:
        return True, JSON_LITERALS[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        is_literal, value = _literal(node.operand)
        if is_literal and vec.is_number(value):
            return True, -value if isinstance(node.op, ast.USub) else value
    return False, None


class _Compiler:
    def __init__(self, source: str, quoted: dict[str, str]):
        self.source = source
        self.quoted = quoted
        self.columns: list[str] = []

    def fail(self, reason: str) -> PipelineError:
        return _refused(self.source, reason)

    def build(self, node: ast.AST) -> Evaluator:
        is_literal, value = _literal(node)
        if is_literal:
            return lambda table: value
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            reason = REFUSED.get(type(node)) or f"'{type(node).__name__}' is not part of the language"
            if isinstance(node, ast.Constant):
                reason = f"the literal {node.value!r} is not allowed (only numbers, strings, true/false/null)"
            raise self.fail(reason)
        return method(node)

    def _Name(self, node: ast.Name) -> Evaluator:
        column = self.quoted.get(node.id, node.id)
        self.columns.append(column)
        return lambda table: table[column]

    def _BoolOp(self, node: ast.BoolOp) -> Evaluator:
        word = "and" if isinstance(node.op, ast.And) else "or"
        parts = [self.build(value) for value in node.values]
        combine = vec.all_of if word == "and" else vec.any_of
        role = f"Each side of '{word}'"
        return lambda table: combine([vec.as_mask(part(table), role) for part in parts])

    def _UnaryOp(self, node: ast.UnaryOp) -> Evaluator:
        operand = self.build(node.operand)
        if isinstance(node.op, ast.Not):
            return lambda table: vec.negate(vec.as_mask(operand(table), "The operand of 'not'"))
        if isinstance(node.op, ast.USub):
            return lambda table: vec.negative(operand(table))
        if isinstance(node.op, ast.UAdd):
            return lambda table: vec.as_numbers(operand(table))
        raise self.fail("the operator '~' is not allowed (use 'not')")

    def _BinOp(self, node: ast.BinOp) -> Evaluator:
        symbol = OPERATORS.get(type(node.op))
        if symbol is None:
            hint = {ast.BitAnd: " (use 'and')", ast.BitOr: " (use 'or')"}.get(type(node.op), "")
            raise self.fail(f"the operator '{type(node.op).__name__}' is not allowed{hint}")
        left, right = self.build(node.left), self.build(node.right)
        return lambda table: vec.arithmetic(symbol, left(table), right(table))

    def _IfExp(self, node: ast.IfExp) -> Evaluator:
        test, body, orelse = self.build(node.test), self.build(node.body), self.build(node.orelse)
        return lambda table: vec.choose(test(table), body(table), orelse(table))

    def _Compare(self, node: ast.Compare) -> Evaluator:
        operands = [node.left, *node.comparators]
        checks = [self._comparison(op, operands[i], operands[i + 1]) for i, op in enumerate(node.ops)]
        if len(checks) == 1:
            return checks[0]
        # A chain a < b < c is (a < b) and (b < c); the middle operand is evaluated twice, which is cheap.
        return lambda table: vec.all_of([vec.as_mask(check(table), "A comparison") for check in checks])

    def _comparison(self, op: ast.cmpop, left_node: ast.AST, right_node: ast.AST) -> Evaluator:
        left = self.build(left_node)
        if isinstance(op, ast.In | ast.NotIn):
            options, negated = self._options(right_node), isinstance(op, ast.NotIn)
            return lambda table: vec.is_in(left(table), options, negated)
        if isinstance(op, ast.Is | ast.IsNot):
            if _literal(right_node) != (True, None):
                raise self.fail("'is' and 'is not' can only test for None (use == and != to compare values)")
            test = vec.absent if isinstance(op, ast.Is) else vec.present
            return lambda table: test(left(table))
        symbol = OPERATORS[type(op)]
        right = self.build(right_node)
        return lambda table: vec.compare(symbol, left(table), right(table))

    def _options(self, node: ast.AST) -> tuple[Any, ...]:
        if not isinstance(node, ast.List | ast.Tuple | ast.Set):
            raise self.fail('the right side of \'in\' must be a list of literals, such as [1, 2] or ["a", "b"]')
        options = []
        for element in node.elts:
            is_literal, value = _literal(element)
            if not is_literal:
                raise self.fail("a list after 'in' may hold literals only (numbers, strings, true/false/null)")
            options.append(value)
        return tuple(options)

    def _Call(self, node: ast.Call) -> Evaluator:
        if not isinstance(node.func, ast.Name):
            raise self.fail("calling methods (such as a.b(...)) is not allowed; use the functions instead")
        name = node.func.id
        if name not in SIGNATURES:
            raise self.fail(f"the function '{name}' is not available; the functions are: {', '.join(SIGNATURES)}")
        if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
            raise self.fail(f"{name}() takes plain arguments only (no name=value, no *args)")
        fewest, most, literal_types = SIGNATURES[name]
        if not fewest <= len(node.args) <= most:
            count = f"{fewest}" if fewest == most else f"{fewest} to {most}"
            raise self.fail(f"{name}() takes {count} argument(s), not {len(node.args)}")
        arguments = [self._argument(name, i, arg, literal_types.get(i)) for i, arg in enumerate(node.args)]
        function = vec.FUNCTIONS[name]
        return lambda table: function(*(argument(table) for argument in arguments))

    def _argument(self, name: str, position: int, node: ast.AST, literal_type: type | None) -> Evaluator:
        if literal_type is None:
            return self.build(node)
        is_literal, value = _literal(node)
        if not is_literal or not isinstance(value, literal_type) or isinstance(value, bool):
            wanted = "a string literal" if literal_type is str else "a whole number"
            raise self.fail(f"argument {position + 1} of {name}() must be {wanted}")
        return lambda table: value
