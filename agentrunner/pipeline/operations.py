"""The primitives: one function per op, each a few pandas calls on a whole table.

Each takes the current table (never changed in place: a new frame comes back, sharing data where pandas
allows) and the checked step, and gives the next table. Row order is kept unless the op is about order.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from pandas.api.types import is_datetime64_any_dtype

from agentrunner.pipeline import vectorised as vec
from agentrunner.pipeline.errors import PipelineError, unknown_column
from agentrunner.pipeline.loading import table_from_response, table_from_value, text_labels
from agentrunner.pipeline.sources import HttpRequest, Sources
from agentrunner.pipeline.spec import Step, renamed_columns, require_columns

NUMERIC_AGGREGATES = ("sum", "mean", "median", "min", "max")


@dataclass(frozen=True)
class Context:
    sources: Sources
    max_rows: int


Operation = Callable[[pd.DataFrame | None, Step, Context], pd.DataFrame]


def run_http_request(table: pd.DataFrame | None, step: Step, context: Context) -> pd.DataFrame:
    return fetch_table(step.spec, context.sources)


def fetch_table(spec: dict[str, Any], sources: Sources) -> pd.DataFrame:
    """GET or POST through the caller's Sources, then the body parsed as the spec says."""
    request = HttpRequest(
        method=spec["method"],
        url=spec["url"],
        headers=dict(spec["headers"]),
        json=spec["body"],
        timeout_s=spec["timeout_s"],
        max_bytes=spec["max_bytes"],
    )
    response = sources.fetch(request)
    if not 200 <= response.status < 300:
        excerpt = response.body[:200].decode("utf-8", "replace")
        raise PipelineError(
            f"The server at {spec['url']} answered with status {response.status}, not success.",
            {"url": spec["url"], "status": response.status, "excerpt": excerpt},
        )
    return table_from_response(response, spec)


def run_select(table: pd.DataFrame, step: Step, context: Context) -> pd.DataFrame:
    return table[step.spec["columns"]]


def run_filter(table: pd.DataFrame, step: Step, context: Context) -> pd.DataFrame:
    value = step.expression.evaluate(table)
    try:
        mask = vec.as_mask(value, "The filter")
    except PipelineError:
        what = vec.kind(value) if vec.is_series(value) else f"the single value {value!r}"
        raise PipelineError(
            f"The filter {step.spec['where']!r} must give true or false for each row, but it gives {what}.",
            {"expression": step.spec["where"]},
        ) from None
    if not vec.is_series(mask):
        return table if mask else table.iloc[:0]
    return table[mask]


def run_sort(table: pd.DataFrame, step: Step, context: Context) -> pd.DataFrame:
    columns = [key["column"] for key in step.spec["by"]]
    ascending = [not key["descending"] for key in step.spec["by"]]
    # Text columns holding numbers ("9", "10") sort as numbers; other columns go to pandas untouched.
    key = _sort_key if any(vec.is_text_series(table[column]) for column in columns) else None
    if len(columns) == 1:
        return table.sort_values(columns[0], ascending=ascending[0], kind="stable", na_position="last", key=key)
    return table.sort_values(columns, ascending=ascending, kind="stable", na_position="last", key=key)


def _sort_key(series: pd.Series) -> pd.Series:
    numbers = vec.numeric_view(series)
    return series if numbers is None else numbers


def run_top_k(table: pd.DataFrame, step: Step, context: Context) -> pd.DataFrame:
    k, column, descending = step.spec["k"], step.spec["by"], step.spec["descending"]
    series = table[column]
    if vec.is_numeric_series(series) or is_datetime64_any_dtype(series.dtype):
        return table.nlargest(k, column) if descending else table.nsmallest(k, column)
    numbers = vec.numeric_view(series)
    if numbers is not None:
        by_position = numbers.reset_index(drop=True)
        chosen = by_position.nlargest(k) if descending else by_position.nsmallest(k)
        return table.iloc[chosen.index.to_numpy()]
    ordered = table.sort_values(column, ascending=not descending, kind="stable", na_position="last")
    return ordered.iloc[:k]


def run_group_by(table: pd.DataFrame, step: Step, context: Context) -> pd.DataFrame:
    keys, aggregates = step.spec["by"], step.spec["aggregates"]
    if not keys:
        return _total_row(table, aggregates)
    frame, named = table, {}
    for name, aggregate in aggregates.items():
        fn, column = aggregate["fn"], aggregate["column"]
        if column is None:
            named[name] = pd.NamedAgg(keys[0], "size")
            continue
        if fn in NUMERIC_AGGREGATES and vec.is_text_series(table[column]):
            frame, column = _numeric_copy(frame, table, column, fn)
        named[name] = pd.NamedAgg(column, fn)
    # Missing keys form a group of their own; pandas' path for that is slower, so it is taken only when needed.
    dropna = not any(vec.may_have_missing(table[key]) for key in keys)
    grouped = frame.groupby(keys, sort=True, dropna=dropna, observed=True).agg(**named)
    return grouped.reset_index()


def _total_row(table: pd.DataFrame, aggregates: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """group_by with no keys: one row of aggregates over the whole table."""
    row: dict[str, Any] = {}
    for name, aggregate in aggregates.items():
        fn, column = aggregate["fn"], aggregate["column"]
        if column is None:
            row[name] = len(table)
            continue
        series = table[column]
        if fn in NUMERIC_AGGREGATES and vec.is_text_series(series):
            series = pd.to_numeric(series, errors="coerce")
        row[name] = series.agg(fn) if fn not in ("first", "last") else _first_or_last(series, fn)
    return pd.DataFrame([row])


def _first_or_last(series: pd.Series, fn: str) -> Any:
    present = series.dropna()
    if present.empty:
        return None
    return present.iloc[0] if fn == "first" else present.iloc[-1]


def _numeric_copy(frame: pd.DataFrame, table: pd.DataFrame, column: str, fn: str) -> tuple[pd.DataFrame, str]:
    """For sum/mean/median/min/max of text that holds numbers: the numbers, as a column beside the text."""
    numbers = vec.numeric_view(table[column])
    if numbers is None:
        if fn in ("min", "max"):
            return frame, column  # the smallest/largest text is still an answer
        raise PipelineError(
            f"The column '{column}' holds text, not numbers, so its {fn} cannot be computed.",
            {"column": column, "fn": fn},
        )
    helper = f"\0{column}:numbers"  # cannot clash with a real column name
    if frame is table:
        frame = table.copy(deep=False)
    frame[helper] = numbers
    return frame, helper


def run_join(table: pd.DataFrame, step: Step, context: Context) -> pd.DataFrame:
    spec = step.spec
    right = step.right_table if step.right_table is not None else right_table(spec["right"], context.sources)
    left_keys, right_keys = spec.get("left_on") or spec["on"], spec.get("right_on") or spec["on"]
    require_columns(right_keys, [str(name) for name in right.columns], where="the right table")
    table, right = _matching_key_types(table, right, left_keys, right_keys)
    _check_join_size(table, right, left_keys, right_keys, spec["how"], context.max_rows)
    return table.merge(
        right,
        how=spec["how"],
        on=spec.get("on"),
        left_on=spec.get("left_on"),
        right_on=spec.get("right_on"),
        suffixes=tuple(spec["suffixes"]),
    )


def right_table(source: dict[str, Any], sources: Sources) -> pd.DataFrame:
    if "rows" in source:
        return table_from_value(source["rows"])
    if "artifact" in source:
        return text_labels(sources.artifact(source["artifact"]))
    if "previous_result" in source:
        return table_from_value(previous_result(sources, source["previous_result"]))
    return fetch_table(source, sources)


def previous_result(sources: Sources, index: int) -> Any:
    results = list(getattr(sources, "previous_results", None) or [])
    if not -len(results) <= index < len(results):
        n = len(results)
        there = f"the job has {n} (index 0 to {n - 1}, or -1 to -{n} from the end)" if n else "the job has none"
        details = {"previous_result": index, "count": len(results)}
        raise PipelineError(f"There is no previous result {index}: {there}.", details)
    return results[index]


def _matching_key_types(
    left: pd.DataFrame, right: pd.DataFrame, left_keys: list[str], right_keys: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Numbers written as text on one side are read as numbers when the other side's key holds numbers."""
    for left_key, right_key in zip(left_keys, right_keys, strict=True):
        left_numeric, right_numeric = vec.is_numeric_series(left[left_key]), vec.is_numeric_series(right[right_key])
        if left_numeric == right_numeric:
            continue
        frame, key = (right, right_key) if left_numeric else (left, left_key)
        numbers = vec.numeric_view(frame[key])
        if numbers is None:
            raise PipelineError(
                f"The key '{left_key}' cannot be matched with '{right_key}': one holds numbers and the other text.",
                {"left_on": left_key, "right_on": right_key},
            )
        frame = frame.copy(deep=False)
        frame[key] = numbers
        left, right = (left, frame) if left_numeric else (frame, right)
    return left, right


def _check_join_size(
    left: pd.DataFrame, right: pd.DataFrame, left_keys: list[str], right_keys: list[str], how: str, max_rows: int
) -> None:
    """Refuse a join that would give more than max_rows rows before pandas builds it (and runs out of memory)."""
    keeps_left, keeps_right = how in ("left", "outer"), how in ("right", "outer")
    # When one side's keys are unique, each row of the other side matches at most once: a cheap bound.
    if not right.duplicated(right_keys).any():
        bound = len(left) + (len(right) if keeps_right else 0)
    elif not left.duplicated(left_keys).any():
        bound = len(right) + (len(left) if keeps_left else 0)
    else:
        bound = max_rows + 1
    if bound <= max_rows:
        return
    left_counts = left.groupby(left_keys, dropna=False).size()
    right_counts = right.groupby(right_keys, dropna=False).size()
    right_counts.index = right_counts.index.set_names(left_counts.index.names)
    pairs = left_counts.mul(right_counts)  # missing where a key is on one side only
    rows = int(pairs.sum())
    if keeps_left:
        rows += int(left_counts[~left_counts.index.isin(right_counts.index)].sum())
    if keeps_right:
        rows += int(right_counts[~right_counts.index.isin(left_counts.index)].sum())
    if rows > max_rows:
        raise PipelineError(
            f"The join would give {rows} rows, more than the limit of {max_rows}.", {"rows": rows, "max_rows": max_rows}
        )


def run_derive(table: pd.DataFrame, step: Step, context: Context) -> pd.DataFrame:
    value = step.expression.evaluate(table)
    derived = table.copy(deep=False)  # a new frame: the caller's table (or a previous step's) stays as it was
    derived[step.spec["column"]] = value
    return derived


def run_rename(table: pd.DataFrame, step: Step, context: Context) -> pd.DataFrame:
    renamed = table.copy(deep=False)
    renamed.columns = renamed_columns([str(name) for name in table.columns], step.spec["columns"])
    return renamed


def run_dedupe(table: pd.DataFrame, step: Step, context: Context) -> pd.DataFrame:
    columns, keep = step.spec["columns"], step.spec["keep"]
    try:
        return table.drop_duplicates(subset=columns, keep=keep)
    except TypeError:  # cells holding lists or objects (nested JSON) cannot be hashed: compare their JSON text
        keys = table[columns or list(table.columns)].apply(_hashable_column)
        return table[~keys.duplicated(keep=keep)]


def _hashable_column(series: pd.Series) -> pd.Series:
    if series.dtype != object:
        return series
    return series.map(lambda v: json.dumps(v, sort_keys=True, default=str) if isinstance(v, list | dict) else v)


def run_limit(table: pd.DataFrame, step: Step, context: Context) -> pd.DataFrame:
    start = step.spec["offset"]
    return table.iloc[start : start + step.spec["n"]]


def check_columns(table: pd.DataFrame, step: Step) -> None:
    """The columns a step reads, checked on the real table (validation could not see them all)."""
    for column in step.needs:
        if column not in table.columns:
            raise unknown_column(column, [str(name) for name in table.columns])


OPERATION_FUNCTIONS: dict[str, Operation] = {
    "http_request": run_http_request,
    "select": run_select,
    "filter": run_filter,
    "sort": run_sort,
    "top_k": run_top_k,
    "group_by": run_group_by,
    "join": run_join,
    "derive": run_derive,
    "rename": run_rename,
    "dedupe": run_dedupe,
    "limit": run_limit,
}
