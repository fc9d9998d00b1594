"""Make the date and number pieces of one output agree where the examples cannot tell.

The pieces of a range share one bucket: '10AM-12PM' is the start and end of one two-hour
bucket, not a rounded hour and some other step that happens to fit the examples. And date
numbers are padded alike: in '01312031' the day is padded because the month is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from csvconvert.synth.core import Row
from csvconvert.synth.expr import Expr, expr_to_json
from csvconvert.synth.strings.atoms import evaluate_all
from csvconvert.synth.strings.concat import Concat
from csvconvert.synth.strings.dates import TIME_FIELDS, DateField, shifts
from csvconvert.synth.strings.numbers import NumberFormat

Rebuild = Callable[[Expr, tuple], list[Expr]]


def harmonize(expr: Expr, rows: list[Row]) -> Expr:
    if not isinstance(expr, Concat):
        return expr
    parts = list(expr.parts)
    _pad_alike(parts, rows)
    _unify(parts, rows, _date_groups(parts), _date_buckets(), _date_variants)
    for group in _number_groups(parts):
        own = {(tuple(parts[i].quantum), parts[i].mode) for i in group if parts[i].quantum is not None}
        _unify(parts, rows, [group], sorted(own), _number_variants)
    return Concat(parts)


def _unify(parts: list[Expr], rows: list[Row], groups: list[list[int]], buckets: Iterable[tuple], rebuild: Rebuild):
    """Give every part of each group the cheapest bucket that keeps all their values."""
    buckets = list(buckets)
    for group in groups:
        best: tuple[float, list[Expr]] | None = None
        for bucket in buckets:
            chosen = [_same_values(parts[i], rebuild(parts[i], bucket), rows) for i in group]
            if all(chosen):
                cost = sum(part.cost for part in chosen)
                if best is None or cost < best[0]:
                    best = cost, chosen
        if best is not None:
            for index, part in zip(group, best[1], strict=True):
                parts[index] = part


def _same_values(part: Expr, variants: list[Expr], rows: list[Row]) -> Expr | None:
    wanted = evaluate_all(part, rows)
    return next((variant for variant in variants if evaluate_all(variant, rows) == wanted), None)


def _date_groups(parts: list[Expr]) -> list[list[int]]:
    groups: dict[str, list[int]] = {}
    for index, part in enumerate(parts):
        if isinstance(part, DateField) and part.field in TIME_FIELDS:
            groups.setdefault(repr((expr_to_json(part.source), part.order)), []).append(index)
    return [group for group in groups.values() if len(group) > 1 and any(parts[i].shift for i in group)]


def _date_buckets() -> list[tuple]:
    return list(dict.fromkeys((size, phase, mode) for size, phase, mode, _ in shifts()))


def _date_variants(part: DateField, bucket: tuple) -> list[Expr]:
    size, phase, mode = bucket
    offsets = (0, size, size - 60, size - 1) if mode == "floor" else (0,)
    return [DateField(part.source, part.order, part.field, [size, phase, mode, offset]) for offset in offsets]


def _number_groups(parts: list[Expr]) -> list[list[int]]:
    groups: dict[str, list[int]] = {}
    for index, part in enumerate(parts):
        if isinstance(part, NumberFormat):
            groups.setdefault(repr((part.source, part.scale)), []).append(index)
    return [group for group in groups.values() if len(group) > 1 and any(parts[i].quantum for i in group)]


def _number_variants(part: NumberFormat, bucket: tuple) -> list[Expr]:
    quantum, mode = bucket
    return [NumberFormat(part.source, part.scale, list(quantum), mode, offset, part.decimals, part.places,
                         part.width, part.grouping) for offset in (0, 1)]  # fmt: skip


PADDED = {"n": "m", "j": "d", "k": "H", "l": "I"}


def _pad_alike(parts: list[Expr], rows: list[Row]) -> None:
    """Where some date number must be zero-padded, pad the ones the examples leave open too."""
    open_parts, forced_padding = [], False
    for index, part in enumerate(parts):
        if isinstance(part, DateField) and (part.field in PADDED or part.field in PADDED.values()):
            padded = PADDED.get(part.field, part.field)
            unpadded = next(key for key, value in PADDED.items() if value == padded)
            if _same_values(part, [_with_field(part, unpadded)], rows) is None:
                forced_padding = True
            elif _same_values(part, [_with_field(part, padded)], rows) is not None:
                open_parts.append((index, padded))
    if forced_padding:
        for index, padded in open_parts:
            parts[index] = _with_field(parts[index], padded)


def _with_field(part: DateField, field: str) -> DateField:
    return DateField(part.source, part.order, field, part.shift)
