"""Reads for converters and conversion jobs, scoped to the caller (staff see all)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from csvconvert.models import ConversionJob, Converter, JobKind
from wfplatform.api.scoping import owned_or_not_found, scope_to_user
from wfplatform.errors import ApplicationError, ConflictError
from wfplatform.jobs.models import JobStatus


def jobs_for(user) -> QuerySet[ConversionJob]:
    return scope_to_user(ConversionJob.objects.select_related("owner"), user)


def job_for(user, job_id: Any) -> ConversionJob:
    return owned_or_not_found(ConversionJob.objects.select_related("owner"), user, job_id, "job")


def converters_for(user) -> QuerySet[Converter]:
    return scope_to_user(Converter.objects.select_related("owner"), user)


def converter_for(user, converter_id: Any) -> Converter:
    return owned_or_not_found(Converter.objects.select_related("owner"), user, converter_id, "converter")


def trained_converter(user, job_id: Any) -> Converter:
    """The converter a succeeded training job of the caller produced (the seed API's `job_id`)."""
    job = job_for(user, job_id)
    if job.kind != JobKind.TRAINING:
        raise ApplicationError(f"job {job_id} is an inference job; give a training job", code="not_a_training_job")
    if job.status != JobStatus.SUCCEEDED:
        raise ConflictError(
            f"training job {job_id} is {job.status}; only a succeeded training job has a converter",
            code="training_not_succeeded",
            details={"status": job.status},
        )
    if job.converter is None:
        raise ConflictError(f"the converter of training job {job_id} was deleted", code="converter_gone")
    return job.converter


def report_rows(report: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The diff report's cells as flat rows (example, row, column, expected, actual) for a table."""
    if not report:
        return []
    return [{"example": example["example"], **cell} for example in report.get("examples", [])
            for cell in example.get("differences", [])]  # fmt: skip
