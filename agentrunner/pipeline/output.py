"""Tables as JSON: a preview for the API and records for storing artifacts.

Everything that comes out is plain JSON: missing values (NaN, NaT, None, pd.NA) and infinities become None,
numpy scalars become Python ones, timestamps and dates become ISO strings.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_datetime64_any_dtype, is_float_dtype, is_integer_dtype


def preview(table: pd.DataFrame, rows: int = 20) -> dict[str, Any]:
    """The first `rows` rows as JSON-safe lists, with the columns and the full row count."""
    head = table.iloc[: max(rows, 0)]
    columns = [json_column(head.iloc[:, i]) for i in range(head.shape[1])]
    return {
        "columns": [str(name) for name in table.columns],
        "rows": [list(row) for row in zip(*columns, strict=True)] if columns else [[] for _ in range(len(head))],
        "row_count": len(table),
        "truncated": len(table) > len(head),
    }


def table_to_records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Every row as a JSON-safe object keyed by column name."""
    names = [str(name) for name in table.columns]
    return [dict(zip(names, row, strict=True)) for row in table_to_rows(table)]


def table_to_rows(table: pd.DataFrame) -> list[list[Any]]:
    """Every row as a JSON-safe list of values in column order (the form artifacts are stored in)."""
    columns = [json_column(table.iloc[:, i]) for i in range(table.shape[1])]
    if not columns:
        return [[] for _ in range(len(table))]
    return [list(row) for row in zip(*columns, strict=True)]


def json_column(series: pd.Series) -> list[Any]:
    """A column's values as JSON-safe Python values; whole numpy columns are converted at once where possible."""
    dtype = series.dtype
    if isinstance(dtype, np.dtype) and (is_bool_dtype(dtype) or is_integer_dtype(dtype)):
        return series.tolist()
    if isinstance(dtype, np.dtype) and is_float_dtype(dtype):
        values = series.to_numpy()
        listed = values.tolist()
        for i in np.flatnonzero(~np.isfinite(values)):
            listed[i] = None
        return listed
    if is_datetime64_any_dtype(dtype):
        return [None if value is pd.NaT else value.isoformat() for value in series]
    return [json_value(value) for value in series.astype(object)]


def json_value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | str):
        return value
    if isinstance(value, float):  # np.float64 too
        return float(value) if math.isfinite(value) else None
    if isinstance(value, int):
        return int(value)
    if isinstance(value, np.datetime64 | np.timedelta64):
        return json_value(pd.Timestamp(value) if isinstance(value, np.datetime64) else pd.Timedelta(value))
    if isinstance(value, np.generic):
        return json_value(value.item())
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(pd.Timedelta(value))
    if isinstance(value, dict):
        return {str(key): json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | np.ndarray):
        return [json_value(item) for item in value]
    if isinstance(value, Decimal):
        return json_value(float(value))
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)
