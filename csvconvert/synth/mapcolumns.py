"""The row-local step: every output column is a cell expression over the input row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from csvconvert.synth.core import Row, Step, Table, register_step
from csvconvert.synth.expr import Expr, expr_from_json, expr_to_json


@register_step
class MapColumns(Step):
    """Output row = [expr(row) for each output column]; optionally a constant header row first.

    With `header`, the first input row is the input's header: it is replaced by the output's
    header (constants), and every following row is mapped. This is how header and body are
    learned separately, so two or three example rows suffice.
    """

    name = "map_columns"
    streaming = True

    def __init__(self, columns: list[Expr], header: list[str] | None = None):
        self.columns = list(columns)
        self.header = list(header) if header is not None else None

    def map_row(self, row: Row) -> Row:
        return [expr.evaluate(row) for expr in self.columns]

    def apply(self, rows: Table) -> Table:
        if self.header is None:
            return [self.map_row(row) for row in rows]
        if not rows:
            return []
        return [list(self.header), *(self.map_row(row) for row in rows[1:])]

    def params(self) -> dict[str, Any]:
        return {"columns": [expr_to_json(expr) for expr in self.columns], "header": self.header}

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> MapColumns:
        return cls([expr_from_json(item) for item in params["columns"]], params.get("header"))

    def explain(self) -> list[str]:
        lines = []
        if self.header is not None:
            lines.append(f"Replace the header row with: {', '.join(repr(name) for name in self.header)}.")
        for index, expr in enumerate(self.columns):
            label = repr(self.header[index]) if self.header else str(index + 1)
            lines.append(f"Output column {label}: {expr.explain()}.")
        return lines

    def _row_expression(self) -> str:
        return "[" + ", ".join(expr.code() for expr in self.columns) + "]"

    def code(self) -> str:
        if self.header is None:
            return f"rows = [{self._row_expression()} for row in rows]"
        body = f"[{self._row_expression()} for row in rows[1:]]"
        return f"rows = ([{self.header!r}] + {body}) if rows else []"

    def row_code(self) -> str:
        return f"[{self._row_expression()}]"

    def stream_code(self) -> str:
        lines = ["rows = iter(rows)"]
        if self.header is not None:
            lines += ["for _header in rows:", f"    yield {self.header!r}", "    break"]
        return "\n".join([*lines, "for row in rows:", f"    yield {self._row_expression()}"])

    def helpers(self) -> list[Callable]:
        return [helper for expr in self.columns for helper in expr.helpers()]

    @property
    def cost(self) -> float:
        return 0.5 + sum(expr.cost for expr in self.columns)
