"""Row predicates: JSON-able tests on a row, enumerated from the data and learned from examples.

A predicate is a dict {"column": int (-1: the whole row), "op": str, "arg": str, "negate": bool}
evaluated by the runtime helper `row_matches`. Candidates come from the values in the tables, so
the search never guesses constants that the data does not contain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from csvconvert.synth.core import Row
from csvconvert.synth.tables.runtime import row_matches

Predicate = dict

# Simpler tests first: they generalise better and win ties.
OP_COST = {
    "blank": 0.0,
    "empty": 0.0,
    "filled": 0.2,
    "number": 0.1,
    "startswith": 0.2,
    "endswith": 0.25,
    "contains": 0.25,
    "equals": 0.35,
    "shape": 0.4,
}
MAX_COLUMNS = 16
MAX_VALUES = 30


def predicate(column: int, op: str, arg: str = "", negate: bool = False) -> Predicate:
    return {"column": column, "op": op, "arg": arg, "negate": negate}


def predicate_cost(pred: Predicate) -> float:
    return OP_COST[pred["op"]] + (0.05 if pred["negate"] else 0.0) + 0.01 * max(pred["column"], 0)


def describe(pred: Predicate) -> str:
    op, arg = pred["op"], pred["arg"]
    subject = "the row" if pred["column"] < 0 else f"column {pred['column'] + 1}"
    words = {
        "blank": "is blank",
        "empty": "is empty",
        "number": "is a number",
        "filled": f"has {arg} non-empty cells",
        "startswith": f"starts with {arg!r}",
        "endswith": f"ends with {arg!r}",
        "contains": f"contains {arg!r}",
        "equals": f"is {arg!r}",
        "shape": f"matches the pattern {arg!r}",
    }[op]
    return f"{subject} {'does not satisfy: ' if pred['negate'] else ''}{words}"


def shape_of(value: str) -> str:
    """A regex generalising a value by character class runs: 'AB-12' -> '[A-Za-z]+\\-\\d+'."""
    parts = []
    for run in re.finditer(r"\d+|[A-Za-z]+|\s+|.", value):
        text = run.group(0)
        if text[0].isdigit():
            parts.append(r"\d+")
        elif text[0].isalpha():
            parts.append("[A-Za-z]+")
        elif text[0].isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(text))
    return "".join(parts)


def _column_tests(values: Sequence[str]) -> Iterable[tuple[str, str]]:
    yield "empty", ""
    yield "number", ""
    for value in values:
        if value and not value[0].isalnum():
            yield "startswith", value[0]
        if value and not value[-1].isalnum():
            yield "endswith", value[-1]
        for char in set(value):
            if not char.isalnum() and not char.isspace():
                yield "contains", char
        yield "shape", shape_of(value)


def cell_candidates(values: Sequence[str], *, with_equals: bool = False) -> list[tuple[str, str]]:
    """Distinct (op, arg) tests suggested by one column's values, simplest first."""
    tests = dict.fromkeys(_column_tests(values))
    if with_equals:
        tests.update(dict.fromkeys(("equals", value) for value in values if value))
    return sorted(tests, key=lambda test: (OP_COST[test[0]], test[1]))


def row_candidates(
    tables: Sequence[Sequence[Row]], *, with_equals: bool = False, max_cost: float = 1.0
) -> list[Predicate]:
    """Predicates that hold for some rows and not others, one per distinct split (the cheapest)."""
    rows = [row for table in tables for row in table]
    width = min(max((len(row) for row in rows), default=0), MAX_COLUMNS)
    found: dict[tuple[bool, ...], Predicate] = {}
    options = [predicate(-1, "blank")]
    options += [predicate(-1, "filled", str(count)) for count in sorted({_filled(row) for row in rows})]
    for column in range(width):
        # A sample of distinct values suggests the tests; every row still decides the split.
        values = list(dict.fromkeys(row[column] if column < len(row) else "" for row in rows))[:MAX_VALUES]
        tests = cell_candidates(values, with_equals=with_equals)
        options += [predicate(column, op, arg) for op, arg in tests if OP_COST[op] <= max_cost]
    for base in options:
        for pred in (base, {**base, "negate": True}):
            split = tuple(row_matches(row, pred) for row in rows)
            if any(split) and not all(split):
                best = found.get(split)
                if best is None or predicate_cost(pred) < predicate_cost(best):
                    found[split] = pred
    return sorted(found.values(), key=predicate_cost)


def _filled(row: Row) -> int:
    return sum(1 for value in row if value.strip())


def learn_predicate(positive: Sequence[Row], negative: Sequence[Row]) -> Predicate | None:
    """The cheapest predicate true on every positive row and false on every negative one."""
    for pred in row_candidates([list(positive) + list(negative)], with_equals=True):
        if all(row_matches(row, pred) for row in positive) and not any(row_matches(row, pred) for row in negative):
            return pred
    return None
