"""Conditionals: a different rule for each shape of input, chosen by a simple test on a cell.

Learning splits the examples by every candidate test, learns a rule for each side, and keeps
the cheapest combination; a side may split once more.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from csvconvert.synth.core import Row
from csvconvert.synth.expr import Const, Expr, expr_from_json, expr_to_json, register_expr
from csvconvert.synth.strings import runtime
from csvconvert.synth.strings.tokens import TOKEN_CLASSES, describe_token, token_patterns

Test = dict[str, Any]  # {"column": c, "kind": "empty"|"search"|"start"|"end"|"count>=n", "pattern": regex}
KIND_COST = {"empty": 0.3, "search": 0.8, "start": 1.0, "end": 1.0}
SPACE = "\\s+"
SPACED_COST = 0.75  # a space run next to a punctuation mark: '@' standing apart, not attached to a word


@register_expr
class Conditional(Expr):
    """`then` where the test holds for the row, `otherwise` elsewhere."""

    name = "conditional"
    guess = True

    def __init__(self, test: Test, then: Expr, otherwise: Expr):
        self.test, self.then, self.otherwise = dict(test), then, otherwise

    def evaluate(self, row: Row) -> str:
        return (self.then if holds(self.test, row) else self.otherwise).evaluate(row)

    def params(self) -> dict[str, Any]:
        return {"test": self.test, "then": expr_to_json(self.then), "otherwise": expr_to_json(self.otherwise)}

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> Conditional:
        return cls(params["test"], expr_from_json(params["then"]), expr_from_json(params["otherwise"]))

    def code(self) -> str:
        test = self.test
        condition = f"cell_test(row[{test['column']}], {test['kind']!r}, {test['pattern']!r})"
        return f"({self.then.code()} if {condition} else {self.otherwise.code()})"

    def explain(self) -> str:
        return f"if {describe_test(self.test)}: {self.then.explain()}; otherwise {self.otherwise.explain()}"

    def helpers(self) -> list[Callable]:
        return [runtime.cell_test, *self.then.helpers(), *self.otherwise.helpers()]

    def guesses(self) -> bool:
        # 'Empty in, empty out' (the blank rule) holds for every row alike: not a case-by-case fit.
        blank_rule = self.test["kind"] == "empty" and self.then == Const("")
        return self.otherwise.guesses() if blank_rule else True

    @property
    def cost(self) -> float:
        return 1.0 + test_cost(self.test) + self.then.cost + self.otherwise.cost


def holds(test: Test, row: Row) -> bool:
    return runtime.cell_test(row[test["column"]], test["kind"], test["pattern"])


def test_cost(test: Test) -> float:
    kind, pattern = test["kind"], test["pattern"]
    token = TOKEN_CLASSES[pattern][0] if pattern in TOKEN_CLASSES else _other_cost(pattern)
    return KIND_COST.get(kind, 1.5) + token


def _other_cost(pattern: str) -> float:
    if pattern != SPACE and SPACE in pattern:
        return SPACED_COST
    return 0.2 if pattern else 0.0


def describe_test(test: Test) -> str:
    cell = f"column {test['column'] + 1}"
    kind, token = test["kind"], _describe_pattern(test["pattern"])
    if kind == "empty":
        return f"{cell} is empty"
    if kind.startswith("count>="):
        return f"{cell} has at least {kind[len('count>=') :]} of {token}"
    return f"{cell} {'contains' if kind == 'search' else kind + 's with'} {token}"


def _describe_pattern(pattern: str) -> str:
    if pattern == SPACE or SPACE not in pattern:
        return describe_token(pattern) if pattern else ""
    before, _, after = pattern.partition(SPACE)
    return f"a space then {describe_token(after)}" if after else f"{describe_token(before)} then a space"


def candidate_tests(rows: list[Row]) -> list[Test]:
    tests: list[Test] = []
    for column in range(len(rows[0])):
        tests.append({"column": column, "kind": "empty", "pattern": ""})
        patterns = token_patterns([row[column] for row in rows])
        for pattern in patterns:
            for kind in ("search", "start", "end", "count>=2", "count>=3"):
                tests.append({"column": column, "kind": kind, "pattern": pattern})
        for pattern in _spaced_patterns(patterns):
            tests.append({"column": column, "kind": "search", "pattern": pattern})
    return sorted(tests, key=test_cost)


def _spaced_patterns(patterns: dict[str, float]) -> list[str]:
    """A punctuation mark with space before it or after it: tells ' @ ' from 'x@y'."""
    marks = [pattern for pattern in patterns if pattern not in TOKEN_CLASSES]
    return [spaced for mark in marks for spaced in (SPACE + mark, mark + SPACE)]


Learner = Callable[[list[int]], Expr | None]


def learn_conditional(rows: list[Row], single: Learner, deadline: float, depth: int = 2) -> Expr | None:
    """The cheapest conditional whose sides are single rules (or, `depth` allowing, conditionals)."""
    return _split(rows, list(range(len(rows))), single, deadline, depth)


def _split(rows: list[Row], indices: list[int], single: Learner, deadline: float, depth: int) -> Expr | None:
    best: Expr | None = None
    seen: set[frozenset[int]] = set()
    for test in candidate_tests([rows[i] for i in indices]):
        if time.monotonic() > deadline:
            break
        chosen = frozenset(i for i in indices if holds(test, rows[i]))
        if not chosen or len(chosen) == len(indices) or chosen in seen:
            continue
        seen.add(chosen)
        then = _side(rows, sorted(chosen), single, deadline, depth)
        otherwise = _side(rows, [i for i in indices if i not in chosen], single, deadline, depth) if then else None
        if then is not None and otherwise is not None:
            candidate = Conditional(test, then, otherwise)
            if best is None or candidate.cost < best.cost:
                best = candidate
    return best


def _side(rows: list[Row], indices: list[int], single: Learner, deadline: float, depth: int) -> Expr | None:
    found = single(indices)
    if found is None and depth > 1 and len(indices) > 1:
        found = _split(rows, indices, single, deadline, depth - 1)
    return found
