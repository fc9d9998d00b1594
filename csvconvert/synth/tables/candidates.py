"""Parameter enumeration: the steps worth trying on a state, with every constant drawn from the data.

Each generator looks at the current tables (all examples at once) and the goal, and proposes a
small, deterministic list of steps. Pruning by shape and content happens here (cheap guesses
about what could help) and in Goal.feasible (hard necessary conditions on the result).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from csvconvert.synth.core import Step, Table
from csvconvert.synth.tables.columns import DivideColumn, KeepColumns, MergeColumns, SplitColumn
from csvconvert.synth.tables.goal import Goal, width_of
from csvconvert.synth.tables.predicates import MAX_COLUMNS, Predicate, cell_candidates, row_candidates
from csvconvert.synth.tables.reshape import (
    Explode,
    FillDown,
    FillRight,
    Fold,
    SubtitlesToColumns,
    Transpose,
    Unfold,
    WrapBlocks,
    WrapByKey,
    WrapEvery,
)
from csvconvert.synth.tables.rows import Dedupe, DropEdges, DropRepeatedHeaders, FilterRows
from csvconvert.synth.tables.runtime import row_matches

State = Sequence[Table]
CHEAP_PREDICATES = 0.3


def column(table: Table, index: int) -> list[str]:
    return [row[index] if index < len(row) else "" for row in table]


def columns_of(state: State) -> range:
    return range(min(min(width_of(table) for table in state), MAX_COLUMNS))


def cheap_predicates(state: State, limit: int = 24) -> list[Predicate]:
    return row_candidates(state, max_cost=CHEAP_PREDICATES)[:limit]


# --- columns ------------------------------------------------------------------------------------
def keep_columns(state: State, goal: Goal) -> Iterable[Step]:
    wanted = goal.all_values()
    width = min(width_of(table) for table in state)
    keep = [
        index for index in range(width) if any(value in wanted for table in state for value in column(table, index))
    ]
    if keep and len(keep) < max(width_of(table) for table in state):
        yield KeepColumns(keep)


def delimiters(values: Iterable[str]) -> list[str]:
    """Runs of punctuation/space found in the values, the most frequent first."""
    counts: dict[str, int] = {}
    for value in values:
        for run in re.findall(r"[^A-Za-z0-9]+", value.strip()):
            counts[run] = counts.get(run, 0) + 1
            if len(run) > 1 and run.strip() and run.strip() != run:
                counts[run.strip()] = counts.get(run.strip(), 0) + 1
    return sorted(counts, key=lambda run: (-counts[run], run))[:6]


# Zero-width or run patterns for cells without a literal delimiter: "2br" -> "2", "br".
SPLIT_PATTERNS = (r"\s{2,}", r"(?<=\d)(?=[A-Za-z])", r"(?<=[A-Za-z])(?=\d)")


def split_patterns(values: Iterable[str]) -> Iterable[tuple[str, int]]:
    for pattern in SPLIT_PATTERNS:
        parts = max((len(re.split(pattern, value)) for value in values), default=1)
        if 2 <= parts <= 12:
            yield pattern, parts


def split_columns(state: State, goal: Goal) -> Iterable[Step]:
    if goal.missing_exact(state) == 0:
        return
    for index in columns_of(state):
        values = [value for table in state for value in column(table, index)]
        for delimiter in delimiters(values):
            parts = max(value.count(delimiter) for value in values) + 1
            if 2 <= parts <= 12:
                yield SplitColumn(index, delimiter, parts)
                yield Explode(index, delimiter)
        for pattern, parts in split_patterns(values):
            yield SplitColumn(index, pattern, parts, regex=True)


def merge_columns(state: State, goal: Goal) -> Iterable[Step]:
    built = goal.values[0] - goal.required[0]
    found: dict[tuple[int, int, str], None] = {}
    for value in sorted(built)[:5]:
        for row in state[0][:20]:
            for first, left in enumerate(row):
                for second, right in enumerate(row):
                    if _joins(value, left, right) and first != second:
                        found[(first, second, value[len(left) : len(value) - len(right)])] = None
    for first, second, delimiter in list(found)[:12]:
        yield MergeColumns(first, second, delimiter)


def _joins(value: str, left: str, right: str) -> bool:
    fits = bool(left and right) and len(left) + len(right) <= len(value)
    return fits and value.startswith(left) and value.endswith(right)


def divide_columns(state: State, goal: Goal) -> Iterable[Step]:
    if goal.max_width <= min(width_of(table) for table in state):
        return
    for index in columns_of(state):
        values = sorted({value for table in state for value in column(table, index) if value})
        splits: dict[tuple[bool, ...], None] = {}
        for op, arg in cell_candidates(values):
            if op in ("empty", "shape"):
                continue
            test = {"column": 0, "op": op, "arg": arg, "negate": False}
            split = tuple(row_matches([value], test) for value in values)
            if any(split) and not all(split) and split not in splits:
                splits[split] = None
                yield DivideColumn(index, test)


# --- rows ---------------------------------------------------------------------------------------
def delete_rows(state: State, goal: Goal) -> Iterable[Step]:
    if all(len(table) <= len(target) for table, target in zip(state, goal.targets, strict=True)):
        return
    for pred in cheap_predicates(state, limit=12):
        yield FilterRows(pred, keep=False)
    yield DropEdges(1, 0)
    if any(table and any(row == table[0] for row in table[1:]) for table in state):
        yield DropRepeatedHeaders()
    if any(len({tuple(row) for row in table}) < len(table) for table in state):
        yield Dedupe()


# --- reshaping ----------------------------------------------------------------------------------
def fill(state: State, goal: Goal) -> Iterable[Step]:
    for index in columns_of(state):
        values = [value for table in state for value in column(table, index)]
        if any(not value.strip() for value in values[1:]) and any(value.strip() for value in values):
            yield FillDown(index)
    if any(table and _has_gap(table[0]) for table in state):
        yield FillRight()


def _has_gap(row: list[str]) -> bool:
    seen = False
    for value in row:
        if value.strip():
            seen = True
        elif seen:
            return True
    return False


def folds(state: State, goal: Goal) -> Iterable[Step]:
    width = min(width_of(table) for table in state)
    for keys in range(0, min(width - 1, goal.max_width + 1)):
        rest = width - keys
        for group in range(1, rest // 2 + 1):
            if rest % group or keys + group > goal.max_width + 1:
                continue
            yield Fold(keys, group)
            yield Fold(keys, group, header=True)
            if keys + group + 1 <= goal.max_width + 1:
                yield Fold(keys, group, header=True, names=True)


def unfolds(state: State, goal: Goal) -> Iterable[Step]:
    width = min(width_of(table) for table in state)
    if width < 2 or width > 8:
        return
    wanted = goal.all_values()
    for names in range(width):
        # Unfold turns names into header cells, so the output must show every one of them.
        labels = {value for table in state for value in column(table, names)[1:] if value}
        if not labels or len(labels) > 40 or not labels <= wanted:
            continue
        for values in range(width):
            if values != names and any(value in wanted for table in state for value in column(table, values)):
                yield Unfold(names, values)
                yield Unfold(names, values, header=True)


def wraps(state: State, goal: Goal) -> Iterable[Step]:
    yield from _wrap_counts(state, goal)
    for pred in cheap_predicates(state, limit=10):
        yield WrapBlocks(pred, "separator")
        yield WrapBlocks(pred, "start")
    for index in columns_of(state):
        keys = {value for table in state for value in column(table, index)}
        if len(keys) < max(len(table) for table in state):
            yield WrapByKey(index)


def _wrap_counts(state: State, goal: Goal) -> Iterable[Step]:
    counts: set[int] = set()
    for table, target in zip(state, goal.targets, strict=True):
        if target:
            counts |= {len(table) // len(target), -(-len(table) // len(target))}
        counts |= {count for count in range(2, 9) if len(table) % count == 0}
    shortest = min(len(table) for table in state)
    for count in sorted(value for value in counts if 2 <= value < shortest):
        for keys in (0, 1):
            yield WrapEvery(count, keys)
            yield WrapEvery(count, keys, interleave=True)


def subtitles(state: State, goal: Goal) -> Iterable[Step]:
    if goal.max_width <= min(width_of(table) for table in state):
        return
    for pred in cheap_predicates(state, limit=12):
        titles = [row for table in state for row in table if row_matches(row, pred)]
        width = max((_filled_prefix(row) for row in titles), default=0)
        if width and len(titles) * 2 <= sum(len(table) for table in state):
            yield SubtitlesToColumns(pred, width)


def _filled_prefix(row: list[str]) -> int:
    return max((index + 1 for index, value in enumerate(row) if value.strip()), default=0)


def transpose(state: State, goal: Goal) -> Iterable[Step]:
    yield Transpose()


GENERATORS: list[Callable[[State, Goal], Iterable[Step]]] = [
    keep_columns,
    delete_rows,
    folds,
    unfolds,
    transpose,
    fill,
    wraps,
    subtitles,
    split_columns,
    merge_columns,
    divide_columns,
]


def candidate_steps(state: State, goal: Goal) -> list[Step]:
    steps: dict[Step, None] = {}
    for generate in GENERATORS:
        steps.update(dict.fromkeys(generate(state, goal)))
    return list(steps)
