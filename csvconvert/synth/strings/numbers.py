"""Numbers: found in a cell (currency signs and thousands separators cleaned), scaled, rounded,
combined arithmetically between columns, and re-formatted. Exact decimal arithmetic on
(mantissa, exponent) pairs, so no float noise reaches the output."""

from __future__ import annotations

import functools
import itertools
import math
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

from csvconvert.synth.core import Row
from csvconvert.synth.expr import Expr, register_expr
from csvconvert.synth.strings import runtime
from csvconvert.synth.strings.atoms import AtomPool
from csvconvert.synth.strings.concat import PART_COST, const_cost

Number = tuple[int, int]
Source = dict[str, Any]  # {"column": c, "index": n} or {"op": "add"|"sub"|"mul", "left": Source, "right": Source}
FORMATS = [("min", 0), ("keep", 0), *(("fix", d) for d in range(5)), *(("atleast", d) for d in (1, 2, 3)),
           *(("atmost", d) for d in range(4))]  # fmt: skip
QUANTA = [(m, e) for e in range(-3, 7) for m in (1, 2, 5, 25) if not (m == 25 and e > 3)]
SCALES = (0, 3, -3, 2, -2, 6, -6)
LAYOUTS = ((0, ""), (0, ","), (0, "eu"), (2, ""), (3, ""), (4, ""), (5, ""), (6, ""))
STYLES = [(decimals, places, width, grouping) for decimals, places in FORMATS for width, grouping in LAYOUTS]
COLLAPSE_PENALTY = 0.1
STYLES += [("align", places, width, "") for places in range(1, 6) for width in range(1, 6)]


@register_expr
class NumberFormat(Expr):
    """A number from the row, optionally scaled by a power of ten, negated and rounded to a
    multiple of `quantum` (plus `offset` quanta: the upper end of a bucket), then formatted."""

    name = "number_format"

    def __init__(
        self,
        source: Source,
        scale: int = 0,
        quantum: list | None = None,
        mode: str = "round",
        offset: int = 0,
        decimals: str = "min",
        places: int = 0,
        width: int = 0,
        grouping: str = "",
    ):
        self.source, self.scale, self.mode, self.offset = source, scale, mode, offset
        self.quantum = list(quantum) if quantum is not None else None
        self.decimals, self.places, self.width, self.grouping = decimals, places, width, grouping

    def number(self, row: Row) -> Number:
        value = source_value(self.source, row)
        return runtime.transform_number(value, self.scale, self.quantum, self.mode, self.offset)

    def evaluate(self, row: Row) -> str:
        return render(self.number(row), self.decimals, self.places, self.width, self.grouping)

    def params(self) -> dict[str, Any]:
        return {"source": self.source, "scale": self.scale, "quantum": self.quantum, "mode": self.mode,
                "offset": self.offset, "decimals": self.decimals, "places": self.places, "width": self.width,
                "grouping": self.grouping}  # fmt: skip

    def code(self) -> str:
        arguments = f"{self.scale}, {self.quantum!r}, {self.mode!r}, {self.offset}"
        number = f"transform_number({source_code(self.source)}, {arguments})"
        if self.decimals in ("B", "b"):
            return f"month_of_number({number}, {self.decimals!r})"
        return f"format_number({number}, {self.decimals!r}, {self.places}, {self.width}, {self.grouping!r})"

    def explain(self) -> str:
        text = f"the {describe_source(self.source)}"
        if self.scale:
            text += f" times 10^{self.scale}"
        if self.mode.startswith("-"):
            text += ", negated"
        if self.quantum is not None:
            step = runtime.format_number(tuple(self.quantum), "min", 0, 0, "")
            text += f", {self.mode.lstrip('-')}ed to a multiple of {step}"
            text += f" plus {self.offset} step" if self.offset else ""
        return text + f", written {describe_format(self.decimals, self.places, self.width, self.grouping)}"

    def helpers(self) -> list[Callable]:
        shown = runtime.month_of_number if self.decimals in ("B", "b") else runtime.format_number
        return [runtime.find_number, runtime.transform_number, runtime.number_arith, shown]

    @property
    def cost(self) -> float:
        return MIN_COST + source_cost(self.source) + transform_cost(self) + format_cost(self)


@functools.lru_cache(maxsize=1 << 16)
def render(number: Number, decimals: str, places: int, width: int, grouping: str) -> str:
    if decimals in ("B", "b"):
        return runtime.month_of_number(number, decimals)
    return runtime.format_number(number, decimals, places, width, grouping)


def source_value(source: Source, row: Row) -> Number:
    if "op" in source:
        return runtime.number_arith(source_value(source["left"], row), source_value(source["right"], row), source["op"])
    return runtime.find_number(row[source["column"]], source["index"])


def source_code(source: Source) -> str:
    if "op" in source:
        return f"number_arith({source_code(source['left'])}, {source_code(source['right'])}, {source['op']!r})"
    return f"find_number(row[{source['column']}], {source['index']})"


def describe_source(source: Source) -> str:
    if "op" in source:
        word = {"add": "sum", "sub": "difference", "mul": "product"}[source["op"]]
        return f"{word} of the {describe_source(source['left'])} and the {describe_source(source['right'])}"
    index = source["index"]
    which = "last" if index == -1 else f"number {index}" if index > 0 else f"number {-index} from the end"
    return f"{which} in column {source['column'] + 1}" if index != 1 else f"number in column {source['column'] + 1}"


def describe_format(decimals: str, places: int, width: int, grouping: str) -> str:
    if decimals in ("B", "b"):
        return "as a month name" if decimals == "B" else "as a short month name"
    text = {"min": "without trailing zeros", "keep": "with its own decimals", "fix": f"with {places} decimals",
            "atleast": f"with at least {places} decimals", "atmost": f"with at most {places} decimals",
            "align": f"aligned on its decimal point ({width} places before it, {places} after)"}[decimals]  # fmt: skip
    if width and decimals != "align":
        text += f", zero-padded to {width} digits"
    if grouping:
        text += ", with thousands separators" + (" in European style" if grouping == "eu" else "")
    return text


def source_cost(source: Source) -> float:
    if "op" in source:
        return 1.0 + source_cost(source["left"]) + source_cost(source["right"])
    index = source["index"]
    return 0.0 if index == 1 else 0.05 if index == -1 else 0.1 * (abs(index) - 1) + 0.05


def transform_cost(expr: NumberFormat) -> float:
    cost = 0.5 * bool(expr.scale) + 2.5 * expr.mode.startswith("-")
    if expr.quantum is not None:
        mode = expr.mode.lstrip("-")
        step, exponent = expr.quantum
        cost += (
            0.4
            + 0.1 * (mode != "round")
            + 0.1 * (step != 1)
            + 0.3 * bool(expr.offset) * (1 + (mode != "floor"))
            + 0.01 * abs(exponent)
        )
    return cost


def format_cost(expr: NumberFormat) -> float:
    # Keeping the number as written is the natural copy; after a transform its decimals are arbitrary.
    untouched = expr.quantum is None and not expr.scale
    keep = 0.0 if untouched else 0.3
    base = {"min": 0.05, "keep": keep, "fix": 0.1, "align": 0.5, "atleast": 0.3, "atmost": 0.3, "B": 0.5, "b": 0.5}[
        expr.decimals
    ]
    return base + 0.02 * expr.places + 0.3 * bool(expr.width) + 0.2 * bool(expr.grouping)


# --- learning -----------------------------------------------------------------------------------
NUMBER_TEXT = re.compile(r"-?[0-9][0-9,.]*|-?\.[0-9]+")


def offer_numbers(pool: AtomPool, deadline: float, *, limit: float = math.inf, plain: bool = False) -> None:
    """Offer numbers from the row, transformed and formatted, whose values fit the outputs.

    `limit`: pieces that would cost more (with their PART_COST) are not offered, since a
    concatenation that cheap is already known. `plain`: no scaling or rounding, formats only.
    """
    # A rendered number is never empty: every output must hold digits or a month name.
    if not all(any(char.isdigit() for char in output) or _has_month_name(output) for output in pool.outputs):
        return
    targets = [_numbers_in_output(output) for output in pool.outputs]
    transforms = TRANSFORMS[:1] if plain else TRANSFORMS
    for source, values in _sources(pool.rows):
        seen: set[tuple[Number, ...]] = set()
        reachable = _within_reach(values[0], targets[0])
        floor = MIN_COST + source_cost(source) + PART_COST
        for transform, cost in zip(transforms, TRANSFORM_COSTS, strict=False):
            if time.monotonic() > deadline:
                return
            if floor + cost > limit:
                break  # transforms come cheapest first
            if transform == IDENTITY or reachable(transform):
                _offer_transformed(pool, source, values, transform, targets, seen)


def _within_reach(first: Number, targets: set[Number]) -> Callable[[tuple], bool]:
    """Whether a transform can bring the first row's number near (see _near: within 0.5) one of the
    numbers in its output. Rounding to a quantum, plus `offset` quanta, moves a number by at most
    (1 + offset) quanta, so a scaled number farther than that from every target is out of reach.
    A cheap float bound that only skips transforms, never admits one."""
    try:
        start = float(first[0]) * 10.0 ** first[1]
        goals = [float(mantissa) * 10.0**exponent for mantissa, exponent in targets]
    except OverflowError:
        return lambda transform: True
    distance = {
        (scale, sign): min((abs(sign * start * 10.0**scale - goal) for goal in goals), default=math.inf)
        for scale in SCALES
        for sign in (1, -1)
    }

    def reachable(transform: tuple) -> bool:
        scale, quantum, mode, offset = transform
        slack = 0.5 + (quantum[0] * 10.0 ** quantum[1] * (1 + offset) if quantum is not None else 0.0)
        gap = distance[scale, -1 if mode.startswith("-") else 1]
        return gap <= slack + 1e-9 * (1.0 + abs(start) * 10.0**scale)

    return reachable


def _has_month_name(text: str) -> bool:
    return any(runtime.month_of_number((n, 0), "b") in text for n in range(1, 13))


def _numbers_in_output(output: str) -> set[Number]:
    """Canonical values of every number-like piece of the output (both decimal conventions)."""
    found: set[Number] = set()
    for i, j in itertools.combinations(range(len(output) + 1), 2):
        piece = output[i:j]
        if piece[-1:].isdigit() and NUMBER_TEXT.fullmatch(piece):
            for text in (piece.replace(",", ""), piece.replace(".", "").replace(",", ".")):
                if text.count(".") <= 1 and text.strip("-."):
                    found.add(canonical(runtime.decimal_parts(text)))
    return found


def canonical(number: Number) -> Number:
    mantissa, exponent = number
    if mantissa == 0:
        return 0, 0
    while mantissa % 10 == 0:
        mantissa, exponent = mantissa // 10, exponent + 1
    return mantissa, exponent


def _sources(rows: list[Row]) -> Iterator[tuple[Source, list[Number]]]:
    singles: list[tuple[Source, list[Number]]] = []
    seen: set[tuple] = set()
    for column in range(len(rows[0])):
        for index in (1, 2, 3, 4, -1, -2):
            source = {"column": column, "index": index}
            values = _values(source, rows)
            if values is not None and tuple(values) not in seen:
                seen.add(tuple(values))
                singles.append((source, values))
    yield from singles
    for (left, _), (right, _) in itertools.permutations(singles[:6], 2):
        if left["column"] != right["column"]:
            for op in ("add", "sub", "mul"):
                source = {"op": op, "left": left, "right": right}
                values = _values(source, rows)
                if values is not None:
                    yield source, values


def _values(source: Source, rows: list[Row]) -> list[Number] | None:
    try:
        return [source_value(source, row) for row in rows]
    except ValueError:
        return None


def _all_transforms() -> list[tuple[int, list | None, str, int]]:
    transforms = [(scale, None, sign + "round", 0) for scale in SCALES for sign in ("", "-")]
    transforms += [(scale, list(quantum), sign + mode, offset) for scale in SCALES for sign in ("", "-")
                   for quantum in QUANTA for mode in ("round", "floor", "ceil") for offset in (0, 1)]  # fmt: skip
    # Cheapest first: a transform is skipped when an earlier one gave the same numbers.
    return sorted(transforms, key=lambda transform: transform_cost(NumberFormat({}, *transform)))


TRANSFORMS = _all_transforms()
TRANSFORM_COSTS = [transform_cost(NumberFormat({}, *transform)) for transform in TRANSFORMS]
IDENTITY = (0, None, "round", 0)
assert TRANSFORMS[0] == IDENTITY
MIN_COST = 2.0  # NumberFormat.cost without its source, transform and format costs


def _offer_transformed(pool: AtomPool, source: Source, values: list[Number], transform: tuple,
                       targets: list[set[Number]], seen: set[tuple[Number, ...]]) -> None:  # fmt: skip
    """Offer every format of the transformed numbers, unless an earlier (cheaper) transform gave the same."""
    scale, quantum, mode, offset = transform
    identity = transform == IDENTITY
    # The first row alone rejects most transforms: no need to transform every row for them.
    if not identity and not _near(runtime.transform_number(values[0], *transform), targets[0]):
        return
    numbers = [runtime.transform_number(value, scale, quantum, mode, offset) for value in values]
    if tuple(numbers) in seen:
        return
    seen.add(tuple(numbers))
    if identity and all(_month_number(number) for number in numbers):
        for style in ("B", "b"):
            _offer_format(pool, source, transform, numbers, (style, 0, 0, ""), values)
    if not all(_near(number, target) for number, target in zip(numbers, targets, strict=True)):
        return
    for style in STYLES:
        if render(numbers[0], *style) in pool.pieces[0]:
            _offer_format(pool, source, transform, numbers, style, values)


def _month_number(number: Number) -> bool:
    mantissa, exponent = canonical(number)
    return exponent >= 0 and 1 <= mantissa * 10**exponent <= 12


def _near(number: Number, target: set[Number]) -> bool:
    if canonical(number) in target:
        return True
    return any(canonical((runtime._rounded_to(*number, places), -places)) in target for places in range(5))


def _offer_format(pool: AtomPool, source: Source, transform: tuple, numbers: list[Number], style: tuple,
                  source_values: list[Number]) -> None:  # fmt: skip
    values = tuple(render(number, *style) for number in numbers)
    if pool.fits(values):
        scale, quantum, mode, offset = transform
        expr = NumberFormat(source, scale, quantum, mode, offset, *style)
        pool.offer(expr, values, _cost(expr, values, source_values))


def _cost(expr: NumberFormat, values: tuple[str, ...], source_values: list[Number]) -> float:
    """Arithmetic that turns different numbers into one and the same text is a constant in disguise:
    it is no simpler than writing that constant (and less general), so it costs a little more."""
    collapses = len(set(values)) == 1 and len({canonical(value) for value in source_values}) > 1
    return max(expr.cost, const_cost(values[0]) + COLLAPSE_PENALTY) if collapses else expr.cost
