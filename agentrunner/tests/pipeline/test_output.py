"""preview and table_to_records: plain JSON out of whatever pandas holds."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import numpy as np
import pandas as pd

from agentrunner.pipeline import preview, table_to_records, table_to_rows


def awkward_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "int": np.array([1, 2, 3], dtype=np.int64),
            "float": [1.5, np.nan, np.inf],
            "bool": [True, False, True],
            "text": ["a", None, np.nan],
            "when": pd.to_datetime(["2024-01-05 10:30", None, "2024-03-01 00:00"]),
            "utc": pd.to_datetime(["2024-01-05T10:30:00Z", None, "2024-03-01T00:00:00Z"]),
            "nullable": pd.array([1, None, 3], dtype="Int64"),
            "cat": pd.Categorical(["x", "y", None]),
            "objects": [np.int32(4), {"k": np.float64(0.5)}, [dt.date(2024, 1, 2), Decimal("1.25"), pd.NaT]],
            "delta": pd.to_timedelta(["1h", None, "2 days"]),
        }
    )


def test_preview_is_plain_json() -> None:
    result = preview(awkward_table(), rows=3)
    assert json.loads(json.dumps(result, allow_nan=False)) == result
    assert result["columns"] == ["int", "float", "bool", "text", "when", "utc", "nullable", "cat", "objects", "delta"]
    assert result["rows"] == [
        [1, 1.5, True, "a", "2024-01-05T10:30:00", "2024-01-05T10:30:00+00:00", 1, "x", 4, "0 days 01:00:00"],
        [2, None, False, None, None, None, None, "y", {"k": 0.5}, None],
        [3, None, True, None, "2024-03-01T00:00:00", "2024-03-01T00:00:00+00:00", 3, None,
         ["2024-01-02", 1.25, None], "2 days 00:00:00"],
    ]  # fmt: skip
    assert result["row_count"] == 3 and result["truncated"] is False


def test_preview_gives_the_first_rows_and_says_it_is_truncated() -> None:
    table = pd.DataFrame({"n": np.arange(100)})
    result = preview(table, rows=5)
    assert result["rows"] == [[0], [1], [2], [3], [4]]
    assert type(result["rows"][0][0]) is int
    assert result["row_count"] == 100 and result["truncated"] is True
    assert preview(table)["rows"][-1] == [19]


def test_preview_of_an_empty_table() -> None:
    assert preview(pd.DataFrame({"a": []})) == {"columns": ["a"], "rows": [], "row_count": 0, "truncated": False}


def test_table_to_records_is_plain_json_keyed_by_column() -> None:
    records = table_to_records(awkward_table())
    assert json.loads(json.dumps(records, allow_nan=False)) == records
    assert records[1] == {"int": 2, "float": None, "bool": False, "text": None, "when": None, "utc": None,
                          "nullable": None, "cat": "y", "objects": {"k": 0.5}, "delta": None}  # fmt: skip
    assert all(type(record["int"]) is int for record in records)


def test_table_to_records_with_non_string_column_names() -> None:
    assert table_to_records(pd.DataFrame({0: [np.int64(1)], "x": ["y"]})) == [{"0": 1, "x": "y"}]


def test_table_to_rows_keeps_column_order_and_duplicate_names() -> None:
    table = pd.DataFrame([[1, np.nan, "a"], [2, 3.5, None]], columns=["n", "n", "s"])
    assert table_to_rows(table) == [[1, None, "a"], [2, 3.5, None]]
    assert table_to_rows(pd.DataFrame(index=[0, 1])) == [[], []]
