"""Each op run through run_pipeline on a small flights table."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from agentrunner.pipeline import PipelineError, run_pipeline


def run(steps: list[dict[str, Any]], table: pd.DataFrame, sources: Any) -> pd.DataFrame:
    return run_pipeline(steps, table=table, sources=sources).table


def column(table: pd.DataFrame, name: str) -> list:
    return [None if pd.isna(value) else value for value in table[name].tolist()]


def test_select_keeps_the_named_columns_in_the_given_order(flights, sources) -> None:
    result = run([{"op": "select", "columns": ["price", "id"]}], flights, sources)
    assert list(result.columns) == ["price", "id"]
    assert len(result) == 6


def test_filter_keeps_the_matching_rows_and_renumbers_them(flights, sources) -> None:
    result = run([{"op": "filter", "where": "price < 400 and origin != 'JFK'"}], flights, sources)
    assert column(result, "id") == [2, 4]
    assert list(result.index) == [0, 1]


def test_filter_drops_rows_whose_value_is_missing(flights, sources) -> None:
    assert column(run([{"op": "filter", "where": "origin != 'LAX'"}], flights, sources), "id") == [1, 3, 6]


def test_filter_with_a_constant_keeps_all_or_nothing(flights, sources) -> None:
    assert len(run([{"op": "filter", "where": "true"}], flights, sources)) == 6
    assert len(run([{"op": "filter", "where": "1 > 2"}], flights, sources)) == 0


def test_a_filter_that_gives_no_condition_is_an_error(flights, sources) -> None:
    with pytest.raises(PipelineError) as caught:
        run([{"op": "limit", "n": 5}, {"op": "filter", "where": "price * 2"}], flights, sources)
    assert caught.value.message == (
        "Step 2 (filter): the filter 'price * 2' must give true or false for each row, but it gives numbers."
    )
    assert caught.value.details == {"step": 2, "op": "filter", "expression": "price * 2"}


def test_sort_is_stable_and_puts_missing_values_last(flights, sources) -> None:
    ascending = run([{"op": "sort", "by": "price"}], flights, sources)
    assert column(ascending, "id") == [2, 5, 1, 6, 4, 3]
    descending = run([{"op": "sort", "by": "price", "descending": True}], flights, sources)
    assert column(descending, "id") == [4, 1, 6, 5, 2, 3]


def test_sort_by_several_keys_each_with_its_direction(flights, sources) -> None:
    steps = [{"op": "sort", "by": ["carrier", {"column": "duration", "descending": True}]}]
    assert column(run(steps, flights, sources), "id") == [1, 6, 3, 2, 5, 4]


def test_sort_reads_text_holding_numbers_as_numbers(sources) -> None:
    table = pd.DataFrame({"n": ["10", "9", None, "100"]})
    assert column(run([{"op": "sort", "by": "n"}], table, sources), "n") == ["9", "10", "100", None]


def test_sort_of_mixed_types_is_a_clear_error(sources) -> None:
    table = pd.DataFrame({"v": ["a", 1, "b"]})
    with pytest.raises(PipelineError) as caught:
        run([{"op": "sort", "by": "v"}], table, sources)
    assert caught.value.message.startswith("Step 1 (sort) failed on the data: ")
    assert caught.value.details["error"] == "TypeError"


def test_top_k_gives_the_largest_in_order(flights, sources) -> None:
    result = run([{"op": "top_k", "k": 3, "by": "price"}], flights, sources)
    assert column(result, "id") == [4, 1, 6]
    smallest = run([{"op": "top_k", "k": 2, "by": "price", "descending": False}], flights, sources)
    assert column(smallest, "id") == [2, 5]


def test_top_k_on_text_and_on_text_holding_numbers(sources) -> None:
    table = pd.DataFrame({"name": ["b", "d", None, "a"], "n": ["10", "9", "100", None]})
    assert column(run([{"op": "top_k", "k": 2, "by": "name"}], table, sources), "name") == ["d", "b"]
    assert column(run([{"op": "top_k", "k": 2, "by": "n"}], table, sources), "n") == ["100", "10"]


def test_group_by_counts_by_default_and_keeps_missing_keys_as_a_group(flights, sources) -> None:
    result = run([{"op": "group_by", "by": "origin"}], flights, sources)
    assert list(result.columns) == ["origin", "count"]
    assert column(result, "origin") == ["JFK", "LAX", "SFO", None]
    assert column(result, "count") == [2, 2, 1, 1]


def test_group_by_computes_each_aggregate(flights, sources) -> None:
    aggregates = {
        "n": {"fn": "count"},
        "priced": {"fn": "count", "column": "price"},
        "total": {"fn": "sum", "column": "price"},
        "avg": {"fn": "mean", "column": "price"},
        "mid": {"fn": "median", "column": "duration"},
        "low": {"fn": "min", "column": "price"},
        "high": {"fn": "max", "column": "duration"},
        "origins": {"fn": "nunique", "column": "origin"},
        "first_id": {"fn": "first", "column": "id"},
        "last_id": {"fn": "last", "column": "id"},
    }
    result = run([{"op": "group_by", "by": ["carrier"], "aggregates": aggregates}], flights, sources)
    assert result.to_dict("records") == [
        {"carrier": "AA", "n": 3, "priced": 2, "total": 240.0, "avg": 120.0, "mid": 300.0, "low": 120.0,
         "high": 300, "origins": 2, "first_id": 1, "last_id": 6},
        {"carrier": "DL", "n": 2, "priced": 2, "total": 175.5, "avg": 87.75, "mid": 75.0, "low": 80.5,
         "high": 90, "origins": 1, "first_id": 2, "last_id": 5},
        {"carrier": "UA", "n": 1, "priced": 1, "total": 300.0, "avg": 300.0, "mid": 330.0, "low": 300.0,
         "high": 330, "origins": 1, "first_id": 4, "last_id": 4},
    ]  # fmt: skip


def test_group_by_with_no_keys_gives_one_total_row(sources) -> None:
    table = pd.DataFrame({"k": ["a", "a", "b"], "v": ["10", None, "1.5"]})
    aggregates = {
        "rows": {"fn": "count"},
        "total": {"fn": "sum", "column": "v"},
        "kinds": {"fn": "nunique", "column": "k"},
        "first_v": {"fn": "first", "column": "v"},
        "last_v": {"fn": "last", "column": "v"},
    }
    result = run([{"op": "group_by", "by": [], "aggregates": aggregates}], table, sources)
    assert result.to_dict("records") == [{"rows": 3, "total": 11.5, "kinds": 2, "first_v": "10", "last_v": "1.5"}]


def test_group_by_with_no_keys_on_an_empty_table_counts_zero(sources) -> None:
    result = run([{"op": "group_by", "by": []}], pd.DataFrame({"k": []}), sources)
    assert result.to_dict("records") == [{"count": 0}]


def test_group_by_reads_text_holding_numbers_as_numbers(sources) -> None:
    table = pd.DataFrame({"k": ["a", "a", "b"], "v": ["10", "9", "1.5"]})
    aggregates = {"total": {"fn": "sum", "column": "v"}, "top": {"fn": "max", "column": "v"}}
    result = run([{"op": "group_by", "by": "k", "aggregates": aggregates}], table, sources)
    assert result.to_dict("records") == [{"k": "a", "total": 19.0, "top": 10.0}, {"k": "b", "total": 1.5, "top": 1.5}]


def test_the_mean_of_text_is_a_clear_error(flights, sources) -> None:
    with pytest.raises(PipelineError) as caught:
        run([{"op": "group_by", "by": "carrier", "aggregates": {"m": {"fn": "mean", "column": "origin"}}}],
            flights, sources)  # fmt: skip
    assert caught.value.message == (
        "Step 1 (group_by): the column 'origin' holds text, not numbers, so its mean cannot be computed."
    )


def test_derive_adds_or_replaces_a_column_without_touching_the_input(flights, sources) -> None:
    before = flights.copy()
    steps = [
        {"op": "derive", "column": "with_tax", "expr": "round(price * 1.2, 2)"},
        {"op": "derive", "column": "price", "expr": "coalesce(price, 0)"},
        {"op": "derive", "column": "source", "expr": "'api'"},
    ]
    result = run(steps, flights, sources)
    assert column(result, "with_tax") == [144.0, 96.6, None, 360.0, 114.0, 144.0]
    assert column(result, "price") == [120.0, 80.5, 0.0, 300.0, 95.0, 120.0]
    assert column(result, "source") == ["api"] * 6
    pd.testing.assert_frame_equal(flights, before)


def test_rename_renames_only_the_named_columns(flights, sources) -> None:
    result = run([{"op": "rename", "columns": {"origin": "from", "price": "fare"}}], flights, sources)
    assert list(result.columns) == ["id", "from", "carrier", "fare", "duration", "date"]
    assert list(flights.columns) == ["id", "origin", "carrier", "price", "duration", "date"]


def test_dedupe_on_some_or_all_columns(flights, sources) -> None:
    assert column(run([{"op": "dedupe", "columns": ["carrier"]}], flights, sources), "id") == [1, 2, 4]
    assert column(run([{"op": "dedupe", "columns": ["carrier"], "keep": "last"}], flights, sources), "id") == [4, 5, 6]
    no_id = [{"op": "select", "columns": ["origin", "carrier", "price", "duration", "date"]}, {"op": "dedupe"}]
    assert len(run(no_id, flights, sources)) == 5


def test_dedupe_compares_nested_json_cells_by_content(sources) -> None:
    table = pd.DataFrame({"tags": [["a"], ["a"], {"b": 1}, ["b"]], "n": [1, 1, 1, 1]})
    assert column(run([{"op": "dedupe"}], table, sources), "tags") == [["a"], {"b": 1}, ["b"]]


def test_limit_with_an_offset(flights, sources) -> None:
    assert column(run([{"op": "limit", "n": 2, "offset": 3}], flights, sources), "id") == [4, 5]
    assert len(run([{"op": "limit", "n": 0}], flights, sources)) == 0
    assert len(run([{"op": "limit", "n": 10, "offset": 10}], flights, sources)) == 0


def test_a_whole_pipeline(flights, sources) -> None:
    steps = [
        {"op": "filter", "where": "price is not None and year(date) == 2024"},
        {"op": "derive", "column": "per_hour", "expr": "price / (duration / 60)"},
        {"op": "group_by", "by": "origin", "aggregates": {"best": {"fn": "min", "column": "per_hour"}}},
        {"op": "sort", "by": "best"},
        {"op": "limit", "n": 1},
    ]
    assert run(steps, flights, sources).to_dict("records") == [{"origin": "JFK", "best": 24.0}]


def test_large_tables_keep_numpy_speed() -> None:
    rows = 200_000
    table = pd.DataFrame({"k": np.arange(rows) % 7, "v": np.arange(rows, dtype=float)})
    steps = [{"op": "filter", "where": "v % 2 == 0"}, {"op": "group_by", "by": "k",
             "aggregates": {"total": {"fn": "sum", "column": "v"}}}]  # fmt: skip
    result = run_pipeline(steps, table=table, sources=None).table
    expected = table[table["v"] % 2 == 0].groupby("k").agg(total=("v", "sum")).reset_index()
    pd.testing.assert_frame_equal(result, expected)
