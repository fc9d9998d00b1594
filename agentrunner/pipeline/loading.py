"""Tables from what the engine is handed: JSON values (previous results, a join's inline rows, API responses)
and the bytes of an HTTP response (JSON or CSV). No I/O here: the caller's Sources fetch the bytes."""

from __future__ import annotations

import codecs
import io
import json
import re
from typing import Any

import pandas as pd

from agentrunner.pipeline.errors import PipelineError, describe
from agentrunner.pipeline.sources import HttpResponse

RECORD_KEYS = ("rows", "data", "items", "results", "records")  # where APIs usually put their list, in this order
MAX_DEPTH = 4  # how deep into nested objects to look for the list of records
DELIMITERS = (",", ";", "\t", "|")
SHAPES = (
    'a list of objects, a list of lists whose first row is the header, an object holding such a list (under "rows", '
    '"data", "items", "results" or "records"), or {"columns": [...], "rows": [[...]]}'
)


def table_from_value(value: Any) -> pd.DataFrame:
    """A DataFrame from a JSON value shaped like a table (see SHAPES); PipelineError if it is not."""
    table = find_table(value, 0)
    if table is None:
        raise PipelineError(f"The value is not a table: it is {_summary(value)}. A table is {SHAPES}.")
    return table


def find_table(value: Any, depth: int) -> pd.DataFrame | None:
    if isinstance(value, list):
        return _from_list(value)
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("columns"), list) and isinstance(value.get("rows"), list):
        return _from_columns_and_rows(value["columns"], value["rows"])
    for key in RECORD_KEYS:
        if isinstance(value.get(key), list) and (table := _from_list(value[key])) is not None:
            return table
    for item in value.values():
        if _is_records(item):
            return _from_records(item)
    if depth < MAX_DEPTH:
        for item in value.values():
            if isinstance(item, dict) and (table := find_table(item, depth + 1)) is not None:
                return table
    return None


def _is_records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(row, dict) for row in value)


def _from_list(rows: list[Any]) -> pd.DataFrame | None:
    if not rows:
        return pd.DataFrame()
    if _is_records(rows):
        return _from_records(rows)
    if all(isinstance(row, list) for row in rows):
        return _from_header_and_rows(rows[0], rows[1:])
    return None


def _from_records(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return text_labels(pd.DataFrame(rows))


def _from_header_and_rows(header: list[Any], rows: list[Any]) -> pd.DataFrame:
    names = [str(name) for name in header]
    repeated = next((name for i, name in enumerate(names) if name in names[:i]), None)
    if repeated is not None:
        raise PipelineError(f"The header names the column {repeated!r} twice.", {"column": repeated})
    for number, row in enumerate(rows, 1):
        if not isinstance(row, list) or len(row) > len(names):
            raise PipelineError(
                f"Row {number} is not a list of at most {len(names)} values (one per header column).", {"row": number}
            )
    return pd.DataFrame(rows, columns=names) if rows else pd.DataFrame(columns=names)


def _from_columns_and_rows(columns: list[Any], rows: list[Any]) -> pd.DataFrame:
    if rows and all(isinstance(row, dict) for row in rows):
        return text_labels(pd.DataFrame(rows, columns=[str(name) for name in columns]))
    return _from_header_and_rows(columns, rows)


def text_labels(table: pd.DataFrame) -> pd.DataFrame:
    """The table with string column names (expressions and steps name columns by strings)."""
    if all(isinstance(name, str) for name in table.columns):
        return table
    renamed = table.copy(deep=False)
    renamed.columns = [str(name) for name in table.columns]
    return renamed


def _summary(value: Any) -> str:
    if isinstance(value, list):
        kinds = sorted({describe(item) for item in value[:100]})
        return f"a list of {len(value)} values ({', '.join(kinds)})"
    if isinstance(value, dict):
        return f"an object with the keys {', '.join(list(map(str, value))[:20]) or '(none)'}"
    return describe(value)


# --- HTTP responses ----------------------------------------------------------------------------------
def table_from_response(response: HttpResponse, spec: dict[str, Any]) -> pd.DataFrame:
    """The response of an http_request (`spec`: its normalised fields) parsed into a table."""
    url, body = spec["url"], response.body
    if len(body) > spec["max_bytes"]:
        raise PipelineError(
            f"The response from {url} is {len(body)} bytes, more than max_bytes ({spec['max_bytes']}).",
            {"url": url, "max_bytes": spec["max_bytes"]},
        )
    if not body.strip():
        raise PipelineError(f"The response from {url} is empty.", {"url": url})
    charset = _charset(response.content_type)
    form = spec["format"] if spec["format"] != "auto" else response_format(response.content_type, body)
    if form == "csv":
        return table_from_csv(body, charset, url)
    value = parse_json(body, charset, url)
    if spec.get("records_path"):
        value = follow_path(value, spec["records_path"], url)
    table = find_table(value, 0)
    if table is None and isinstance(value, dict):
        return text_labels(pd.DataFrame([value]))  # a single object, such as "the weather now": one row
    if table is None:
        raise PipelineError(
            f"The JSON from {url} is not a table: it is {_summary(value)}. A table is {SHAPES}.", {"url": url}
        )
    return table


def response_format(content_type: str, body: bytes) -> str:
    """ "json" or "csv": by the content type, else by what the body starts with."""
    kind = content_type.split(";")[0].strip().lower()
    if "json" in kind:
        return "json"
    if "csv" in kind or "comma-separated" in kind:
        return "csv"
    start = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" if start[:1] in (b"[", b"{") else "csv"


def _charset(content_type: str) -> str:
    found = re.search(r"charset=\"?([\w.:-]+)", content_type, re.IGNORECASE)
    if not found:
        return "utf-8"
    try:
        return codecs.lookup(found.group(1)).name
    except LookupError:
        return "utf-8"


def parse_json(body: bytes, charset: str, url: str) -> Any:
    try:
        text = body.decode("utf-8-sig" if charset == "utf-8" else charset)
        return json.loads(text)
    except UnicodeDecodeError as error:
        raise PipelineError(f"The response from {url} is not {charset} text ({error.reason}).", {"url": url}) from None
    except json.JSONDecodeError as error:
        excerpt = body[:200].decode("utf-8", "replace")
        raise PipelineError(
            f"The response from {url} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}.",
            {"url": url, "excerpt": excerpt},
        ) from None
    except RecursionError:
        raise PipelineError(f"The JSON from {url} is nested too deeply.", {"url": url}) from None


def follow_path(value: Any, path: str, url: str) -> Any:
    """The part of `value` that the dotted `path` names ("data.items", "results.0.rows")."""
    parts = path.split(".")
    for i, part in enumerate(parts):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and re.fullmatch(r"-?\d+", part) and -len(value) <= int(part) < len(value):
            value = value[int(part)]
        else:
            where = f"'{'.'.join(parts[:i])}'" if i else "the top level"
            keys = [str(key) for key in value][:30] if isinstance(value, dict) else []
            there = f" The keys there are: {', '.join(keys)}." if keys else f" There is {_summary(value)} there."
            raise PipelineError(
                f"The records_path {path!r} does not match the JSON from {url}: "
                f"there is no {part!r} at {where}.{there}",
                {"url": url, "records_path": path, "missing": part, "available_keys": keys},
            )
    return value


def table_from_csv(body: bytes, charset: str, url: str) -> pd.DataFrame:
    first_line = body[:4096].split(b"\n", 1)[0]
    delimiter = max(DELIMITERS, key=lambda sep: first_line.count(sep.encode()))
    for encoding in dict.fromkeys(("utf-8-sig" if charset == "utf-8" else charset, "latin-1")):
        try:
            return text_labels(pd.read_csv(io.BytesIO(body), sep=delimiter, encoding=encoding))
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise PipelineError(f"The response from {url} is not valid CSV: {reason}.", {"url": url}) from None
    raise PipelineError(f"The response from {url} is not text in a known encoding.", {"url": url})
