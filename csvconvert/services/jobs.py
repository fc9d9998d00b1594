"""Starting, running, re-running and deleting conversion jobs."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.db import transaction

from csvconvert.models import ConversionJob, Converter, JobKind
from csvconvert.services.apply import ConversionFailed, converter_apply
from csvconvert.services.storage import (
    copy_stored,
    delete_folder,
    local_copy,
    output_target,
    save_output,
    store_input,
)
from csvconvert.services.training import training_execute
from wfplatform.errors import ApplicationError, ConflictError
from wfplatform.files.resolver import FileInput, input_form
from wfplatform.jobs.models import JobStatus
from wfplatform.jobs.services import JobCancelled, JobFailure, job_cancel, job_enqueue, job_progress, job_run

MIB = 1024 * 1024


@contextmanager
def _job_folder(owner_id: object, job_id: uuid.UUID) -> Iterator[str]:
    """The new job's storage folder, emptied again when the job is not created: nothing half-written."""
    folder = f"{owner_id}/{job_id}"
    try:
        yield folder
    except BaseException:
        delete_folder(folder)
        raise


def training_start(*, owner, input_file: FileInput, expected_output_file: FileInput, name: str = "",
                   instructions: str = "", enqueue: bool = True) -> ConversionJob:  # fmt: skip
    """Store the example pair and queue the training job (`enqueue=False`: the caller runs it)."""
    job_id = uuid.uuid4()
    with _job_folder(owner.pk, job_id):
        source = store_input(input_file, owner_id=owner.pk, job_id=job_id, kind="input", what="input file")
        target = store_input(expected_output_file, owner_id=owner.pk, job_id=job_id, kind="expected",
                             what="expected output file")  # fmt: skip
        with transaction.atomic():
            job = ConversionJob.objects.create(
                id=job_id, owner=owner, kind=JobKind.TRAINING, name=name or PurePosixPath(source.filename).stem,
                instructions=instructions, input_file=source.name, expected_file=target.name)  # fmt: skip
            if enqueue:
                job_enqueue(job)
    return job


def inference_start(*, owner, converter: Converter, input_file: FileInput, enqueue: bool = True) -> ConversionJob:
    job_id = uuid.uuid4()
    with _job_folder(owner.pk, job_id):
        source = store_input(input_file, owner_id=owner.pk, job_id=job_id, kind="input", what="input file")
        with transaction.atomic():
            job = ConversionJob.objects.create(id=job_id, owner=owner, kind=JobKind.INFERENCE, converter=converter,
                                               name=converter.name, input_file=source.name)  # fmt: skip
            if enqueue:
                job_enqueue(job)
    return job


def inference_run_now(*, converter: Converter, input_file: str) -> ConversionJob:
    """Convert a file here and now, as an inference job of the converter's owner (a graph tool's way):
    `input_file` is a storage name among the owner's files, or any file input (s3://, https://, base64)."""
    owner_id, job_id = converter.owner_id, uuid.uuid4()
    with _job_folder(owner_id, job_id):
        if _is_storage_name(input_file):
            if not input_file.startswith(f"{owner_id}/") or not default_storage.exists(input_file):
                raise ApplicationError(f"{input_file!r} is not a stored file of the converter's owner",
                                       code="file_not_found")  # fmt: skip
            stored = copy_stored(input_file, owner_id=owner_id, job_id=job_id, kind="input")
        else:
            stored = store_input(input_file, owner_id=owner_id, job_id=job_id, kind="input", what="input file").name
        job = ConversionJob.objects.create(id=job_id, owner_id=owner_id, kind=JobKind.INFERENCE, converter=converter,
                                           name=converter.name, input_file=stored)  # fmt: skip
    job_run(ConversionJob, str(job.pk), conversion_execute)
    job.refresh_from_db()
    return job


def _is_storage_name(text: str) -> bool:
    try:
        input_form(text)
    except ApplicationError:
        return ".." not in PurePosixPath(text).parts and not text.startswith("/")
    return False


def job_cancel_or_conflict(*, job: ConversionJob) -> ConversionJob:
    if not job_cancel(job):
        raise ConflictError(f"job {job.pk} is {job.status}; only a queued or running job can be cancelled")
    return job


def job_delete(*, job: ConversionJob) -> None:
    """Delete the job and its files. A queued or running job is cancelled first: its worker stops at
    its next progress report and keeps nothing it writes after that. The converter a training job
    produced stays (delete it as a converter)."""
    job_cancel(job)
    job.refresh_from_db()  # the output a worker recorded before the cancel is in the folder too
    delete_folder(job.folder)
    job.delete()


@transaction.atomic
def job_rerun(*, job: ConversionJob) -> ConversionJob:
    """A new job of the same kind on copies of the same input files."""
    if job.kind == JobKind.INFERENCE and job.converter is None:
        raise ApplicationError(f"job {job.pk}'s converter was deleted; it cannot run again", code="converter_gone")
    job_id = uuid.uuid4()
    with _job_folder(job.owner_id, job_id):
        copies = {"input_file": copy_stored(job.input_file, owner_id=job.owner_id, job_id=job_id, kind="input")}
        if job.kind == JobKind.TRAINING:
            copies["expected_file"] = copy_stored(job.expected_file, owner_id=job.owner_id, job_id=job_id,
                                                  kind="expected")  # fmt: skip
        rerun = ConversionJob.objects.create(id=job_id, owner_id=job.owner_id, kind=job.kind, name=job.name,
                                             instructions=job.instructions, converter=_reused_converter(job),
                                             **copies)  # fmt: skip
        job_enqueue(rerun)
    return rerun


def _reused_converter(job: ConversionJob) -> Converter | None:
    return job.converter if job.kind == JobKind.INFERENCE else None


# --- on the worker --------------------------------------------------------------------------------
def conversion_execute(job: ConversionJob) -> None:
    """The worker's part for either kind (called by job_run)."""
    if job.kind == JobKind.TRAINING:
        training_execute(job)
    else:
        inference_execute(job)


def inference_execute(job: ConversionJob) -> None:
    converter = job.converter
    if converter is None:
        raise JobFailure("The converter this job applies was deleted.", code="converter_gone")
    job_progress(job, 2, "reading the input file")
    filename = f"{PurePosixPath(job.input_file).stem}-converted.csv"
    name, path, in_place = output_target(f"{job.folder}", filename)
    try:
        with local_copy(job.input_file) as source:
            stats = converter_apply(converter, source, path, progress=_progress_reporter(job))
        job_progress(job, 97, f"saving the output ({stats['rows']} rows)")
        name = save_output(name, path, in_place)
    except ConversionFailed as exc:
        path.unlink(missing_ok=True)
        raise JobFailure(exc.message, code=exc.code) from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    _record_output(job, name, stats)


def _progress_reporter(job: ConversionJob) -> Callable[[int, int], None]:
    def report(done: int, size: int) -> None:
        percent = 5 + int(90 * done / size) if size else 5
        job_progress(job, percent, f"converting: {done / MIB:.1f} of {size / MIB:.1f} MiB read")

    return report


def _record_output(job: ConversionJob, name: str, stats: dict) -> None:
    """Keep the output only while the job is still ours: deleted or cancelled meanwhile, it goes."""
    recorded = ConversionJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        output_file=name, rows=stats["rows"], stats=stats
    )
    if recorded != 1:
        default_storage.delete(name)
        raise JobCancelled(str(job.pk))
    job.output_file, job.rows, job.stats = name, stats["rows"], stats


def converter_delete(*, converter: Converter) -> None:
    """Delete a converter; the jobs that used or produced it keep their records and files."""
    converter.delete()
