"""What every file source hands the resolver: a stream of chunks plus what it knows about them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wfplatform.errors import ApplicationError

SOURCES = ("upload", "s3", "url", "base64")


@dataclass
class Incoming:
    """An opened file input, not yet read.

    `description` names the input in error messages (a redacted URL, an s3:// URI, ...), so it
    must never carry secrets.
    """

    chunks: Iterable[bytes]
    source: str
    description: str
    filename: str | None = None
    content_type: str | None = None


def file_too_large(description: str, *, limit: int, size: int | None = None) -> ApplicationError:
    stated = f"is {size} bytes" if size is not None else "is larger than that"
    return ApplicationError(
        f"The file from {description} {stated}; the limit is {limit} bytes.",
        code="file_too_large",
        details={"limit_bytes": limit, "size_bytes": size, "input": description},
    )
