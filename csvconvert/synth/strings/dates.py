"""Dates and times: parsed from many spellings, optionally rounded into time buckets, re-spelled."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from csvconvert.synth.core import Row
from csvconvert.synth.expr import Column, Expr, expr_from_json, expr_to_json, register_expr
from csvconvert.synth.strings import runtime
from csvconvert.synth.strings.atoms import AtomPool
from csvconvert.synth.strings.substrings import CASE_MODES, Case

ORDERS = {"mdy": 0.0, "dmy": 0.05, "ymd": 0.05, "ydm": 0.3, "hm": 0.1}
# Unpadded spellings come first: when the examples cannot tell, the first offered is kept.
DATE_FIELDS = {"Y": "year", "y": "two-digit year", "n": "month number", "m": "month number (2 digits)",
               "j": "day", "d": "day (2 digits)", "B": "month name", "b": "short month name", "A": "weekday",
               "a": "short weekday", "q": "quarter", "V": "ISO week", "VV": "ISO week (2 digits)",
               "U": "week of the year (from Sunday)", "w": "week of the month", "J": "day of the year"}  # fmt: skip
TIME_FIELDS = {"k": "hour (24h)", "H": "hour (24h, 2 digits)", "l": "hour (12h)", "I": "hour (12h, 2 digits)",
               "M": "minutes", "S": "seconds", "p": "AM/PM", "P": "am/pm", "lp": "hour with AM/PM",
               "lP": "hour with am/pm", "l:Mp": "clock time (12h)", "l:M p": "clock time (12h)",
               "l:MP": "clock time (12h)", "l:M:Sp": "clock time with seconds (12h)",
               "l:M:S p": "clock time with seconds (12h)", "k:M": "clock time (24h)", "H:M": "clock time (24h)",
               "H:M:S": "clock time with seconds (24h)", "k:M:S": "clock time with seconds (24h)"}  # fmt: skip
MINUTE = 60
BUCKET_MINUTES = (5, 10, 15, 20, 30, 60, 90, 120, 180, 240, 360, 720)


@register_expr
class DateField(Expr):
    """One field of the date/time in a cell, e.g. its month name, or the hour its time rounds to.

    `shift` = [size, phase, mode, offset] (seconds): the time of day is rounded ('floor', 'ceil'
    or 'round') to a multiple of `size` counted from `phase`, then `offset` is added.
    """

    name = "date_field"

    def __init__(self, source: Expr, order: str, field: str, shift: list | None = None):
        self.source, self.order, self.field = source, order, field
        self.shift = list(shift) if shift is not None else None

    def evaluate(self, row: Row) -> str:
        moment = runtime.parse_datetime(self.source.evaluate(row), self.order)
        if self.shift is not None:
            moment = runtime.shift_time(moment, *self.shift)
        return runtime.date_field(moment, self.field)

    def params(self) -> dict[str, Any]:
        return {"source": expr_to_json(self.source), "order": self.order, "field": self.field, "shift": self.shift}

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> DateField:
        return cls(expr_from_json(params["source"]), params["order"], params["field"], params.get("shift"))

    def code(self) -> str:
        moment = f"parse_datetime({self.source.code()}, {self.order!r})"
        if self.shift is not None:
            moment = f"shift_time({moment}, {', '.join(repr(item) for item in self.shift)})"
        return f"date_field({moment}, {self.field!r})"

    def explain(self) -> str:
        what = DATE_FIELDS.get(self.field) or TIME_FIELDS[self.field]
        text = f"the {what} of the date/time in {self.source.explain()}"
        if self.shift is not None:
            size, phase, mode, offset = self.shift
            text += f", its time {mode}ed to {size // MINUTE}-minute steps"
            text += f" from {phase // MINUTE} minutes past midnight" if phase else ""
            text += f" plus {offset} seconds" if offset else ""
        return text

    def helpers(self) -> list[Callable]:
        helpers = [runtime.parse_datetime, runtime.date_field, *self.source.helpers()]
        return helpers + ([runtime.shift_time] if self.shift is not None else [])

    @property
    def cost(self) -> float:
        return 1.2 + 0.2 * self.source.cost + ORDERS[self.order] + shift_cost(self.shift) + 0.2 * (len(self.field) > 1)


def shift_cost(shift: list | None) -> float:
    if shift is None:
        return 0.0
    size, phase, mode, offset = shift
    rank = BUCKET_MINUTES.index(size // MINUTE) if size // MINUTE in BUCKET_MINUTES else len(BUCKET_MINUTES)
    return 0.5 + 0.02 * rank + 0.2 * (mode != "floor") + 0.3 * (phase != 0) + 0.15 * (offset not in (0, size))


def shifts() -> Iterator[list]:
    for minutes in BUCKET_MINUTES:
        size = minutes * MINUTE
        phases = range(0, size, 30 * MINUTE) if 60 <= minutes <= 120 else (0, 60 * MINUTE) if minutes > 120 else (0,)
        for phase in phases:
            for offset in (0, size, size - MINUTE, size - 1):
                yield [size, phase, "floor", offset]
            yield [size, phase, "ceil", 0]
            yield [size, phase, "round", 0]


# --- learning -----------------------------------------------------------------------------------
def offer_dates(pool: AtomPool, deadline: float) -> None:
    for column in range(len(pool.rows[0])):
        seen: set[tuple] = set()
        for order in ORDERS:
            moments = _parse_all([row[column] for row in pool.rows], order)
            if moments is None or moments in seen:
                continue
            seen.add(moments)
            if time.monotonic() > deadline:
                return
            _offer_fields(pool, Column(column), order, moments)


def _parse_all(cells: list[str], order: str) -> tuple | None:
    try:
        return tuple(runtime.parse_datetime(cell, order) for cell in cells)
    except ValueError:
        return None


def _offer_fields(pool: AtomPool, source: Expr, order: str, moments: tuple) -> None:
    if all(moment[0] is not None for moment in moments):
        for field in DATE_FIELDS:
            _offer(pool, DateField(source, order, field), [runtime.date_field(m, field) for m in moments])
    if all(moment[3] is not None for moment in moments):
        for shift in [None, *shifts()]:
            shifted = moments if shift is None else [runtime.shift_time(m, *shift) for m in moments]
            for field in TIME_FIELDS:
                values = [runtime.date_field(m, field) for m in shifted]
                _offer(pool, DateField(source, order, field, shift), values)


def _offer(pool: AtomPool, expr: DateField, values: list[str]) -> None:
    cost = expr.cost
    if pool.offer(expr, tuple(values), cost) or not any(value.isalpha() for value in values):
        return
    for mode in CASE_MODES[:2]:
        pool.offer(Case(expr, mode), tuple(runtime.change_case(value, mode) for value in values), cost + 0.5)
