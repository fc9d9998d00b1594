"""join: the right table from inline rows, an artifact, a previous result or a URL, and the joins' guards."""

from __future__ import annotations

import pandas as pd
import pytest

from agentrunner.pipeline import PipelineError, run_pipeline

CARRIERS = [{"carrier": "AA", "name": "American"}, {"carrier": "DL", "name": "Delta"}]


def names(table: pd.DataFrame) -> list:
    return [None if pd.isna(value) else value for value in table["name"].tolist()]


def test_join_with_inline_rows(flights, sources) -> None:
    steps = [{"op": "join", "right": {"rows": CARRIERS}, "on": "carrier"}]
    result = run_pipeline(steps, table=flights, sources=sources).table
    assert list(result.columns) == ["id", "origin", "carrier", "price", "duration", "date", "name"]
    assert result["id"].tolist() == [1, 2, 3, 5, 6]
    assert names(result) == ["American", "Delta", "American", "Delta", "American"]


def test_join_with_inline_rows_in_header_form_and_a_left_join(flights, sources) -> None:
    rows = [["carrier", "name"], ["UA", "United"]]
    steps = [{"op": "join", "right": {"rows": rows}, "on": "carrier", "how": "left"}]
    result = run_pipeline(steps, table=flights, sources=sources).table
    assert names(result) == [None, None, None, "United", None, None]


def test_join_with_an_artifact(flights, sources) -> None:
    sources.artifacts["artifact://carriers"] = pd.DataFrame(CARRIERS)
    steps = [{"op": "join", "right": {"artifact": "artifact://carriers"}, "on": "carrier", "how": "right"}]
    assert names(run_pipeline(steps, table=flights, sources=sources).table) == ["American"] * 3 + ["Delta"] * 2


def test_an_unknown_artifact_is_the_sources_error_told_by_the_step(flights, sources) -> None:
    steps = [{"op": "limit", "n": 3}, {"op": "join", "right": {"artifact": "artifact://nope"}, "on": "carrier"}]
    with pytest.raises(PipelineError) as caught:
        run_pipeline(steps, table=flights, sources=sources)
    assert caught.value.message == "Step 2 (join): there is no artifact artifact://nope."
    assert caught.value.details == {"step": 2, "op": "join", "artifact": "artifact://nope"}


def test_join_with_a_previous_result_counting_from_the_end(flights, sources) -> None:
    sources.previous_results = [{"data": CARRIERS}, {"rows": [{"carrier": "UA", "name": "United"}]}]
    last = [{"op": "join", "right": {"previous_result": -1}, "on": "carrier"}]
    assert names(run_pipeline(last, table=flights, sources=sources).table) == ["United"]
    first = [{"op": "join", "right": {"previous_result": 0}, "on": "carrier"}]
    assert len(run_pipeline(first, table=flights, sources=sources).table) == 5


def test_a_previous_result_that_is_not_there(flights, sources) -> None:
    sources.previous_results = [CARRIERS]
    with pytest.raises(PipelineError) as caught:
        run_pipeline([{"op": "join", "right": {"previous_result": 2}, "on": "carrier"}], table=flights, sources=sources)
    assert caught.value.message == (
        "Step 1 (join): there is no previous result 2: the job has 1 (index 0 to 0, or -1 to -1 from the end)."
    )


def test_a_previous_result_that_is_not_a_table(flights, sources) -> None:
    sources.previous_results = ["just text"]
    with pytest.raises(PipelineError, match=r"^Step 1 \(join\): the value is not a table: it is a string\."):
        run_pipeline([{"op": "join", "right": {"previous_result": 0}, "on": "carrier"}], table=flights, sources=sources)


def test_join_with_a_url(flights, sources) -> None:
    sources.answer_json("https://api.example.com/carriers", {"results": CARRIERS})
    right = {"url": "https://api.example.com/carriers", "headers": {"Authorization": "Bearer t"}}
    steps = [{"op": "join", "right": right, "left_on": "carrier", "right_on": "carrier"}]
    assert len(run_pipeline(steps, table=flights, sources=sources).table) == 5
    assert sources.requests[0].headers == {"Authorization": "Bearer t"}


def test_join_with_left_on_and_right_on_keeps_both_keys_and_suffixes_clashes(flights, sources) -> None:
    right = {"rows": [{"code": "AA", "price": 1.0}]}
    steps = [{"op": "join", "right": right, "left_on": "carrier", "right_on": "code"}]
    result = run_pipeline(steps, table=flights, sources=sources).table
    assert list(result.columns) == ["id", "origin", "carrier", "price", "duration", "date", "code", "price_right"]


def test_a_right_key_missing_from_an_artifact_lists_its_columns(flights, sources) -> None:
    sources.artifacts["artifact://c"] = pd.DataFrame({"code": ["AA"]})
    with pytest.raises(PipelineError) as caught:
        run_pipeline([{"op": "join", "right": {"artifact": "artifact://c"}, "on": "carrier"}], table=flights,
                     sources=sources)  # fmt: skip
    assert caught.value.message == (
        "Step 1 (join): there is no column 'carrier' in the right table. The columns are: code."
    )
    assert caught.value.details["valid_columns"] == ["code"]


def test_keys_with_numbers_as_text_match_numbers(sources) -> None:
    left = pd.DataFrame({"id": ["1", "2", "3"]})
    steps = [{"op": "join", "right": {"rows": [{"id": 2, "v": "two"}, {"id": 3, "v": "three"}]}, "on": "id"}]
    assert run_pipeline(steps, table=left, sources=sources).table["v"].tolist() == ["two", "three"]


def test_keys_of_text_and_numbers_that_cannot_match_are_a_clear_error(sources) -> None:
    left = pd.DataFrame({"id": ["a", "b"]})
    with pytest.raises(PipelineError, match="one holds numbers and the other text"):
        run_pipeline([{"op": "join", "right": {"rows": [{"id": 2}]}, "on": "id"}], table=left, sources=sources)


def test_a_join_that_would_explode_is_refused_before_it_is_built(sources) -> None:
    left = pd.DataFrame({"k": [1] * 1000})
    steps = [{"op": "join", "right": {"rows": [{"k": 1, "i": i} for i in range(1000)]}, "on": "k"}]
    with pytest.raises(PipelineError) as caught:
        run_pipeline(steps, table=left, sources=sources, max_rows=10_000)
    assert caught.value.message == "Step 1 (join): the join would give 1000000 rows, more than the limit of 10000."
    assert caught.value.details == {"step": 1, "op": "join", "rows": 1_000_000, "max_rows": 10_000}


def test_a_join_with_repeated_keys_within_the_limit_runs(sources) -> None:
    left = pd.DataFrame({"k": [1, 1, 2]})
    steps = [{"op": "join", "right": {"rows": [{"k": 1, "i": 1}, {"k": 1, "i": 2}]}, "on": "k", "how": "outer"}]
    assert len(run_pipeline(steps, table=left, sources=sources, max_rows=10).table) == 5
