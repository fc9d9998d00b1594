"""run_pipeline: the trace, the row limit, the starting table, and errors from the data told by step."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from agentrunner.pipeline import PipelineError, PipelineResult, run_pipeline


def test_the_trace_has_one_entry_per_step(flights, sources) -> None:
    steps = [{"op": "filter", "where": "price > 90"}, {"op": "limit", "n": 2}]
    result = run_pipeline(steps, table=flights, sources=sources)
    assert isinstance(result, PipelineResult)
    assert [{k: v for k, v in entry.items() if k != "ms"} for entry in result.trace] == [
        {"op": "filter", "rows_in": 6, "rows_out": 4},
        {"op": "limit", "rows_in": 4, "rows_out": 2},
    ]
    assert all(isinstance(entry["ms"], float) and entry["ms"] >= 0 for entry in result.trace)
    assert all(round(entry["ms"], 2) == entry["ms"] for entry in result.trace)


def test_the_input_table_is_never_changed(flights, sources) -> None:
    before = flights.copy()
    steps = [
        {"op": "derive", "column": "price", "expr": "price * 2"},
        {"op": "rename", "columns": {"id": "key"}},
        {"op": "sort", "by": "price"},
    ]
    run_pipeline(steps, table=flights, sources=sources)
    pd.testing.assert_frame_equal(flights, before)


def test_the_result_is_numbered_from_zero(flights, sources) -> None:
    result = run_pipeline([{"op": "sort", "by": "price", "descending": True}], table=flights, sources=sources)
    assert list(result.table.index) == list(range(6))


def test_a_step_that_needs_a_table_cannot_start_a_pipeline_without_one(sources) -> None:
    with pytest.raises(PipelineError) as caught:
        run_pipeline([{"op": "select", "columns": ["a"]}], table=None, sources=sources)
    assert caught.value.message == (
        "Step 1 (select) needs a table, but the pipeline was given none; start with an http_request."
    )


def test_validation_happens_before_anything_runs(flights, sources) -> None:
    steps = [{"op": "http_request", "url": "https://api.example.com/x"}, {"op": "limit", "n": -1}]
    with pytest.raises(PipelineError, match=r"^Step 2 \(limit\): 'n' must be"):
        run_pipeline(steps, table=flights, sources=sources)
    assert sources.requests == []


def test_a_join_over_max_rows_is_refused(sources) -> None:
    table = pd.DataFrame({"k": [1, 2]})
    steps = [{"op": "join", "right": {"rows": [{"k": 1}, {"k": 2}, {"k": 3}]}, "on": "k", "how": "outer"}]
    assert len(run_pipeline(steps, table=table, sources=sources, max_rows=3).table) == 3
    with pytest.raises(
        PipelineError, match=r"^Step 1 \(join\): the join would give 3 rows, more than the limit of 2\.$"
    ):
        run_pipeline(steps, table=table, sources=sources, max_rows=2)


def test_a_fetched_table_over_max_rows_is_refused(sources) -> None:
    sources.answer_json("https://api.example.com/x", [{"a": i} for i in range(5)])
    steps = [{"op": "http_request", "url": "https://api.example.com/x"}]
    with pytest.raises(PipelineError) as caught:
        run_pipeline(steps, table=None, sources=sources, max_rows=4)
    assert caught.value.message == "Step 1 (http_request): the table has 5 rows, more than the limit of 4."
    assert caught.value.details == {"step": 1, "op": "http_request", "rows": 5, "max_rows": 4}


def test_an_incompatible_comparison_names_the_step(sources) -> None:
    table = pd.DataFrame({"d": pd.to_datetime(["2024-01-01"]), "n": [1]})
    with pytest.raises(PipelineError) as caught:
        run_pipeline([{"op": "limit", "n": 1}, {"op": "filter", "where": "d > n"}], table=table, sources=sources)
    assert caught.value.message.startswith("Step 2 (filter): cannot compare the column 'd' (dates) with the column")
    assert caught.value.details["step"] == 2 and caught.value.details["op"] == "filter"


def test_errors_from_pandas_are_wrapped_with_the_step(sources) -> None:
    table = pd.DataFrame({"v": [{"a": 1}, 2]})
    with pytest.raises(PipelineError) as caught:
        run_pipeline([{"op": "group_by", "by": "v"}], table=table, sources=sources)
    assert caught.value.message.startswith("Step 1 (group_by) failed on the data: ")
    assert caught.value.details == {"step": 1, "op": "group_by", "error": "TypeError"}


def test_non_string_column_names_are_read_as_strings(sources) -> None:
    table = pd.DataFrame({0: [3, 1], 1: ["a", "b"]})
    result = run_pipeline([{"op": "sort", "by": "0"}], table=table, sources=sources).table
    assert list(result.columns) == ["0", "1"] and result["1"].tolist() == ["b", "a"]


def test_a_table_with_a_repeated_column_name_is_refused(sources) -> None:
    table = pd.DataFrame(np.zeros((1, 2)), columns=["a", "a"])
    with pytest.raises(PipelineError, match="The table has two columns named 'a'."):
        run_pipeline([{"op": "limit", "n": 1}], table=table, sources=sources)


def test_an_input_over_max_rows_is_refused(sources) -> None:
    with pytest.raises(PipelineError, match="The table has 3 rows, more than the limit of 2."):
        run_pipeline([{"op": "limit", "n": 1}], table=pd.DataFrame({"a": [1, 2, 3]}), sources=sources, max_rows=2)
