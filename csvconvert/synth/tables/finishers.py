"""Finishers: steps learned directly (not searched) that close the gap from a state to the outputs.

At every state the search asks whether one cheap, data-determined last move reaches the goal:
pick/reorder columns (extracting sub-cell values where needed), filter rows by a learned
predicate, sort, group, rename the header, or a cell-level map from the caller's map learner.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from csvconvert.synth.core import Step, SynthError, Table
from csvconvert.synth.tables.columns import ExtractColumn, KeepColumns, RenameHeader
from csvconvert.synth.tables.goal import Goal, width_of
from csvconvert.synth.tables.predicates import MAX_COLUMNS, learn_predicate, shape_of
from csvconvert.synth.tables.rows import Dedupe, DropEdges, DropRepeatedHeaders, FilterRows, GroupBy, SortRows
from csvconvert.synth.tables.runtime import cell_at, extract_cell

State = Sequence[Table]
MapLearner = Callable[[list[tuple[Table, Table]]], Step | None]
TOKEN_PATTERNS = (r"\d+", r"[A-Za-z]+", r"[A-Za-z0-9]+", r"\S+", r"[^,]+", r"[^\s,;:/|-][^,;:/|]*[^\s,;:/|-]")
AGGREGATES = ("sum", "count", "mean", "min", "max")


def columns_of(table: Table, count: int) -> list[list[str]]:
    return [[cell_at(row, index) for row in table] for index in range(count)]


# --- columns ------------------------------------------------------------------------------------
def learn_columns(state: State, goal: Goal) -> list[Step] | None:
    """Each output column is an existing column or a pattern extracted from one; then keep those."""
    if any(len(table) != len(target) for table, target in zip(state, goal.targets, strict=True)):
        return None
    width = min(max(width_of(table) for table in state), 64)
    sources = [columns_of(table, width) for table in state]
    extracts: list[ExtractColumn] = []
    picks: list[int] = []
    for index in range(goal.max_width):
        wanted = [[cell_at(row, index) for row in target] for target in goal.targets]
        found = _copied_column(sources, wanted, width)
        if found is None:
            extract = _extracted_column(state, sources, wanted, width)
            if extract is None:
                return None
            extracts.append(extract)
            found = width + len(extracts) - 1
        picks.append(found)
    identity = picks == list(range(width)) and all(width_of(table) == width for table in state)
    return [*extracts, *([] if identity else [KeepColumns(picks)])]


def _copied_column(sources: list[list[list[str]]], wanted: list[list[str]], width: int) -> int | None:
    for index in range(width):
        if all(columns[index] == values for columns, values in zip(sources, wanted, strict=True)):
            return index
    # KeepColumns reads a position outside the row as empty: -1 adds an empty column.
    return -1 if all(not value for values in wanted for value in values) else None


def _extracted_column(state: State, sources: list, wanted: list[list[str]], width: int) -> ExtractColumn | None:
    sample = next((value for values in wanted for value in values if value), None)
    if sample is None:
        return None
    patterns = [shape_of(sample), *TOKEN_PATTERNS]
    for index in range(min(width, MAX_COLUMNS)):
        if not all(
            value in cell
            for columns, values in zip(sources, wanted, strict=True)
            for cell, value in zip(columns[index], values, strict=True)
        ):
            continue
        for pattern in patterns:
            step = _fit_extract(state, wanted, index, pattern)
            if step is not None:
                return step
    return None


def _fit_extract(state: State, wanted: list[list[str]], index: int, pattern: str) -> ExtractColumn | None:
    first = next((row for table in state for row in table), None)
    value = wanted[0][0] if wanted and wanted[0] else None
    if first is None or value is None:
        return None
    matches = re.findall(pattern, cell_at(first, index))
    for occurrence in sorted({i for i, match in enumerate(matches) if match == value} | {-1}):
        step = ExtractColumn(index, pattern, occurrence)
        if all(
            [extract_cell(row, index, pattern, occurrence)[-1] for row in table] == values
            for table, values in zip(state, wanted, strict=True)
        ):
            return step
    return None


# --- rows ---------------------------------------------------------------------------------------
def _kept_indices(table: Table, target: Table) -> list[int] | None:
    kept, position = [], 0
    for index, row in enumerate(table):
        if position < len(target) and row == target[position]:
            kept.append(index)
            position += 1
    return kept if position == len(target) else None


def learn_row_filter(state: State, goal: Goal) -> list[Step] | None:
    kept = [_kept_indices(table, target) for table, target in zip(state, goal.targets, strict=True)]
    if any(indices is None for indices in kept) or all(len(k) == len(t) for k, t in zip(kept, state, strict=True)):
        return None
    options: list[Step] = []
    for step in (DropRepeatedHeaders(), Dedupe(), *_edge_drops(state, kept)):
        if all(
            step.apply([list(row) for row in table]) == target
            for table, target in zip(state, goal.targets, strict=True)
        ):
            options.append(step)
    positive = [table[i] for table, indices in zip(state, kept, strict=True) for i in indices]
    negative = [
        row for table, indices in zip(state, kept, strict=True) for i, row in enumerate(table) if i not in set(indices)
    ]
    pred = learn_predicate(positive, negative)
    if pred is not None:
        options.append(FilterRows(pred, keep=True))
    return [min(options, key=lambda step: step.cost)] if options else None


def _edge_drops(state: State, kept: list) -> list[Step]:
    table, indices = state[0], kept[0]
    if not indices:
        return []
    return [DropEdges(indices[0], len(table) - 1 - indices[-1])]


def learn_sort(state: State, goal: Goal) -> list[Step] | None:
    if any(
        sorted(map(tuple, table)) != sorted(map(tuple, target))
        for table, target in zip(state, goal.targets, strict=True)
    ):
        return None
    for index in range(min(width_of(state[0]), MAX_COLUMNS)):
        for numeric in (False, True):
            for descending in (False, True):
                for header in (False, True):
                    step = SortRows(index, numeric, descending, header)
                    if all(
                        step.apply([list(row) for row in table]) == target
                        for table, target in zip(state, goal.targets, strict=True)
                    ):
                        return [step]
    return None


def learn_rename(state: State, goal: Goal) -> list[Step] | None:
    """New column names, only when body rows show that the rest of the table is left alone."""
    header = goal.targets[0][0] if goal.targets[0] else None
    for table, target in zip(state, goal.targets, strict=True):
        if len(table) < 2 or len(target) < 2 or target[0] != header or table[1:] != target[1:]:
            return None
        if len(table[0]) != len(target[0]):
            return None
    return [RenameHeader(list(header))] if header is not None else None


def learn_group_by(state: State, goal: Goal) -> list[Step] | None:
    if any(len(table) <= len(target) for table, target in zip(state, goal.targets, strict=True)):
        return None
    width = min(width_of(state[0]), MAX_COLUMNS)
    for key in range(width):
        aggregates = _aggregates_for(state, goal, key, width)
        if aggregates is not None:
            step = GroupBy([key], aggregates)
            if all(step.apply(list(table)) == target for table, target in zip(state, goal.targets, strict=True)):
                return [step]
    return None


def _aggregates_for(state: State, goal: Goal, key: int, width: int) -> list[list] | None:
    aggregates = []
    for target_column in range(1, goal.max_width):
        for source in range(width):
            found = None
            for function in AGGREGATES:
                trial = GroupBy([key], [[source, function]])
                outputs = [trial.apply(list(table)) for table in state]
                if all(
                    [cell_at(row, 1) for row in out] == [cell_at(row, target_column) for row in target]
                    for out, target in zip(outputs, goal.targets, strict=True)
                ):
                    found = [source, function]
                    break
            if found:
                aggregates.append(found)
                break
        else:
            return None
    return aggregates


def learn_map(state: State, goal: Goal, map_learner: MapLearner | None) -> list[Step] | None:
    if map_learner is None or any(len(t) != len(g) for t, g in zip(state, goal.targets, strict=True)):
        return None
    try:
        step = map_learner(
            [([list(row) for row in table], target) for table, target in zip(state, goal.targets, strict=True)]
        )
    except (SynthError, ValueError, IndexError):
        return None  # a learner that cannot cope with this intermediate table just does not finish it
    return [step] if step is not None else None


FINISHERS = (learn_columns, learn_row_filter, learn_rename, learn_sort, learn_group_by)


def finishes(state: State, goal: Goal, map_learner: MapLearner | None) -> list[list[Step]]:
    found = [steps for learn in FINISHERS if (steps := learn(state, goal))]
    mapped = learn_map(state, goal, map_learner) if not found else None
    return found + ([mapped] if mapped else [])
