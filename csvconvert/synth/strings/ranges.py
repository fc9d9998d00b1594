"""Numeric ranges: a number written as the range of fixed width that holds it ('26-50').

The width and the phase of the ranges come from the examples' outputs (end - start + 1, and the
start modulo the width), so one example fixes the rule; every example must fall in its range.
A fallback, tried only when no single rule fits, beside lookups and conditionals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from csvconvert.synth.core import Row
from csvconvert.synth.expr import Expr, register_expr
from csvconvert.synth.strings import runtime
from csvconvert.synth.strings.concat import const_cost

RANGE = re.compile(r"(\D*)(\d+)(\D+)(\d+)(\D*)")
NUMBER_INDICES = (1, -1)


@register_expr
class NumberRange(Expr):
    """`prefix`start`separator`end`suffix` for the range [start, start + width - 1] holding the
    `index`-th number of `column`, ranges starting at `phase` modulo `width`."""

    name = "number_range"
    guess = True

    def __init__(self, column: int, index: int, width: int, phase: int, texts: list[str]):
        self.column, self.index, self.width, self.phase = column, index, width, phase
        self.texts = list(texts)

    def evaluate(self, row: Row) -> str:
        return runtime.number_range(runtime.find_number(row[self.column], self.index), self.width, self.phase,
                                    self.texts)  # fmt: skip

    def params(self) -> dict[str, Any]:
        return {"column": self.column, "index": self.index, "width": self.width, "phase": self.phase,
                "texts": self.texts}  # fmt: skip

    def code(self) -> str:
        number = f"find_number(row[{self.column}], {self.index})"
        return f"number_range({number}, {self.width}, {self.phase}, {self.texts!r})"

    def explain(self) -> str:
        first = self.phase or self.width
        where = f"number in column {self.column + 1}" if self.index == 1 else f"last number in column {self.column + 1}"
        return (f"the range of width {self.width} ({first}-{first + self.width - 1}, ...) holding the {where}, "
                f"written as {self.texts[0]!r} start {self.texts[1]!r} end {self.texts[2]!r}")  # fmt: skip

    def helpers(self) -> list[Callable]:
        return [runtime.find_number, runtime.number_range]

    @property
    def cost(self) -> float:
        return 3.0 + sum(const_cost(text) for text in self.texts if text)


def learn_ranges(rows: list[Row], outputs: list[str]) -> list[Expr]:
    """A range expression on each number of the input that every example's output range holds."""
    shape = _range_shape(outputs)
    if shape is None:
        return []
    width, phase, texts = shape
    found: list[Expr] = []
    for column in range(len(rows[0])):
        for index in NUMBER_INDICES:
            expr = NumberRange(column, index, width, phase, texts)
            if _fits(expr, rows, outputs) and expr not in found:
                found.append(expr)
    return found


def _range_shape(outputs: list[str]) -> tuple[int, int, list[str]] | None:
    """The width, phase and texts shared by all outputs, when each is one range of that width."""
    shapes = set()
    for output in outputs:
        match = RANGE.fullmatch(output)
        if match is None:
            return None
        prefix, start, separator, end, suffix = match.groups()
        width = int(end) - int(start) + 1
        if width < 2:
            return None
        shapes.add((width, int(start) % width, prefix, separator, suffix))
    if len(shapes) != 1:
        return None
    width, phase, *texts = shapes.pop()
    return width, phase, texts


def _fits(expr: Expr, rows: list[Row], outputs: list[str]) -> bool:
    try:
        return [expr.evaluate(row) for row in rows] == outputs
    except (ValueError, IndexError):
        return False
