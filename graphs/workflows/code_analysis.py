"""Static analysis of Python source with the standard library's `ast` and `tokenize` modules.

The code-review tools (graphs.workflows.code_review) are thin wrappers over these functions.
Source is parsed once into scopes (the module, each class, each function); every measure is
taken per scope, so a nested function is judged on its own and never inflates its parent.
"""

from __future__ import annotations

import ast
import builtins
import io
import itertools
import operator
import re
import textwrap
import tokenize
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from graphs.engine.errors import ToolError

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
ScopeNode = ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef

HIGH, MEDIUM, LOW = "high", "medium", "low"

# (medium above, high above): an issue is reported only past the first number.
COMPLEXITY_LIMITS = (5, 10)
LENGTH_LIMITS = (50, 100)
NESTING_LIMITS = (4, 6)
PARAMETER_LIMITS = (5, 8)

_SCOPE_BOUNDARIES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_NESTING_BLOCKS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.TryStar, ast.Match)
_MUTABLE_FACTORIES = frozenset({"list", "dict", "set", "bytearray", "defaultdict", "deque", "OrderedDict", "Counter"})
_CATCH_ALL_EXCEPTIONS = frozenset({"Exception", "BaseException"})
# The site module adds these to builtins for the interactive prompt; naming a variable `license` shadows nothing real.
_SITE_NAMES = frozenset({"copyright", "credits", "license", "exit", "quit", "help"})
BUILTIN_NAMES = frozenset(name for name in dir(builtins) if not name.startswith("_") and name not in _SITE_NAMES)
_DEPTH = operator.itemgetter(0)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_TODO_PATTERN = re.compile(r"\b(TODO|FIXME|XXX)\b", re.IGNORECASE)


def parse(code: object) -> ast.Module:
    """Parse source into a module, turning every way it can fail into a ToolError."""
    if not isinstance(code, str):
        raise ToolError(f"the code must be a string, not {type(code).__name__}")
    try:
        return ast.parse(code)
    except SyntaxError as error:
        raise ToolError(f"the code does not parse: line {error.lineno}: {error.msg}") from error
    except (ValueError, RecursionError, MemoryError) as error:  # null bytes, absurdly deep nesting
        raise ToolError(f"the code does not parse: {error}") from error


# --- Scopes ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """A module, class or function body. `parent` is the kind of scope it is defined in."""

    node: ScopeNode
    qualname: str | None
    parent: str | None  # "module", "class" or "function"; None for the module itself

    @property
    def is_function(self) -> bool:
        return isinstance(self.node, FunctionNode)

    @property
    def where(self) -> str:
        return f"`{self.qualname}`" if self.qualname else "module-level code"


def walk_body(node: ScopeNode) -> Iterator[ast.AST]:
    """Every node of a scope's body in source order, without entering nested functions or classes.

    Nested definitions are yielded themselves (so callers can find them) but not their bodies,
    because each scope is analysed on its own. Lambdas and comprehensions belong to their scope.
    """
    stack: list[ast.AST] = list(reversed(node.body))
    while stack:
        current = stack.pop()
        yield current
        if not isinstance(current, _SCOPE_BOUNDARIES):
            stack.extend(reversed(list(ast.iter_child_nodes(current))))


def iter_scopes(tree: ast.Module) -> Iterator[Scope]:
    """The module, then every class and function (nested ones too) in source order."""
    yield Scope(tree, None, None)
    yield from _nested_scopes(tree, "", "module")


def _nested_scopes(node: ScopeNode, prefix: str, parent: str) -> Iterator[Scope]:
    for child in walk_body(node):
        if isinstance(child, _SCOPE_BOUNDARIES):
            qualname = prefix + child.name
            yield Scope(child, qualname, parent)
            kind = "class" if isinstance(child, ast.ClassDef) else "function"
            yield from _nested_scopes(child, qualname + ".", kind)


def function_scopes(tree: ast.Module) -> list[Scope]:
    return [scope for scope in iter_scopes(tree) if scope.is_function]


# --- Function facts -------------------------------------------------------------------------------


def parameters(arguments: ast.arguments) -> list[ast.arg]:
    """All parameters in signature order: positional-only, positional, *args, keyword-only, **kwargs."""
    extra = [arguments.vararg] if arguments.vararg else []
    tail = [arguments.kwarg] if arguments.kwarg else []
    return [*arguments.posonlyargs, *arguments.args, *extra, *arguments.kwonlyargs, *tail]


def source_lines(code: str) -> list[str]:
    """The code's lines as the parser numbers them (only \\r\\n, \\r and \\n end one), endings kept."""
    return _LINE.findall(code)


def function_record(lines: list[str], scope: Scope) -> dict[str, Any]:
    """A JSON-ready description of one function; `source` is its dedented `def` block (no decorators)."""
    node = scope.node
    assert isinstance(node, FunctionNode)
    return {
        "name": node.name,
        "qualname": scope.qualname,
        "lineno": node.lineno,
        "end_lineno": node.end_lineno,
        "line_count": _line_count(node),
        "args": [arg.arg for arg in parameters(node.args)],
        "has_docstring": ast.get_docstring(node) is not None,
        "is_async": isinstance(node, ast.AsyncFunctionDef),
        "is_method": scope.parent == "class",
        "source": _block_source(lines, node),
    }


def _block_source(lines: list[str], node: ast.stmt) -> str:
    # Sliced by hand: ast.get_source_segment re-splits the whole file on every call, which made
    # extracting the functions of a long module quadratic. Offsets are in UTF-8 bytes.
    first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
    tail = lines[last].encode()[: node.end_col_offset].decode(errors="replace")
    return textwrap.dedent("".join(lines[first:last]) + tail)


def _line_count(node: ast.stmt) -> int:
    return (node.end_lineno or node.lineno) - node.lineno + 1


def cyclomatic_complexity(function: FunctionNode) -> int:
    """McCabe complexity: 1 plus one for each decision point in the function's own body.

    Counted: each `if` and `elif`; each `for`/`while` loop, plus one more when it has an `else`;
    each `except` clause; each extra operand of `and`/`or` (`a and b or c` adds 2); each
    conditional expression; each `for` and each `if` of a comprehension; each `case` of a
    `match` except an irrefutable catch-all (`case _:`, like an `else`); each `assert`.
    Not counted: `with`, `try`/`finally`, `try`'s `else`. Nested functions and classes are
    scored separately and add nothing to their parent; lambdas count towards their function.
    """
    return 1 + sum(_decision_points(node) for node in walk_body(function))


def _decision_points(node: ast.AST) -> int:
    if isinstance(node, ast.If | ast.IfExp | ast.ExceptHandler | ast.Assert):
        return 1
    if isinstance(node, ast.For | ast.AsyncFor | ast.While):
        return 2 if node.orelse else 1
    if isinstance(node, ast.BoolOp):
        return len(node.values) - 1
    if isinstance(node, ast.comprehension):
        return 1 + len(node.ifs)
    if isinstance(node, ast.match_case):
        return 0 if _is_catch_all(node) else 1
    return 0


def _is_catch_all(case: ast.match_case) -> bool:
    pattern = case.pattern
    return case.guard is None and isinstance(pattern, ast.MatchAs) and pattern.pattern is None


def complexity_scores(tree: ast.Module) -> dict[str, int]:
    """Complexity per qualified name. A redefined name (a property's getter and setter) keeps its worst score."""
    scores: dict[str, int] = {}
    for scope in function_scopes(tree):
        assert scope.qualname is not None and isinstance(scope.node, FunctionNode)
        scores[scope.qualname] = max(scores.get(scope.qualname, 0), cyclomatic_complexity(scope.node))
    return scores


def nesting_depth(function: FunctionNode) -> tuple[int, int]:
    """The deepest nesting of if/for/while/with/try/match blocks, and the line of the innermost one.

    An `elif` (or an `else:` holding only an `if`) stays at its `if`'s depth, as it reads.
    """
    return _deepest(function.body, 0, function.lineno)


def _deepest(statements: list[ast.stmt], depth: int, line: int) -> tuple[int, int]:
    deepest = (depth, line)
    for statement in statements:
        # Simple statements add no depth; nested definitions are measured on their own.
        if isinstance(statement, _NESTING_BLOCKS):
            deepest = max(deepest, _deepest_within(statement, depth + 1), key=_DEPTH)
    return deepest


def _deepest_within(statement: ast.stmt, depth: int) -> tuple[int, int]:
    deepest = (depth, statement.lineno)
    for block in _blocks(statement):
        block_depth = depth - 1 if _is_elif(statement) and block is statement.orelse else depth
        deepest = max(deepest, _deepest(block, block_depth, statement.lineno), key=_DEPTH)
    return deepest


def _blocks(statement: ast.stmt) -> list[list[ast.stmt]]:
    blocks = [getattr(statement, name, []) for name in ("body", "orelse", "finalbody")]
    blocks += [handler.body for handler in getattr(statement, "handlers", [])]
    blocks += [case.body for case in getattr(statement, "cases", [])]
    return [block for block in blocks if block]


def _is_elif(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.If) and len(statement.orelse) == 1 and isinstance(statement.orelse[0], ast.If)


def unused_variables(function: FunctionNode) -> dict[str, int]:
    """Locals bound by a plain assignment and never read anywhere in the function (closures included).

    Deliberately conservative: tuple unpacking, loop targets, `with ... as` and names starting
    with `_` are left alone, augmented assignment counts as a read, and a function that calls
    `locals()` is skipped, because each of those is a common, intentional pattern.
    """
    body = list(walk_body(function))
    if any(_calls_name(node) == "locals" for node in body):
        return {}
    every = list(ast.walk(function))
    read = {node.id for node in every if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Store)}
    read |= {node.target.id for node in every if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name)}
    read |= {name for node in body if isinstance(node, ast.Global | ast.Nonlocal) for name in node.names}
    assigned: dict[str, int] = {}
    for target in itertools.chain.from_iterable(_plain_targets(node) for node in body):
        assigned.setdefault(target.id, target.lineno)
    return {name: line for name, line in assigned.items() if name not in read and not name.startswith("_")}


def _plain_targets(node: ast.AST) -> list[ast.Name]:
    if isinstance(node, ast.Assign):
        return [target for target in node.targets if isinstance(target, ast.Name)]
    if isinstance(node, ast.AnnAssign) and node.value is not None and isinstance(node.target, ast.Name):
        return [node.target]
    if isinstance(node, ast.NamedExpr):
        return [node.target]
    return []


def _calls_name(node: ast.AST) -> str | None:
    """The name a call calls directly (`print(...)` -> "print"); None for anything else."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id
    return None


# --- Issues ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """One finding. `value` is the measure (complexity, lines, depth, count) or the name at fault."""

    function: str | None
    line: int
    kind: str
    severity: str
    message: str
    value: int | str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def grade(value: int, limits: tuple[int, int]) -> str | None:
    """'high' above the second limit, 'medium' above the first, None within limits."""
    medium, high = limits
    if value > high:
        return HIGH
    return MEDIUM if value > medium else None


def find_issues(code: str, tree: ast.Module) -> list[Issue]:
    """Every issue in the source, ordered by line."""
    scopes = list(iter_scopes(tree))
    issues = [issue for scope in scopes for check in _checks_for(scope) for issue in check(scope)]
    issues += todo_comments(code, scopes)
    return sorted(issues, key=lambda issue: (issue.line, issue.kind))


def _checks_for(scope: Scope) -> tuple[Any, ...]:
    if scope.is_function:
        return (_statement_issues, *_FUNCTION_CHECKS)
    if isinstance(scope.node, ast.ClassDef):
        # Class attributes such as `id = models.AutoField()` are not shadowing, so no builtin check here.
        return (_statement_issues, _missing_docstring)
    return (_statement_issues, _shadowed_builtins)


def _statement_issues(scope: Scope) -> Iterator[Issue]:
    for node in walk_body(scope.node):
        for check in (_bare_except, _swallowed_exception, _risky_call, _none_comparison):
            yield from check(node, scope)


def _bare_except(node: ast.AST, scope: Scope) -> Iterator[Issue]:
    if isinstance(node, ast.ExceptHandler) and node.type is None:
        message = f"bare `except:` in {scope.where} also catches KeyboardInterrupt and SystemExit"
        yield Issue(scope.qualname, node.lineno, "bare_except", HIGH, message)


def _swallowed_exception(node: ast.AST, scope: Scope) -> Iterator[Issue]:
    if isinstance(node, ast.ExceptHandler) and _catches_everything(node.type) and _does_nothing(node.body):
        caught = ast.unparse(node.type) if node.type else "every exception"
        message = f"{scope.where} catches {caught} and silently ignores it"
        yield Issue(scope.qualname, node.lineno, "swallowed_exception", MEDIUM, message)


def _catches_everything(caught: ast.expr | None) -> bool:
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return caught is None or any(isinstance(name, ast.Name) and name.id in _CATCH_ALL_EXCEPTIONS for name in names)


def _does_nothing(body: list[ast.stmt]) -> bool:
    return all(
        isinstance(statement, ast.Pass | ast.Continue)
        or (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))
        for statement in body
    )


def _risky_call(node: ast.AST, scope: Scope) -> Iterator[Issue]:
    name = _calls_name(node)
    if name in ("eval", "exec"):
        message = f"{scope.where} calls `{name}`, which runs arbitrary code"
        yield Issue(scope.qualname, node.lineno, "eval_exec", HIGH, message, name)
    elif name == "print":
        message = f"{scope.where} calls `print`; output that matters belongs in logging"
        yield Issue(scope.qualname, node.lineno, "print_call", LOW, message, name)


def _none_comparison(node: ast.AST, scope: Scope) -> Iterator[Issue]:
    if not isinstance(node, ast.Compare):
        return
    operands = itertools.pairwise([node.left, *node.comparators])
    for operator_node, (left, right) in zip(node.ops, operands, strict=True):
        if isinstance(operator_node, ast.Eq | ast.NotEq) and (_is_none(left) or _is_none(right)):
            symbol = "==" if isinstance(operator_node, ast.Eq) else "!="
            message = f"{scope.where} compares with `{symbol} None`; use `is` or `is not`"
            yield Issue(scope.qualname, node.lineno, "none_comparison", LOW, message, f"{symbol} None")


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _complexity_issue(scope: Scope) -> Iterator[Issue]:
    score = cyclomatic_complexity(scope.node)
    if severity := grade(score, COMPLEXITY_LIMITS):
        message = f"{scope.where} has cyclomatic complexity {score} (keep it at {COMPLEXITY_LIMITS[0]} or less)"
        yield Issue(scope.qualname, scope.node.lineno, "high_complexity", severity, message, score)


def _length_issue(scope: Scope) -> Iterator[Issue]:
    lines = _line_count(scope.node)
    if severity := grade(lines, LENGTH_LIMITS):
        message = f"{scope.where} is {lines} lines long (keep it under {LENGTH_LIMITS[0]})"
        yield Issue(scope.qualname, scope.node.lineno, "long_function", severity, message, lines)


def _nesting_issue(scope: Scope) -> Iterator[Issue]:
    depth, line = nesting_depth(scope.node)
    if severity := grade(depth, NESTING_LIMITS):
        message = f"{scope.where} nests blocks {depth} deep (keep it at {NESTING_LIMITS[0]} or less)"
        yield Issue(scope.qualname, line, "deep_nesting", severity, message, depth)


def _parameter_issue(scope: Scope) -> Iterator[Issue]:
    arguments = scope.node.args
    named = [*arguments.posonlyargs, *arguments.args]
    if scope.parent == "class" and named and named[0].arg in ("self", "cls"):
        named = named[1:]  # the receiver is not a parameter a caller passes
    count = len(named) + len(arguments.kwonlyargs)
    if severity := grade(count, PARAMETER_LIMITS):
        message = f"{scope.where} takes {count} parameters (keep it at {PARAMETER_LIMITS[0]} or fewer)"
        yield Issue(scope.qualname, scope.node.lineno, "too_many_parameters", severity, message, count)


def _mutable_defaults(scope: Scope) -> Iterator[Issue]:
    arguments = scope.node.args
    positional = [*arguments.posonlyargs, *arguments.args]
    with_defaults = positional[len(positional) - len(arguments.defaults) :]
    pairs = [*zip(with_defaults, arguments.defaults, strict=True)]
    pairs += zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
    for parameter, default in pairs:
        if default is not None and _is_mutable(default):
            message = f"parameter `{parameter.arg}` of {scope.where} has a mutable default, shared by every call"
            yield Issue(scope.qualname, default.lineno, "mutable_default", MEDIUM, message, parameter.arg)


def _is_mutable(node: ast.expr) -> bool:
    if isinstance(node, ast.List | ast.Dict | ast.Set | ast.ListComp | ast.DictComp | ast.SetComp):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        return name in _MUTABLE_FACTORIES
    return False


def _unused_variables(scope: Scope) -> Iterator[Issue]:
    for name, line in unused_variables(scope.node).items():
        message = f"`{name}` is assigned in {scope.where} but never read"
        yield Issue(scope.qualname, line, "unused_variable", LOW, message, name)


def _shadowed_builtins(scope: Scope) -> Iterator[Issue]:
    bound: dict[str, int] = {}
    if scope.is_function:
        bound.update((parameter.arg, parameter.lineno) for parameter in parameters(scope.node.args))
    for node in walk_body(scope.node):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.setdefault(node.id, node.lineno)
    for name, line in bound.items():
        if name in BUILTIN_NAMES:
            message = f"`{name}` in {scope.where} shadows the builtin of the same name"
            yield Issue(scope.qualname, line, "shadowed_builtin", LOW, message, name)


def _missing_docstring(scope: Scope) -> Iterator[Issue]:
    node = scope.node
    private = node.name.startswith("_") or scope.parent == "function"  # nested helpers are not public API
    if private or _is_accessor(node) or ast.get_docstring(node) is not None:
        return
    kind = "class" if isinstance(node, ast.ClassDef) else "function"
    yield Issue(scope.qualname, node.lineno, "missing_docstring", LOW, f"public {kind} {scope.where} has no docstring")


def _is_accessor(node: ast.ClassDef | FunctionNode) -> bool:
    """Property setters/deleters and typing overloads share the documented definition's docstring."""
    names = {getattr(decorator, "attr", getattr(decorator, "id", None)) for decorator in node.decorator_list}
    return bool(names & {"setter", "deleter", "overload"})


_FUNCTION_CHECKS = (
    _complexity_issue,
    _length_issue,
    _nesting_issue,
    _parameter_issue,
    _mutable_defaults,
    _unused_variables,
    _shadowed_builtins,
    _missing_docstring,
)


def todo_comments(code: str, scopes: list[Scope]) -> list[Issue]:
    """TODO/FIXME/XXX comments, found with tokenize because the AST drops comments."""
    issues = []
    for line, text in _comments(code):
        if match := _TODO_PATTERN.search(text):
            owner = _innermost_scope(scopes, line)
            tag = match.group(1).upper()
            message = f"{tag} comment left in {owner.where}: {text.lstrip('#').strip()}"
            issues.append(Issue(owner.qualname, line, "todo_comment", LOW, message, tag))
    return issues


def _comments(code: str) -> Iterator[tuple[int, str]]:
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.COMMENT:
                yield token.start[0], token.string
    except (tokenize.TokenError, SyntaxError):
        return  # the code already parsed; comments seen before the tokenizer gave up still count


def _innermost_scope(scopes: list[Scope], line: int) -> Scope:
    enclosing = [scope for scope in scopes[1:] if scope.node.lineno <= line <= (scope.node.end_lineno or 0)]
    return max(enclosing, key=lambda scope: scope.node.lineno, default=scopes[0])
