"""Rules that read aggregates: "count per category", "average and max price by origin", "how many orders",
"unique customers per store", "top 5 carriers by number of flights", "the most common countries".

An aggregate word followed by a column ("average price") and a key ("per origin", "by origin", "for each
origin", "grouped by origin") makes a group_by. Without a key the group_by has an empty `by`: the executor
then gives one total row. "per", "for each", "grouped by"... group even without an aggregate word (a count);
a bare "by" groups only after an aggregate word, since "top 10 flights by price" ranks. Superlatives
("highest price per carrier") and "unique" aggregate only with a key; without one they rank or select.
Aggregates are named count, average_<col>, total_<col>, min_<col>, max_<col>, median_<col>, unique_<col>,
and after a group_by the later rules match columns against its keys and these names. An aggregate word with
no column ("what's the total") and a ranking inside each group ("top 3 products per category", which no step
does) are reported in `unmatched` rather than guessed.
"""

from __future__ import annotations

from typing import Any

from agentrunner.requests_parser.columns import ColumnMatcher
from agentrunner.requests_parser.draft import ColumnRef, Draft, column_after, words_after
from agentrunner.requests_parser.text import NUM, alternation, is_stop, parse_number, rx

_FUNCTIONS: dict[str, str] = {
    "how many unique": "nunique", "how many distinct": "nunique", "how many different": "nunique",
    "number of unique": "nunique", "number of distinct": "nunique", "number of different": "nunique",
    "count of unique": "nunique", "count of distinct": "nunique", "count unique": "nunique",
    "count distinct": "nunique", "total number of": "count", "how many": "count", "number of": "count",
    "count of": "count", "count": "count", "average": "mean", "avg": "mean", "mean": "mean", "median": "median",
    "total": "sum", "totals": "sum", "sum of": "sum", "headcount": "count", "sum": "sum", "maximum": "max",
    "max": "max", "minimum": "min", "min": "min",
    "highest": "max", "largest": "max", "biggest": "max", "greatest": "max", "lowest": "min", "smallest": "min",
    "unique": "nunique", "distinct": "nunique",
}  # fmt: skip
# Superlatives aggregate only under an explicit key ("highest price per carrier"); without one they rank, and
# "largest orders by amount" ranks too. "unique" needs some key; without one it selects distinct values.
_SUPERLATIVES = frozenset({"highest", "largest", "biggest", "greatest", "lowest", "smallest"})
_DISTINCT = frozenset({"unique", "distinct"})
_PREFIXES = {"mean": "average", "sum": "total", "nunique": "unique"}
_FUNCTION = rx(rf"\b(?:{alternation(*_FUNCTIONS)})\b")
_CHAIN = rx(rf"\b(?:{alternation(*_FUNCTIONS)})(?:(?:\s*,)?\s+(?:and\s+)?(?:{alternation(*_FUNCTIONS)}))*\b(?:\s+of)?")
_KEY = rx(
    r"(?<!sorted )(?<!sort )(?<!ordered )(?<!order )(?<!ranked )(?<!rank )"
    r"\b(?P<word>per|for\s+each|for\s+every|in\s+each|grouped\s+by|group\s+by|grouped\s+on|broken\s+down\s+by|"
    r"breakdown\s+by|break\s+down\s+by|split\s+by|by)\s+(?:each\s+|every\s+)?"
)
_KEY_SEPARATOR = rx(r"\s*(?:,\s*(?:and\s+)?|and\s+)")
_RANKED = rx(rf"\b(?P<position>top|bottom)\s+(?P<n>{NUM})\s+")
_RANKED_BY = rx(r"\s+(?:by|with\s+the\s+(?:most|highest))\s+")
_MOST_COMMON = rx(
    rf"\b(?:top\s+)?(?:(?P<n>{NUM})\s+)?(?P<which>most|least)\s+(?:common|frequent|frequently\s+used)\s+"
    rf"(?:(?P<n2>{NUM})\s+)?"
)
_TOP_PER_GROUP = rx(
    rf"\b(?:top|bottom|first|last)\s+{NUM}\s+(?:[A-Za-z]\w*\s+){{0,2}}(?:per|for\s+each|in\s+each)\s+[A-Za-z]\w*"
)
_COUNTED = frozenset({"rows", "records", "entries", "results", "items", "lines", "ones"})


def most_common(draft: Draft) -> None:
    match = _MOST_COMMON.search(draft.text)
    ref = column_after(draft, match.end()) if match else None
    if match is None or ref is None:
        return
    key = draft.place(ref)
    draft.group = {"op": "group_by", "by": [key], "aggregates": {"count": {"fn": "count"}}}
    descending = match.group("which").lower() == "most"
    count = match.group("n") or match.group("n2")
    if count:
        draft.top = {"op": "top_k", "k": int(parse_number(count)), "by": "count", "descending": descending}
    else:
        draft.sorts.append({"column": "count", "descending": descending})
    draft.consume(match.start(), ref.end)
    draft.matcher = ColumnMatcher([key, "count"])


def aggregates(draft: Draft) -> None:
    if draft.group is not None:
        return
    if (match := _TOP_PER_GROUP.search(draft.text)) is not None:
        # "top 3 products per category" ranks inside each group, which no step does.
        draft.miss(" ".join(match.group(0).split()))
        draft.consume(match.start(), match.end())
        return
    ranked = _ranked_key(draft)
    keys, explicit = ([ranked[0]], False) if ranked else _keys(draft)
    found = _aggregates(draft, keys=bool(keys), explicit=explicit)
    if not found and not keys:
        return
    names = {name: spec for name, spec, _ in found} or {"count": {"fn": "count"}}
    for _, _, (start, end) in found:
        draft.consume(start, end)
    key_names = [draft.place(ref) for ref in keys]
    draft.group = {"op": "group_by", "by": key_names, "aggregates": names}
    draft.matcher = ColumnMatcher([*key_names, *names])
    if ranked:
        _, position, count = ranked
        draft.top = {"op": "top_k", "k": count, "by": next(iter(names)), "descending": position == "top"}


def _ranked_key(draft: Draft) -> tuple[ColumnRef, str, int] | None:
    """ "top 5 carriers by number of flights": the carriers are the key, the count ranks them."""
    for match in _RANKED.finditer(draft.text):
        ref = column_after(draft, match.end(), max_words=3)
        by = _RANKED_BY.match(draft.text, ref.end) if ref else None
        if ref is None or by is None or _CHAIN.match(draft.text, by.end()) is None:
            continue
        draft.consume(match.start(), by.end())
        return ref, match.group("position").lower(), int(parse_number(match.group("n")))
    return None


def _keys(draft: Draft) -> tuple[list[ColumnRef], bool]:
    """The group keys and whether an explicit word ("per", "for each", "grouped by") introduced them."""
    for match in _KEY.finditer(draft.text):
        # A bare "by" groups only after an aggregate word: "number of flights by airline", not "top 10 by total".
        bare = match.group("word").lower() == "by"
        if bare and not _plain_function_before(draft, match.start()):
            continue
        refs = _key_list(draft, match.end())
        if refs:
            draft.consume(match.start(), refs[-1].end)
            return refs, not bare
    return [], False


def _plain_function_before(draft: Draft, pos: int) -> bool:
    words = (" ".join(match.group(0).lower().split()) for match in _FUNCTION.finditer(draft.text, 0, pos))
    return any(word not in _SUPERLATIVES for word in words)


def _key_list(draft: Draft, pos: int) -> list[ColumnRef]:
    refs: list[ColumnRef] = []
    while (ref := column_after(draft, pos, max_words=3)) is not None:
        refs.append(ref)
        separator = _KEY_SEPARATOR.match(draft.text, ref.end)
        if separator is None:
            break
        pos = separator.end()
    return refs


def _aggregates(draft: Draft, keys: bool, explicit: bool) -> list[tuple[str, dict[str, Any], tuple[int, int]]]:
    """(name, spec, span) for each aggregate phrase; a phrase that cannot be read is left for other rules."""
    found: list[tuple[str, dict[str, Any], tuple[int, int]]] = []
    for match in _CHAIN.finditer(draft.text):
        words = [" ".join(word.lower().split()) for word in _FUNCTION.findall(match.group(0))]
        words = [word for word in words if (explicit or word not in _SUPERLATIVES) and (keys or word not in _DISTINCT)]
        if not words:
            continue
        functions = [_FUNCTIONS[word] for word in words]
        if all(function == "count" for function in functions):
            found.append(("count", {"fn": "count"}, (match.start(), _counted_end(draft, match.end()))))
            continue
        ref = column_after(draft, match.end())
        if ref is None:
            # "the total" of what? Reported rather than guessed; the words stay for other rules.
            if keys or not set(words) <= _SUPERLATIVES | _DISTINCT:
                draft.miss(" ".join(match.group(0).split()))
            continue
        column = draft.place(ref)
        for function in dict.fromkeys(functions):
            found.append(_aggregate(function, column, (match.start(), ref.end)))
    return found


def _aggregate(function: str, column: str, span: tuple[int, int]) -> tuple[str, dict[str, Any], tuple[int, int]]:
    if function == "count":
        return "count", {"fn": "count"}, span
    return f"{_PREFIXES.get(function, function)}_{column}", {"fn": function, "column": column}, span


def _counted_end(draft: Draft, pos: int) -> int:
    """ "how many orders", "count the rows": the counted noun goes with the count."""
    words = words_after(draft.text, pos, 3)
    while words and words[0][0].lower() in {"the", "all", "of"}:
        words.pop(0)
    if words and (words[0][0].lower() in _COUNTED or not is_stop(words[0][0])):
        return words[0][2]
    return pos
