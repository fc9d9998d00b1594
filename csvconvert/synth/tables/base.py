"""Shared plumbing of the table steps: dataclass parameters, one runtime helper per step.

A TableStep's fields are its JSON parameters and, in declaration order, the literal arguments
of its runtime helper, so `apply` (the interpreter) and `code` (the generated script) call the
very same function with the very same arguments.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ClassVar

from csvconvert.synth.core import Row, Step, Table


def literal_args(values: tuple[Any, ...]) -> str:
    return ", ".join(repr(value) for value in values)


def _copied(value: Any) -> Any:
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return dict(value) if isinstance(value, dict) else value


class TableStep(Step):
    """A whole-table step: `rows = helper(rows, *fields)`."""

    runtime: ClassVar[Callable[..., Table]]
    base_cost: ClassVar[float] = 1.0

    def arguments(self) -> tuple[Any, ...]:
        return tuple(getattr(self, field.name) for field in dataclasses.fields(self))  # type: ignore[arg-type]

    def params(self) -> dict[str, Any]:
        # Shallow copies suffice (values are str/int/bool, lists and flat dicts) and are much
        # faster than dataclasses.asdict, which matters: the search hashes thousands of steps.
        return {field.name: _copied(getattr(self, field.name)) for field in dataclasses.fields(self)}  # type: ignore[arg-type]

    def __hash__(self) -> int:
        return hash((self.name, repr(self.arguments())))

    def apply(self, rows: Table) -> Table:
        return self.runtime(rows, *self.arguments())

    def code(self) -> str:
        return f"rows = {self.runtime.__name__}(rows, {literal_args(self.arguments())})".replace("(rows, )", "(rows)")

    def helpers(self) -> list[Callable]:
        return [self.runtime]

    @property
    def cost(self) -> float:
        return self.base_cost


class RowStep(TableStep):
    """A row-local step: each input row becomes zero, one or more output rows, so it streams."""

    streaming = True

    def map_row(self, row: Row) -> list[Row]:
        return [self.runtime(row, *self.arguments())]

    def apply(self, rows: Table) -> Table:
        return [out for row in rows for out in self.map_row(row)]

    def row_code(self) -> str:
        return f"[{self.runtime.__name__}(row, {literal_args(self.arguments())})]"

    def code(self) -> str:
        return f"rows = [out for row in rows for out in {self.row_code()}]"
