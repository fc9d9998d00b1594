"""Reading an `s3://bucket/key` input with boto3 (endpoint, region and timeout from settings)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, EndpointConnectionError, NoCredentialsError
from django.conf import settings

from wfplatform.errors import ApplicationError
from wfplatform.files.streams import Incoming, file_too_large

CHUNK_SIZE = 64 * 1024
_NOT_FOUND = {"NoSuchKey", "404", "NotFound"}
_DENIED = {"AccessDenied", "403", "Forbidden", "AllAccessDisabled"}


def parse_s3_uri(text: str) -> tuple[str, str]:
    bucket, _, key = text[len("s3://") :].partition("/")
    if not bucket or not key or key.endswith("/"):
        raise ApplicationError(
            f"{text!r} is not an S3 object URI; write it as s3://bucket/path/to/file.",
            code="invalid_s3_uri",
            details={"input": text[:200]},
        )
    return bucket, key


@contextmanager
def open_s3(text: str, *, limit: int, user_id: object) -> Iterator[Incoming]:
    bucket, key = parse_s3_uri(text)
    uri = f"s3://{bucket}/{key}"
    _refuse_other_users_files(bucket, key, user_id)
    with _s3_errors(bucket, key):
        # GET rather than HEAD first: only GET's error body tells a missing bucket from a missing key.
        obj = _client().get_object(Bucket=bucket, Key=key)
        with closing(obj["Body"]) as body:
            if obj["ContentLength"] > limit:
                raise file_too_large(uri, limit=limit, size=obj["ContentLength"])
            yield Incoming(
                chunks=body.iter_chunks(CHUNK_SIZE),
                source="s3",
                description=uri,
                filename=key.rpartition("/")[2],
                content_type=obj.get("ContentType"),
            )


def _client() -> Any:
    timeout = settings.WFP_FILE_FETCH_TIMEOUT
    return boto3.client(
        "s3",
        endpoint_url=settings.AWS_S3_ENDPOINT_URL or None,
        region_name=settings.AWS_S3_REGION_NAME or None,
        config=Config(connect_timeout=timeout, read_timeout=timeout, retries={"max_attempts": 2}),
    )


def _refuse_other_users_files(bucket: str, key: str, user_id: object) -> None:
    """The platform's own bucket holds every user's files; the server's credentials must not
    let one user read another's by naming them."""
    if bucket != settings.AWS_STORAGE_BUCKET_NAME:
        return
    location = settings.STORAGES["default"].get("OPTIONS", {}).get("location", "").strip("/")
    own_prefix = f"{location}/{user_id}/" if location else f"{user_id}/"
    if not key.startswith(own_prefix) or "/../" in f"/{key}":
        raise ApplicationError(
            f"s3://{bucket}/{key} is in this platform's storage bucket but not among your files.",
            code="s3_access_denied",
            details={"bucket": bucket, "key": key},
        )


@contextmanager
def _s3_errors(bucket: str, key: str) -> Iterator[None]:
    try:
        yield
    except ClientError as exc:
        raise _client_error(exc, bucket, key) from None
    except NoCredentialsError:
        raise _unavailable(bucket, key, "the server has no S3 credentials configured") from None
    except EndpointConnectionError:
        raise _unavailable(bucket, key, "the S3 endpoint could not be reached") from None
    except BotoCoreError as exc:
        raise _unavailable(bucket, key, f"the S3 request failed ({type(exc).__name__})") from None


def _client_error(exc: ClientError, bucket: str, key: str) -> ApplicationError:
    s3_code = str(exc.response.get("Error", {}).get("Code", "Unknown"))
    uri = f"s3://{bucket}/{key}"
    details = {"bucket": bucket, "key": key, "s3_code": s3_code}
    if s3_code == "NoSuchBucket":
        message, code = f"The S3 bucket {bucket!r} does not exist (reading {uri}).", "s3_bucket_not_found"
    elif s3_code in _NOT_FOUND:
        message, code = f"No S3 object {key!r} in bucket {bucket!r} ({uri}).", "s3_object_not_found"
    elif s3_code in _DENIED:
        message, code = f"S3 denied access to {uri} ({s3_code}).", "s3_access_denied"
    else:
        message, code = f"S3 refused to return {uri}: {s3_code}.", "s3_error"
    return ApplicationError(message, code=code, details=details)


def _unavailable(bucket: str, key: str, why: str) -> ApplicationError:
    # The server's S3 setup failed, not the request: 502, so clients do not "fix" their input.
    return ApplicationError(
        f"Could not read s3://{bucket}/{key}: {why}.",
        code="s3_error",
        details={"bucket": bucket, "key": key},
        status_code=502,
    )
