"""Job files in the shared storage: store inputs, hand the engine local paths, save outputs, delete."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from charset_normalizer import from_bytes
from django.core.files import File
from django.core.files.storage import default_storage

from wfplatform.errors import ApplicationError
from wfplatform.files import StoredFile, resolve_file_input
from wfplatform.files.resolver import FileInput

SNIFF_BYTES = 64 * 1024
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# What people send instead of a CSV, recognisable by its first bytes.
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (an .xlsx workbook?)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (an .xls workbook?)"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"SQLite format 3", "an SQLite database"),
)


def filesystem_path(name: str) -> Path | None:
    """The file's local path when storage is a local folder; None for remote storage (S3)."""
    try:
        return Path(default_storage.path(name))
    except NotImplementedError:
        return None


@contextmanager
def local_copy(name: str) -> Iterator[Path]:
    """A local path to read the stored file from: the file itself, or a temporary download."""
    path = filesystem_path(name)
    if path is not None:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="wfp-csv-") as folder:
        target = Path(folder) / PurePosixPath(name).name
        with default_storage.open(name, "rb") as source, target.open("wb") as sink:
            shutil.copyfileobj(source, sink, 1024 * 1024)
        yield target


def store_input(value: FileInput, *, owner_id: object, job_id: object, kind: str, what: str) -> StoredFile:
    """Resolve a file input into the job's folder and refuse what is plainly not a CSV file."""
    stored = resolve_file_input(value, user_id=owner_id, job_id=job_id, kind=kind, default_filename=f"{kind}.csv")
    with default_storage.open(stored.name, "rb") as handle:
        sample = handle.read(SNIFF_BYTES)
    problem = not_text(sample)
    if not sample.strip():
        default_storage.delete(stored.name)
        raise ApplicationError(f"The {what} ({stored.filename}) holds only blank lines.", code="empty_file",
                               details={"field": what, "filename": stored.filename})  # fmt: skip
    if problem:
        default_storage.delete(stored.name)
        raise ApplicationError(
            f"The {what} ({stored.filename}) is not a CSV file: it looks like {problem}. Export it as CSV first.",
            code="not_csv",
            details={"field": what, "filename": stored.filename},
        )
    return stored


def not_text(sample: bytes) -> str:
    """What the sample looks like when it is plainly not text; empty when it may be a CSV."""
    for signature, description in _SIGNATURES:
        if sample.startswith(signature):
            return description
    if b"\0" not in sample or sample.startswith(_TEXT_BOMS):
        return ""
    best = from_bytes(sample).best()  # UTF-16 and UTF-32 without a BOM hold NULs too
    if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
        return ""
    return "binary data"


class _MovableFile(File):
    """A local file local storage may move into place instead of copying (FileSystemStorage renames
    anything with a temporary_file_path)."""

    def temporary_file_path(self) -> str:
        return self.file.name


def output_target(folder: str, filename: str) -> tuple[str, Path, bool]:
    """(storage name, local path to write, whether the path is the stored file itself).

    On local storage the engine writes straight into the job's folder (it writes atomically);
    elsewhere it writes a temporary file that `save_output` uploads.
    """
    name = default_storage.get_available_name(f"{folder}/output/{filename}")
    path = filesystem_path(name)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        return name, path, True
    fd, local = tempfile.mkstemp(prefix="wfp-csv-out-", suffix=".csv")
    os.close(fd)
    return name, Path(local), False


def save_output(name: str, path: Path, in_place: bool) -> str:
    if in_place:
        return name
    try:
        with path.open("rb") as handle:
            return default_storage.save(name, _MovableFile(handle, name=PurePosixPath(name).name))
    finally:
        path.unlink(missing_ok=True)


def copy_stored(name: str, *, owner_id: object, job_id: object, kind: str) -> str:
    """A copy of a stored file in another job's folder (a re-run gets files of its own)."""
    with default_storage.open(name, "rb") as handle:
        return default_storage.save(f"{owner_id}/{job_id}/{kind}/{PurePosixPath(name).name}", File(handle))


def delete_folder(folder: str) -> None:
    """Every stored file under the folder, and on local storage the folders too."""
    path = filesystem_path(folder)
    if path is not None:
        shutil.rmtree(path, ignore_errors=True)
        return
    for name in _walk(folder):
        default_storage.delete(name)


def _walk(folder: str) -> Iterator[str]:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for child in folders:
        yield from _walk(f"{folder}/{child}")


def read_bytes(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()
