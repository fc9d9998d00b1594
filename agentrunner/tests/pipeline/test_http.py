"""http_request through a fake Sources: the request it builds, and the response parsed into a table."""

from __future__ import annotations

import json

import pytest

from agentrunner.pipeline import HttpRequest, PipelineError, run_pipeline

URL = "https://api.example.com/flights"
RECORDS = [{"id": 1, "origin": "JFK", "price": "120.5"}, {"id": 2, "origin": "LAX", "price": "80"}]


def fetch(sources, **fields):
    return run_pipeline([{"op": "http_request", "url": URL, **fields}], table=None, sources=sources)


def test_it_builds_the_request_from_the_step(sources) -> None:
    sources.answer_json(URL, RECORDS)
    fetch(sources, method="POST", headers={"X-Key": "k"}, body={"q": "all"}, timeout_s=5, max_bytes=1000)
    assert sources.requests == [HttpRequest("POST", URL, {"X-Key": "k"}, {"q": "all"}, 5.0, 1000)]


def test_json_records_become_a_table(sources) -> None:
    sources.answer_json(URL, RECORDS)
    result = fetch(sources)
    assert result.table.to_dict("records") == RECORDS
    assert result.trace[0]["op"] == "http_request" and result.trace[0]["rows_in"] == 0
    assert result.trace[0]["rows_out"] == 2


def test_the_first_list_of_records_is_found_in_a_wrapper_object(sources) -> None:
    sources.answer_json(URL, {"meta": {"page": 1}, "payload": {"flights": RECORDS}})
    assert len(fetch(sources).table) == 2


def test_records_path_leads_to_the_records(sources) -> None:
    sources.answer_json(URL, {"data": {"items": RECORDS, "other": [{"x": 1}]}, "list": [{"y": 2}]})
    assert fetch(sources, records_path="data.items").table["id"].tolist() == [1, 2]
    sources.answer_json(URL, {"pages": [{"rows": RECORDS}]})
    assert len(fetch(sources, records_path="pages.0.rows").table) == 2


def test_a_records_path_that_does_not_match_lists_the_keys_there(sources) -> None:
    sources.answer_json(URL, {"data": {"items": RECORDS, "total": 2}})
    with pytest.raises(PipelineError) as caught:
        fetch(sources, records_path="data.rows")
    assert caught.value.message == (
        f"Step 1 (http_request): the records_path 'data.rows' does not match the JSON from {URL}: there is no "
        "'rows' at 'data'. The keys there are: items, total."
    )
    assert caught.value.details["available_keys"] == ["items", "total"]


def test_a_single_object_is_a_one_row_table(sources) -> None:
    sources.answer_json(URL, {"city": "Paris", "temp": 21.5})
    assert fetch(sources).table.to_dict("records") == [{"city": "Paris", "temp": 21.5}]


def test_csv_by_content_type(sources) -> None:
    sources.answer(URL, b"id,origin,price\n1,JFK,120.5\n2,LAX,80\n", "text/csv; charset=utf-8")
    table = fetch(sources).table
    assert table.to_dict("records") == [{"id": 1, "origin": "JFK", "price": 120.5},
                                        {"id": 2, "origin": "LAX", "price": 80.0}]  # fmt: skip


def test_csv_with_semicolons_and_latin_1(sources) -> None:
    sources.answer(URL, "city;temp\nZürich;3\n".encode("latin-1"), "text/csv; charset=iso-8859-1")
    assert fetch(sources).table.to_dict("records") == [{"city": "Zürich", "temp": 3}]


def test_auto_format_sniffs_the_body_when_the_content_type_says_nothing(sources) -> None:
    sources.answer(URL, b"  \n" + json.dumps(RECORDS).encode(), "application/octet-stream")
    assert len(fetch(sources).table) == 2
    sources.answer(URL, b"a,b\n1,2\n", "text/plain")
    assert fetch(sources).table.to_dict("records") == [{"a": 1, "b": 2}]


def test_format_overrides_the_content_type(sources) -> None:
    sources.answer(URL, b"a,b\n1,2\n", "application/json")
    assert fetch(sources, format="csv").table.to_dict("records") == [{"a": 1, "b": 2}]


def test_bad_json_is_a_clear_error(sources) -> None:
    sources.answer(URL, b'{"data": [1, 2,', "application/json")
    with pytest.raises(PipelineError) as caught:
        fetch(sources)
    assert caught.value.message == (
        f"Step 1 (http_request): the response from {URL} is not valid JSON: Expecting value at line 1, column 16."
    )
    assert caught.value.details == {"step": 1, "op": "http_request", "url": URL, "excerpt": '{"data": [1, 2,'}


def test_json_that_is_no_table_is_a_clear_error(sources) -> None:
    sources.answer_json(URL, [1, 2, 3])
    with pytest.raises(PipelineError, match=r"is not a table: it is a list of 3 values \(a number\)\. A table is"):
        fetch(sources)


def test_an_empty_body_is_a_clear_error(sources) -> None:
    sources.answer(URL, b"  \n", "text/csv")
    with pytest.raises(PipelineError, match=f"the response from {URL} is empty"):
        fetch(sources)


def test_a_status_other_than_success_is_an_error_with_the_status(sources) -> None:
    sources.answer(URL, b'{"error": "not found"}', "application/json", status=404)
    with pytest.raises(PipelineError) as caught:
        fetch(sources)
    assert caught.value.message == f"Step 1 (http_request): the server at {URL} answered with status 404, not success."
    assert caught.value.details["status"] == 404


def test_the_sources_refusal_is_told_by_the_step(sources) -> None:
    with pytest.raises(PipelineError) as caught:
        fetch(sources)
    assert caught.value.message == f"Step 1 (http_request): the address {URL} was refused."
    assert caught.value.details == {"step": 1, "op": "http_request", "url": URL}


def test_a_body_larger_than_max_bytes_is_refused(sources) -> None:
    sources.answer_json(URL, RECORDS)
    with pytest.raises(PipelineError, match="more than max_bytes \\(10\\)"):
        fetch(sources, max_bytes=10)


def test_columns_unknown_until_the_fetch_are_checked_when_it_has_run(sources) -> None:
    sources.answer_json(URL, RECORDS)
    steps = [{"op": "http_request", "url": URL}, {"op": "filter", "where": "prices > 100"}]
    with pytest.raises(PipelineError) as caught:
        run_pipeline(steps, table=None, sources=sources)
    assert caught.value.message == (
        "Step 2 (filter): there is no column 'prices' in the table. Did you mean 'price'? "
        "The columns are: id, origin, price."
    )
    assert caught.value.details["valid_columns"] == ["id", "origin", "price"]


def test_numbers_sent_as_text_filter_as_numbers(sources) -> None:
    sources.answer_json(URL, RECORDS)
    steps = [{"op": "http_request", "url": URL}, {"op": "filter", "where": "price > 100"}]
    assert run_pipeline(steps, table=None, sources=sources).table["id"].tolist() == [1]


def test_an_http_request_replaces_the_current_table(flights, sources) -> None:
    sources.answer_json(URL, RECORDS)
    steps = [{"op": "limit", "n": 1}, {"op": "http_request", "url": URL}, {"op": "select", "columns": ["origin"]}]
    assert run_pipeline(steps, table=flights, sources=sources).table["origin"].tolist() == ["JFK", "LAX"]
