"""The pool of candidate pieces: expressions whose value on every example occurs in its output.

Pieces are compared by their tuple of values on the examples; among pieces with the same
values only the cheapest is kept, since the examples cannot tell them apart.
"""

from __future__ import annotations

from collections.abc import Callable

from csvconvert.synth.expr import Expr

Values = tuple[str, ...]


def substrings_of(text: str) -> set[str]:
    return {text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1)}


class AtomPool:
    def __init__(self, rows: list[list[str]], outputs: list[str]):
        self.rows = rows
        self.outputs = outputs
        self.pieces = [substrings_of(output) | {""} for output in outputs]
        self.best: dict[Values, tuple[float, Expr]] = {}

    def fits(self, values: Values) -> bool:
        return any(values) and all(value in pieces for value, pieces in zip(values, self.pieces, strict=True))

    def offer(self, expr: Expr, values: Values, cost: float) -> bool:
        """Keep `expr` if its values fit the outputs and nothing cheaper has the same values."""
        if not self.fits(values):
            return False
        known = self.best.get(values)
        if known is None or cost < known[0]:
            self.best[values] = (cost, expr)
        return True

    def offer_evaluated(self, expr: Expr, cost: float) -> bool:
        values = evaluate_all(expr, self.rows)
        return values is not None and self.offer(expr, values, cost)

    def by_first_value(self) -> dict[str, list[tuple[Values, float, Expr]]]:
        index: dict[str, list[tuple[Values, float, Expr]]] = {}
        for values, (cost, expr) in self.best.items():
            index.setdefault(values[0], []).append((values, cost, expr))
        return index


def evaluate_all(expr: Expr | Callable[[list[str]], str], rows: list[list[str]]) -> Values | None:
    """The expression's value on every row, or None when it does not fit one of them."""
    run = expr.evaluate if isinstance(expr, Expr) else expr
    try:
        return tuple(run(row) for row in rows)
    except (ValueError, IndexError, KeyError, TypeError, ZeroDivisionError, OverflowError):
        return None
