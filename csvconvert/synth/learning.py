"""learn(): search the language for the simplest program consistent with every example."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from csvconvert.synth.core import Step, Table, rectangular
from csvconvert.synth.expr import Column, Const, Expr
from csvconvert.synth.mapcolumns import MapColumns
from csvconvert.synth.program import NoProgramFound, Program

Example = tuple[Table, Table]
logger = logging.getLogger(__name__)
MAX_DIFFERENCES = 50
# With a row-local program in hand, restructuring must prove itself within this many search
# states: the best-first search meets cheap programs first, so a long search would only find
# costlier ones.
STATES_AFTER_MAP = 3_000
# A program whose constants and lookup entries hold this share of the output's text explains
# the examples by remembering them; any program that computes the output ranks before it.
MEMORISED_SHARE = 0.5


def learn(
    examples: Sequence[tuple[Sequence[Sequence[str]], Sequence[Sequence[str]]]], *, timeout: float = 30.0
) -> Program:
    """The simplest program that maps every example input onto its output.

    Raises NoProgramFound carrying the closest candidate and the cells where it differs.
    """
    normalized = _normalize(examples)
    deadline = time.monotonic() + timeout
    candidates = [program for program in _candidates(normalized, deadline) if _consistent(program, normalized)]
    if candidates:
        return min(candidates, key=lambda program: (memorises(program, normalized), program.cost))
    closest = _closest(normalized, deadline)
    differences = cell_differences(closest, normalized)
    raise NoProgramFound(
        f"No program in the engine's language reproduces the examples ({len(differences)} cell(s) differ "
        "for the closest candidate).",
        closest=closest,
        differences=differences[:MAX_DIFFERENCES],
    )


def _normalize(examples) -> list[Example]:
    if not examples:
        raise ValueError("learn() needs at least one (input_rows, output_rows) example")
    normalized = []
    for number, pair in enumerate(examples, 1):
        try:
            source, target = pair
        except (TypeError, ValueError):
            raise ValueError(f"example {number} is not an (input_rows, output_rows) pair") from None
        source_rows = rectangular(_table(source, f"example {number} input"))
        normalized.append((source_rows, _table(target, f"example {number} output")))
    return normalized


def _table(rows, what: str) -> Table:
    """Rows as lists of str; None (JSON null) is an empty cell, as a CSV file would hold it."""
    table = []
    for index, row in enumerate(rows):
        if isinstance(row, str) or not all(cell is None or isinstance(cell, str) for cell in row):
            raise ValueError(f"{what}, row {index + 1}: rows must be lists of strings")
        table.append(["" if cell is None else cell for cell in row])
    return table


def memorises(program: Program, examples: list[Example]) -> bool:
    """The overfitting guard (minimum description length): text stored in the program that
    rivals the output it produces is remembered, not learned."""
    output = sum(len(cell) for _, target in examples for row in target for cell in row)
    return program.payload >= MEMORISED_SHARE * max(output, 1)


def _candidates(examples: list[Example], deadline: float):
    mapped = learn_map(examples, deadline)
    if mapped is not None:
        yield Program([mapped])
    if time.monotonic() >= deadline:
        return
    from csvconvert.synth.tables import search_tables
    from csvconvert.synth.tables.search import MAX_STATES

    # A map that fits the examples case by case, or remembers its output, is no reason to cut the
    # restructuring search short.
    learned = mapped is not None and not mapped.guesses() and not memorises(Program([mapped]), examples)
    steps = search_tables(
        examples,
        deadline=deadline,
        map_learner=lambda pairs: _leaf_map(pairs, deadline),
        max_states=STATES_AFTER_MAP if learned else MAX_STATES,
    )
    if steps is None or not _plausible(steps, examples) or (mapped is not None and _detour(steps, examples)):
        return
    if mapped is not None and all(step.streaming for step in steps):
        # Both are row-local then; the cell learner ranks cell rules by generality (token
        # boundaries over positions, 'last' over 'fifth'), so its program stands.
        return
    yield Program(steps)


def _leaf_map(pairs: list[Example], deadline: float) -> MapColumns | None:
    """A map that finishes a restructuring: the light cell learner, since the search asks at many states."""
    return learn_map(pairs, deadline, thorough=False)


def _plausible(steps: list[Step], examples: list[Example]) -> bool:
    """Renaming the first row is a hypothesis only when the tables have a header row; otherwise it
    would memorise the first example's output as 'column names'."""
    from csvconvert.synth.tables import RenameHeader

    return not any(isinstance(step, RenameHeader) for step in steps) or _has_header_rows(examples)


def _detour(steps: list[Step], examples: list[Example]) -> bool:
    """With a row-local program in hand, a restructuring that does nothing to some step's input, or
    that changes the number of rows when every output row stands for its input row, only
    re-describes the row-local program with more (and time-dependent) search: it is not kept."""
    aligned = all(_rows_correspond(source, target) for source, target in examples)
    for source, _ in examples:
        table = [list(row) for row in source]
        for step in steps:
            try:
                after = step.apply(table)
            except Exception:  # noqa: BLE001 - _consistent judges programs that do not run
                return False
            if after == table or (aligned and len(after) != len(table)):
                return True
            table = after
    return False


def _rows_correspond(source: Table, target: Table) -> bool:
    """Each output row can stand for the input row in its place: as many rows, and no output
    row with content in the place of a blank input row (a spacer row, in a cross-tab say)."""
    return len(source) == len(target) and all(
        any(cell.strip() for cell in row) or not any(cell.strip() for cell in out)
        for row, out in zip(source, target, strict=True)
    )


def _consistent(program: Program, examples: list[Example]) -> bool:
    """Holds on every example, both interpreted and as the generated code that apply_csv runs."""
    try:
        transform = program.compiled()["transform"]
    except Exception:  # a code-generation defect must cost one candidate, not the whole training
        logger.exception("Generated code of a candidate does not run: %r", program)
        return False
    for source, target in examples:
        try:
            if program.apply(source) != target or transform(source) != target:
                return False
        except (IndexError, ValueError, KeyError, TypeError, ArithmeticError):
            return False
        except Exception:  # e.g. a helper missing from the generated code: a defect, logged
            logger.exception("A candidate failed on its own example: %r", program)
            return False
    return True


# --- row-local programs: every output column an expression of the input row -----------------


def learn_map(examples: list[Example], deadline: float, *, thorough: bool = True) -> MapColumns | None:
    """A MapColumns consistent with the examples, with or without a header row, or None."""
    plain = _learn_columns(examples, header=False, deadline=deadline, thorough=thorough)
    with_header = (
        _learn_columns(examples, header=True, deadline=deadline, thorough=thorough)
        if _has_header_rows(examples)
        else None
    )
    if with_header is not None:
        return with_header
    return plain


def _aligned(examples: list[Example], skip: int) -> tuple[list[list[str]], list[list[str]]] | None:
    rows, outputs = [], []
    for source, target in examples:
        if len(source) != len(target) or len(source) <= skip:
            return None
        rows += source[skip:]
        outputs += target[skip:]
    widths = {len(row) for row in outputs}
    if len(widths) != 1 or not rows:
        return None
    return rows, outputs


def _learn_columns(examples: list[Example], *, header: bool, deadline: float, thorough: bool) -> MapColumns | None:
    aligned = _aligned(examples, skip=1 if header else 0)
    if aligned is None:
        return None
    rows, outputs = aligned
    headers = {tuple(target[0]) for _, target in examples} if header else set()
    if len(headers) > 1:
        return None
    columns = []
    for index in range(len(outputs[0])):
        expr = _learn_one(rows, [row[index] for row in outputs], deadline, thorough)
        if expr is None:
            return None
        columns.append(expr)
    return MapColumns(columns, header=list(next(iter(headers))) if header else None)


def _learn_one(rows: list[list[str]], outputs: list[str], deadline: float, thorough: bool = True) -> Expr | None:
    learner = _column_learner()
    candidates = learner(rows, outputs, deadline=deadline, thorough=thorough)
    return candidates[0] if candidates else None


def _column_learner() -> Callable[..., list[Expr]]:
    try:
        from csvconvert.synth.strings import learn_column
    except ImportError:
        return _copy_or_constant
    return learn_column


def _copy_or_constant(rows: list[list[str]], outputs: list[str], *, deadline: float, thorough: bool) -> list[Expr]:
    """The fallback column learner: a column copied as it is, or one constant."""
    width = min(len(row) for row in rows)
    found: list[Expr] = [Column(i) for i in range(width) if [row[i] for row in rows] == outputs]
    if len(set(outputs)) == 1:
        found.append(Const(outputs[0]))
    return found


def _has_header_rows(examples: list[Example]) -> bool:
    """Both tables start with a row of names: text cells over a body whose cells hold digits."""
    for source, target in examples:
        if len(source) < 2 or len(target) < 2:
            return False
        if not (_looks_like_header(source) and _looks_like_names(target[0])):
            return False
    return True


def _looks_like_names(row: list[str]) -> bool:
    return all(cell.strip() for cell in row) and not any(_is_number(cell) for cell in row) and len(set(row)) == len(row)


def _looks_like_header(table: Table) -> bool:
    first, body = table[0], table[1:]
    if not _looks_like_names(first):
        return False
    for index, cell in enumerate(first):
        column = [row[index] for row in body if index < len(row) and row[index].strip()]
        if (
            column
            and not any(ch.isdigit() for ch in cell)
            and all(any(ch.isdigit() for ch in value) for value in column)
        ):
            return True
    return False


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


# --- failure reporting -------------------------------------------------------------------------


def _closest(examples: list[Example], deadline: float) -> Program:
    """The best partial guess: columns matched where possible, copied from the likeliest column otherwise."""
    aligned = _aligned(examples, skip=0)
    if aligned is None:
        return Program([])
    rows, outputs = aligned
    width = min(len(row) for row in rows)
    columns: list[Expr] = []
    for index in range(len(outputs[0])):
        wanted = [row[index] for row in outputs]
        learned = _learn_one(rows, wanted, deadline, thorough=False)
        columns.append(learned or _most_similar_column(rows, wanted, width))
    return Program([MapColumns(columns)])


def _most_similar_column(rows: list[list[str]], wanted: list[str], width: int) -> Expr:
    if width == 0:
        return Const("")
    scores = [sum(row[i] == value for row, value in zip(rows, wanted, strict=True)) for i in range(width)]
    return Column(max(range(width), key=lambda i: (scores[i], -i)))


def cell_differences(program: Program, examples: list[Example]) -> list[dict]:
    """Cells where the program's output differs from the expected output, example by example."""
    differences: list[dict] = []
    for number, (source, target) in enumerate(examples, 1):
        try:
            actual = program.apply(source)
        except Exception as exc:  # a candidate that does not fit is reported, not raised
            differences.append({"example": number, "row": None, "column": None, "expected": None, "actual": str(exc)})
            continue
        differences.extend(diff_tables(actual, target, example=number))
    return differences


def diff_tables(actual: Sequence[Sequence[str]], expected: Sequence[Sequence[str]], *, example: int = 1) -> list[dict]:
    """Every cell where `actual` differs from `expected` (1-based row and column; None for a missing cell)."""
    differences: list[dict] = []
    for r in range(max(len(actual), len(expected))):
        want = expected[r] if r < len(expected) else []
        got = actual[r] if r < len(actual) else []
        for c in range(max(len(want), len(got))):
            wanted = want[c] if c < len(want) else None
            value = got[c] if c < len(got) else None
            if wanted != value:
                differences.append({"example": example, "row": r + 1, "column": c + 1, "expected": wanted,
                                    "actual": value})  # fmt: skip
    return differences


__all__ = ["cell_differences", "diff_tables", "learn", "learn_map", "memorises"]
