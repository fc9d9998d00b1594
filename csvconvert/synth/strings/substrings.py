"""Substrings by position (absolute or token boundaries), case changes and character filters."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from csvconvert.synth.core import Row
from csvconvert.synth.expr import Column, Expr, expr_from_json, expr_to_json, register_expr
from csvconvert.synth.strings import runtime
from csvconvert.synth.strings.atoms import AtomPool
from csvconvert.synth.strings.tokens import (
    OFFSET_COST,
    PUNCTUATION_COST,
    TOKEN_CLASSES,
    Position,
    describe_position,
    describe_token,
    positions,
)

CASE_MODES = ("lower", "upper", "title", "capitalize")


@register_expr
class Substring(Expr):
    """The text of `source` between two positions."""

    name = "substring"

    def __init__(self, source: Expr, start: Position, end: Position):
        self.source, self.start, self.end = source, list(start), list(end)

    def evaluate(self, row: Row) -> str:
        return runtime.text_slice(self.source.evaluate(row), self.start, self.end)

    def params(self) -> dict[str, Any]:
        return {"source": expr_to_json(self.source), "start": self.start, "end": self.end}

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> Substring:
        return cls(expr_from_json(params["source"]), params["start"], params["end"])

    def code(self) -> str:
        return f"text_slice({self.source.code()}, {self.start!r}, {self.end!r})"

    def explain(self) -> str:
        return f"{self.source.explain()} from {describe_position(self.start)} to {describe_position(self.end)}"

    def helpers(self) -> list[Callable]:
        return [runtime.text_slice, *self.source.helpers()]

    @property
    def cost(self) -> float:
        return 1.0 + self.source.cost + position_cost(self.start) + position_cost(self.end)


def position_cost(pos: Position) -> float:
    if pos[0] == "off":
        return position_cost(pos[1]) + OFFSET_COST + 0.1 * abs(pos[2])
    if pos[0] == "abs":
        n = pos[1]
        return 0.0 if n in (0, -1) else (1.0 + 0.05 * n if n > 0 else 1.05 + 0.05 * (-1 - n))
    _, pattern, occurrence, side = pos
    base = TOKEN_CLASSES[pattern][0] if pattern in TOKEN_CLASSES else PUNCTUATION_COST
    return base + 0.15 * (abs(occurrence) - 1) + (0.05 if occurrence < 0 else 0) + (0.05 if side == "end" else 0)


@register_expr
class Case(Expr):
    """Another expression's value in lower, upper, title or sentence case."""

    name = "case"

    def __init__(self, inner: Expr, mode: str):
        self.inner, self.mode = inner, mode

    def evaluate(self, row: Row) -> str:
        return runtime.change_case(self.inner.evaluate(row), self.mode)

    def params(self) -> dict[str, Any]:
        return {"inner": expr_to_json(self.inner), "mode": self.mode}

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> Case:
        return cls(expr_from_json(params["inner"]), params["mode"])

    def code(self) -> str:
        return f"change_case({self.inner.code()}, {self.mode!r})"

    def explain(self) -> str:
        words = {"capitalize": "with only its first letter capital"}.get(self.mode, f"in {self.mode} case")
        return f"{self.inner.explain()}, {words}"

    def helpers(self) -> list[Callable]:
        return [runtime.change_case, *self.inner.helpers()]

    @property
    def cost(self) -> float:
        return self.inner.cost + 0.5


@register_expr
class KeepChars(Expr):
    """Only the characters of a column that match a class (e.g. the digits of a phone number)."""

    name = "keep_chars"

    def __init__(self, column: int, pattern: str):
        self.column, self.pattern = column, pattern

    def evaluate(self, row: Row) -> str:
        return runtime.keep_matching(row[self.column], self.pattern)

    def params(self) -> dict[str, Any]:
        return {"column": self.column, "pattern": self.pattern}

    def code(self) -> str:
        return f"keep_matching(row[{self.column}], {self.pattern!r})"

    def explain(self) -> str:
        return f"the characters of column {self.column + 1} matching {self.pattern}"

    def helpers(self) -> list[Callable]:
        return [runtime.keep_matching]

    @property
    def cost(self) -> float:
        return 1.5


@register_expr
class Initials(Expr):
    """The first character of every token of a class, e.g. the initials of a name."""

    name = "initials"

    def __init__(self, column: int, pattern: str):
        self.column, self.pattern = column, pattern

    def evaluate(self, row: Row) -> str:
        return runtime.initials(row[self.column], self.pattern)

    def params(self) -> dict[str, Any]:
        return {"column": self.column, "pattern": self.pattern}

    def code(self) -> str:
        return f"initials(row[{self.column}], {self.pattern!r})"

    def explain(self) -> str:
        return f"the first letter of every {describe_token(self.pattern)} of column {self.column + 1}"

    def helpers(self) -> list[Callable]:
        return [runtime.initials]

    @property
    def cost(self) -> float:
        return 2.0


# --- learning -----------------------------------------------------------------------------------
FILTERS = ("[0-9]", "[A-Za-z0-9]")


def offer_substrings(pool: AtomPool, deadline: float) -> None:
    for column in range(len(pool.rows[0])):
        for source in _sources(pool.rows, column):
            if time.monotonic() > deadline:
                return
            cells = [source.evaluate(row) for row in pool.rows]
            _offer_slices(pool, source, cells)
        for pattern in ("[A-Za-z]+", "[A-Z]"):
            _offer_with_cases(pool, Initials(column, pattern))


def _sources(rows: list[Row], column: int) -> list[Expr]:
    sources: list[Expr] = [Column(column)]
    for pattern in FILTERS:
        kept = [runtime.keep_matching(row[column], pattern) for row in rows]
        if all(kept) and kept != [row[column] for row in rows]:
            sources.append(KeepChars(column, pattern))
    return sources


def _offer_with_cases(pool: AtomPool, expr: Expr) -> None:
    if pool.offer_evaluated(expr, expr.cost):
        return
    for mode in CASE_MODES:
        cased = Case(expr, mode)
        pool.offer_evaluated(cased, cased.cost)


def _offer_slices(pool: AtomPool, source: Expr, cells: list[str]) -> None:
    """Offer every substring between two positions whose values occur in the outputs."""
    if not all(cells):
        return
    _offer_cased(pool, source, tuple(cells), source.cost)
    table = positions(cells)
    ends_by_first: dict[int, list[tuple[int, ...]]] = {}
    for key in table:
        ends_by_first.setdefault(key[0], []).append(key)
    folded = [output.casefold() for output in pool.outputs]
    for start, (start_cost, start_pos) in table.items():
        reach = [_reach(cell, index, out) for cell, index, out in zip(cells, start, folded, strict=True)]
        for first_end in range(start[0] + 1, start[0] + reach[0] + 1):
            for end in ends_by_first.get(first_end, ()):
                if all(s < e <= s + r for s, e, r in zip(start, end, reach, strict=True)):
                    end_cost, end_pos = table[end]
                    values = tuple(cell[s:e] for cell, s, e in zip(cells, start, end, strict=True))
                    cost = 1.0 + source.cost + start_cost + end_cost
                    _offer_cased(pool, Substring(source, start_pos, end_pos), values, cost)


def _reach(cell: str, index: int, folded_output: str) -> int:
    """How far text starting at `index` keeps occurring (ignoring case) in the output."""
    length = 0
    while index + length < len(cell) and cell[index : index + length + 1].casefold() in folded_output:
        length += 1
    return length


def _offer_cased(pool: AtomPool, expr: Expr, values: tuple[str, ...], cost: float) -> None:
    if pool.offer(expr, values, cost):
        return
    for mode in CASE_MODES:
        cased = tuple(runtime.change_case(value, mode) for value in values)
        if cased != values:
            pool.offer(Case(expr, mode), cased, cost + 0.5)
