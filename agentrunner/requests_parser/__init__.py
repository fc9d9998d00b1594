"""Built-in request parser: a one-time data request in English -> the steps of a data pipeline.

Pure Python (no Django, no model, no I/O). It is the fallback when no LLM is configured:
`parse_request("show me the top 10 flights sorted by price", columns)` gives the steps that the pipeline
executor (agentrunner.pipeline) runs, a sentence saying how the request was read, and the words it could not
place, or None when the prompt is not a data request it understands: nothing in it maps to a step ("hello",
"what's the weather like"), it asks for what no step does ("summarize ...", "compare ..."), or it is a
standing rule or an edit of the workflow (the intent classifier reads it as a patch: "always email me when
prices drop").

How it reads a prompt: `text.prepare` puts it into a canonical form (quoted strings and URLs set aside, numbers
such as "$1,500" and "5k" written out, polite prefixes cut). Then rules, each a regex over that text plus
column matching (`columns.ColumnMatcher`: case, `_`/`-`/space, plurals and a small table of concepts such as
"cheapest" -> a price column), run in a fixed order, and each one consumes the words it read:

1. relative dates ("last week", "today"): not expressible, reported in `unmatched`;
2. duplicates and renames ("remove duplicates by email", "rename price to cost");
3. conditions (filters.py, named_values.py): "under $500", "between 100 and 200", "at least 4 stars", "in
   2024", "with no email", "containing 'error'", "where status is shipped", "that are not cancelled", "open
   tickets", "from NYC to LAX", "in the north region";
4. aggregates (grouping.py): "count per category", "average price by origin", "how many orders";
5. order (ordering.py): "sort by price", "newest first", then rankings "top 10 by price", "5 cheapest", then
   a "by X" left over ("tickets in 2024 by priority") sorts;
6. shape (selection.py): "only name and price", "distinct countries", "first 10 rows".

The steps come out as filter -> group_by -> top_k/sort -> select -> dedupe -> rename -> limit, after an
http_request step when the prompt holds a URL (its result's columns are unknown, so words are used as given).
Several conditions are joined with `and`; after a group_by, later words are matched against its keys and
aggregate names (count, average_price...). A group_by with an empty `by` ("how many rows", "average price")
means one total row. A dedupe without `columns` means whole rows.

`columns` (the input table's columns, when known) makes matching strict: a word that must name a column but
matches none is listed in `unmatched`, and the steps use the word as given (snake_cased) in its place, so the
caller can answer "no column named X; the columns are ..." instead of running them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agentrunner.intent import PATCH, classify
from agentrunner.requests_parser import filters, grouping, named_values, ordering, selection
from agentrunner.requests_parser.columns import ColumnMatcher
from agentrunner.requests_parser.draft import Draft
from agentrunner.requests_parser.explain import explain
from agentrunner.requests_parser.text import is_not_a_request, prepare

__all__ = ["ParsedRequest", "parse_request"]


@dataclass(frozen=True)
class ParsedRequest:
    steps: list[dict[str, Any]]  # pipeline steps; empty only when `url` is set (a plain fetch)
    explanation: str  # one short sentence saying how the request was read
    unmatched: list[str]  # words naming columns or values that could not be placed; may be empty
    url: str | None = None  # the URL fetched by the first step, if any


_RULES = (
    filters.relative_time,
    selection.duplicates,
    selection.renames,
    filters.text_search,
    filters.ranges,
    filters.dates,
    named_values.places,
    named_values.names,
    filters.comparisons,
    filters.emptiness,
    filters.equalities,
    filters.column_values,
    named_values.states,
    named_values.state_adjectives,
    grouping.most_common,
    grouping.aggregates,
    selection.distinct,
    ordering.sorting,
    ordering.ranking,
    ordering.leftover_by,
    selection.columns,
    selection.limits,
)


def parse_request(prompt: str, columns: list[str] | None = None) -> ParsedRequest | None:
    """The pipeline for a one-time data request, or None when the prompt is not a request this parser
    understands. See the module docstring for what it reads and how."""
    prepared = prepare(prompt)
    # A standing rule or an edit of the workflow is not a one-time request, whatever filter words it holds.
    if is_not_a_request(prepared.text) or classify(prompt).intent == PATCH:
        return None
    url = prepared.urls[0] if prepared.urls else None
    matcher = ColumnMatcher(None if url else columns)
    draft = Draft(text=ordering.mark_directions(prepared.text), matcher=matcher, quoted=prepared.quoted)
    for rule in _RULES:
        rule(draft)
    steps = _steps(draft)
    if url is not None:
        steps.insert(0, {"op": "http_request", "url": url})
    if not steps:
        return None
    return ParsedRequest(steps=steps, explanation=explain(steps), unmatched=list(draft.unmatched), url=url)


def _steps(draft: Draft) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    if draft.filters:
        steps.append({"op": "filter", "where": " and ".join(expression for _, expression in sorted(draft.filters))})
    if draft.group is not None:
        steps.append(draft.group)
    if draft.top is not None:
        steps.append(draft.top)
    if draft.sorts:
        steps.append({"op": "sort", "by": _unique_keys(draft.sorts)})
    if draft.select:
        steps.append({"op": "select", "columns": list(draft.select)})
    if draft.dedupe is not None:
        steps.append(_dedupe(draft))
    if draft.renames:
        steps.append({"op": "rename", "columns": dict(draft.renames)})
    if draft.limit is not None:
        steps.append({"op": "limit", "n": draft.limit})
    return steps


def _unique_keys(keys: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list({key["column"]: key for key in reversed(keys)}.values())[::-1]


def _dedupe(draft: Draft) -> dict[str, Any]:
    columns = list(dict.fromkeys(draft.dedupe or draft.select))
    return {"op": "dedupe", "columns": columns} if columns else {"op": "dedupe"}
