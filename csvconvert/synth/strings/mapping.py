"""Value mappings learned from the examples: the fallback when no general rule fits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from csvconvert.synth.core import Row
from csvconvert.synth.expr import Expr, register_expr
from csvconvert.synth.strings import runtime


@register_expr
class Lookup(Expr):
    """The output paired with the cell's value in a table learned from the examples."""

    name = "lookup"
    guess = True

    def __init__(self, column: int, table: dict[str, str], default: str = ""):
        self.column, self.table, self.default = column, dict(table), default

    def evaluate(self, row: Row) -> str:
        return runtime.table_lookup(row[self.column], self.table, self.default)

    def params(self) -> dict[str, Any]:
        return {"column": self.column, "table": self.table, "default": self.default}

    def code(self) -> str:
        return f"table_lookup(row[{self.column}], {self.table!r}, {self.default!r})"

    def explain(self) -> str:
        pairs = ", ".join(f"{key!r} -> {value!r}" for key, value in self.table.items())
        return f"column {self.column + 1} looked up in ({pairs}), otherwise {self.default!r}"

    def helpers(self) -> list[Callable]:
        return [runtime.table_lookup]

    @property
    def cost(self) -> float:
        return 4.0 + 2.5 * len(self.table)

    @property
    def payload(self) -> int:
        return sum(len(key) + len(value) for key, value in self.table.items()) + len(self.default)


def learn_lookups(rows: list[Row], outputs: list[str]) -> list[Expr]:
    """A lookup on every column whose values determine the output."""
    found: list[Expr] = []
    for column in range(len(rows[0])):
        table: dict[str, str] = {}
        if all(table.setdefault(row[column], output) == output for row, output in zip(rows, outputs, strict=True)):
            found.append(Lookup(column, table))
    return found
