"""The resolver with uploads and base64 inputs: what is stored where, and what is refused."""

from __future__ import annotations

import base64
import hashlib
import uuid

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.files.conftest import CSV_BODY, stored_paths
from wfplatform.errors import ApplicationError
from wfplatform.files import resolve_file_input

JOB_ID = uuid.UUID("12345678-1234-5678-1234-567812345678")
B64 = base64.b64encode(CSV_BODY).decode()


def resolve(value, **overrides):
    return resolve_file_input(value, **{"user_id": 7, "job_id": JOB_ID, "kind": "input", **overrides})


def refusal(value, **overrides) -> ApplicationError:
    with pytest.raises(ApplicationError) as caught:
        resolve(value, **overrides)
    return caught.value


def test_it_stores_an_upload_under_user_job_and_kind():
    upload = SimpleUploadedFile("sales.csv", CSV_BODY, content_type="text/csv")

    stored = resolve(upload, kind="examples")

    assert stored.name == f"7/{JOB_ID}/examples/sales.csv"
    assert (stored.source, stored.size, stored.filename) == ("upload", len(CSV_BODY), "sales.csv")
    assert stored.sha256 == hashlib.sha256(CSV_BODY).hexdigest()
    assert default_storage.open(stored.name).read() == CSV_BODY


def test_it_decodes_a_data_uri_and_takes_its_name_param():
    stored = resolve(f"data:text/csv;name=q3%20report.csv;base64,{B64}")

    assert stored.name == f"7/{JOB_ID}/input/q3_report.csv"
    assert (stored.source, stored.content_type) == ("base64", "text/csv")
    assert default_storage.open(stored.name).read() == CSV_BODY


def test_it_decodes_a_base64_prefix_with_line_breaks():
    wrapped = "\n".join(B64[i : i + 16] for i in range(0, len(B64), 16))

    stored = resolve(f"  base64:{wrapped}\n", default_filename="input.csv")

    assert stored.name == f"7/{JOB_ID}/input/input.csv"
    assert default_storage.open(stored.name).read() == CSV_BODY


def test_it_decodes_plain_base64_as_the_predecessor_took_it():
    wrapped = "\n".join(B64[i : i + 16] for i in range(0, len(B64), 16))

    stored = resolve(wrapped, default_filename="input.csv")

    assert stored.source == "base64"
    assert default_storage.open(stored.name).read() == CSV_BODY


def test_a_nameless_input_is_named_after_its_media_type():
    stored = resolve(f"data:application/json;base64,{base64.b64encode(b'{}').decode()}")

    assert stored.filename == "input.json"
    assert stored.name.endswith("/input/input.json")


def test_an_explicit_filename_replaces_the_inputs_own():
    stored = resolve(SimpleUploadedFile("whatever.txt", CSV_BODY), filename="train.csv")

    assert stored.name == f"7/{JOB_ID}/input/train.csv"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\my file (1).csv", "my_file_1.csv"),
        ("..", "input.bin"),
        ("naïve data.csv", "naïve_data.csv"),
        ("x" * 300 + ".csv", "x" * 96 + ".csv"),
    ],
)
def test_it_sanitises_filenames_so_they_stay_inside_the_job_folder(given, expected):
    stored = resolve(f"data:;name={given};base64,{B64}")

    assert stored.name == f"7/{JOB_ID}/input/{expected}"
    assert default_storage.open(stored.name).read() == CSV_BODY


def test_a_second_file_with_the_same_name_does_not_overwrite_the_first():
    first = resolve(SimpleUploadedFile("a.csv", b"first"))
    second = resolve(SimpleUploadedFile("a.csv", b"second"))

    assert first.name != second.name
    assert default_storage.open(first.name).read() == b"first"
    assert default_storage.open(second.name).read() == b"second"


def test_a_kind_that_is_not_a_plain_segment_is_a_programming_error():
    with pytest.raises(ValueError, match="storage path segment"):
        resolve(SimpleUploadedFile("a.csv", b"x"), kind="../other")


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("base64:abc$def", "contains '$' at position 3"),
        ("base64:YWJj-ZGVm", "URL-safe base64 is not accepted"),
        ("base64:YWJjZA", "length without whitespace, 6, is not a multiple of 4"),
        ("base64:YQ==YWJj", "'=' padding appears before the end"),
        ("data:text/csv,a,b", "must be base64-encoded"),
    ],
)
def test_bad_base64_is_refused_with_the_reason(value, says, media_root):
    error = refusal(value)

    assert error.code == "invalid_base64"
    assert error.status_code == 400
    assert says in error.message
    assert stored_paths(media_root) == []


def test_an_upload_over_the_size_limit_is_refused_and_not_stored(settings, media_root):
    settings.WFP_FILE_MAX_BYTES = 10

    error = refusal(SimpleUploadedFile("big.csv", b"x" * 11))

    assert error.code == "file_too_large"
    assert error.message == "The file from the upload 'big.csv' is 11 bytes; the limit is 10 bytes."
    assert error.details["limit_bytes"] == 10
    assert stored_paths(media_root) == []


def test_an_upload_exactly_at_the_limit_is_accepted(settings):
    settings.WFP_FILE_MAX_BYTES = 10

    stored = resolve(SimpleUploadedFile("ten.bin", b"x" * 10))

    assert default_storage.open(stored.name).read() == b"x" * 10


def test_base64_over_the_size_limit_is_refused_before_decoding(settings, media_root):
    settings.WFP_FILE_MAX_BYTES = 10
    # 16 characters stand for 12 bytes; the stray '=' means decoding would have failed, so
    # the size error shows the limit was applied to the encoded length first.
    error = refusal("base64:YWJjYWJj=WJjYWJj")

    assert error.code == "file_too_large"
    assert error.message == "The file from the base64 input is 12 bytes; the limit is 10 bytes."
    assert stored_paths(media_root) == []


def test_base64_decoding_to_exactly_the_limit_is_accepted(settings):
    settings.WFP_FILE_MAX_BYTES = 10

    stored = resolve(f"base64:{base64.b64encode(b'z' * 10).decode()}")

    assert default_storage.open(stored.name).read() == b"z" * 10


def test_an_empty_file_is_refused():
    error = refusal(SimpleUploadedFile("empty.csv", b""))

    assert error.code == "empty_file"
    assert error.message == "The file from the upload 'empty.csv' is empty."


@pytest.mark.parametrize(
    "value", ["ftp://example.com/a.csv", "/etc/passwd", "file:///etc/passwd", "hello", "data.csv", "YWJjZA"]
)
def test_an_unrecognised_string_is_refused_naming_the_accepted_forms(value):
    error = refusal(value)

    assert error.code == "unsupported_file_input"
    assert repr(value) in error.message
    assert "s3://bucket/key" in error.message
