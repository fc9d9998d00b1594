"""Rules that read row conditions: comparisons ("under $500", "at least 4 stars"), ranges, years and dates,
emptiness ("with no email"), text search ("containing 'error'") and equality ("where status is shipped").
Each adds an expression to the draft; named_values.py reads states and places.

Which column a condition is about: the phrase before it when it names a column (or, columns unknown, when a
cue word introduces it, "with rating above 4", or it reads as a field, "price below 500", not as the rows,
"flights under 500"); else a concept implied by a verb ("priced"), a comparison ("cheaper than") or a unit
("4 stars", "500 dollars", "2 hours", converted to the column's unit: "under 2 hours" on duration_minutes is
"< 120"); else a counted noun ("more than 2 stops"); else, for a bare amount ("over 100"), the price.
"""

from __future__ import annotations

import re

from agentrunner.requests_parser.columns import column_words, singular
from agentrunner.requests_parser.draft import (
    Before,
    Draft,
    clause_ends,
    column_after,
    column_before,
    equals,
    ident,
    literal,
    looks_singular,
    reads_as_field,
    values_at,
)
from agentrunner.requests_parser.text import (
    MONTHS,
    NUM,
    TIME_UNITS,
    WEEKDAYS,
    alternation,
    is_stop,
    parse_number,
    rx,
)

_OPERATORS: dict[str, str] = {
    "under": "<", "below": "<", "less than": "<", "lower than": "<", "fewer than": "<", "smaller than": "<",
    "shorter than": "<", "cheaper than": "<", "beneath": "<", "<": "<",
    "at most": "<=", "no more than": "<=", "not more than": "<=", "up to": "<=", "maximum of": "<=",
    "max of": "<=", "<=": "<=",
    "over": ">", "above": ">", "more than": ">", "greater than": ">", "higher than": ">", "bigger than": ">",
    "larger than": ">", "longer than": ">", "exceeding": ">", "exceeds": ">", "more expensive than": ">",
    "pricier than": ">", "older than": ">", ">": ">", "younger than": "<",
    "at least": ">=", "no less than": ">=", "not less than": ">=", "minimum of": ">=", "min of": ">=", ">=": ">=",
    "equal to": "==", "equals": "==", "exactly": "==", "=": "==", "==": "==", "!=": "!=", "not equal to": "!=",
}  # fmt: skip
_OPERATOR_CONCEPTS = {"cheaper than": "price", "more expensive than": "price", "pricier than": "price",
                      "longer than": "duration", "shorter than": "duration", "older than": "age",
                      "younger than": "age"}  # fmt: skip
_UNIT_CONCEPTS = {
    "dollars": "price", "dollar": "price", "usd": "price", "euros": "price", "euro": "price", "eur": "price",
    "pounds": "price", "bucks": "price", "percent": "percent", "stars": "rating", "star": "rating",
    "points": "rating", "seconds": "duration", "secs": "duration", "minutes": "duration", "mins": "duration",
    "hours": "duration", "hrs": "duration", "days": "duration", "km": "distance", "miles": "distance",
    "kg": "weight", "lbs": "weight", "years": "age", "yrs": "age",
}  # fmt: skip
_UNIT = r"(?:\s+(?P<unit>[A-Za-z]\w*))?"
_COMPARISON = rx(rf"(?<![\w<>=!])(?P<op>{alternation(*_OPERATORS)})\s+(?P<num>{NUM}){_UNIT}")
_OR_MORE = rx(
    rf"(?<![\w.])(?P<num>{NUM}){_UNIT}\s+or\s+(?P<dir>more|greater|higher|above|over|better|less|fewer|lower|"
    r"below|under|worse)\b(?:\s+(?P<unit2>[A-Za-z]\w*))?"
)
_BETWEEN = rx(rf"\b(?:between|from)\s+(?P<a>{NUM})(?:\s+(?:dollars|percent))?\s+(?:and|to)\s+(?P<b>{NUM}){_UNIT}")
_YEAR = rx(
    r"\b(?P<prep>in|during|for|from|of|before|after|since|until|till|through|prior\s+to|as\s+of)\s+"
    r"(?:the\s+year\s+)?(?P<year>(?:19|20)\d\d)(?![\w.])(?!\s+(?:dollars|percent))"
)
_MONTH = rx(rf"\b(?:in|during)\s+(?P<month>{MONTHS})(?:\s+(?P<year>(?:19|20)\d\d))?\b")
_ISO_DATE = rx(r"\b(?P<prep>on|before|after|since|until|till|from|as\s+of|prior\s+to)\s+(?P<date>\d{4}-\d{2}-\d{2})\b")
_YEAR_OPERATORS = {"before": "<", "prior to": "<", "after": ">", "since": ">=", "as of": ">=", "until": "<=",
                   "till": "<=", "through": "<=", "on": "=="}  # fmt: skip
_RELATIVE_TIME = rx(
    rf"\b(?:today|tonight|yesterday|tomorrow|this\s+(?:week|weekend|month|year|quarter|morning|afternoon|evening)|"
    rf"(?:last|past|previous|next|coming)\s+(?:{NUM}\s+)?(?:{TIME_UNITS}|{WEEKDAYS})|"
    rf"{NUM}\s+{TIME_UNITS}\s+ago|(?:on|since|before|after|until|from)\s+(?:last\s+)?(?:{WEEKDAYS})|"
    r"so\s+far|to\s+date|year\s+to\s+date|ytd|q[1-4])\b"
)
_NULL_PREFIX = rx(
    r"\b(?:(?:with|having|has|have|had)\s+no|without(?:\s+(?:an?|any))?|missing(?:\s+(?:an?|the|their))?|"
    r"lacking(?:\s+an?)?)\s+"
)
_NULL_SUFFIX = rx(r"\s+(?:is|are)\s+(?P<neg>not\s+)?(?:null|empty|missing|blank|unset|none|nan)\b")
_PRESENT_PREFIX = rx(r"\b(?:with|having|has|have)\s+(?:an?|some)\s+")
_CONTAINS = rx(
    r"\b(?:contains?|containing|mentions?|mentioning|includes?|including|matching|matches|like|with)\s+"
    r"(?:the\s+(?:word|text|string|phrase|term)\s+)?«(?P<quoted>\d+)»(?P<in>\s+in\s+(?:the\s+|its\s+|their\s+)?)?"
)
_CONTAINS_WORD = rx(
    r"\b(?:contains?|containing|mentions?|mentioning)\s+(?:the\s+(?:word|text|string|phrase|term)\s+)?"
    r"(?P<word>[A-Za-z][\w\-]*)"
)
_EQUALS = rx(
    r"(?<![\w<>=!])(?:is\s+equal\s+to|is\s+set\s+to|equal\s+to|equals|is|are|was|were|==|=|!=)\s+"
    r"(?P<neg>not\s+)?(?:either\s+|one\s+of\s+)?"
)
_WITH_COUNT = rx(rf"\b(?:with|having|has|have)\s+(?:exactly\s+)?(?P<num>{NUM})\s+(?P<unit>[A-Za-z]\w*)")
_WITH_VALUE = rx(r"\b(?:with|having|and)\s+(?:the\s+|a\s+)?")


def relative_time(draft: Draft) -> None:
    """Dates relative to today cannot be expressed (the pipeline has no "today"): they are reported unmatched."""
    for match in _RELATIVE_TIME.finditer(draft.text):
        draft.miss(" ".join(match.group(0).split()))
        draft.consume(match.start(), match.end())


def _compared_column(draft: Draft, before: Before, unit: str | None, implied: str | None, word: str) -> str | None:
    """The column a comparison is about (see the module docstring), or None when it names a column by a unit."""
    ref = before.ref
    if ref is not None and ref.placed and draft.matcher.known:
        return ref.name
    if ref is not None and (before.cued or (not draft.matcher.known and reads_as_field(draft.text, ref))):
        return draft.place(ref)
    concept = implied or before.concept or _UNIT_CONCEPTS.get((unit or "").lower())
    if concept is not None:
        return draft.concept(concept, word)
    return None


def _comparison_target(draft: Draft, start: int, unit: str | None, implied: str | None, word: str) -> tuple[str, int]:
    """(column, start of the words it consumed) for a comparison at `start`."""
    before = column_before(draft, start)
    column = _compared_column(draft, before, unit, implied, word)
    used_ref = before.ref is not None and column == before.ref.name
    if column is None and unit and not is_stop(unit):
        # "more than 2 stops": the unit names the column; reported when the columns are known and lack it.
        column = draft.matcher.match([unit]) or unit.lower()
        if draft.matcher.known and draft.matcher.match([unit]) is None:
            draft.miss(unit)
    column = column or draft.concept("price", word)
    if used_ref and before.ref is not None:
        return column, before.ref.start
    return column, before.concept_start if before.concept_start is not None and not implied else start


def comparisons(draft: Draft) -> None:
    for match in _COMPARISON.finditer(draft.text):
        op_phrase = " ".join(match.group("op").lower().split())
        unit = _usable_unit(match.group("unit"))
        column, start = _comparison_target(
            draft, match.start(), unit, _OPERATOR_CONCEPTS.get(op_phrase), match.group(0)
        )
        end = match.end() if unit else match.end("num")
        _compare(draft, match.start(), column, _OPERATORS[op_phrase], _number(match), unit)
        draft.consume(start, end)
    for match in _OR_MORE.finditer(draft.text):
        unit = _usable_unit(match.group("unit")) or _usable_unit(match.group("unit2"))
        column, start = _comparison_target(draft, match.start(), unit, None, match.group(0))
        upward = match.group("dir").lower() in {"more", "greater", "higher", "above", "over", "better"}
        end = match.end() if match.group("unit2") and unit else match.end("dir")
        _compare(draft, match.start(), column, ">=" if upward else "<=", _number(match), unit)
        draft.consume(start, end)
    for match in _WITH_COUNT.finditer(draft.text):
        unit = match.group("unit")
        if is_stop(unit) or _UNIT_CONCEPTS.get(unit.lower()) == "price":
            continue
        column, start = _comparison_target(draft, match.end(), unit, None, match.group(0))
        _compare(draft, match.start(), column, "==", _number(match), unit)
        draft.consume(match.start(), match.end())


def _compare(draft: Draft, position: int, column: str, op: str, number: int | float, unit: str | None) -> None:
    draft.add_filter(position, f"{ident(column)} {op} {literal(_in_column_unit(number, unit, column))}")


_SECONDS = {"second": 1, "sec": 1, "s": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600, "h": 3600, "day": 86400}


def _in_column_unit(number: int | float, unit: str | None, column: str) -> int | float:
    """ "under 2 hours" on a duration_minutes column is under 120."""
    given = _SECONDS.get(singular(unit or ""))
    held = next((_SECONDS[word] for word in column_words(column) if word in _SECONDS), None)
    if given is None or held is None or given == held:
        return number
    converted = round(number * given / held, 6)
    return int(converted) if float(converted).is_integer() else converted


def _usable_unit(unit: str | None) -> str | None:
    """A word after a number that says what is counted ("4 stars", "5 items"), not the next clause ("from")."""
    if unit is None or (is_stop(unit) and unit.lower() not in _UNIT_CONCEPTS):
        return None
    return unit


def _number(match: re.Match[str], name: str = "num") -> int | float:
    return parse_number(match.group(name))


def ranges(draft: Draft) -> None:
    for match in _BETWEEN.finditer(draft.text):
        low, high = _number(match, "a"), _number(match, "b")
        unit = _usable_unit(match.group("unit"))
        years = unit is None and _is_year(low) and _is_year(high)
        if years and _compared_column(draft, column_before(draft, match.start()), None, None, "") is None:
            column = ident(draft.concept("date", match.group(0)))
            draft.add_filter(match.start(), f"year({column}) >= {low} and year({column}) <= {high}")
            draft.consume(match.start(), match.end())
            continue
        column, start = _comparison_target(draft, match.start(), unit, None, match.group(0))
        name = ident(column)
        draft.add_filter(match.start(), f"{name} >= {literal(low)} and {name} <= {literal(high)}")
        draft.consume(start, match.end() if unit else match.end("b"))


def _is_year(value: int | float) -> bool:
    return isinstance(value, int) and 1900 <= value <= 2100


def _date_column(draft: Draft, start: int, word: str) -> tuple[str, int]:
    before = column_before(draft, start)
    if before.ref is not None and before.ref.placed and draft.matcher.known:
        return before.ref.name, before.ref.start
    return draft.concept("date", word), start


def dates(draft: Draft) -> None:
    for match in _ISO_DATE.finditer(draft.text):
        column, start = _date_column(draft, match.start(), match.group(0))
        op = _YEAR_OPERATORS.get(" ".join(match.group("prep").lower().split()), ">=")
        draft.add_filter(match.start(), f"date({ident(column)}) {op} {literal(match.group('date'))}")
        draft.consume(start, match.end())
    for match in _YEAR.finditer(draft.text):
        column, start = _date_column(draft, match.start(), match.group(0))
        op = _YEAR_OPERATORS.get(" ".join(match.group("prep").lower().split()), "==")
        draft.add_filter(match.start(), f"year({ident(column)}) {op} {int(match.group('year'))}")
        draft.consume(start, match.end())
    for match in _MONTH.finditer(draft.text):
        column, start = _date_column(draft, match.start(), match.group(0))
        month = _month_number(match.group("month"))
        condition = f"month({ident(column)}) == {month}"
        if match.group("year"):
            condition = f"year({ident(column)}) == {int(match.group('year'))} and {condition}"
        draft.add_filter(match.start(), condition)
        draft.consume(start, match.end())


def _month_number(name: str) -> int:
    return [month[:3] for month in MONTHS.split("|")[:12]].index(name[:3].lower()) + 1


def emptiness(draft: Draft) -> None:
    for match in _NULL_PREFIX.finditer(draft.text):
        ref = column_after(draft, match.end())
        if ref is not None and clause_ends(draft.text, ref.end):
            # "with no email" has none; "with no stops" has zero of them.
            name = ident(draft.place(ref))
            draft.add_filter(match.start(), f"isnull({name})" if looks_singular(ref.phrase) else f"{name} == 0")
            draft.consume(match.start(), ref.end)
    for match in _NULL_SUFFIX.finditer(draft.text):
        before = column_before(draft, match.start())
        if before.ref is not None and (before.ref.placed or before.cued or looks_singular(before.ref.phrase)):
            function = "notnull" if match.group("neg") else "isnull"
            draft.add_filter(before.ref.start, f"{function}({ident(draft.place(before.ref))})")
            draft.consume(before.ref.start, match.end())
    for match in _PRESENT_PREFIX.finditer(draft.text):
        ref = column_after(draft, match.end())
        if ref is not None and ref.placed and clause_ends(draft.text, ref.end):
            draft.add_filter(match.start(), f"notnull({ident(ref.name)})")
            draft.consume(match.start(), ref.end)


def text_search(draft: Draft) -> None:
    for match in _CONTAINS.finditer(draft.text):
        value = draft.quoted[int(match.group("quoted"))]
        after = column_after(draft, match.end()) if match.group("in") else None
        if after is not None:
            column, start, end = draft.place(after), match.start(), after.end
        else:
            column, start = _searched_column(draft, match.start(), match.group(0))
            end = match.end("quoted") + 1
        draft.add_filter(match.start(), f"contains({ident(column)}, {literal(value)})")
        draft.consume(start, end)
    for match in _CONTAINS_WORD.finditer(draft.text):
        if is_stop(match.group("word")):
            continue
        column, start = _searched_column(draft, match.start(), match.group(0))
        draft.add_filter(match.start(), f"contains({ident(column)}, {literal(match.group('word'))})")
        draft.consume(start, match.end())


def _searched_column(draft: Draft, start: int, word: str) -> tuple[str, int]:
    before = column_before(draft, start)
    ref = before.ref
    if ref is not None and ((ref.placed and draft.matcher.known) or before.cued):
        return draft.place(ref), ref.start
    if ref is not None and not draft.matcher.known and reads_as_field(draft.text, ref):
        return ref.name, ref.start
    return draft.concept("text", word), start


def equalities(draft: Draft) -> None:
    for match in _EQUALS.finditer(draft.text):
        before = column_before(draft, match.start())
        ref = before.ref
        found = values_at(draft, match.end(), ref.phrase) if ref is not None else None
        if ref is None or found is None or not (ref.placed and draft.matcher.known or before.cued):
            continue
        negated = bool(match.group("neg")) or match.group(0).startswith("!=")
        draft.add_filter(ref.start, equals(draft.place(ref), found[0], negated))
        draft.consume(ref.start, found[1])


def column_values(draft: Draft) -> None:
    """ "tickets with priority high and status open": a known column followed by a value, no verb between."""
    if not draft.matcher.known:
        return
    for match in _WITH_VALUE.finditer(draft.text):
        ref = column_after(draft, match.end(), max_words=3)
        found = values_at(draft, ref.end + 1) if ref is not None and ref.placed else None
        if ref is None or found is None or draft.text[ref.end : ref.end + 1] != " ":
            continue
        draft.add_filter(match.start(), equals(ref.name, found[0]))
        draft.consume(match.start(), found[1])
