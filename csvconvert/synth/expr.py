"""Cell expressions: how one output cell is computed from one input row.

An Expr evaluates on a row (a list of str) and renders itself as a Python expression over the
variable `row` that calls runtime helpers (stdlib-only functions whose source is embedded in
generated scripts). Learners in csvconvert.synth.strings build them.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from csvconvert.synth.core import Parametrized, Row, registrar


class Expr(Parametrized):
    @abstractmethod
    def evaluate(self, row: Row) -> str:
        """The output cell; raises ValueError (or IndexError) when the row does not fit."""

    @abstractmethod
    def params(self) -> dict[str, Any]:
        """JSON-serializable; nested expressions are stored with `expr_to_json`."""

    @abstractmethod
    def code(self) -> str:
        """A Python expression over `row` computing the same value as `evaluate`."""

    @abstractmethod
    def explain(self) -> str:
        """Plain words, e.g. 'the text of column 2 up to the first comma'."""


EXPRS: dict[str, type[Expr]] = {}
register_expr = registrar(EXPRS, "expressions")


def expr_to_json(expr: Expr) -> dict[str, Any]:
    return {"expr": expr.name, **expr.params()}


def expr_from_json(data: dict[str, Any]) -> Expr:
    data = dict(data)
    name = data.pop("expr")
    if name not in EXPRS:
        raise ValueError(f"unknown cell expression {name!r}")
    return EXPRS[name].from_params(data)


@register_expr
class Column(Expr):
    """The input cell of column `index`, unchanged."""

    name = "column"

    def __init__(self, index: int):
        self.index = index

    def evaluate(self, row: Row) -> str:
        return row[self.index]

    def params(self) -> dict[str, Any]:
        return {"index": self.index}

    def code(self) -> str:
        return f"row[{self.index}]"

    def explain(self) -> str:
        return f"column {self.index + 1}"

    @property
    def cost(self) -> float:
        return 0.5


@register_expr
class Const(Expr):
    """The same text in every row."""

    name = "const"

    def __init__(self, value: str):
        self.value = value

    def evaluate(self, row: Row) -> str:
        return self.value

    def params(self) -> dict[str, Any]:
        return {"value": self.value}

    def code(self) -> str:
        return repr(self.value)

    def explain(self) -> str:
        return f"the text {self.value!r}" if self.value else "empty"

    @property
    def payload(self) -> int:
        return len(self.value)

    @property
    def cost(self) -> float:
        return 1.0 + len(self.value) * 0.1
