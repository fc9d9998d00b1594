"""learn_column: the cell-value learner's entry point.

Order of preference: one rule for all examples (a concatenation of pieces of the input,
dates, numbers and constants); only when none exists, a conditional (a rule per input shape)
or a value mapping, whichever is simpler.
"""

from __future__ import annotations

import math
import time

from csvconvert.synth.expr import Expr
from csvconvert.synth.strings.atoms import AtomPool, Values, evaluate_all
from csvconvert.synth.strings.blanks import with_blank_rule
from csvconvert.synth.strings.buckets import harmonize
from csvconvert.synth.strings.concat import cheapest_concat, cheapest_path, part_cost
from csvconvert.synth.strings.conditional import learn_conditional
from csvconvert.synth.strings.dates import offer_dates
from csvconvert.synth.strings.mapping import learn_lookups
from csvconvert.synth.strings.numbers import offer_numbers
from csvconvert.synth.strings.ranges import learn_ranges
from csvconvert.synth.strings.substrings import offer_substrings

MAX_CANDIDATES = 10
ALTERNATIVES = 4


def learn_column(rows: list[list[str]], outputs: list[str], *, deadline: float, thorough: bool = True) -> list[Expr]:
    """Expressions that turn every example row into its output, best (simplest, most general) first.

    `thorough=False` is for maps learned after a restructuring, which the table search asks for
    at many states: single rules only (no lookups, ranges or conditionals, which could memorise
    whatever cells the restructuring left over) and numbers reformatted but not rescaled or rounded.
    """
    if not rows or len(rows) != len(outputs) or not rows[0]:
        return []
    candidates = _single_rules(rows, outputs, deadline, thorough)
    if not candidates and thorough:
        candidates = _fallbacks(rows, outputs, deadline)
    consistent = [expr for expr in candidates if evaluate_all(expr, rows) == tuple(outputs)]
    return [with_blank_rule(expr, rows, outputs) for expr in _ranked(consistent)[:MAX_CANDIDATES]]


def build_pool(rows: list[list[str]], outputs: list[str], deadline: float, thorough: bool = True) -> AtomPool:
    pool = AtomPool(rows, outputs)
    offer_substrings(pool, deadline)
    offer_dates(pool, deadline)
    # Branch and bound: numbers are the largest family of pieces; one that costs more than the
    # cheapest concatenation already possible cannot be part of the cheapest one.
    known = cheapest_path(pool, deadline)
    offer_numbers(pool, deadline, limit=known[0] if known else math.inf, plain=not thorough)
    return pool


def _single_rules(rows: list[list[str]], outputs: list[str], deadline: float, thorough: bool = True) -> list[Expr]:
    """The cheapest concatenation, then alternatives that avoid one of its pieces each."""
    pool = build_pool(rows, outputs, deadline, thorough)
    best = cheapest_concat(pool, deadline)
    if best is None:
        return []
    found = [harmonize(best, rows)]
    for values in _piece_values(best, rows)[:ALTERNATIVES]:
        if time.monotonic() > deadline:
            break
        other = cheapest_concat(pool, deadline, frozenset({values}))
        if other is not None:
            found.append(harmonize(other, rows))
    return found


def _piece_values(expr: Expr, rows: list[list[str]]) -> list[Values]:
    parts = getattr(expr, "parts", [expr])
    return [values for part in parts if (values := evaluate_all(part, rows)) is not None]


def _fallbacks(rows: list[list[str]], outputs: list[str], deadline: float) -> list[Expr]:
    learned: dict[tuple[int, ...], Expr | None] = {}

    def single(indices: list[int]) -> Expr | None:
        # A branch explains a part of the examples, often one row: rescaling or rounding a number
        # fitted to so little is a guess (and the search for it the costliest), so branches
        # keep numbers as they are, reformatted at most.
        key = tuple(indices)
        if key not in learned:
            found = _single_rules([rows[i] for i in indices], [outputs[i] for i in indices], deadline, False)
            learned[key] = found[0] if found else None
        return learned[key]

    found = learn_lookups(rows, outputs) + learn_ranges(rows, outputs)
    if len(rows) > 1:
        conditional = learn_conditional(rows, single, deadline)
        found += [conditional] if conditional is not None else []
    return found


def _ranked(exprs: list[Expr]) -> list[Expr]:
    unique = list(dict.fromkeys(exprs))
    return sorted(unique, key=part_cost)
