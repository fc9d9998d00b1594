"""Empty in, empty out: a rule learned from filled cells leaves a row empty where its cells are empty.

A rule such as 'the text between the dashes' or 'xOS unless the cell has a space' says nothing
about a blank cell: it would raise or invent a value. Unless an example shows otherwise (a
blank cell with a non-empty output), the output of a row whose cells the rule reads are all
blank is blank too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from csvconvert.synth.core import Row
from csvconvert.synth.expr import Const, Expr, expr_from_json, expr_to_json, register_expr
from csvconvert.synth.strings.conditional import Conditional


@register_expr
class BlankGuard(Expr):
    """Empty where every cell of `columns` is blank; `inner` elsewhere (for rules reading several cells)."""

    name = "blank_guard"

    def __init__(self, inner: Expr, columns: list[int]):
        self.inner, self.columns = inner, list(columns)

    def evaluate(self, row: Row) -> str:
        return "" if all(not row[column].strip() for column in self.columns) else self.inner.evaluate(row)

    def params(self) -> dict[str, Any]:
        return {"inner": expr_to_json(self.inner), "columns": self.columns}

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> BlankGuard:
        return cls(expr_from_json(params["inner"]), params["columns"])

    def code(self) -> str:
        filled = " or ".join(f"row[{column}].strip()" for column in self.columns)
        return f"({self.inner.code()} if {filled} else '')"

    def explain(self) -> str:
        cells = " and ".join(f"column {column + 1}" for column in self.columns)
        verb = "is" if len(self.columns) == 1 else "are"
        return f"empty where {cells} {verb} empty; otherwise {self.inner.explain()}"

    def helpers(self) -> list[Callable]:
        return self.inner.helpers()

    @property
    def cost(self) -> float:
        return self.inner.cost


def with_blank_rule(expr: Expr, rows: list[Row], outputs: list[str]) -> Expr:
    """`expr`, guarded so that blank cells give a blank output, where it would not already and the
    examples agree (every example whose read cells are blank has a blank output)."""
    columns = columns_read(expr)
    if not columns or _blank_output(expr, len(rows[0])):
        return expr
    blank_rows = [output for row, output in zip(rows, outputs, strict=True) if _blank(row, columns)]
    if any(blank_rows):
        return expr
    if len(columns) == 1:  # the learner's own conditional says it for one cell: 'if column 1 is empty: empty'
        return Conditional({"column": columns[0], "kind": "empty", "pattern": ""}, Const(""), expr)
    return BlankGuard(expr, columns)


def columns_read(expr: Expr) -> list[int]:
    """The input columns an expression reads, found in its parameters."""
    found: set[int] = set()
    _collect(expr_to_json(expr), found)
    return sorted(found)


def _collect(data: Any, found: set[int]) -> None:
    if isinstance(data, dict):
        if data.get("expr") == "column":
            found.add(data["index"])
        elif isinstance(data.get("column"), int):
            found.add(data["column"])
        for value in data.values():
            _collect(value, found)
    elif isinstance(data, list):
        for value in data:
            _collect(value, found)


def _blank(row: Row, columns: list[int]) -> bool:
    return all(column < len(row) and not row[column].strip() for column in columns)


def _blank_output(expr: Expr, width: int) -> bool:
    try:
        return expr.evaluate([""] * width) == ""
    except (ValueError, IndexError, KeyError, TypeError, ArithmeticError):
        return False
