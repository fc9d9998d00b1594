"""The condition language of edges: a small, safe subset of Python expressions over the run's state.

    quality_score >= 7 or iteration >= 5
    review.score > 3 and "bug" not in labels and items[-1] != null

Names and dotted paths read keys of the state (a JSON object); literals, displays, boolean logic,
comparisons, arithmetic and `a if c else b` work as in Python. Everything else (calls, attributes of
values, comprehensions, lambdas, f-strings, ...) is refused at compile time. A source is parsed and
checked once, then turned into a tree of closures, so evaluating a condition walks no AST.
"""

from __future__ import annotations

import ast
import functools
import operator
from collections.abc import Callable, Mapping
from typing import Any

from graphs.engine.errors import ExpressionError

MAX_SOURCE_LENGTH = 2000
MAX_NODES = 200
MAX_EXPONENT = 64
MAX_SIZE = 100_000
MAX_INT_BITS = 10_000

Evaluator = Callable[[Mapping[str, Any]], Any]

JSON_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}
SIZED = (str, list, tuple)

REJECTED: dict[type[ast.AST], str] = {
    ast.Call: "function calls are not allowed",
    ast.Lambda: "lambda expressions are not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "generator expressions are not allowed",
    ast.NamedExpr: "assignment expressions (:=) are not allowed",
    ast.Starred: "starred expressions (*x) are not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.FormattedValue: "f-strings are not allowed",
    ast.Await: "await is not allowed",
    ast.Yield: "yield is not allowed",
    ast.YieldFrom: "yield is not allowed",
    ast.Slice: "slices are not allowed",
}


class Expression:
    """A compiled condition. Calling it gives a bool; `evaluate` gives the value itself."""

    __slots__ = ("source", "paths", "_root")

    def __init__(self, source: str, paths: frozenset[str], root: Evaluator):
        self.source = source
        self.paths = paths
        self._root = root

    def evaluate(self, state: Mapping[str, Any]) -> Any:
        if type(state) is not dict and not isinstance(state, Mapping):
            raise ExpressionError(f"the state must be an object, not {kind_of(state)}")
        return self._root(state)

    def __call__(self, state: Mapping[str, Any]) -> bool:
        if type(state) is not dict and not isinstance(state, Mapping):
            raise ExpressionError(f"the state must be an object, not {kind_of(state)}")
        return bool(self._root(state))

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"

    def __reduce__(self) -> tuple[Callable[[str], Expression], tuple[str]]:
        # The closures cannot be pickled; the source recompiles to the same expression.
        return compile_expression, (self.source,)


def compile_expression(source: str) -> Expression:
    """Check `source` against the language and compile it; raise ExpressionError if it is outside it."""
    if not isinstance(source, str):
        raise ExpressionError(f"an expression must be a string, not {kind_of(source)}")
    return _compile_cached(source)


def check_expression(source: str) -> str | None:
    """None when `source` is a valid expression, else the reason it is not (for validation reports)."""
    try:
        compile_expression(source)
    except ExpressionError as error:
        return str(error)
    return None


@functools.lru_cache(maxsize=1024)
def _compile_cached(source: str) -> Expression:
    text = source.strip()
    if not text:
        raise ExpressionError("the expression is empty")
    if len(text) > MAX_SOURCE_LENGTH:
        raise ExpressionError(f"the expression is too long: {len(text)} characters, at most {MAX_SOURCE_LENGTH}")
    tree = _parse(text)
    size = sum(isinstance(node, ast.expr) for node in ast.walk(tree))
    if size > MAX_NODES:
        raise ExpressionError(f"the expression is too complex: {size} parts, at most {MAX_NODES}")
    compiler = _Compiler(text)
    root = compiler.build(tree.body)
    return Expression(source, frozenset(compiler.paths), root)


def _parse(text: str) -> ast.Expression:
    try:
        return ast.parse(text, mode="eval")
    except SyntaxError as error:
        where = f" at column {error.offset}" if error.offset else ""
        raise ExpressionError(f"not a valid expression: {error.msg}{where}") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError("not a valid expression: it is nested too deeply") from None


class _Compiler:
    """Checks each node against the whitelist and returns the closure that evaluates it."""

    def __init__(self, source: str):
        self.source = source
        self.paths: set[str] = set()

    def text(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.source, node) or ast.unparse(node)

    def refuse(self, reason: str, node: ast.AST) -> ExpressionError:
        return ExpressionError(f"{reason}: {self.text(node)}")

    def build(self, node: ast.AST) -> Evaluator:
        builder = self.BUILDERS.get(type(node))
        if builder is None:
            reason = REJECTED.get(type(node), f"{type(node).__name__} is not allowed")
            raise self.refuse(reason, node)
        return builder(self, node)

    def constant(self, node: ast.Constant) -> Evaluator:
        value = node.value
        if value is not None and type(value) not in (bool, int, float, str):
            raise self.refuse(f"{type(value).__name__} literals are not allowed", node)
        return lambda state: value

    def name(self, node: ast.Name) -> Evaluator:
        if node.id in JSON_LITERALS:
            value = JSON_LITERALS[node.id]
            return lambda state: value
        return self.path(node)

    def attribute(self, node: ast.Attribute) -> Evaluator:
        return self.path(node)

    def path(self, node: ast.expr) -> Evaluator:
        segments: list[str] = []
        part = node
        while isinstance(part, ast.Attribute):
            segments.append(part.attr)
            part = part.value
        if not isinstance(part, ast.Name) or part.id in JSON_LITERALS:
            reason = f"attributes can only be read from state paths, not from {self.text(part)}"
            if isinstance(part, ast.Subscript):
                keys = "".join(f"[{segment!r}]" for segment in reversed(segments))
                reason += f" (write {self.text(part)}{keys} instead)"
            raise self.refuse(reason, node)
        segments.append(part.id)
        segments.reverse()
        if any(segment.startswith("_") for segment in segments):
            raise self.refuse("names starting with an underscore are not allowed", node)
        self.paths.add(".".join(segments))
        return _path_reader(tuple(segments))

    def subscript(self, node: ast.Subscript) -> Evaluator:
        if isinstance(node.slice, ast.Slice):
            raise self.refuse("slices are not allowed", node)
        container, index, where = self.build(node.value), self.build(node.slice), self.text(node.value)
        return lambda state: _lookup(container(state), index(state), where)

    def display(self, node: ast.List | ast.Tuple | ast.Set) -> Evaluator:
        items = [self.build(item) for item in node.elts]
        kind: type = {ast.List: list, ast.Tuple: tuple, ast.Set: set}[type(node)]
        text = self.text(node)

        def make(state: Mapping[str, Any]) -> Any:
            try:
                return kind([item(state) for item in items])
            except TypeError as error:
                raise ExpressionError(f"cannot build {text}: {error}") from None

        return make

    def dict_display(self, node: ast.Dict) -> Evaluator:
        if any(key is None for key in node.keys):
            raise self.refuse("dict unpacking (**) is not allowed", node)
        pairs = [(self.build(key), self.build(value)) for key, value in zip(node.keys, node.values, strict=True)]
        text = self.text(node)

        def make(state: Mapping[str, Any]) -> dict[Any, Any]:
            try:
                return {key(state): value(state) for key, value in pairs}
            except TypeError as error:
                raise ExpressionError(f"cannot build {text}: {error}") from None

        return make

    def bool_op(self, node: ast.BoolOp) -> Evaluator:
        operands = [self.build(value) for value in node.values]
        if len(operands) == 2:
            first, second = operands
            if isinstance(node.op, ast.And):
                return lambda state: first(state) and second(state)
            return lambda state: first(state) or second(state)
        stop_when = not isinstance(node.op, ast.And)
        *leading, last = operands

        def chain(state: Mapping[str, Any]) -> Any:
            for operand in leading:
                value = operand(state)
                if bool(value) is stop_when:
                    return value
            return last(state)

        return chain

    def unary_op(self, node: ast.UnaryOp) -> Evaluator:
        operand = self.build(node.operand)
        if isinstance(node.op, ast.Not):
            return lambda state: not operand(state)
        if isinstance(node.op, ast.Invert):
            raise self.refuse("bitwise operator '~' is not allowed", node)
        symbol, function = ("-", operator.neg) if isinstance(node.op, ast.USub) else ("+", operator.pos)
        text = self.text(node)

        def apply(state: Mapping[str, Any]) -> Any:
            value = operand(state)
            try:
                return function(value)
            except TypeError:
                raise ExpressionError(f"cannot apply '{symbol}' to {kind_of(value)}: {text}") from None

        return apply

    def bin_op(self, node: ast.BinOp) -> Evaluator:
        if type(node.op) not in ARITHMETIC:
            symbol = BITWISE.get(type(node.op), type(node.op).__name__)
            raise self.refuse(f"operator '{symbol}' is not allowed", node)
        symbol, function = ARITHMETIC[type(node.op)]
        left, right, text = self.build(node.left), self.build(node.right), self.text(node)

        def apply(state: Mapping[str, Any]) -> Any:
            a, b = left(state), right(state)
            try:
                return function(a, b)
            except TypeError:
                raise ExpressionError(f"cannot apply '{symbol}' to {kind_of(a)} and {kind_of(b)}: {text}") from None
            except ZeroDivisionError:
                raise ExpressionError(f"division by zero in {text}") from None
            except OverflowError:
                raise ExpressionError(f"the result is too large: {text}") from None
            except _Refused as error:
                raise ExpressionError(f"{error}: {text}") from None

        return apply

    def compare(self, node: ast.Compare) -> Evaluator:
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
            if isinstance(op, ast.Is | ast.IsNot) and not (_is_none(left) or _is_none(right)):
                raise self.refuse("'is' and 'is not' can only compare with None (use == or != otherwise)", node)
        steps = [
            (*COMPARISONS[type(op)], self.build(right)) for op, right in zip(node.ops, node.comparators, strict=True)
        ]
        first, text = self.build(node.left), self.text(node)
        if len(steps) == 1:
            return _single_comparison(first, steps[0], text)

        def chain(state: Mapping[str, Any]) -> bool:
            a = first(state)
            for symbol, function, right in steps:
                b = right(state)
                if not _compare(function, symbol, a, b, text):
                    return False
                a = b
            return True

        return chain

    def if_exp(self, node: ast.IfExp) -> Evaluator:
        test, body, orelse = self.build(node.test), self.build(node.body), self.build(node.orelse)
        return lambda state: body(state) if test(state) else orelse(state)

    BUILDERS: dict[type[ast.AST], Callable[[_Compiler, Any], Evaluator]] = {
        ast.Constant: constant,
        ast.Name: name,
        ast.Attribute: attribute,
        ast.Subscript: subscript,
        ast.List: display,
        ast.Tuple: display,
        ast.Set: display,
        ast.Dict: dict_display,
        ast.BoolOp: bool_op,
        ast.UnaryOp: unary_op,
        ast.BinOp: bin_op,
        ast.Compare: compare,
        ast.IfExp: if_exp,
    }


def _is_none(node: ast.expr) -> bool:
    return (isinstance(node, ast.Constant) and node.value is None) or (isinstance(node, ast.Name) and node.id == "null")


def _single_comparison(left: Evaluator, step: tuple[str, Callable, Evaluator], text: str) -> Evaluator:
    symbol, function, right = step

    def compare(state: Mapping[str, Any]) -> bool:
        a, b = left(state), right(state)
        try:
            return function(a, b)
        except TypeError:
            raise ExpressionError(f"cannot apply '{symbol}' to {kind_of(a)} and {kind_of(b)}: {text}") from None

    return compare


def _compare(function: Callable[[Any, Any], bool], symbol: str, a: Any, b: Any, text: str) -> bool:
    try:
        return function(a, b)
    except TypeError:
        raise ExpressionError(f"cannot apply '{symbol}' to {kind_of(a)} and {kind_of(b)}: {text}") from None


# Reading the state.


def _path_reader(segments: tuple[str, ...]) -> Evaluator:
    if len(segments) == 1:
        (key,) = segments

        def read_key(state: Mapping[str, Any]) -> Any:
            try:
                return state[key]
            except KeyError:
                raise ExpressionError(f"state has no key {key!r}") from None

        return read_key

    def read_path(state: Mapping[str, Any]) -> Any:
        value: Any = state
        for depth, key in enumerate(segments):
            if type(value) is not dict and not isinstance(value, Mapping):
                where = ".".join(segments[:depth])
                raise ExpressionError(f"'{where}' is {kind_of(value)}, not an object, so it has no key {key!r}")
            try:
                value = value[key]
            except KeyError:
                owner = f"'{'.'.join(segments[:depth])}'" if depth else "state"
                raise ExpressionError(f"{owner} has no key {key!r}") from None
        return value

    return read_path


def _lookup(container: Any, index: Any, where: str) -> Any:
    """`container[index]` on JSON values: a key of an object or a position in a list or a string."""
    if isinstance(container, Mapping):
        try:
            return container[index]
        except KeyError:
            raise ExpressionError(f"'{where}' has no key {index!r}") from None
        except TypeError:
            raise ExpressionError(f"{kind_of(index)} cannot be a key of '{where}'") from None
    if isinstance(container, SIZED):
        if type(index) is not int:
            raise ExpressionError(f"'{where}' can only be indexed by a whole number, not by {kind_of(index)}")
        try:
            return container[index]
        except IndexError:
            raise ExpressionError(f"index {index} is out of range for '{where}' (length {len(container)})") from None
    raise ExpressionError(f"'{where}' is {kind_of(container)} and cannot be indexed")


def kind_of(value: Any) -> str:
    """The JSON name of a value's type, as a user who wrote the state would call it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__}"


# Arithmetic with limits, so that a condition cannot exhaust memory or time.


class _Refused(Exception):
    """An operation the language declines to carry out; the caller adds where it happened."""


def _size(value: Any, budget: int = MAX_SIZE) -> int:
    """Characters plus elements in `value`, nested ones included; stops counting past `budget`.

    Nested sizes count because `[[0] * 1000] * 1000 == ...` costs a million comparisons.
    """
    total, pending = 0, [value]
    while pending and total <= budget:
        item = pending.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, list | tuple | set | frozenset | Mapping):
            total += len(item)
            if total <= budget:
                pending.extend(item.items() if isinstance(item, Mapping) else item)
    return total


def _check_size(size: int) -> None:
    if size > MAX_SIZE:
        raise _Refused(f"the result would hold more than {MAX_SIZE:,} characters or elements")


def _add(a: Any, b: Any) -> Any:
    if isinstance(a, SIZED) and isinstance(b, SIZED):
        _check_size(_size(a) + _size(b))
    return a + b


def _multiply(a: Any, b: Any) -> Any:
    if isinstance(a, int) and isinstance(b, int):
        if a.bit_length() + b.bit_length() > MAX_INT_BITS:
            raise _Refused(f"the result would have more than {MAX_INT_BITS:,} bits")
    elif isinstance(a, SIZED) and isinstance(b, int):
        _check_size(_size(a) * b)
    elif isinstance(b, SIZED) and isinstance(a, int):
        _check_size(_size(b) * a)
    return a * b


def _power(a: Any, b: Any) -> Any:
    if isinstance(b, int | float) and abs(b) > MAX_EXPONENT:
        raise _Refused(f"exponents must be between -{MAX_EXPONENT} and {MAX_EXPONENT}, not {b}")
    if isinstance(a, int) and isinstance(b, int) and b > 0 and a.bit_length() * b > MAX_INT_BITS:
        raise _Refused(f"the result would have more than {MAX_INT_BITS:,} bits")
    result = a**b
    if isinstance(result, complex):
        raise _Refused("the result is not a real number")
    return result


def _modulo(a: Any, b: Any) -> Any:
    # `%` on strings is printf-style formatting, which is outside the language.
    if not (isinstance(a, int | float) and isinstance(b, int | float)):
        raise TypeError
    return a % b


ARITHMETIC: dict[type[ast.operator], tuple[str, Callable[[Any, Any], Any]]] = {
    ast.Add: ("+", _add),
    ast.Sub: ("-", operator.sub),
    ast.Mult: ("*", _multiply),
    ast.Div: ("/", operator.truediv),
    ast.FloorDiv: ("//", operator.floordiv),
    ast.Mod: ("%", _modulo),
    ast.Pow: ("**", _power),
}

BITWISE: dict[type[ast.operator], str] = {
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.MatMult: "@",
}

COMPARISONS: dict[type[ast.cmpop], tuple[str, Callable[[Any, Any], bool]]] = {
    ast.Eq: ("==", operator.eq),
    ast.NotEq: ("!=", operator.ne),
    ast.Lt: ("<", operator.lt),
    ast.LtE: ("<=", operator.le),
    ast.Gt: (">", operator.gt),
    ast.GtE: (">=", operator.ge),
    ast.In: ("in", lambda a, b: a in b),
    ast.NotIn: ("not in", lambda a, b: a not in b),
    ast.Is: ("is", operator.is_),
    ast.IsNot: ("is not", operator.is_not),
}
