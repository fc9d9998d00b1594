"""What the search aims at: the example outputs, and cheap measures of how far a state is from them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from csvconvert.synth.core import Table

SEPARATOR = "\x1f"


def width_of(table: Table) -> int:
    return max((len(row) for row in table), default=0)


def cell_values(table: Table) -> set[str]:
    return {value for row in table for value in row if value}


def blob_of(table: Table) -> str:
    return SEPARATOR + SEPARATOR.join(SEPARATOR.join(row) for row in table) + SEPARATOR


@dataclass
class Goal:
    inputs: list[Table]
    targets: list[Table]
    values: list[set[str]] = field(init=False)
    required: list[set[str]] = field(init=False)
    max_rows: int = field(init=False)
    max_cells: int = field(init=False)

    def __post_init__(self) -> None:
        self.values = [cell_values(target) for target in self.targets]
        # Values the input does not even contain as text must be built (merge, map learner): exempt.
        self.required = [
            {value for value in values if value in blob_of(source)}
            for values, source in zip(self.values, self.inputs, strict=True)
        ]
        rows = max(len(table) for table in [*self.inputs, *self.targets])
        cells = max(len(table) * width_of(table) for table in [*self.inputs, *self.targets])
        self.max_rows = 4 * rows + 20
        self.max_cells = 4 * cells + 200

    @property
    def max_width(self) -> int:
        return max(width_of(target) for target in self.targets)

    def all_values(self) -> set[str]:
        return set().union(*self.values)

    def feasible(self, state: Sequence[Table]) -> bool:
        """Cheap necessary conditions: not too big, and every needed value still in the text."""
        for table, required in zip(state, self.required, strict=True):
            if len(table) > self.max_rows or len(table) * width_of(table) > self.max_cells:
                return False
            blob = blob_of(table)
            if any(value not in blob for value in required):
                return False
        return True

    def missing_exact(self, state: Sequence[Table]) -> int:
        """How many needed values are present only inside longer cells (a split or extract is due)."""
        missing = 0
        for table, required in zip(state, self.required, strict=True):
            missing += len(required - cell_values(table))
        return missing

    def estimate(self, state: Sequence[Table]) -> float:
        """A heuristic distance: steps still needed to fix row counts, widths and cell contents."""
        rows = any(len(table) != len(target) for table, target in zip(state, self.targets, strict=True))
        width = any(width_of(table) != width_of(target) for table, target in zip(state, self.targets, strict=True))
        content = self.missing_exact(state) > 0
        return 1.0 * rows + 0.5 * width + 0.7 * content
