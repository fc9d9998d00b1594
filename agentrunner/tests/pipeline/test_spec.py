"""validate_pipeline: every fault found before anything runs, told in a sentence, and the defaults filled in."""

from __future__ import annotations

from typing import Any

import pytest

from agentrunner.pipeline import OPERATIONS, PipelineError, validate_pipeline

COLUMNS = ["id", "origin", "carrier", "price", "duration", "date"]


def fault(steps: Any, columns: list[str] | None = COLUMNS) -> PipelineError:
    with pytest.raises(PipelineError) as caught:
        validate_pipeline(steps, columns=columns)
    return caught.value


def test_the_ops_are_the_documented_ones() -> None:
    assert OPERATIONS == ("http_request", "select", "filter", "sort", "top_k", "group_by", "join", "derive",
                          "rename", "dedupe", "limit")  # fmt: skip


@pytest.mark.parametrize(("steps", "message"), [
    ({"op": "select"}, "The pipeline must be a list of steps, not an object."),
    ("select", "The pipeline must be a list of steps, not a string."),
    ([], "The pipeline has no steps; give at least one."),
    ([{"op": "limit", "n": 1}] * 101, "The pipeline has 101 steps; at most 100 are allowed."),
])  # fmt: skip
def test_it_refuses_a_pipeline_that_is_not_a_list_of_steps(steps: Any, message: str) -> None:
    assert fault(steps).message == message


def test_a_step_must_be_an_object() -> None:
    error = fault([{"op": "limit", "n": 1}, "sort"])
    assert error.message == "Step 2 must be an object with an 'op', not a string."
    assert error.details == {"step": 2}


def test_an_unknown_op_lists_the_valid_ops() -> None:
    error = fault([{"op": "pivot", "index": "a"}])
    assert error.message == (
        "Step 1 has an unknown op 'pivot'. The valid ops are: http_request, select, filter, sort, top_k, group_by, "
        "join, derive, rename, dedupe, limit."
    )
    assert error.details == {"step": 1, "op": "pivot", "valid_ops": list(OPERATIONS)}


def test_a_step_without_an_op_lists_the_valid_ops() -> None:
    assert fault([{"columns": ["id"]}]).message.startswith("Step 1 has no 'op'. The valid ops are: http_request")


def test_an_unknown_field_lists_the_allowed_fields() -> None:
    error = fault([{"op": "sort", "by": "price", "ascending": True}])
    assert error.message == "Step 1 (sort): unknown field 'ascending'. The allowed fields are: op, by, descending."
    assert error.details == {
        "step": 1,
        "op": "sort",
        "field": "ascending",
        "allowed_fields": ["op", "by", "descending"],
    }


def test_a_missing_field_is_named() -> None:
    error = fault([{"op": "limit", "n": 5}, {"op": "top_k", "by": "price"}])
    assert error.message == "Step 2 (top_k): the field 'k' is missing. The fields are: op, k, by, descending."
    assert error.details["field"] == "k"


def test_a_pipeline_naming_a_missing_column_fails_with_the_list_of_columns() -> None:
    error = fault([{"op": "filter", "where": "prise < 800"}])
    assert error.message == (
        "Step 1 (filter): there is no column 'prise' in the table. Did you mean 'price'? "
        "The columns are: id, origin, carrier, price, duration, date."
    )
    assert error.details == {"step": 1, "op": "filter", "column": "prise", "valid_columns": COLUMNS}


@pytest.mark.parametrize("step", [
    {"op": "select", "columns": ["id", "fare"]},
    {"op": "sort", "by": ["price", {"column": "fare", "descending": True}]},
    {"op": "top_k", "k": 3, "by": "fare"},
    {"op": "group_by", "by": "origin", "aggregates": {"total": {"fn": "sum", "column": "fare"}}},
    {"op": "group_by", "by": ["origin", "fare"]},
    {"op": "derive", "column": "x", "expr": "fare * 2"},
    {"op": "rename", "columns": {"fare": "price2"}},
    {"op": "dedupe", "columns": ["fare"]},
    {"op": "join", "right": {"rows": [{"fare": 1}]}, "on": "fare"},
])  # fmt: skip
def test_every_op_checks_the_columns_it_names(step: dict[str, Any]) -> None:
    error = fault([step])
    assert error.details["column"] == "fare"
    assert error.details["valid_columns"] == COLUMNS
    assert "The columns are: id, origin, carrier, price, duration, date." in error.message


def test_columns_are_followed_from_step_to_step() -> None:
    steps = [
        {"op": "derive", "column": "fare", "expr": "price * 1.1"},
        {"op": "rename", "columns": {"origin": "from"}},
        {"op": "select", "columns": ["from", "fare", "carrier"]},
        {"op": "filter", "where": "price > 1"},
    ]
    error = fault(steps)
    assert error.details["step"] == 4
    assert error.details["valid_columns"] == ["from", "fare", "carrier"]


def test_group_by_leaves_the_keys_and_the_aggregates() -> None:
    steps = [
        {"op": "group_by", "by": "origin", "aggregates": {"n": {"fn": "count"}}},
        {"op": "sort", "by": "price"},
    ]
    assert fault(steps).details["valid_columns"] == ["origin", "n"]


def test_join_adds_the_right_tables_columns_when_they_are_known() -> None:
    right = {"rows": [{"carrier": "AA", "name": "American", "price": 1}]}
    steps = [{"op": "join", "right": right, "on": "carrier"}, {"op": "select", "columns": ["name", "price_right"]}]
    validate_pipeline(steps, columns=COLUMNS)
    error = fault([*steps, {"op": "filter", "where": "nme == 'x'"}])
    assert error.details["valid_columns"] == ["name", "price_right"]


def test_join_checks_the_right_tables_key() -> None:
    error = fault([{"op": "join", "right": {"rows": [{"code": "AA"}]}, "on": "carrier"}])
    assert error.message.startswith("Step 1 (join): there is no column 'carrier' in the right table.")
    assert error.details["valid_columns"] == ["code"]


def test_after_an_http_request_or_an_unknown_join_the_columns_are_unknown() -> None:
    steps = [
        {"op": "http_request", "url": "https://api.example.com/x"},
        {"op": "filter", "where": "anything > 1"},
        {"op": "join", "right": {"artifact": "artifact://a"}, "on": "anything"},
        {"op": "select", "columns": ["whatever"]},
        {"op": "filter", "where": "whatever > 1"},
    ]
    assert len(validate_pipeline(steps, columns=COLUMNS)) == 5
    assert fault([*steps, {"op": "filter", "where": "other > 1"}]).details["valid_columns"] == ["whatever"]


def test_without_input_columns_names_are_not_checked() -> None:
    assert validate_pipeline([{"op": "filter", "where": "anything > 1"}]) == [{"op": "filter", "where": "anything > 1"}]


def test_a_bad_expression_gives_its_reason() -> None:
    error = fault([{"op": "limit", "n": 3}, {"op": "derive", "column": "x", "expr": "price.real"}])
    assert error.message == (
        "Step 2 (derive): the expression 'price.real' is not allowed: attribute access (such as a.b) is not allowed."
    )
    assert error.details["reason"] == "attribute access (such as a.b) is not allowed"


@pytest.mark.parametrize(("step", "message"), [
    ({"op": "select", "columns": "id"}, "'columns' must be a non-empty list of column names, not \"id\"."),
    ({"op": "select", "columns": []}, "'columns' must be a non-empty list of column names, not []."),
    ({"op": "select", "columns": ["id", "id"]}, "'columns' names the column 'id' twice."),
    ({"op": "top_k", "k": 0, "by": "price"}, "'k' must be a whole number of at least 1, not 0."),
    ({"op": "top_k", "k": "3", "by": "price"}, "'k' must be a whole number of at least 1, not \"3\"."),
    ({"op": "top_k", "k": True, "by": "price"}, "'k' must be a whole number of at least 1, not true."),
    ({"op": "sort", "by": "price", "descending": "yes"}, "'descending' must be true or false, not \"yes\"."),
    ({"op": "sort", "by": [1]}, "'by' must be a column name or a list of names and"),
    ({"op": "sort", "by": [{"column": "price", "desc": True}]}, "unknown field 'desc' in a sort key."),
    ({"op": "limit", "n": -1}, "'n' must be a whole number of at least 0, not -1."),
    ({"op": "limit", "n": 1, "offset": 1.5}, "'offset' must be a whole number of at least 0, not 1.5."),
    ({"op": "dedupe", "keep": "none"}, "'keep' must be one of 'first', 'last', not \"none\"."),
    ({"op": "group_by", "by": "origin", "aggregates": {"n": {"fn": "avg", "column": "price"}}},
     "'aggregates.n.fn' must be one of 'count', 'sum', 'mean', 'min', 'max', 'median', 'nunique', 'first', 'last'"),
    ({"op": "group_by", "by": "origin", "aggregates": {"n": {"fn": "sum"}}},
     "'aggregates.n.column' must be a non-empty string, not null."),
    ({"op": "group_by", "by": "origin", "aggregates": {"origin": {"fn": "count"}}},
     "the aggregate name 'origin' is empty or the name of a key column."),
    ({"op": "group_by", "by": "origin", "aggregates": ["count"]}, "'aggregates' must be an object such as"),
    ({"op": "rename", "columns": {"origin": ""}}, "'columns' must be an object of old name -> new name"),
    ({"op": "rename", "columns": {"origin": "id"}}, "renaming would give two columns named 'id'."),
    ({"op": "derive", "column": "", "expr": "1"}, "'column' must be a non-empty string, not \"\"."),
    ({"op": "join", "right": {"rows": []}}, "a join needs 'on' (or 'left_on' and 'right_on')"),
    ({"op": "join", "right": {"rows": [], "artifact": "a"}, "on": "id"}, "'right' must be an object with one of"),
    ({"op": "join", "right": {"table": "x"}, "on": "id"}, "'right' must be an object with one of"),
    ({"op": "join", "right": {"previous_result": "last"}, "on": "id"}, "'right.previous_result' must be a whole"),
    ({"op": "join", "right": {"artifact": "a"}, "on": "id", "how": "cross"}, "'how' must be one of 'inner', 'left'"),
    ({"op": "join", "right": {"artifact": "a"}, "on": "id", "suffixes": ["_x", "_x"]}, "'suffixes' must be two"),
    ({"op": "join", "right": {"artifact": "a"}, "on": "id", "left_on": "id"}, "give either 'on' or 'left_on'"),
    ({"op": "join", "right": {"artifact": "a"}, "left_on": ["id", "origin"], "right_on": "x"},
     "'left_on' and 'right_on' must name as many columns each."),
    ({"op": "join", "right": {"url": "https://x.org", "verb": "GET"}, "on": "id"}, "unknown field 'verb' in 'right'"),
    ({"op": "join", "right": {"rows": [1, 2]}, "on": "id"}, "the value is not a table: it is a list of 2 values"),
])  # fmt: skip
def test_it_refuses_wrong_types_and_values(step: dict[str, Any], message: str) -> None:
    error = fault([step])
    assert error.message.startswith(f"Step 1 ({step['op']}): ")
    assert message in error.message


@pytest.mark.parametrize(("fields", "message"), [
    ({"url": "ftp://example.com/x"}, "'url' must be an http:// or https:// address, not \"ftp://example.com/x\"."),
    ({"url": "file:///etc/passwd"}, "'url' must be an http:// or https:// address"),
    ({"url": "https://"}, "'url' must be an http:// or https:// address"),
    ({"url": 3}, "'url' must be a non-empty string, not 3."),
    ({"url": "https://x.org", "method": "DELETE"}, "'method' must be one of 'GET', 'POST', not \"DELETE\"."),
    ({"url": "https://x.org", "body": {"a": 1}}, "a 'body' is only sent with method POST."),
    ({"url": "https://x.org", "headers": {"X-N": 1}}, "'headers' must be an object of strings"),
    ({"url": "https://x.org", "format": "xml"}, "'format' must be one of 'auto', 'json', 'csv', not \"xml\"."),
    ({"url": "https://x.org", "timeout_s": 61}, "'timeout_s' must be a number of seconds above 0 and at most 60"),
    ({"url": "https://x.org", "timeout_s": 0}, "'timeout_s' must be a number of seconds above 0"),
    ({"url": "https://x.org", "max_bytes": 50_000_001}, "'max_bytes' must be a whole number of at least 1 and at"),
    ({"url": "https://x.org", "records_path": ""}, "'records_path' must be a non-empty string"),
])  # fmt: skip
def test_http_request_fields_are_checked(fields: dict[str, Any], message: str) -> None:
    assert message in fault([{"op": "http_request", **fields}], columns=None).message


def test_defaults_are_filled_in() -> None:
    steps = [
        {"op": "http_request", "url": "https://api.example.com/flights", "method": "post", "body": {"q": 1}},
        {"op": "sort", "by": ["price", {"column": "id", "descending": False}], "descending": True},
        {"op": "top_k", "k": 5.0, "by": "price"},
        {"op": "group_by", "by": "origin"},
        {"op": "join", "right": {"previous_result": -1}, "left_on": "origin", "right_on": "code"},
        {"op": "join", "right": {"url": "https://api.example.com/c"}, "on": ["code"], "how": "left"},
        {"op": "dedupe"},
        {"op": "limit", "n": 10},
    ]
    assert validate_pipeline(steps) == [
        {"op": "http_request", "url": "https://api.example.com/flights", "method": "POST", "headers": {},
         "body": {"q": 1}, "format": "auto", "records_path": None, "timeout_s": 10.0, "max_bytes": 10_000_000},
        {"op": "sort", "by": [{"column": "price", "descending": True}, {"column": "id", "descending": False}],
         "descending": True},
        {"op": "top_k", "k": 5, "by": "price", "descending": True},
        {"op": "group_by", "by": ["origin"], "aggregates": {"count": {"fn": "count", "column": None}}},
        {"op": "join", "right": {"previous_result": -1}, "how": "inner", "suffixes": ["", "_right"],
         "left_on": ["origin"], "right_on": ["code"]},
        {"op": "join", "right": {"url": "https://api.example.com/c", "method": "GET", "headers": {}, "body": None,
                                 "format": "auto", "records_path": None, "timeout_s": 10.0, "max_bytes": 10_000_000},
         "how": "left", "suffixes": ["", "_right"], "on": ["code"]},
        {"op": "dedupe", "columns": None, "keep": "first"},
        {"op": "limit", "n": 10, "offset": 0},
    ]  # fmt: skip


def test_validation_does_not_change_the_given_steps() -> None:
    steps = [{"op": "group_by", "by": "origin"}, {"op": "sort", "by": "count"}]
    validate_pipeline(steps, columns=COLUMNS)
    assert steps == [{"op": "group_by", "by": "origin"}, {"op": "sort", "by": "count"}]
