"""Token classes and the position expressions built on them (Flash Fill's position logic).

A position is a JSON list understood by `runtime.text_position`: ['abs', n] or
['tok', pattern, occurrence, side]. Learning evaluates every position on all example cells at
once and keeps, per tuple of indices, the cheapest position naming it.
"""

from __future__ import annotations

import re

Position = list  # ['abs', n] | ['tok', pattern, occurrence, side]

# Pattern -> (cost, words). Cheaper classes are preferred when several explain the examples.
TOKEN_CLASSES: dict[str, tuple[float, str]] = {
    "[0-9]+": (0.2, "number"),
    "[A-Za-z]+": (0.2, "word"),
    "\\s+": (0.25, "space"),
    "[A-Z]+": (0.3, "run of capitals"),
    "[a-z]+": (0.3, "run of lower-case letters"),
    "[A-Z][a-z]+": (0.3, "capitalized word"),
    "[A-Za-z0-9]+": (0.3, "alphanumeric run"),
    "\\S+": (0.35, "run of non-space characters"),
    "[0-9]+(?:[-./:][0-9]+)+": (0.4, "group of numbers (like a phone number or date)"),
}
PUNCTUATION_COST = 0.2
WORD_AROUND = "\\S*{}\\S*"  # the run of non-space characters holding a punctuation mark: 'l@x.com'
AROUND_COST = 0.35
MAX_OCCURRENCE = 12
MAX_OFFSET = 3
OFFSET_COST = 0.6


def token_patterns(cells: list[str]) -> dict[str, float]:
    """Token classes plus every punctuation character of the cells, each with its cost."""
    patterns = {pattern: cost for pattern, (cost, _) in TOKEN_CLASSES.items()}
    for char in sorted({char for cell in cells for char in cell if not char.isalnum() and not char.isspace()}):
        patterns[re.escape(char)] = PUNCTUATION_COST
        patterns[WORD_AROUND.format(re.escape(char))] = AROUND_COST
    return patterns


def describe_token(pattern: str) -> str:
    if pattern in TOKEN_CLASSES:
        return TOKEN_CLASSES[pattern][1]
    mark = WORD_AROUND.format("")
    if pattern.startswith(mark[:3]) and pattern.endswith(mark[3:]) and len(pattern) > len(mark):
        return f"run of non-space characters holding {describe_token(pattern[3:-3])}"
    return repr(re.sub(r"\\(.)", r"\1", pattern))


def positions(cells: list[str]) -> dict[tuple[int, ...], tuple[float, Position]]:
    """Every position that exists in all `cells`, keyed by its index in each cell."""
    table: dict[tuple[int, ...], tuple[float, Position]] = {}

    def offer(key: tuple[int, ...], cost: float, pos: Position) -> None:
        if key not in table or cost < table[key][0]:
            table[key] = (cost, pos)

    for key, cost, pos in _absolute_positions(cells):
        offer(key, cost, pos)
    for pattern, token_cost in token_patterns(cells).items():
        for key, cost, pos in _token_positions(cells, pattern, token_cost):
            offer(key, cost, pos)
    return table


def _absolute_positions(cells: list[str]):
    shortest = min(len(cell) for cell in cells)
    for n in range(shortest + 1):
        yield tuple(n for _ in cells), (0.0 if n == 0 else 1.0 + 0.05 * n), ["abs", n]
        yield tuple(len(cell) - n for cell in cells), (0.0 if n == 0 else 1.05 + 0.05 * n), ["abs", -1 - n]


def _token_positions(cells: list[str], pattern: str, token_cost: float):
    spans = [[match.span() for match in re.finditer(pattern, cell)] for cell in cells]
    count = min(len(found) for found in spans)
    for number in range(1, min(count, MAX_OCCURRENCE) + 1):
        for occurrence, index in ((number, number - 1), (-number, -number)):
            cost = token_cost + 0.15 * (number - 1) + (0.05 if occurrence < 0 else 0.0)
            for side, end in (("start", 0), ("end", 1)):
                key = tuple(found[index][end] for found in spans)
                pos = ["tok", pattern, occurrence, side]
                yield key, cost + (0.05 if side == "end" else 0.0), pos
                if number <= 2:
                    yield from _offsets(cells, key, cost, pos, 1 if side == "start" else -1)


def _offsets(cells: list[str], key: tuple[int, ...], cost: float, pos: Position, direction: int):
    """A few characters after a token's start (or before its end): 'the first 3 letters of the word'."""
    for n in range(1, MAX_OFFSET + 1):
        shifted = tuple(index + direction * n for index in key)
        if all(0 <= index <= len(cell) for index, cell in zip(shifted, cells, strict=True)):
            yield shifted, cost + OFFSET_COST + 0.1 * n, ["off", pos, direction * n]


def describe_position(pos: Position) -> str:
    if pos[0] == "off":
        n = pos[2]
        return f"{abs(n)} characters {'after' if n > 0 else 'before'} {describe_position(pos[1])}"
    if pos[0] == "abs":
        n = pos[1]
        if n == 0:
            return "the start"
        if n == -1:
            return "the end"
        return f"character {n}" if n > 0 else f"{-1 - n} characters before the end"
    _, pattern, occurrence, side = pos
    which = (
        _ordinal(occurrence) if occurrence > 0 else ("last" if occurrence == -1 else f"{_ordinal(-occurrence)} last")
    )
    return f"the {side} of the {which} {describe_token(pattern)}"


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
