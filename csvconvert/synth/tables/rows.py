"""Row steps: filter by a predicate, drop preamble/footer, repeated headers, dedupe, sort, group by."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from csvconvert.synth.core import Row, register_step
from csvconvert.synth.tables import runtime
from csvconvert.synth.tables.base import RowStep, TableStep
from csvconvert.synth.tables.predicates import Predicate, describe, predicate_cost


@register_step
@dataclass(eq=False, repr=False)
class FilterRows(RowStep):
    """Keep (or, with keep=False, delete) the rows satisfying a predicate."""

    name: ClassVar[str] = "filter_rows"
    runtime = staticmethod(runtime.row_matches)
    predicate: Predicate
    keep: bool = True

    def map_row(self, row: Row) -> list[Row]:
        return [list(row)] if runtime.row_matches(row, self.predicate) == self.keep else []

    def row_code(self) -> str:
        test = "" if self.keep else "not "
        return f"([list(row)] if {test}row_matches(row, {self.predicate!r}) else [])"

    def explain(self) -> list[str]:
        verb = "Keep only" if self.keep else "Delete"
        return [f"{verb} the rows where {describe(self.predicate)}."]

    @property
    def cost(self) -> float:
        return 1.0 + predicate_cost(self.predicate)


@register_step
@dataclass(eq=False, repr=False)
class DropEdges(TableStep):
    """Delete a preamble (the first `head` rows) and a footer (the last `tail` rows).

    With tail=0 this also promotes row head+1 to be the header row.
    """

    name: ClassVar[str] = "drop_edges"
    runtime = staticmethod(runtime.drop_edges)
    head: int
    tail: int = 0

    def explain(self) -> list[str]:
        parts = [f"the first {self.head} rows"] if self.head else []
        parts += [f"the last {self.tail} rows"] if self.tail else []
        return [f"Delete {' and '.join(parts) or 'nothing'}."]

    @property
    def cost(self) -> float:
        return 1.2 + 0.05 * (self.head + self.tail)


@register_step
@dataclass(eq=False, repr=False)
class DropRepeatedHeaders(TableStep):
    """Delete later copies of the header row (as left by concatenated exports)."""

    name: ClassVar[str] = "drop_repeated_headers"
    runtime = staticmethod(runtime.drop_repeated_headers)

    def explain(self) -> list[str]:
        return ["Delete rows that repeat the header row."]


@register_step
@dataclass(eq=False, repr=False)
class Dedupe(TableStep):
    """Delete rows identical to an earlier row."""

    name: ClassVar[str] = "dedupe"
    runtime = staticmethod(runtime.dedupe_rows)

    def explain(self) -> list[str]:
        return ["Delete duplicate rows, keeping the first."]


@register_step
@dataclass(eq=False, repr=False)
class SortRows(TableStep):
    """Sort the rows (after an optional header) by one column, as text or as numbers."""

    name: ClassVar[str] = "sort_rows"
    runtime = staticmethod(runtime.sort_rows)
    column: int
    numeric: bool = False
    descending: bool = False
    header: bool = False

    def explain(self) -> list[str]:
        order = "descending" if self.descending else "ascending"
        kind = "numerically" if self.numeric else "alphabetically"
        return [
            f"Sort the rows{' below the header' if self.header else ''} by column {self.column + 1}, {kind}, {order}."
        ]

    @property
    def cost(self) -> float:
        return 1.2


@register_step
@dataclass(eq=False, repr=False)
class GroupBy(TableStep):
    """One row per distinct key: the key columns, then aggregates [column, function] of each group."""

    name: ClassVar[str] = "group_by"
    runtime = staticmethod(runtime.group_rows)
    keys: list[int]
    aggregates: list[list]

    def explain(self) -> list[str]:
        keys = ", ".join(str(key + 1) for key in self.keys)
        aggs = ", ".join(f"{function} of column {column + 1}" for column, function in self.aggregates)
        return [f"Group rows by column(s) {keys}; for each group output {aggs or 'nothing else'}."]

    @property
    def cost(self) -> float:
        return 1.5 + 0.2 * len(self.aggregates)
