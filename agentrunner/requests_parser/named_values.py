"""Rules that compare a column with a name the prompt gives without naming the column: states ("orders that are
not cancelled", "open tickets", "urgent tickets" for an is_urgent column) and places ("from NYC", "to LAX or
SFO", "in the north region").

States are read from a status column (status|state|stage), or from a yes/no column of that name. Places are
read from an origin or destination column; a name followed by a column ("the EU region") is that column's.
A place must look like a name: capitalised or quoted ("from NYC"), or, when the columns are known and have an
origin/destination column, a short code ("from nyc"), compared case-insensitively through lower().
"""

from __future__ import annotations

from agentrunner.requests_parser.draft import (
    ColumnRef,
    Draft,
    Value,
    column_after,
    equals,
    ident,
    literal,
    looks_singular,
    value_at,
    values_at,
    words_after,
    words_before,
)
from agentrunner.requests_parser.text import REQUEST_VERBS, is_stop, rx, word_set

_STATE = rx(
    r"\b(?:that|which|who)\s+(?:(?P<subject>[A-Za-z]\w*)\s+)?(?:are|is|were|was|have\s+been|has\s+been|"
    r"had\s+been|have|has|had)\s+(?P<neg>not\s+)?(?:been\s+|yet\s+|already\s+|being\s+)?(?P<value>[A-Za-z]\w*)"
)
_STATES = word_set(
    "open closed active inactive pending paid unpaid overdue late done complete draft live new valid invalid "
    "available unavailable online offline enabled disabled public private running stopped blocked resolved "
    "unresolved approved rejected delayed due expired"
)
# States that, before the rows' noun, describe them ("open tickets"); "new users" or "live music" need not.
_ADJECTIVE_STATES = word_set(
    "open closed active inactive pending paid unpaid overdue cancelled canceled shipped delivered failed "
    "completed refunded archived resolved unresolved approved rejected delayed expired merged"
)
_ADJECTIVE = rx(r"\b(?P<value>[A-Za-z]\w*)(?=\s+(?P<noun>[A-Za-z]\w*))")
_EXCLUDING_WORDS = r"exclude|excluding|remove|removing|without|except|ignore|ignoring|drop|dropping|minus|besides|not"
_EXCLUDING = rx(rf"\b(?:{_EXCLUDING_WORDS})\s+(?:(?:the|all|any)\s+)?$")
_BEFORE_ADJECTIVE = rx(
    rf"(?:^|\b(?:{REQUEST_VERBS}|{_EXCLUDING_WORDS}|count|number\s+of|the|all|any|only|just|of|many)\s+)$"
)
_FLAG_PREFIXES = ("is_", "has_", "was_")
_PLACE = rx(r"\b(?P<prep>from|to|in|on)\s+(?:the\s+)?")
_NAMED = rx(r"\b(?P<verb>named|called|titled)\s+")
_NOT_A_ROUTE_BEFORE = word_set("compared similar due up according next relative close equal how able going")
_SOURCES = word_set(
    "table tables api endpoint database db file files sheet spreadsheet dataset list page site website feed csv "
    "json report system service server url"
)
_NOT_PLACES = word_set("csv json excel xlsx pdf html xml text english slack email")


def _flag(draft: Draft, word: str) -> str | None:
    """A yes/no column named by the word: "urgent" -> is_urgent, or a column called "shipped"."""
    column = draft.matcher.match([word])
    if column is None:
        return None
    return column if column.lower().startswith(_FLAG_PREFIXES) or column.lower() == word.lower() else None


def _state_condition(draft: Draft, value: str, negated: bool) -> str:
    flag = _flag(draft, value)
    if flag is not None:
        return f"not {ident(flag)}" if negated else ident(flag)
    return equals(draft.concept("status", value), [value], negated)


def states(draft: Draft) -> None:
    """ "that are not cancelled", "which customers have not paid"."""
    for match in _STATE.finditer(draft.text):
        value = match.group("value")
        readable = value.lower().endswith(("ed", "en")) or value.lower() in _STATES or _flag(draft, value)
        if is_stop(value) or not readable:
            continue
        if not match.group("subject") and not draft.text[: match.start()].strip():
            continue  # "who is assigned to ...?" asks a question; it describes no rows
        draft.add_filter(match.start(), _state_condition(draft, value, bool(match.group("neg"))))
        draft.consume(match.start("value") if match.group("subject") else match.start(), match.end())


def state_adjectives(draft: Draft) -> None:
    """ "list all open support tickets", "show cancelled orders", "urgent tickets"."""
    for match in _ADJECTIVE.finditer(draft.text):
        value, noun = match.group("value"), match.group("noun")
        if _BEFORE_ADJECTIVE.search(draft.text, 0, match.start()) is None or (is_stop(noun) and noun != "ones"):
            continue
        flag = _flag(draft, value)
        status = draft.matcher.concept("status") if draft.matcher.known else "status"
        if flag is None and (value.lower() not in _ADJECTIVE_STATES or status is None):
            continue
        # "remove the refunded orders", "excluding cancelled orders": the rows without that state.
        negated = _EXCLUDING.search(draft.text, 0, match.start()) is not None
        draft.add_filter(match.start(), _state_condition(draft, value, negated))
        draft.consume(match.start(), match.end())


def places(draft: Draft) -> None:
    """ "from NYC", "to LAX or SFO", "in the north region"."""
    for match in _PLACE.finditer(draft.text):
        previous = words_before(draft.text, match.start(), 1)
        if previous and previous[0][0].lower() in _NOT_A_ROUTE_BEFORE:
            continue
        prep = match.group("prep").lower()
        found = _place_values(draft, match.end(), prep)
        if found is not None:
            draft.add_filter(match.start(), found[0])
            draft.consume(match.start(), found[1])


def _place_values(draft: Draft, pos: int, prep: str) -> tuple[str, int] | None:
    """(condition, end) for the place after `prep` at `pos`, or None when it is not one."""
    first = value_at(draft, pos)
    if first is None or first[2] == "number" or str(first[0]).lower() in _NOT_PLACES:
        return None
    following = words_after(draft.text, first[1], 1)
    if following and following[0][0].lower() in _SOURCES:
        return None
    named = column_after(draft, first[1], max_words=2) if following and following[0][1] == first[1] + 1 else None
    if named is not None and _names_a_field(draft, named, prep) and not (first[2] == "word" and is_stop(str(first[0]))):
        return equals(named.name, [first[0]]), named.end
    if prep in {"in", "on"}:
        return None
    return _route(draft, pos, first, "origin" if prep == "from" else "destination")


def _names_a_field(draft: Draft, ref: ColumnRef, prep: str) -> bool:
    """ "the EU region", "the engineering department": a column after the name says whose name it is (columns
    unknown, only after "in"/"from": "assigned to the checkout bug" names no field)."""
    if draft.matcher.known:
        return ref.placed
    return prep != "to" and " " not in ref.phrase and ref.phrase.islower() and looks_singular(ref.phrase)


def _route(draft: Draft, pos: int, first: tuple[Value, int, str], concept: str) -> tuple[str, int] | None:
    short_code = first[2] == "word" and len(str(first[0])) <= 4 and draft.matcher.known
    if first[2] == "word" and not (short_code and draft.matcher.concept(concept)):
        return None
    found = values_at(draft, pos)
    if found is None:
        return None
    values, end, _ = found
    column = _route_column(draft, concept, f"{'from' if concept == 'origin' else 'to'} {values[0]}")
    if all(isinstance(value, str) and value.islower() for value in values):
        return _lowered(column, values), end
    return equals(column, values), end


def _route_column(draft: Draft, concept: str, words: str) -> str:
    """ "from Germany" without an origin column may still name a place column: country, city, region..."""
    if concept == "origin" and draft.matcher.known and draft.matcher.concept("origin") is None:
        place = draft.matcher.concept("place")
        if place is not None:
            return place
    return draft.concept(concept, words)


def names(draft: Draft) -> None:
    """ "users named 'bob'", "a movie titled Heat": the name column."""
    for match in _NAMED.finditer(draft.text):
        found = values_at(draft, match.end())
        if found is None:
            continue
        draft.add_filter(match.start(), equals(draft.concept("name", match.group("verb")), found[0]))
        draft.consume(match.start(), found[1])


def _lowered(column: str, values: list[Value]) -> str:
    if len(values) == 1:
        return f"lower({ident(column)}) == {literal(values[0])}"
    return f"lower({ident(column)}) in [{', '.join(literal(value) for value in values)}]"
