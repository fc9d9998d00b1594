"""Concatenation of pieces and constants, found as a cheapest path through all outputs at once.

A search state is a tuple of positions, one in each example output. A piece from the pool
moves every position past its value in that output; a constant moves them past the same text.
The cheapest path from the starts to the ends is the simplest concatenation that reproduces
every example.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable
from typing import Any

from csvconvert.synth.core import Row
from csvconvert.synth.expr import Const, Expr, expr_from_json, expr_to_json, register_expr
from csvconvert.synth.strings.atoms import AtomPool, Values

State = tuple[int, ...]
PART_COST = 0.2


def const_cost(text: str) -> float:
    """Constants cost more than pieces of the input, so the input is used whenever it explains the output;
    digits cost most, since digits in an output nearly always come from the data."""
    return 1.5 + 0.3 * len(text) + sum(3.0 for char in text if char.isdigit())


@register_expr
class Concat(Expr):
    """Several pieces written one after another."""

    name = "concat"

    def __init__(self, parts: list[Expr]):
        self.parts = list(parts)

    def evaluate(self, row: Row) -> str:
        return "".join(part.evaluate(row) for part in self.parts)

    def params(self) -> dict[str, Any]:
        return {"parts": [expr_to_json(part) for part in self.parts]}

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> Concat:
        return cls([expr_from_json(part) for part in params["parts"]])

    def code(self) -> str:
        return "(" + " + ".join(part.code() for part in self.parts) + ")"

    def explain(self) -> str:
        return ", then ".join(part.explain() for part in self.parts)

    def helpers(self) -> list[Callable]:
        return [helper for part in self.parts for helper in part.helpers()]

    @property
    def cost(self) -> float:
        return sum(part_cost(part) + PART_COST for part in self.parts)


def part_cost(expr: Expr) -> float:
    return const_cost(expr.value) if isinstance(expr, Const) else expr.cost


def cheapest_concat(pool: AtomPool, deadline: float, banned: frozenset[Values] = frozenset()) -> Expr | None:
    """The cheapest concatenation of pool pieces and constants that yields every output."""
    found = cheapest_path(pool, deadline, banned)
    return found[1] if found is not None else None


def cheapest_path(
    pool: AtomPool, deadline: float, banned: frozenset[Values] = frozenset()
) -> tuple[float, Expr] | None:
    """cheapest_concat with its cost: the sum of its pieces' pool costs plus PART_COST each."""
    outputs = pool.outputs
    goal = tuple(len(output) for output in outputs)
    index = pool.by_first_value()
    start = tuple(0 for _ in outputs)
    frontier: list[tuple[float, int, State]] = [(0.0, 0, start)]
    came_from: dict[State, tuple[State, Expr | None]] = {}
    settled: dict[State, float] = {start: 0.0}
    counter = 0
    while frontier:
        cost, _, state = heapq.heappop(frontier)
        if state == goal:
            return cost, _build(came_from, goal)
        if cost > settled.get(state, float("inf")) or time.monotonic() > deadline:
            continue
        for step_cost, target, expr in _steps(state, outputs, index, banned):
            total = cost + step_cost + PART_COST
            if total < settled.get(target, float("inf")):
                settled[target] = total
                came_from[target] = (state, expr)
                counter += 1
                heapq.heappush(frontier, (total, counter, target))
    return None


def _steps(state: State, outputs: list[str], index: dict, banned: frozenset[Values]):
    first = outputs[0][state[0] :]
    for length in range(len(first) + 1):
        for values, cost, expr in index.get(first[:length], ()):
            if values not in banned and all(
                output.startswith(value, at) for output, value, at in zip(outputs, values, state, strict=True)
            ):
                yield cost, tuple(at + len(value) for at, value in zip(state, values, strict=True)), expr
    for length in range(1, len(first) + 1):
        text = first[:length]
        if not all(output.startswith(text, at) for output, at in zip(outputs, state, strict=True)):
            break
        yield const_cost(text), tuple(at + length for at in state), Const(text)


def _build(came_from: dict[State, tuple[State, Expr | None]], goal: State) -> Expr:
    parts: list[Expr] = []
    state = goal
    while state in came_from:
        state, expr = came_from[state]
        parts.append(expr)
    parts.reverse()
    merged: list[Expr] = []
    for part in parts:
        if merged and isinstance(part, Const) and isinstance(merged[-1], Const):
            merged[-1] = Const(merged[-1].value + part.value)
        else:
            merged.append(part)
    if not merged:
        return Const("")
    return merged[0] if len(merged) == 1 else Concat(merged)
