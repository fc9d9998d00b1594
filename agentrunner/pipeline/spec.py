"""Checking a pipeline before anything runs, and filling in its defaults.

Each step is checked for its op, its fields and their types, its expressions, and, when the input table's
columns are known, the columns it names. The set of columns is followed from step to step (select narrows it,
rename renames, derive adds, group_by gives the keys and the aggregates, join adds the right table's columns
when those are known, http_request makes it unknown), so a misspelt column is reported before any data is
fetched or sorted, with the columns that are there. Checks that need data the plan cannot see (columns after
an http_request, a joined artifact's columns) are made again by the executor before each step runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from agentrunner.pipeline.errors import PipelineError, describe, unknown_column
from agentrunner.pipeline.expressions import Expression, compile_expression
from agentrunner.pipeline.loading import table_from_value

OPERATIONS: tuple[str, ...] = (
    "http_request", "select", "filter", "sort", "top_k", "group_by", "join", "derive", "rename", "dedupe", "limit",
)  # fmt: skip
AGGREGATES: tuple[str, ...] = ("count", "sum", "mean", "min", "max", "median", "nunique", "first", "last")
JOIN_KINDS: tuple[str, ...] = ("inner", "left", "right", "outer")
RIGHT_SOURCES: tuple[str, ...] = ("rows", "artifact", "previous_result", "url")
HTTP_FIELDS: tuple[str, ...] = ("url", "method", "headers", "body", "format", "records_path", "timeout_s", "max_bytes")
MAX_STEPS = 100
MAX_TIMEOUT_S = 60.0
MAX_BYTES = 50_000_000

# op: (required fields, optional fields); "op" itself is always there.
FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "http_request": (("url",), HTTP_FIELDS[1:]),
    "select": (("columns",), ()),
    "filter": (("where",), ()),
    "sort": (("by",), ("descending",)),
    "top_k": (("k", "by"), ("descending",)),
    "group_by": (("by",), ("aggregates",)),
    "join": (("right",), ("on", "left_on", "right_on", "how", "suffixes")),
    "derive": (("column", "expr"), ()),
    "rename": (("columns",), ()),
    "dedupe": ((), ("columns", "keep")),
    "limit": (("n",), ("offset",)),
}

Columns = list[str] | None  # None: not known before the pipeline runs


@dataclass
class Step:
    """One checked step: its normalised JSON, the input columns it reads, and what was compiled or loaded."""

    number: int
    op: str
    spec: dict[str, Any]
    needs: tuple[str, ...] = ()
    columns_after: Columns = None
    expression: Expression | None = None
    right_table: pd.DataFrame | None = field(default=None, repr=False)  # a join's inline rows, loaded once


def validate_pipeline(steps: Any, *, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """Check the whole pipeline before anything runs; the normalised steps, or PipelineError on the first fault."""
    return [step.spec for step in plan_pipeline(steps, columns=columns)]


def plan_pipeline(steps: Any, *, columns: list[str] | None = None) -> list[Step]:
    if not isinstance(steps, list):
        raise PipelineError(f"The pipeline must be a list of steps, not {describe(steps)}.")
    if not steps:
        raise PipelineError("The pipeline has no steps; give at least one.")
    if len(steps) > MAX_STEPS:
        raise PipelineError(f"The pipeline has {len(steps)} steps; at most {MAX_STEPS} are allowed.")
    known: Columns = None if columns is None else [str(name) for name in columns]
    plan = []
    for number, raw in enumerate(steps, 1):
        step = check_step(number, raw, known)
        known = step.columns_after
        plan.append(step)
    return plan


def check_step(number: int, raw: Any, known: Columns) -> Step:
    if not isinstance(raw, dict):
        raise PipelineError(f"Step {number} must be an object with an 'op', not {describe(raw)}.", {"step": number})
    op = raw.get("op")
    if op not in OPERATIONS:
        said = "has no 'op'" if op is None else f"has an unknown op {op!r}"
        raise PipelineError(
            f"Step {number} {said}. The valid ops are: {', '.join(OPERATIONS)}.",
            {"step": number, "op": op if isinstance(op, str) else None, "valid_ops": list(OPERATIONS)},
        )
    try:
        check_fields(raw, *FIELDS[op], allowed_prefix=("op",))
        step = CHECKERS[op](raw, known)
        require_columns(step.needs, known)
    except PipelineError as error:
        raise error.at_step(number, op) from None
    step.number, step.op = number, op
    return step


def require_columns(needs: tuple[str, ...] | list[str], known: Columns, *, where: str = "the table") -> None:
    if known is None:
        return
    present = set(known)
    for column in needs:
        if column not in present:
            raise unknown_column(column, known, where=where)


# --- fields and their types --------------------------------------------------------------------------
def check_fields(
    raw: dict[str, Any],
    required: tuple[str, ...],
    optional: tuple[str, ...],
    *,
    allowed_prefix: tuple[str, ...] = (),
    where: str = "",
) -> None:
    allowed = (*allowed_prefix, *required, *optional)
    for name in raw:
        if name not in allowed:
            raise PipelineError(
                f"Unknown field {name!r}{where}. The allowed fields are: {', '.join(allowed)}.",
                {"field": name, "allowed_fields": list(allowed)},
            )
    for name in required:
        if name not in raw:
            raise PipelineError(
                f"The field {name!r} is missing{where}. The fields are: {', '.join(allowed)}.",
                {"field": name, "allowed_fields": list(allowed)},
            )


def _show(value: Any) -> str:
    try:
        text = json.dumps(value)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _wrong(name: str, wanted: str, value: Any) -> PipelineError:
    return PipelineError(f"{name!r} must be {wanted}, not {_show(value)}.", {"field": name})


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value:
        raise _wrong(name, "a non-empty string", value)
    return value


def _names(value: Any, name: str, *, single: bool = True) -> list[str]:
    """Column names: a list of non-empty strings without repeats (or one string, where `single`)."""
    if single and isinstance(value, str):
        value = [value]
    wanted = "a column name or a list of them" if single else "a non-empty list of column names"
    if not isinstance(value, list) or not value or not all(isinstance(item, str) and item for item in value):
        raise _wrong(name, wanted, value)
    repeated = next((item for i, item in enumerate(value) if item in value[:i]), None)
    if repeated is not None:
        raise PipelineError(f"{name!r} names the column {repeated!r} twice.", {"field": name})
    return list(value)


def _integer(value: Any, name: str, minimum: int, maximum: int | None = None) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum or (maximum and value > maximum):
        limit = f" and at most {maximum}" if maximum else ""
        raise _wrong(name, f"a whole number of at least {minimum}{limit}", value)
    return value


def _boolean(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise _wrong(name, "true or false", value)
    return value


def _choice(value: Any, name: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise _wrong(name, "one of " + ", ".join(repr(choice) for choice in choices), value)
    return value


# --- the ops -----------------------------------------------------------------------------------------
def check_http(raw: dict[str, Any]) -> dict[str, Any]:
    """The normalised fields of an http_request (a step, or a join's right source)."""
    url = _text(raw["url"], "url")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise _wrong("url", "an http:// or https:// address", url)
    method = raw.get("method", "GET")
    method = _choice(method.upper() if isinstance(method, str) else method, "method", ("GET", "POST"))
    headers = raw.get("headers") or {}
    if not isinstance(headers, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in headers.items()):
        raise _wrong("headers", "an object of strings", headers)
    if raw.get("body") is not None and method != "POST":
        raise PipelineError("A 'body' is only sent with method POST.", {"field": "body"})
    try:
        json.dumps(raw.get("body"), allow_nan=False)
    except (TypeError, ValueError):
        raise _wrong("body", "a JSON value", raw.get("body")) from None
    records_path = raw.get("records_path")
    if records_path is not None:
        _text(records_path, "records_path")
    timeout = raw.get("timeout_s", 10)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or not 0 < timeout <= MAX_TIMEOUT_S:
        raise _wrong("timeout_s", f"a number of seconds above 0 and at most {MAX_TIMEOUT_S:g}", timeout)
    return {
        "url": url,
        "method": method,
        "headers": dict(headers),
        "body": raw.get("body"),
        "format": _choice(raw.get("format", "auto"), "format", ("auto", "json", "csv")),
        "records_path": records_path,
        "timeout_s": float(timeout),
        "max_bytes": _integer(raw.get("max_bytes", 10_000_000), "max_bytes", 1, MAX_BYTES),
    }


def _check_http_request(raw: dict[str, Any], known: Columns) -> Step:
    return Step(0, "http_request", {"op": "http_request", **check_http(raw)})


def _check_select(raw: dict[str, Any], known: Columns) -> Step:
    columns = _names(raw["columns"], "columns", single=False)
    return Step(0, "select", {"op": "select", "columns": columns}, tuple(columns), list(columns))


def _check_filter(raw: dict[str, Any], known: Columns) -> Step:
    expression = compile_expression(raw["where"])
    return Step(0, "filter", {"op": "filter", "where": raw["where"]}, expression.columns, known, expression)


def _sort_keys(value: Any, descending: bool) -> list[dict[str, Any]]:
    entries = value if isinstance(value, list) else [value]
    wanted = 'a column name or a list of names and {"column": ..., "descending": ...} objects'
    if not entries:
        raise _wrong("by", wanted, value)
    keys = []
    for entry in entries:
        if isinstance(entry, str) and entry:
            keys.append({"column": entry, "descending": descending})
        elif isinstance(entry, dict) and isinstance(entry.get("column"), str) and entry["column"]:
            check_fields(entry, ("column",), ("descending",), where=" in a sort key")
            keys.append(
                {"column": entry["column"], "descending": _boolean(entry.get("descending", descending), "descending")}
            )
        else:
            raise _wrong("by", wanted, value)
    return keys


def _check_sort(raw: dict[str, Any], known: Columns) -> Step:
    descending = _boolean(raw.get("descending", False), "descending")
    keys = _sort_keys(raw["by"], descending)
    spec = {"op": "sort", "by": keys, "descending": descending}
    return Step(0, "sort", spec, tuple(key["column"] for key in keys), known)


def _check_top_k(raw: dict[str, Any], known: Columns) -> Step:
    spec = {
        "op": "top_k",
        "k": _integer(raw["k"], "k", 1),
        "by": _text(raw["by"], "by"),
        "descending": _boolean(raw.get("descending", True), "descending"),
    }
    return Step(0, "top_k", spec, (spec["by"],), known)


def _aggregates(value: Any, keys: list[str]) -> dict[str, dict[str, Any]]:
    if value is None or value == {}:
        value = {"count": {"fn": "count"}}
    if not isinstance(value, dict):
        raise _wrong("aggregates", 'an object such as {"avg_price": {"fn": "mean", "column": "price"}}', value)
    aggregates = {}
    for name, aggregate in value.items():
        where = f" in the aggregate {name!r}"
        if not name or name in keys:
            raise PipelineError(f"The aggregate name {name!r} is empty or the name of a key column.", {"field": name})
        if not isinstance(aggregate, dict):
            raise _wrong(f"aggregates.{name}", 'an object such as {"fn": "sum", "column": "price"}', aggregate)
        check_fields(aggregate, ("fn",), ("column",), where=where)
        fn = _choice(aggregate["fn"], f"aggregates.{name}.fn", AGGREGATES)
        column = aggregate.get("column")
        if column is not None or fn != "count":
            column = _text(column, f"aggregates.{name}.column")
        aggregates[name] = {"fn": fn, "column": column}
    return aggregates


def _check_group_by(raw: dict[str, Any], known: Columns) -> Step:
    # An empty `by` groups every row into one: a single total row ("how many orders").
    keys = [] if raw["by"] == [] else _names(raw["by"], "by")
    aggregates = _aggregates(raw.get("aggregates"), keys)
    needs = (*keys, *(agg["column"] for agg in aggregates.values() if agg["column"] is not None))
    spec = {"op": "group_by", "by": keys, "aggregates": aggregates}
    return Step(0, "group_by", spec, tuple(dict.fromkeys(needs)), [*keys, *aggregates])


def _right_source(value: Any) -> tuple[dict[str, Any], pd.DataFrame | None]:
    """The normalised right side of a join and, for inline rows, its table."""
    wanted = 'an object with one of "rows", "artifact", "previous_result" or "url"'
    kinds = [kind for kind in RIGHT_SOURCES if isinstance(value, dict) and kind in value]
    if len(kinds) != 1:
        raise _wrong("right", wanted, value)
    kind = kinds[0]
    if kind == "url":
        check_fields(value, ("url",), HTTP_FIELDS[1:], where=" in 'right'")
        return check_http(value), None
    check_fields(value, (kind,), (), where=" in 'right'")
    if kind == "rows":
        return {"rows": value["rows"]}, table_from_value(value["rows"])
    if kind == "artifact":
        return {"artifact": _text(value["artifact"], "right.artifact")}, None
    index = value["previous_result"]
    if not isinstance(index, int) or isinstance(index, bool):
        raise _wrong("right.previous_result", "a whole number (an index; -1 is the last result)", index)
    return {"previous_result": index}, None


def _join_keys(raw: dict[str, Any]) -> tuple[list[str], list[str]]:
    if "on" in raw:
        if "left_on" in raw or "right_on" in raw:
            raise PipelineError("Give either 'on' or 'left_on' and 'right_on', not both.", {"field": "on"})
        keys = _names(raw["on"], "on")
        return keys, keys
    if "left_on" not in raw or "right_on" not in raw:
        raise PipelineError("A join needs 'on' (or 'left_on' and 'right_on'): the columns to match.", {"field": "on"})
    left, right = _names(raw["left_on"], "left_on"), _names(raw["right_on"], "right_on")
    if len(left) != len(right):
        raise PipelineError("'left_on' and 'right_on' must name as many columns each.", {"field": "right_on"})
    return left, right


def _check_join(raw: dict[str, Any], known: Columns) -> Step:
    right, right_table = _right_source(raw["right"])
    left_keys, right_keys = _join_keys(raw)
    spec = {
        "op": "join",
        "right": right,
        "how": _choice(raw.get("how", "inner"), "how", JOIN_KINDS),
        "suffixes": _suffixes(raw.get("suffixes", ["", "_right"])),
    }
    if left_keys == right_keys:
        spec["on"] = left_keys
    else:
        spec.update(left_on=left_keys, right_on=right_keys)
    step = Step(0, "join", spec, tuple(left_keys), None, right_table=right_table)
    if right_table is not None:
        right_columns = [str(name) for name in right_table.columns]
        require_columns(right_keys, right_columns, where="the right table")
        if known is not None:
            step.columns_after = joined_columns(known, right_columns, spec)
    return step


def _suffixes(value: Any) -> list[str]:
    pair = isinstance(value, list) and len(value) == 2 and all(isinstance(item, str) for item in value)
    if not pair or value[0] == value[1]:  # equal suffixes would give two columns of the same name
        raise _wrong("suffixes", 'two different strings, such as ["", "_right"]', value)
    return list(value)


def joined_columns(left: list[str], right: list[str], spec: dict[str, Any]) -> list[str]:
    """The columns a join gives, from pandas itself (a merge of empty tables), so the rules cannot drift."""
    require_columns(spec.get("on") or spec["left_on"], left)
    try:
        empty = pd.merge(
            pd.DataFrame(columns=left),
            pd.DataFrame(columns=right),
            how=spec["how"],
            on=spec.get("on"),
            left_on=spec.get("left_on"),
            right_on=spec.get("right_on"),
            suffixes=tuple(spec["suffixes"]),
        )
    except (ValueError, KeyError) as error:  # pandas' MergeError is a ValueError
        raise PipelineError(f"The tables cannot be joined this way: {error}.", {"field": "suffixes"}) from None
    return [str(name) for name in empty.columns]


def _check_derive(raw: dict[str, Any], known: Columns) -> Step:
    column = _text(raw["column"], "column")
    expression = compile_expression(raw["expr"])
    after = None if known is None else (known if column in known else [*known, column])
    spec = {"op": "derive", "column": column, "expr": raw["expr"]}
    return Step(0, "derive", spec, expression.columns, after, expression)


def _check_rename(raw: dict[str, Any], known: Columns) -> Step:
    mapping = raw["columns"]
    if not isinstance(mapping, dict) or not mapping or not all(isinstance(v, str) and v for v in mapping.values()):
        raise _wrong("columns", 'an object of old name -> new name, such as {"dep_time": "departure"}', mapping)
    after = None
    if known is not None:
        require_columns(list(mapping), known)
        after = renamed_columns(known, mapping)
    return Step(0, "rename", {"op": "rename", "columns": dict(mapping)}, tuple(mapping), after)


def renamed_columns(columns: list[str], mapping: dict[str, str]) -> list[str]:
    after = [mapping.get(name, name) for name in columns]
    repeated = next((name for i, name in enumerate(after) if name in after[:i]), None)
    if repeated is not None:
        raise PipelineError(f"Renaming would give two columns named {repeated!r}.", {"column": repeated})
    return after


def _check_dedupe(raw: dict[str, Any], known: Columns) -> Step:
    columns = None if raw.get("columns") is None else _names(raw["columns"], "columns", single=False)
    spec = {"op": "dedupe", "columns": columns, "keep": _choice(raw.get("keep", "first"), "keep", ("first", "last"))}
    return Step(0, "dedupe", spec, tuple(columns or ()), known)


def _check_limit(raw: dict[str, Any], known: Columns) -> Step:
    spec = {"op": "limit", "n": _integer(raw["n"], "n", 0), "offset": _integer(raw.get("offset", 0), "offset", 0)}
    return Step(0, "limit", spec, (), known)


CHECKERS: dict[str, Callable[[dict[str, Any], Columns], Step]] = {
    "http_request": _check_http_request,
    "select": _check_select,
    "filter": _check_filter,
    "sort": _check_sort,
    "top_k": _check_top_k,
    "group_by": _check_group_by,
    "join": _check_join,
    "derive": _check_derive,
    "rename": _check_rename,
    "dedupe": _check_dedupe,
    "limit": _check_limit,
}
