"""s3:// inputs, and S3 as the storage the resolver writes to, against moto's server on loopback."""

from __future__ import annotations

import base64
import uuid

import pytest
from django.core.files.storage import default_storage, storages
from storages.backends.s3 import S3Storage

from tests.files.conftest import CSV_BODY, closed_port, stored_paths
from wfplatform.errors import ApplicationError
from wfplatform.files import resolve_file_input

JOB_ID = uuid.uuid4()


def resolve(value: str, **overrides):
    return resolve_file_input(value, **{"user_id": 5, "job_id": JOB_ID, "kind": "input", **overrides})


def refusal(value: str) -> ApplicationError:
    with pytest.raises(ApplicationError) as caught:
        resolve(value)
    return caught.value


def test_it_reads_an_s3_object_and_stores_it_under_the_keys_name(s3):
    s3.client.put_object(Bucket=s3.bucket, Key="exports/2024/sales.csv", Body=CSV_BODY, ContentType="text/csv")

    stored = resolve(f"s3://{s3.bucket}/exports/2024/sales.csv")

    assert stored.name == f"5/{JOB_ID}/input/sales.csv"
    assert (stored.source, stored.size, stored.content_type) == ("s3", len(CSV_BODY), "text/csv")
    assert default_storage.open(stored.name).read() == CSV_BODY


def test_a_missing_key_says_which_key_and_bucket(s3):
    error = refusal(f"s3://{s3.bucket}/nope.csv")

    assert error.code == "s3_object_not_found"
    assert error.status_code == 400
    assert error.message == f"No S3 object 'nope.csv' in bucket '{s3.bucket}' (s3://{s3.bucket}/nope.csv)."
    assert error.details == {"bucket": s3.bucket, "key": "nope.csv", "s3_code": "NoSuchKey"}


def test_a_missing_bucket_is_its_own_error(s3):
    error = refusal("s3://wfp-no-such-bucket/a.csv")

    assert error.code == "s3_bucket_not_found"
    assert error.message == "The S3 bucket 'wfp-no-such-bucket' does not exist (reading s3://wfp-no-such-bucket/a.csv)."


def test_an_object_over_the_limit_is_refused_from_its_length(s3, settings, media_root):
    s3.client.put_object(Bucket=s3.bucket, Key="big.bin", Body=b"x" * 2048)
    settings.WFP_FILE_MAX_BYTES = 1024

    error = refusal(f"s3://{s3.bucket}/big.bin")

    assert error.code == "file_too_large"
    assert error.message == f"The file from s3://{s3.bucket}/big.bin is 2048 bytes; the limit is 1024 bytes."
    assert stored_paths(media_root) == []


@pytest.mark.parametrize("uri", ["s3://", "s3://bucket-only", "s3://bucket/", "s3://bucket/folder/"])
def test_an_s3_uri_without_a_key_is_refused(uri):
    error = refusal(uri)

    assert error.code == "invalid_s3_uri"
    assert "s3://bucket/path/to/file" in error.message


def test_an_unreachable_s3_endpoint_is_a_server_side_error(s3, settings):
    settings.AWS_S3_ENDPOINT_URL = f"http://127.0.0.1:{closed_port()}"
    settings.WFP_FILE_FETCH_TIMEOUT = 1

    error = refusal(f"s3://{s3.bucket}/a.csv")

    assert (error.code, error.status_code) == ("s3_error", 502)
    assert error.message == f"Could not read s3://{s3.bucket}/a.csv: the S3 endpoint could not be reached."


def use_s3_storage(settings, s3, location: str = "") -> None:
    settings.AWS_STORAGE_BUCKET_NAME = s3.bucket
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": s3.bucket,
                "endpoint_url": s3.endpoint,
                "region_name": "us-east-1",
                "location": location,
                "file_overwrite": False,
                "default_acl": None,
            },
        },
    }


def test_with_s3_storage_the_resolver_writes_to_the_bucket(s3, settings):
    use_s3_storage(settings, s3, location="media")

    stored = resolve(f"base64:{base64.b64encode(CSV_BODY).decode()}", default_filename="input.csv")

    assert isinstance(storages["default"], S3Storage)
    assert stored.name == f"5/{JOB_ID}/input/input.csv"
    saved = s3.client.get_object(Bucket=s3.bucket, Key=f"media/{stored.name}")
    assert saved["Body"].read() == CSV_BODY
    assert default_storage.open(stored.name).read() == CSV_BODY


def test_a_file_stored_in_s3_round_trips_as_an_s3_input(s3, settings):
    use_s3_storage(settings, s3)
    first = resolve(f"base64:{base64.b64encode(CSV_BODY).decode()}", default_filename="input.csv")

    again = resolve(f"s3://{s3.bucket}/{first.name}", kind="copy")

    assert again.name == f"5/{JOB_ID}/copy/input.csv"
    assert again.sha256 == first.sha256
    assert s3.client.get_object(Bucket=s3.bucket, Key=again.name)["Body"].read() == CSV_BODY


def test_another_users_file_in_the_platform_bucket_is_refused(s3, settings):
    use_s3_storage(settings, s3)
    s3.client.put_object(Bucket=s3.bucket, Key=f"6/{JOB_ID}/input/private.csv", Body=b"theirs")

    error = refusal(f"s3://{s3.bucket}/6/{JOB_ID}/input/private.csv")

    assert error.code == "s3_access_denied"
    assert "not among your files" in error.message
