"""Reshaping steps (Foofah / Potter's Wheel): fold, unfold, transpose, fill, explode, wrap, subtitles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from csvconvert.synth.core import Row, register_step
from csvconvert.synth.tables import runtime
from csvconvert.synth.tables.base import RowStep, TableStep, literal_args
from csvconvert.synth.tables.predicates import Predicate, describe, predicate_cost


@register_step
@dataclass(eq=False, repr=False)
class Fold(TableStep):
    """Unpivot: each group of `width` cells after the first `keys` columns becomes its own row.

    With `header`, the first row holds column names and is consumed; with `names` as well, each
    output row also carries the name of its group's first column.
    """

    name: ClassVar[str] = "fold"
    runtime = staticmethod(runtime.fold_table)
    keys: int
    width: int = 1
    header: bool = False
    names: bool = False

    def explain(self) -> list[str]:
        group = "each column" if self.width == 1 else f"each group of {self.width} columns"
        lines = [f"Unpivot: keep the first {self.keys} column(s) and turn {group} after them into its own row."]
        if self.header:
            lines.append(
                "The first row is the header" + (", its names become a column." if self.names else "; drop it.")
            )
        return lines

    @property
    def cost(self) -> float:
        return 1.0 + (0.2 if self.width > 1 else 0.0) + (0.1 if self.header and not self.names else 0.0)


@register_step
@dataclass(eq=False, repr=False)
class Unfold(TableStep):
    """Pivot: one row per key (the other columns), one column per distinct value of `name`."""

    name: ClassVar[str] = "unfold"
    runtime = staticmethod(runtime.unfold_table)
    names_column: int
    values_column: int
    header: bool = False

    def explain(self) -> list[str]:
        return [
            f"Pivot: each distinct value of column {self.names_column + 1} becomes a column holding "
            f"column {self.values_column + 1}; one row per combination of the other columns."
        ]


@register_step
@dataclass(eq=False, repr=False)
class Transpose(TableStep):
    """Rows become columns."""

    name: ClassVar[str] = "transpose"
    runtime = staticmethod(runtime.transpose_table)

    def explain(self) -> list[str]:
        return ["Transpose: rows become columns."]


@register_step
@dataclass(eq=False, repr=False)
class FillDown(TableStep):
    """Empty cells of a column take the value above them."""

    name: ClassVar[str] = "fill_down"
    runtime = staticmethod(runtime.fill_down)
    column: int

    def explain(self) -> list[str]:
        return [f"Fill empty cells of column {self.column + 1} with the value above."]


@register_step
@dataclass(eq=False, repr=False)
class FillRight(TableStep):
    """Empty cells take the value to their left (merged header cells)."""

    name: ClassVar[str] = "fill_right"
    runtime = staticmethod(runtime.fill_right)

    def explain(self) -> list[str]:
        return ["Fill empty cells with the value to their left."]

    @property
    def cost(self) -> float:
        return 1.2


@register_step
@dataclass(eq=False, repr=False)
class Explode(RowStep):
    """A multi-valued cell becomes one row per value, the other cells repeated."""

    name: ClassVar[str] = "explode"
    runtime = staticmethod(runtime.explode_cell)
    column: int
    delimiter: str

    def map_row(self, row: Row) -> list[Row]:
        return runtime.explode_cell(row, self.column, self.delimiter)

    def row_code(self) -> str:
        return f"explode_cell(row, {literal_args(self.arguments())})"

    def explain(self) -> list[str]:
        return [f"Split column {self.column + 1} on {self.delimiter!r} into one row per value."]


@register_step
@dataclass(eq=False, repr=False)
class WrapEvery(TableStep):
    """Every `count` rows become one row (the first `keys` cells taken once, from the first row).

    With `interleave`, the rest is read column by column (a1 b1 a2 b2) instead of row by row.
    """

    name: ClassVar[str] = "wrap_every"
    runtime = staticmethod(runtime.wrap_every)
    count: int
    keys: int = 0
    interleave: bool = False

    def explain(self) -> list[str]:
        lines = [f"Join every {self.count} rows into one row."]
        if self.keys:
            lines.append(f"The first {self.keys} column(s) come once, from the first row of each block.")
        if self.interleave:
            lines.append("Cells are taken column by column across the block.")
        return lines

    @property
    def cost(self) -> float:
        return 1.0 + 0.1 * bool(self.keys) + 0.2 * self.interleave


@register_step
@dataclass(eq=False, repr=False)
class WrapBlocks(TableStep):
    """Rows between separator rows (mode "separator"), or from one start row to the next, become one row."""

    name: ClassVar[str] = "wrap_blocks"
    runtime = staticmethod(runtime.wrap_blocks)
    predicate: Predicate
    mode: str = "separator"

    def explain(self) -> list[str]:
        if self.mode == "separator":
            return [
                f"Join each block of rows into one row; blocks are separated by rows where {describe(self.predicate)}."
            ]
        return [f"Join each block of rows into one row; a block starts at each row where {describe(self.predicate)}."]

    @property
    def cost(self) -> float:
        return 1.0 + predicate_cost(self.predicate) + (0.1 if self.mode == "start" else 0.0)


@register_step
@dataclass(eq=False, repr=False)
class WrapByKey(TableStep):
    """Rows sharing a key value become one row: the key, then each row's other cells in order."""

    name: ClassVar[str] = "wrap_by_key"
    runtime = staticmethod(runtime.wrap_by_key)
    column: int

    def explain(self) -> list[str]:
        return [f"Join rows with the same value in column {self.column + 1} into one row (the value first)."]

    @property
    def cost(self) -> float:
        # Its output width depends on the data, so steps after it that pick columns are fragile.
        return 1.1


@register_step
@dataclass(eq=False, repr=False)
class SubtitlesToColumns(TableStep):
    """Section-title rows become leading columns of the rows beneath them."""

    name: ClassVar[str] = "subtitles_to_columns"
    runtime = staticmethod(runtime.subtitles_to_columns)
    predicate: Predicate
    width: int = 1

    def explain(self) -> list[str]:
        return [
            f"Rows where {describe(self.predicate)} are section titles: put their first {self.width} cell(s) "
            "in front of each row below them and delete the title rows."
        ]

    @property
    def cost(self) -> float:
        return 1.0 + predicate_cost(self.predicate)
