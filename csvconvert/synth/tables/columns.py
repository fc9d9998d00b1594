"""Column steps: keep/drop/reorder, rename, split, merge, extract, divide. All row-local."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from csvconvert.synth.core import Table, register_step
from csvconvert.synth.tables import runtime
from csvconvert.synth.tables.base import RowStep, TableStep
from csvconvert.synth.tables.predicates import Predicate, describe, predicate_cost


def _numbers(columns: list[int]) -> str:
    return ", ".join(str(index + 1) if index >= 0 else "(empty)" for index in columns)


@register_step
@dataclass(eq=False, repr=False)
class KeepColumns(RowStep):
    """Output columns are input columns by position: keeps, drops, reorders and copies in one step."""

    name: ClassVar[str] = "keep_columns"
    runtime = staticmethod(runtime.pick_columns)
    columns: list[int]

    def explain(self) -> list[str]:
        return [f"Keep columns {_numbers(self.columns)}, in that order."]

    @property
    def cost(self) -> float:
        moved = sum(1 for before, after in zip(self.columns, self.columns[1:], strict=False) if after <= before)
        # Fewer kept columns and fewer moves: the simpler projection, applied before data-sized steps.
        return 0.5 + 0.1 * moved + 0.02 * len(self.columns)


@register_step
@dataclass(eq=False, repr=False)
class RenameHeader(TableStep):
    """Replace the header row (the first row) with new column names."""

    name: ClassVar[str] = "rename_header"
    names: list[str]

    def apply(self, rows: Table) -> Table:
        return [list(self.names), *(list(row) for row in rows[1:])] if rows else []

    def code(self) -> str:
        return f"rows = [{self.names!r}] + [list(row) for row in rows[1:]] if rows else []"

    def helpers(self) -> list:
        return []

    def explain(self) -> list[str]:
        return [f"Name the columns {', '.join(repr(name) for name in self.names)}."]

    @property
    def cost(self) -> float:
        return 1.0 + 0.05 * len(self.names)


@register_step
@dataclass(eq=False, repr=False)
class SplitColumn(RowStep):
    """Split one column into `parts` columns on a delimiter (text, or a regex when `regex`)."""

    name: ClassVar[str] = "split_column"
    runtime = staticmethod(runtime.split_cell)
    column: int
    delimiter: str
    parts: int
    regex: bool = False

    def explain(self) -> list[str]:
        how = f"the pattern {self.delimiter!r}" if self.regex else repr(self.delimiter)
        return [f"Split column {self.column + 1} on {how} into {self.parts} columns."]

    @property
    def cost(self) -> float:
        return 1.0 + 0.02 * self.parts


@register_step
@dataclass(eq=False, repr=False)
class MergeColumns(RowStep):
    """Join two columns into the first one's place, with a delimiter between."""

    name: ClassVar[str] = "merge_columns"
    runtime = staticmethod(runtime.merge_cells)
    first: int
    second: int
    delimiter: str

    def explain(self) -> list[str]:
        return [f"Merge column {self.second + 1} into column {self.first + 1}, joined by {self.delimiter!r}."]


@register_step
@dataclass(eq=False, repr=False)
class ExtractColumn(RowStep):
    """Append a column holding the n-th match of a pattern in another column (empty when none)."""

    name: ClassVar[str] = "extract_column"
    runtime = staticmethod(runtime.extract_cell)
    column: int
    pattern: str
    occurrence: int = 0

    def explain(self) -> list[str]:
        nth = {0: "first", -1: "last"}.get(self.occurrence, f"match number {self.occurrence + 1}")
        return [f"Add a column with the {nth} text of column {self.column + 1} matching the pattern {self.pattern!r}."]

    @property
    def cost(self) -> float:
        return 1.0 + 0.1 * self.occurrence + 0.01 * len(self.pattern)


@register_step
@dataclass(eq=False, repr=False)
class DivideColumn(RowStep):
    """Potter's Wheel divide: values passing a test stay in the column, the others move one right."""

    name: ClassVar[str] = "divide_column"
    runtime = staticmethod(runtime.divide_cell)
    column: int
    predicate: Predicate

    def explain(self) -> list[str]:
        test = describe({**self.predicate, "column": self.column})
        return [f"Divide column {self.column + 1} in two: values where {test} stay, the others go to a new column."]

    @property
    def cost(self) -> float:
        return 1.0 + predicate_cost(self.predicate)
