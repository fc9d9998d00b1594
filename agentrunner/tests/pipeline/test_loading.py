"""table_from_value: every JSON shape of a table found in previous results, and what is not one."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from agentrunner.pipeline import PipelineError, table_from_value

RECORDS = [{"a": 1, "b": "x"}, {"a": 2, "c": True}]


def records(value: Any) -> list[dict[str, Any]]:
    table = table_from_value(value)
    return [{k: (None if not isinstance(v, list | dict) and pd.isna(v) else v) for k, v in row.items()}
            for row in table.to_dict("records")]  # fmt: skip


def test_a_list_of_objects_gives_the_union_of_their_keys_in_order() -> None:
    assert records(RECORDS) == [{"a": 1, "b": "x", "c": None}, {"a": 2, "b": None, "c": True}]


def test_a_list_of_lists_takes_its_first_row_as_header_and_pads_short_rows() -> None:
    assert records([["a", "b"], [1, "x"], [2]]) == [{"a": 1, "b": "x"}, {"a": 2, "b": None}]


def test_a_header_without_rows_gives_an_empty_table_with_columns() -> None:
    table = table_from_value([["a", "b"]])
    assert list(table.columns) == ["a", "b"] and len(table) == 0


@pytest.mark.parametrize("key", ["rows", "data", "items", "results", "records"])
def test_an_object_holding_the_records_under_a_usual_key(key: str) -> None:
    assert records({"total": 2, key: RECORDS})[0]["a"] == 1


def test_the_usual_keys_win_over_other_lists_of_objects() -> None:
    assert records({"links": [{"href": "x"}], "data": [{"a": 1}]}) == [{"a": 1}]


def test_otherwise_the_first_list_of_objects_is_taken() -> None:
    assert records({"count": 1, "flights": [{"a": 1}], "more": [{"b": 2}]}) == [{"a": 1}]


def test_records_nested_in_objects_are_found() -> None:
    assert records({"response": {"body": {"list": [{"a": 1}]}}}) == [{"a": 1}]


def test_columns_and_rows() -> None:
    assert records({"columns": ["a", "b"], "rows": [[1, "x"], [2, "y"]]}) == [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]


def test_an_empty_list_is_an_empty_table() -> None:
    assert table_from_value([]).empty
    assert table_from_value({"rows": []}).empty


def test_nested_values_stay_in_their_cells() -> None:
    assert records([{"a": [1, 2], "b": {"c": 1}}]) == [{"a": [1, 2], "b": {"c": 1}}]


def test_column_names_are_strings() -> None:
    assert list(table_from_value([[1, 2], ["x", "y"]]).columns) == ["1", "2"]


@pytest.mark.parametrize(("value", "said"), [
    ("text", "it is a string"),
    (42, "it is a number"),
    (None, "it is null"),
    ([1, "a"], "it is a list of 2 values (a number, a string)"),
    ([{"a": 1}, 2], "it is a list of 2 values (a number, an object)"),
    ({"status": "ok", "count": 3}, "it is an object with the keys status, count"),
])  # fmt: skip
def test_what_is_not_a_table_is_told_with_the_shapes_that_are(value: Any, said: str) -> None:
    with pytest.raises(PipelineError) as caught:
        table_from_value(value)
    assert caught.value.message.startswith(f"The value is not a table: {said}. A table is a list of objects, ")


def test_a_header_naming_a_column_twice_is_refused() -> None:
    with pytest.raises(PipelineError, match="The header names the column 'a' twice."):
        table_from_value([["a", "a"], [1, 2]])


def test_a_row_longer_than_the_header_is_refused() -> None:
    with pytest.raises(PipelineError, match=r"Row 2 is not a list of at most 2 values"):
        table_from_value([["a", "b"], [1, 2], [1, 2, 3]])
