"""Rules that read order: sorting ("sort by price", "by date, newest first", "ordered from newest to oldest")
and ranking ("top 10 by price", "the 5 cheapest", "highest rated 20 movies", "last 5 orders by date").

Direction phrases are first replaced by a token zdir<N> (see DIRECTIONS) so that "a to z" or "from newest to
oldest" cannot be read as anything else. A ranking is a top_k when it has a column: an explicit "by X", a
superlative's concept ("cheapest" -> price ascending) or the column after a plain superlative ("lowest 5
scores"); "top/first N" without one is a limit, and so is "top N ... sorted by X" (sorted ascending by X unless
a direction is given, then the first N). Without a number, a superlative sorts ("the cheapest flights") or,
before a singular noun, takes one row ("the cheapest flight").
"""

from __future__ import annotations

import re
from typing import Any

from agentrunner.requests_parser.draft import (
    Draft,
    column_after,
    looks_singular,
    plain_words,
    reads_as_field,
    words_after,
)
from agentrunner.requests_parser.text import NUM, alternation, parse_number, rx

# (phrase, descending, concept sorted on when no column is named)
DIRECTIONS: list[tuple[str, bool, str | None]] = [
    ("descending", True, None), ("desc", True, None), ("decreasing", True, None), ("reverse", True, None),
    ("reversed", True, None), ("highest first", True, None), ("largest first", True, None),
    ("biggest first", True, None), ("most first", True, None), ("high to low", True, None),
    ("highest to lowest", True, None), ("largest to smallest", True, None), ("biggest to smallest", True, None),
    ("z to a", True, "name"), ("z a", True, "name"), ("reverse alphabetical", True, "name"),
    ("ascending", False, None), ("asc", False, None), ("increasing", False, None), ("lowest first", False, None),
    ("smallest first", False, None), ("low to high", False, None), ("lowest to highest", False, None),
    ("smallest to largest", False, None), ("a to z", False, "name"), ("a z", False, "name"),
    ("alphabetically", False, "name"), ("alphabetical", False, "name"),
    ("newest first", True, "date"), ("latest first", True, "date"), ("most recent first", True, "date"),
    ("recent first", True, "date"), ("newest to oldest", True, "date"), ("latest to earliest", True, "date"),
    ("most recent to oldest", True, "date"), ("reverse chronological", True, "date"),
    ("oldest first", False, "date"), ("earliest first", False, "date"), ("oldest to newest", False, "date"),
    ("earliest to latest", False, "date"), ("chronologically", False, "date"), ("chronological", False, "date"),
    ("cheapest first", False, "price"), ("cheapest to most expensive", False, "price"),
    ("most expensive first", True, "price"), ("priciest first", True, "price"),
    ("most expensive to cheapest", True, "price"), ("longest first", True, "duration"),
    ("shortest first", False, "duration"), ("best first", True, "rating"), ("worst first", False, "rating"),
]  # fmt: skip
_DIRECTION_PHRASE = rx(rf"\b(?:{alternation(*(phrase for phrase, _, _ in DIRECTIONS))})\b")
_DIRECTION_INDEX = {phrase: index for index, (phrase, _, _) in enumerate(DIRECTIONS)}

# (superlative, concept or None for "the column named next", descending)
SUPERLATIVES: list[tuple[str, str | None, bool]] = [
    ("most expensive", "price", True), ("priciest", "price", True), ("costliest", "price", True),
    ("dearest", "price", True), ("highest priced", "price", True), ("cheapest", "price", False),
    ("least expensive", "price", False), ("lowest priced", "price", False), ("most affordable", "price", False),
    ("newest", "date", True), ("latest", "date", True), ("most recent", "date", True), ("recent", "date", True),
    ("oldest", "date", False), ("earliest", "date", False), ("least recent", "date", False),
    ("longest", "duration", True), ("shortest", "duration", False), ("slowest", "duration", True),
    ("fastest", "duration", False), ("quickest", "duration", False), ("biggest", "size", True),
    ("largest", "size", True), ("smallest", "size", False), ("highest rated", "rating", True),
    ("best rated", "rating", True), ("top rated", "rating", True), ("best", "rating", True),
    ("lowest rated", "rating", False), ("worst rated", "rating", False), ("worst", "rating", False),
    ("most popular", "popularity", True), ("least popular", "popularity", False), ("highest", None, True),
    ("most", None, True), ("greatest", None, True), ("lowest", None, False), ("least", None, False),
    ("fewest", None, False),
]  # fmt: skip
_SUPERLATIVE = {phrase: (concept, descending) for phrase, concept, descending in SUPERLATIVES}
_SUP = alternation(*_SUPERLATIVE)
_RANKING = rx(
    rf"\b(?P<position>top|bottom|first|last)\s+(?P<n1>{NUM})(?:\s+(?P<s1>{_SUP})\b)?"
    rf"|\b(?P<n2>{NUM})\s+(?P<s2>{_SUP})\b|\b(?P<s3>{_SUP})\s+(?P<n3>{NUM})|\b(?P<s4>{_SUP})\b"
)
_SORT_VERB = (
    r"\b(?:sort|sorted|sorting|order|ordered|ordering|rank|ranked|ranking|arrange|arranged|organi[sz]e|"
    r"organi[sz]ed)(?:\s+(?:them|it|these|those|everything|results?|rows|the\s+[A-Za-z]\w*))?"
)
_DIRECTION = r"(?:in\s+)?(?:an?\s+)?zdir(?P<dir>\d+)(?:\s+order)?"
_SORT_BY = rx(_SORT_VERB + r"\s+(?:by|on|according\s+to|in\s+terms\s+of|using)\s+")
_SORT_DIRECTION = rx(_SORT_VERB + r"\s+(?:from\s+)?" + _DIRECTION)
_DIRECTION_OF = rx(r"\bin\s+(?:an?\s+)?zdir(?P<dir>\d+)\s+(?:order\s+)?(?:of|by)\s+")
_BY = rx(r"\bby\s+")
_DIRECTION_AFTER = rx(r"\s*,?\s*(?:from\s+)?" + _DIRECTION)
_DIRECTION_ALONE = rx(r"(?:\bfrom\s+)?\b" + _DIRECTION)
_KEY_SEPARATOR = rx(r"\s*,\s*(?:then\s+|and\s+(?:then\s+)?)?(?:by\s+)?|\s+(?:then|and(?:\s+then)?)\s+(?:by\s+)?")


def mark_directions(text: str) -> str:
    def token(match: re.Match[str]) -> str:
        return f"zdir{_DIRECTION_INDEX[' '.join(match.group(0).lower().split())]}"

    return _DIRECTION_PHRASE.sub(token, text)


def _direction(index: str) -> tuple[bool, str | None]:
    _, descending, concept = DIRECTIONS[int(index)]
    return descending, concept


def _direction_after(draft: Draft, pos: int, default: bool = False) -> tuple[bool, int]:
    match = _DIRECTION_AFTER.match(draft.text, pos)
    return (_direction(match.group("dir"))[0], match.end()) if match else (default, pos)


def _sort_keys(draft: Draft, pos: int) -> tuple[list[dict[str, Any]], int]:
    keys: list[dict[str, Any]] = []
    end = pos
    while (ref := column_after(draft, pos)) is not None:
        descending, end = _direction_after(draft, ref.end)
        keys.append({"column": draft.place(ref), "descending": descending})
        separator = _KEY_SEPARATOR.match(draft.text, end)
        if separator is None or column_after(draft, separator.end()) is None:
            break
        pos = separator.end()
    return keys, end


def sorting(draft: Draft) -> None:
    for pattern in (_SORT_BY, _DIRECTION_OF):
        for match in pattern.finditer(draft.text):
            keys, end = _sort_keys(draft, match.end())
            if "dir" in match.groupdict() and keys:
                keys[0]["descending"] = _direction(match.group("dir"))[0]
            draft.sorts.extend(keys)
            draft.consume(match.start(), end if keys else match.end())
    for match in _BY.finditer(draft.text):
        ref = column_after(draft, match.end())
        direction = _DIRECTION_AFTER.match(draft.text, ref.end) if ref else None
        if ref is not None and direction is not None:
            draft.sorts.append({"column": draft.place(ref), "descending": _direction(direction.group("dir"))[0]})
            draft.consume(match.start(), direction.end())
    for pattern in (_SORT_DIRECTION, _DIRECTION_ALONE):
        for match in pattern.finditer(draft.text):
            if _sort_on_direction(draft, match.group("dir"), match.group(0)):
                draft.consume(match.start(), match.end())


def _sort_on_direction(draft: Draft, index: str, words: str) -> bool:
    """ "newest first" sorts on a date, "highest first" after a group_by on its first aggregate."""
    descending, concept = _direction(index)
    if concept in {None, "name"} and len(draft.select) == 1:
        column = draft.select[0]  # "distinct countries, alphabetically"
    elif concept is not None:
        column = draft.concept(concept, " ".join(words.split()))
    elif draft.group is not None:
        column = next(iter(draft.group["aggregates"]))
    else:
        return False
    draft.sorts.append({"column": column, "descending": descending})
    return True


def leftover_by(draft: Draft) -> None:
    """ "tickets opened in 2024 by priority": a "by" that neither groups nor ranks sorts."""
    for match in _BY.finditer(draft.text):
        ref = column_after(draft, match.end())
        if ref is None or not (ref.placed if draft.matcher.known else reads_as_field(draft.text, ref)):
            continue
        descending, end = _direction_after(draft, ref.end)
        draft.sorts.append({"column": ref.name, "descending": descending})
        draft.consume(match.start(), end)


def ranking(draft: Draft) -> None:
    match = _RANKING.search(draft.text)
    if match is None:
        return
    groups = match.groupdict()
    count = next((groups[name] for name in ("n1", "n2", "n3") if groups[name]), None)
    superlative = next((groups[name] for name in ("s1", "s2", "s3", "s4") if groups[name]), None)
    position = (groups["position"] or "").lower()
    plural = _plural_follows(draft, match.end())
    column, descending = _ranked_column(draft, match, position, superlative)
    draft.consume(match.start(), match.end())
    k = int(parse_number(count)) if count else None
    if column is None:
        _rank_without_column(draft, position, k, match.group(0))
    elif k is None and plural:
        draft.sorts.insert(0, {"column": column, "descending": descending})
    elif draft.top is None:
        draft.top = {"op": "top_k", "k": k or 1, "by": column, "descending": descending}


def _rank_without_column(draft: Draft, position: str, k: int | None, words: str) -> None:
    if k is not None and position in {"top", "bottom"} and draft.group and not draft.sorts and draft.top is None:
        # "total amount per customer, top 5": the groups ranked by their (first) aggregate.
        aggregate = next(iter(draft.group["aggregates"]))
        draft.top = {"op": "top_k", "k": k, "by": aggregate, "descending": position == "top"}
    elif k is not None and position in {"top", "first"}:
        draft.limit = k
    else:
        draft.miss(" ".join(words.split()))


def _ranked_column(
    draft: Draft, match: re.Match[str], position: str, superlative: str | None
) -> tuple[str | None, bool]:
    """(column or None, descending) of a ranking."""
    descending = position in {"top", "last"}
    concept = None
    if superlative is not None:
        concept, descending = _SUPERLATIVE[" ".join(superlative.lower().split())]
    by = _BY.search(draft.text, match.end())
    ref = column_after(draft, by.end()) if by else None
    if by is not None and ref is not None:
        descending, end = _direction_after(draft, ref.end, descending)
        draft.consume(by.start(), end)
        return draft.place(ref), descending
    if concept in {None, "size"} and superlative is not None:
        noun = column_after(draft, match.end(), max_words=3)
        if noun is not None and (noun.placed or concept is None):
            draft.consume(noun.start, noun.end)
            return draft.place(noun), descending
    if concept is not None:
        return draft.concept(concept, superlative or ""), descending
    if position == "last":
        return draft.concept("date", f"last {match.group('n1')}"), True
    return None, descending


def _plural_follows(draft: Draft, pos: int) -> bool:
    """ "the cheapest flights" sort; "the cheapest flight" (or "the cheapest") is one row."""
    following = words_after(draft.text, pos, 3)
    noun = plain_words(following)
    return any(not looks_singular(word) for word, _, _ in noun) or any(w.lower() == "ones" for w, _, _ in following[:2])
