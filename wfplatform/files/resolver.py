"""One way in for a file input: an upload, s3://bucket/key, an http(s) URL, or base64.

Every source is streamed into a temporary file with the size limit enforced as bytes arrive,
then saved through Django's default storage under {user_id}/{job_id}/{kind}/{filename}, so
the same code writes to local disk or to S3 depending on STORAGES.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

from wfplatform.errors import ApplicationError
from wfplatform.files.fetch import open_url, parse_url
from wfplatform.files.inline import open_inline, parse_inline
from wfplatform.files.s3 import open_s3, parse_s3_uri
from wfplatform.files.streams import Incoming, file_too_large

FileInput = UploadedFile | str
MAX_FILENAME_LENGTH = 100
_PATH_SEGMENT = re.compile(r"^[A-Za-z0-9_-]+$")
_SCHEMES = {"s3://": "s3", "https://": "url", "http://": "url", "data:": "base64", "base64:": "base64"}
ACCEPTED_FORMS = "an upload, s3://bucket/key, an https:// URL, a data:...;base64, URI, base64:<data> or plain base64"
# Plain base64 (as the predecessor took it): only the alphabet, whole 4-character groups. A name
# such as "data.csv" or a path never matches, so there is no mistaking one for the other.
_PLAIN_BASE64 = re.compile(r"[A-Za-z0-9+/\s]+={0,2}\s*")


@dataclass(frozen=True)
class StoredFile:
    name: str  # the storage name, for default_storage.open(name); it may carry a suffix if taken
    size: int
    filename: str  # the sanitised name the file was given
    source: str  # upload, s3, url or base64
    sha256: str
    content_type: str | None = None


def resolve_file_input(
    value: FileInput,
    *,
    user_id: object,
    job_id: object,
    kind: str,
    filename: str | None = None,
    default_filename: str | None = None,
) -> StoredFile:
    """Read the input, enforce WFP_FILE_MAX_BYTES, and store it.

    `filename` replaces the input's own name; `default_filename` is used when the input carries
    none (base64, a URL ending in /). Raises ApplicationError (400, or 502 when the server's own
    S3 setup fails) whose code and message say what was wrong with the input.
    """
    folder = storage_folder(user_id=user_id, job_id=job_id, kind=kind)
    limit = settings.WFP_FILE_MAX_BYTES
    with open_file_input(value, limit=limit, user_id=user_id) as incoming:
        name = choose_filename(filename or incoming.filename, incoming.content_type, default_filename)
        return _store(incoming, f"{folder}/{name}", name, limit)


def storage_folder(*, user_id: object, job_id: object, kind: str) -> str:
    segments = [str(user_id), str(job_id), kind]
    for segment in segments:
        # Callers pass ids and a constant kind; anything else is a bug, not bad user input.
        if not _PATH_SEGMENT.match(segment):
            raise ValueError(f"{segment!r} is not usable as a storage path segment")
    return "/".join(segments)


def input_form(text: str) -> str:
    """Which source a string input names: s3, url or base64."""
    lowered = text[:8].lower()
    for prefix, form in _SCHEMES.items():
        if lowered.startswith(prefix):
            return form
    if _PLAIN_BASE64.fullmatch(text) and len("".join(text.split())) % 4 == 0:
        return "base64"
    shown = text[:40] + ("..." if len(text) > 40 else "")
    raise ApplicationError(
        f"The file input {shown!r} is not recognised; give {ACCEPTED_FORMS}.",
        code="unsupported_file_input",
    )


def check_file_input(text: str) -> None:
    """Cheap checks of a string input's form, without fetching or decoding anything."""
    form = input_form(text)
    if form == "s3":
        parse_s3_uri(text)
    elif form == "url":
        parse_url(text)
    else:
        parse_inline(text)


@contextmanager
def open_file_input(value: FileInput, *, limit: int, user_id: object) -> Iterator[Incoming]:
    if isinstance(value, UploadedFile):
        yield _open_upload(value, limit)
        return
    if not isinstance(value, str):
        raise ApplicationError(f"A file input must be {ACCEPTED_FORMS}.", code="unsupported_file_input")
    text = value.strip()
    form = input_form(text)
    if form == "s3":
        with open_s3(text, limit=limit, user_id=user_id) as incoming:
            yield incoming
    elif form == "url":
        with open_url(text, limit=limit) as incoming:
            yield incoming
    else:
        yield open_inline(text, limit=limit)


def _open_upload(upload: UploadedFile, limit: int) -> Incoming:
    description = f"the upload {upload.name!r}"
    if upload.size is not None and upload.size > limit:
        raise file_too_large(description, limit=limit, size=upload.size)
    return Incoming(
        chunks=upload.chunks(),
        source="upload",
        description=description,
        filename=upload.name,
        content_type=upload.content_type,
    )


def choose_filename(candidate: str | None, content_type: str | None, default: str | None) -> str:
    """A name safe in a storage path: the input's own, else `default`, else input.<guessed ext>."""
    for name in (candidate, default):
        safe = _sanitise(name)
        if safe:
            return safe
    extension = mimetypes.guess_extension(content_type or "") or ".bin"
    return f"input{extension}"


def _sanitise(name: str | None) -> str:
    if not name:
        return ""
    # Only the last segment: "../../etc/passwd" and "C:\\x\\y.csv" must not choose the folder.
    base = PurePosixPath(name.replace("\\", "/")).name
    try:
        safe = get_valid_filename(base)
    except SuspiciousFileOperation:  # nothing usable left, e.g. ".."
        return ""
    stem, dot, extension = safe.rpartition(".")
    if len(safe) > MAX_FILENAME_LENGTH and dot and stem and len(extension) < 16:
        return stem[: MAX_FILENAME_LENGTH - len(extension) - 1] + "." + extension
    return safe[:MAX_FILENAME_LENGTH]


def _store(incoming: Incoming, path: str, filename: str, limit: int) -> StoredFile:
    digest, size = hashlib.sha256(), 0
    with tempfile.TemporaryFile() as spool:
        for chunk in incoming.chunks:
            size += len(chunk)
            if size > limit:  # stop reading now, whatever the source claimed
                raise file_too_large(incoming.description, limit=limit)
            digest.update(chunk)
            spool.write(chunk)
        if size == 0:
            raise ApplicationError(f"The file from {incoming.description} is empty.", code="empty_file")
        spool.seek(0)
        name = default_storage.save(path, File(spool, name=filename))
    return StoredFile(
        name=name,
        size=size,
        filename=filename,
        source=incoming.source,
        sha256=digest.hexdigest(),
        content_type=incoming.content_type,
    )
